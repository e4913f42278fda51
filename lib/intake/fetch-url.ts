/**
 * "Import from a URL": fetches one page for extractDocument, guarded against server-side request
 * forgery. Only http(s); every host (the first and each redirect's) is resolved and refused unless
 * all its addresses are public; the connection itself resolves through the same check (so DNS
 * rebinding cannot swap the address afterwards); at most 5 redirects, 15 s and 25 MB in all.
 * Server-only (node:http); no database.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { addressKind, guardedLookup } from "@/lib/intake/address-guard";
import { FETCH_MAX_REDIRECTS, FETCH_TIMEOUT_MS, formatBytes, MAX_IMPORT_BYTES } from "@/lib/intake/limits";
import { IntakeError, reasonOf } from "@/lib/intake/types";

export type TFetchOptions = {
  /** Hosts ("host" or "host:port") fetched even on a loopback or private address; defaults to PV_FETCH_ALLOW_HOSTS. */
  allowHosts?: string[];
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
};

export type TFetched = { bytes: Uint8Array; contentType: string | null; finalUrl: string; fetchedAt: Date };

export const FETCH_USER_AGENT = "Provenant/0.1 (+document import)";
const ACCEPT = "text/html,application/xhtml+xml,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.5";
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The comma-separated allowlist of PV_FETCH_ALLOW_HOSTS (for tests against a local server). */
export function allowHostsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.PV_FETCH_ALLOW_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

export async function fetchUrl(url: string, options: TFetchOptions = {}): Promise<TFetched> {
  const allowHosts = (options.allowHosts ?? allowHostsFromEnv()).map((h) => h.trim().toLowerCase());
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  const maxRedirects = options.maxRedirects ?? FETCH_MAX_REDIRECTS;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const timedOut = () => refused(`The page took longer than ${formatSeconds(timeoutMs)}`);
  try {
    let current = httpUrl(url);
    for (let redirects = 0; ; redirects++) {
      const allowed = isAllowed(current, allowHosts);
      if (!allowed) await withDeadline(checkHost(current), controller.signal, timedOut);
      const response = await send(current, { signal: controller.signal, guard: !allowed }).catch((error: unknown) => {
        throw controller.signal.aborted ? timedOut() : networkError(error, current);
      });
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode ?? 0) && location) {
        response.destroy();
        if (redirects >= maxRedirects) throw refused(`Too many redirects (more than ${maxRedirects})`);
        current = httpUrl(location, current);
        continue;
      }
      const status = response.statusCode ?? 0;
      if (status < 200 || status > 299) {
        response.destroy();
        throw failed(`The server answered ${status}`);
      }
      const fetchedAt = new Date();
      const bytes = await readBody(response, maxBytes).catch((error: unknown) => {
        if (error instanceof IntakeError) throw error;
        throw controller.signal.aborted ? timedOut() : networkError(error, current);
      });
      return { bytes, contentType: response.headers["content-type"] ?? null, finalUrl: current.href, fetchedAt };
    }
  } finally {
    clearTimeout(timer);
  }
}

function refused(message: string): IntakeError {
  return new IntakeError(422, "fetch-refused", message);
}

function failed(message: string, cause?: unknown): IntakeError {
  return new IntakeError(422, "fetch-failed", message, { cause });
}

function privateAddress(address: string, kind: string): IntakeError {
  return refused(`That address is on a private network and cannot be fetched (${address} is ${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} address)`);
}

function httpUrl(value: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw refused("That is not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw refused("Only http and https URLs can be imported");
  // A user name or password in the address would be sent on (and kept as the original's URL).
  if (url.username || url.password) throw refused("Remove the user name and password from the address; pages behind a login cannot be imported");
  return url;
}

/** An allowlist entry names a host (any port) or host:port; IPv6 hosts are written in brackets. */
function isAllowed(url: URL, allowHosts: string[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return allowHosts.some((entry) => entry === host || entry === `${host}:${port}` || `[${entry}]` === host);
}

/** Refuses a host before any connection: a literal address by its range, a name by every address it resolves to. */
async function checkHost(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host)) {
    const kind = addressKind(host);
    if (kind) throw privateAddress(host, kind);
    return;
  }
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true });
  } catch (error) {
    throw networkError(error, url);
  }
  for (const { address } of addresses) {
    const kind = addressKind(address);
    if (kind) throw privateAddress(address, kind);
  }
}

function withDeadline<T>(work: Promise<T>, signal: AbortSignal, onTimeout: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(onTimeout());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onTimeout());
    signal.addEventListener("abort", abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

function send(url: URL, { signal, guard }: { signal: AbortSignal; guard: boolean }): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(url, {
      method: "GET",
      // A fresh connection per request: a pooled socket could have been opened for another host.
      agent: false,
      signal,
      headers: { "user-agent": FETCH_USER_AGENT, accept: ACCEPT, "accept-encoding": "gzip, deflate, br" },
      ...(guard ? { lookup: guardedLookup((_host, address, kind) => privateAddress(address, kind)) } : {}),
    });
    request.on("response", resolve);
    request.on("error", reject);
    request.end();
  });
}

/** The body, decompressed, refused as soon as it passes maxBytes (declared or streamed, so a compressed bomb stops too). */
async function readBody(response: http.IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => refused(`The page is larger than ${formatBytes(maxBytes)}`);
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const encoding = (response.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  const decoder = decoderFor(encoding);
  if (decoder === undefined) {
    response.destroy();
    throw failed(`The server sent the page in an encoding that cannot be read (${encoding})`);
  }
  let body: Readable = response;
  if (decoder) {
    response.on("error", (error) => decoder.destroy(error));
    body = response.pipe(decoder);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      total += (chunk as Buffer).byteLength;
      if (total > maxBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  } finally {
    if (total > maxBytes || !response.complete) response.destroy();
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

/** The decompressor of a Content-Encoding, null for none, undefined for one that cannot be read. */
function decoderFor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null | undefined {
  if (encoding === "identity" || encoding === "") return null;
  if (encoding === "gzip" || encoding === "x-gzip") return zlib.createGunzip();
  if (encoding === "deflate") return zlib.createInflate();
  if (encoding === "br") return zlib.createBrotliDecompress();
  return undefined;
}

function networkError(error: unknown, url: URL): IntakeError {
  if (error instanceof IntakeError) return error;
  const code = (error as { code?: string } | null)?.code ?? "";
  const host = url.hostname;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA") return failed(`The address ${host} could not be found`, error);
  if (code === "ECONNREFUSED") return failed(`The server at ${host} refused the connection`, error);
  if (code === "ECONNRESET" || code === "EPIPE") return failed(`The connection to ${host} was cut off`, error);
  if (code === "ETIMEDOUT" || code === "EHOSTUNREACH" || code === "ENETUNREACH") return failed(`The server at ${host} could not be reached`, error);
  if (/^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(code)) return failed(`The secure connection to ${host} failed (${code})`, error);
  return failed(`The page could not be fetched (${reasonOf(error)})`, error);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
