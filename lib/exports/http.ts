import "server-only";
import type { TExportFile } from "@/lib/exports/registry";
import { contentDisposition } from "@/lib/exports/file-name";

/**
 * The origin the user reached the app at, for absolute URLs inside exports: the proxy's
 * X-Forwarded-Proto/-Host when there is one in front, else the request's own URL.
 */
export function requestOrigin(req: Request): string {
  return forwardedOrigin(req.headers, req.url);
}

const HOST = /^[a-z0-9.\-[\]:]+$/i;

/**
 * The origin a request reached: a proxy's X-Forwarded-Host/-Proto when one is in front, else
 * `fallback` (the request's own URL). A host that is not a plain host name is ignored.
 */
export function forwardedOrigin(headers: Headers, fallback: string): string {
  const base = new URL(fallback);
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim() || "";
  const host = first("x-forwarded-host");
  const proto = first("x-forwarded-proto");
  if (host && HOST.test(host)) return `${/^https?$/i.test(proto) ? proto.toLowerCase() : base.protocol.slice(0, -1)}://${host}`;
  return base.origin;
}

/** A download: its media type, `attachment` with the file name, never cached (it holds workspace data). */
export function fileResponse(file: TExportFile): Response {
  const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(file.fileName),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
