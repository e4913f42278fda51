import "server-only";
import { contentDisposition, slug } from "@/lib/exports/file-name";

const EXTENSIONS: Record<string, string> = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "text/html": "html",
  "text/markdown": "md",
  "text/plain": "txt",
};

/**
 * The original as a download: its own media type, always as an attachment (an HTML original must
 * never render on our origin; the API's policy forbids its scripts too), its sha256 as the ETag.
 */
export function originalFileResponse(file: { title: string; bytes: Uint8Array; sha256: string; size: number; mediaType: string; fileName: string | null }): Response {
  const name = file.fileName?.trim() || `${slug(file.title, "document")}.${EXTENSIONS[file.mediaType] ?? "bin"}`;
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "content-type": file.mediaType,
      "content-length": String(file.size),
      "content-disposition": contentDisposition(name),
      etag: `"${file.sha256}"`,
      "cache-control": "private, no-cache",
    },
  });
}
