/** Limits of an import, shared by the upload, the URL fetch and the preview. */

/** An uploaded or fetched original may be at most 25 MB. */
export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;

/** A PDF may have at most 2,000 pages: the text of each is read in one request. */
export const MAX_PDF_PAGES = 2_000;

export const FETCH_TIMEOUT_MS = 15_000;
export const FETCH_MAX_REDIRECTS = 5;

/** "25 MB", "512 KB" or "900 bytes", for messages that name a limit. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes.toLocaleString("en-US")} bytes`;
}
