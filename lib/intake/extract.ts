/**
 * The one entry point of an import: the bytes of an upload or a fetched page in, Provenant's
 * canonical text and the original's provenance out, or an IntakeError fit to show the user.
 * Pure: no database; the caller stores the result and the original bytes.
 */
import { canonicalText, titleFromFileName } from "@/lib/documents/text";
import { extractDocx } from "@/lib/intake/docx";
import { extractHtml } from "@/lib/intake/html";
import { formatBytes, MAX_IMPORT_BYTES, MAX_PDF_PAGES } from "@/lib/intake/limits";
import { extractPdf } from "@/lib/intake/pdf";
import { sniffFormat } from "@/lib/intake/sniff";
import { extractText } from "@/lib/intake/text";
import { IntakeError, reasonOf, type TExtracted, type TFormat, type TFormatResult } from "@/lib/intake/types";

export { MAX_IMPORT_BYTES, MAX_PDF_PAGES, IntakeError };
export type { TExtracted, TFormat, TIntakeMetadata, TIntakeStats, TIntakeWarning, TPageStart } from "@/lib/intake/types";

export const MEDIA_TYPES: Record<TFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  html: "text/html",
  txt: "text/plain",
  md: "text/markdown",
};

const FORMAT_NAMES: Record<TFormat, string> = { pdf: "this PDF", docx: "this Word file", html: "this web page", txt: "this text file", md: "this Markdown file" };

/** As ZDocumentTitle allows (lib/documents/schemas.ts). */
const MAX_TITLE = 300;

export type TExtractInput = {
  bytes: Uint8Array;
  fileName?: string;
  contentType?: string;
  /** Where a fetched page came from: resolves its relative canonical link, names it when it has no title. */
  sourceUrl?: string;
  /** Defaults to MAX_IMPORT_BYTES; smaller in tests. */
  maxBytes?: number;
};

export async function extractDocument(input: TExtractInput): Promise<TExtracted> {
  const { bytes, fileName, contentType, sourceUrl } = input;
  const maxBytes = input.maxBytes ?? MAX_IMPORT_BYTES;
  if (bytes.byteLength > maxBytes) throw new IntakeError(413, "too-large", `The file is larger than the ${formatBytes(maxBytes)} limit`);
  if (bytes.byteLength === 0) throw new IntakeError(422, "empty-file", "The file is empty");

  const format = sniffFormat({ bytes, fileName, contentType });
  const result = await extractFormat(format, input);
  const text = canonicalText(result.text);
  if (!text.trim()) {
    throw new IntakeError(422, "no-text", `No text could be extracted from ${fileName ? `“${fileName}”` : FORMAT_NAMES[format]}`);
  }

  const metadata = result.metadata ?? {};
  return {
    format,
    mediaType: MEDIA_TYPES[format],
    title: clampTitle(result.title ?? result.firstHeading ?? fallbackTitle(fileName, sourceUrl)),
    text,
    pages: result.pages ?? null,
    pageCount: result.pageCount ?? null,
    metadata: {
      authors: metadata.authors ?? [],
      publisher: metadata.publisher ?? null,
      datePublished: metadata.datePublished ?? null,
      url: metadata.url ?? (sourceUrl || null),
      language: metadata.language ?? null,
    },
    warnings: result.warnings ?? [],
    stats: {
      ligatures: 0,
      hyphenationsJoined: 0,
      emptyPages: [],
      trackedInsertions: 0,
      trackedDeletions: 0,
      fallback: false,
      ...result.stats,
    },
  };
}

async function extractFormat(format: TFormat, { bytes, contentType, sourceUrl }: TExtractInput): Promise<TFormatResult> {
  try {
    switch (format) {
      case "pdf":
        return await extractPdf({ bytes });
      case "docx":
        return await extractDocx({ bytes });
      case "html":
        return extractHtml({ bytes, contentType, sourceUrl });
      case "txt":
      case "md":
        return extractText({ bytes, markdown: format === "md" });
    }
  } catch (error) {
    if (error instanceof IntakeError) throw error;
    // Each extractor wraps its library calls; this is the last guard that no raw exception leaves.
    throw new IntakeError(422, "damaged", `${capitalize(FORMAT_NAMES[format])} could not be read (${reasonOf(error)})`, { cause: error });
  }
}

function fallbackTitle(fileName: string | undefined, sourceUrl: string | undefined): string {
  if (fileName) return titleFromFileName(fileName);
  if (!sourceUrl) return "Untitled document";
  try {
    const url = new URL(sourceUrl);
    const last = decodeURIComponent(url.pathname.split("/").filter(Boolean).at(-1) ?? "");
    return last ? titleFromFileName(last) : url.hostname;
  } catch {
    return "Untitled document";
  }
}

function clampTitle(title: string): string {
  const chars = Array.from(title.replace(/\s+/g, " ").trim());
  if (chars.length <= MAX_TITLE) return chars.join("") || "Untitled document";
  const cut = chars.slice(0, MAX_TITLE - 1).join("");
  return `${cut.replace(/\s+\S*$/, "") || cut}…`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
