import "server-only";
import { createHash } from "node:crypto";
import { requireMember } from "@/lib/access";
import { db } from "@/lib/db";
import { AppError, type TErrorCode } from "@/lib/errors";
import { codePointLength, sha256Hex } from "@/lib/documents/text";
import { pageList } from "@/lib/documents/pages";
import type { TDocumentFormat } from "@/lib/documents/schemas";
import type { TImportPreview } from "@/lib/documents/intake-preview";
import { IntakeError, MAX_IMPORT_BYTES, type TExtracted } from "@/lib/intake/extract";
import { extractOffThread } from "@/lib/intake/extract-off-thread";

export type { TImportPreview };
import { fetchUrl } from "@/lib/intake/fetch-url";

/** Canonical text of an import, in UTF-8 bytes: a 2,000-page book fits. */
export const MAX_IMPORTED_TEXT_BYTES = 10 * 1024 * 1024;

/** What a document is taken from: an uploaded file, or a page fetched by its address. */
export type TImportSource = { kind: "file"; bytes: Uint8Array; fileName: string; contentType: string } | { kind: "url"; url: string };

const STATUS_CODES: Record<number, TErrorCode> = { 413: "PAYLOAD_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE", 422: "VALIDATION" };

/** A refusal of the intake library as the API's error, naming the field the reviewer filled in. */
function intakeFailure(error: unknown, field: "file" | "url"): never {
  if (error instanceof IntakeError) throw new AppError(STATUS_CODES[error.status] ?? "VALIDATION", error.message, { [field]: error.message });
  throw error;
}

/** A date the file gives ("1992-03-16T08:00:00Z", "1992-03-16", "1992") as the partial date we keep, or null. */
function partialDate(value: string | null): string | null {
  const m = value ? /^(\d{4})(-\d{2})?(-\d{2})?/.exec(value.trim()) : null;
  return m ? m[0] : null;
}

/** Language tags as BCP 47 writes them; anything else the file says is dropped. */
function languageTag(value: string | null): string | null {
  const tag = value?.trim().replace(/_/g, "-") ?? "";
  return /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : null;
}

const FIRST_LINES = 12;

function firstLines(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    lines.push(line.length > 300 ? `${line.slice(0, 300)}…` : line);
    if (lines.length === FIRST_LINES) break;
  }
  return lines;
}

type TPrepared = { preview: TImportPreview; extracted: TExtracted; bytes: Uint8Array; fileName: string | null };

async function prepare(source: TImportSource, title: string | undefined): Promise<TPrepared> {
  const field = source.kind;
  let bytes: Uint8Array;
  let fileName: string | null = null;
  let contentType: string | undefined;
  let originalUrl: string | null = null;
  let retrievedAt: string | null = null;
  if (source.kind === "file") {
    bytes = source.bytes;
    fileName = source.fileName || null;
    contentType = source.contentType || undefined;
  } else {
    const fetched = await fetchUrl(source.url).catch((error: unknown) => intakeFailure(error, "url"));
    bytes = fetched.bytes;
    contentType = fetched.contentType ?? undefined;
    originalUrl = fetched.finalUrl;
    retrievedAt = fetched.fetchedAt.toISOString();
    fileName = new URL(fetched.finalUrl).pathname.split("/").pop() || null;
  }
  const extracted = await extractOffThread({ bytes, fileName: fileName ?? undefined, contentType, sourceUrl: originalUrl ?? undefined }).catch((error: unknown) =>
    intakeFailure(error, field),
  );
  if (Buffer.byteLength(extracted.text, "utf8") > MAX_IMPORTED_TEXT_BYTES) {
    const message = `The extracted text is larger than ${MAX_IMPORTED_TEXT_BYTES / (1024 * 1024)} MB`;
    throw new AppError("PAYLOAD_TOO_LARGE", message, { [field]: message });
  }
  const pages = extracted.pages ? pageList(extracted.pages.map((p) => p.start)) : null;
  const preview: TImportPreview = {
    format: extracted.format,
    title: ((title ?? "").trim() || extracted.title).slice(0, 300),
    metadata: {
      authors: extracted.metadata.authors.map((a) => a.trim().slice(0, 200)).filter(Boolean).slice(0, 50),
      publisher: extracted.metadata.publisher?.trim().slice(0, 300) || null,
      datePublished: partialDate(extracted.metadata.datePublished),
      // The page's own canonical address when it gives one, else where it was fetched from.
      originalUrl: extracted.metadata.url && /^https?:\/\//i.test(extracted.metadata.url) ? extracted.metadata.url.slice(0, 2000) : originalUrl,
      retrievedAt,
      archivedUrl: null,
      language: languageTag(extracted.metadata.language),
    },
    length: codePointLength(extracted.text),
    pageCount: pages ? pages.length : null,
    pages,
    emptyPages: extracted.stats.emptyPages,
    firstLines: firstLines(extracted.text),
    warnings: extracted.warnings,
    original: { sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.byteLength, mediaType: extracted.mediaType, fileName },
  };
  return { preview, extracted, bytes, fileName };
}

/**
 * Takes a document as it arrives (PDF, Word, web page, text), EDITOR or OWNER of the workspace.
 * `dryRun` returns the preview and stores nothing; otherwise the document and its original file are
 * stored in one transaction. A refused file stores nothing.
 */
export async function importDocument(options: {
  userId: string;
  workspaceId: string;
  title?: string;
  source: TImportSource;
  dryRun: boolean;
}): Promise<{ preview: TImportPreview; id: string | null }> {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId, role: "EDITOR" });
  if (options.source.kind === "file" && options.source.bytes.byteLength > MAX_IMPORT_BYTES) {
    const message = `The file is larger than the ${MAX_IMPORT_BYTES / (1024 * 1024)} MB limit`;
    throw new AppError("PAYLOAD_TOO_LARGE", message, { file: message });
  }
  const { preview, extracted, bytes, fileName } = await prepare(options.source, options.title);
  if (options.dryRun) return { preview, id: null };
  const text = extracted.text;
  const { metadata } = preview;
  const id = await db().$transaction(async (tx) => {
    const original = await tx.documentFile.create({
      data: {
        workspaceId: options.workspaceId,
        bytes: new Uint8Array(bytes),
        sha256: preview.original.sha256,
        size: preview.original.size,
        mediaType: preview.original.mediaType,
        fileName,
        createdById: options.userId,
      },
      select: { id: true },
    });
    const created = await tx.document.create({
      data: {
        workspaceId: options.workspaceId,
        title: preview.title,
        text,
        sha256: sha256Hex(text),
        length: preview.length,
        format: preview.format.toUpperCase() as Uppercase<TDocumentFormat>,
        pageStarts: preview.pages?.map((p) => p.start) ?? [],
        authors: metadata.authors,
        publisher: metadata.publisher,
        datePublished: metadata.datePublished,
        originalUrl: metadata.originalUrl,
        retrievedAt: metadata.retrievedAt ? new Date(metadata.retrievedAt) : null,
        archivedUrl: metadata.archivedUrl,
        language: metadata.language,
        originalId: original.id,
        createdById: options.userId,
      },
      select: { id: true },
    });
    return created.id;
  });
  return { preview, id };
}
