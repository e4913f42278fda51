import "server-only";
import { promisify } from "node:util";
import zlib from "node:zlib";

/*
 * Large text answers (exports, a document's annotation list) compressed here at gzip's fastest
 * level instead of by Next's own compression (level 6). For a 6 MB JSON export level 6 took
 * ~100 ms of the answer's time for a file 15 % smaller than level 1 makes in a third of that. An
 * answer that already says Content-Encoding is left alone by Next's compression.
 */

const gzip = promisify(zlib.gzip);

/** Smaller answers are left to Next (its threshold is 1 KB; here the saving is the point). */
export const GZIP_MIN_BYTES = 32 * 1024;

const COMPRESSIBLE = /^(text\/|application\/([\w.+-]+\+)?(json|xml)\b)/i;

/** Whether an Accept-Encoding header takes gzip: named (or `*`) without `q=0`. */
export function acceptsGzip(acceptEncoding: string | null): boolean {
  if (!acceptEncoding) return false;
  let star: boolean | null = null;
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (name.trim() === "gzip") return accepted;
    if (name.trim() === "*") star = accepted;
  }
  return star === true;
}

/**
 * The answer's body and headers: gzipped (off the main thread, zlib's worker pool) when the client
 * takes gzip and the body is large, compressible text; as it is otherwise.
 */
export async function encodeBody(
  body: string | Uint8Array<ArrayBuffer>,
  options: { contentType: string; acceptEncoding: string | null },
): Promise<{ body: string | Uint8Array<ArrayBuffer>; headers: Record<string, string> }> {
  const size = typeof body === "string" ? body.length : body.byteLength;
  if (!COMPRESSIBLE.test(options.contentType) || size < GZIP_MIN_BYTES) return { body, headers: {} };
  if (!acceptsGzip(options.acceptEncoding)) return { body, headers: { Vary: "Accept-Encoding" } };
  return { body: new Uint8Array(await gzip(body, { level: 1 })), headers: { "Content-Encoding": "gzip", Vary: "Accept-Encoding" } };
}
