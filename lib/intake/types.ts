/**
 * What the intake library returns and throws. Pure types plus one error class; no server
 * imports, so the import preview in the browser can share them.
 */

export type TFormat = "pdf" | "docx" | "html" | "txt" | "md";

/** Where a page of a paged original begins in the canonical text, in code points. */
export type TPageStart = { number: number; start: number };

export type TIntakeMetadata = {
  authors: string[];
  publisher: string | null;
  /** YYYY-MM-DD when the source gives only a day, else a full ISO 8601 timestamp. */
  datePublished: string | null;
  url: string | null;
  language: string | null;
};

export type TIntakeWarningCode = "fallback-extraction" | "tracked-changes" | "ligatures" | "hyphenation" | "pages-without-text";

/** Shown in the import preview, so that what the extraction changed or guessed is never silent. */
export type TIntakeWarning = { code: TIntakeWarningCode; message: string; count?: number };

export type TIntakeStats = {
  /** Ligature characters (U+FB00–U+FB06) decomposed into their letters. */
  ligatures: number;
  /** Words hyphenated across a line end whose hyphen and line break were removed. */
  hyphenationsJoined: number;
  emptyPages: number[];
  trackedInsertions: number;
  trackedDeletions: number;
  /** True when the whole page body was taken because no article was found. */
  fallback: boolean;
};

export type TExtracted = {
  format: TFormat;
  mediaType: string;
  title: string;
  /** Already canonical (CRLF -> LF, NFC); every offset in this result counts its code points. */
  text: string;
  pages: TPageStart[] | null;
  pageCount: number | null;
  metadata: TIntakeMetadata;
  warnings: TIntakeWarning[];
  stats: TIntakeStats;
};

/** What one format's extractor hands to extract.ts, before the shared title, limits and canonical pass. */
export type TFormatResult = {
  text: string;
  title: string | null;
  /** The first heading of the text, a title of last resort before the file name. */
  firstHeading?: string | null;
  pages?: TPageStart[] | null;
  pageCount?: number | null;
  metadata?: Partial<TIntakeMetadata>;
  warnings?: TIntakeWarning[];
  stats?: Partial<TIntakeStats>;
};

export type TIntakeStatus = 413 | 415 | 422;

export type TIntakeErrorCode =
  | "too-large"
  | "too-many-pages"
  | "unsupported-type"
  | "empty-file"
  | "no-text"
  | "invalid-text"
  | "damaged"
  | "encrypted"
  | "no-text-layer"
  | "fetch-refused"
  | "fetch-failed";

/**
 * The one error the library throws: a status for the HTTP answer and a message fit to show the
 * user. Library exceptions are caught and turned into this, never passed on raw.
 */
export class IntakeError extends Error {
  readonly status: TIntakeStatus;
  readonly code: TIntakeErrorCode;

  constructor(status: TIntakeStatus, code: TIntakeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "IntakeError";
    this.status = status;
    this.code = code;
  }
}

export const SUPPORTED_TYPES_MESSAGE = "Supported: PDF, Word (.docx), web pages (HTML), plain text (.txt) and Markdown (.md)";

/** The reason of a caught library exception, one line, for messages such as "The Word file is damaged: …". */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split("\n")[0].trim().replace(/\.$/, "");
  return line.length > 160 ? `${line.slice(0, 157)}…` : line || "unknown error";
}
