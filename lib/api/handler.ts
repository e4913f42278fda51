import "server-only";
import type { z } from "zod";
import { AppError, fieldErrors } from "@/lib/errors";
import { requireSameOrigin } from "@/lib/api/origin";
import { formatBytes } from "@/lib/intake/limits";
import { requireApiCaller, type TApiCaller, type TCurrentUser } from "@/lib/session";

/** JSON bodies larger than this are refused before parsing (5 MB of text, escaped, fits). */
export const MAX_JSON_BYTES = 12 * 1024 * 1024;

export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, init);
}

/** An answer whose JSON is already serialized (a kept list), with the headers Response.json sets. */
export function jsonBody(body: string): Response {
  return new Response(body, { headers: { "content-type": "application/json" } });
}

/**
 * How the pool and the server say they are full: pg's pool when no connection came free in
 * DB_CONNECT_TIMEOUT_MS (two wordings: waiting for a pooled one, or a new one that took too long),
 * PostgreSQL's connection limits, and Prisma when a transaction could not get a connection in time.
 */
const OVERLOAD_MESSAGE =
  /timeout exceeded when trying to connect|connection terminated due to connection timeout|too many clients|too many connections|remaining connection slots|unable to start a transaction in the given time|connection terminated unexpectedly|can't reach database server|server has closed the connection/i;
/**
 * too_many_connections, cannot_connect_now (starting up, shutting down, crash recovery), and the
 * server going away under a query: admin_shutdown, crash_shutdown, connection_failure.
 */
const OVERLOAD_CODES = new Set(["53300", "57P03", "57P01", "57P02", "08006"]);
/** The adapter's kinds for a full server, and for one that is down or restarting (a crash, a failover): both pass. */
const OVERLOAD_KINDS = new Set(["TooManyConnections", "DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);

type TDriverAdapterCause = { originalCode?: string; kind?: string };

/** Database overload (pool timeout, too many connections) or outage (down, restarting) is a 503 the client may retry. */
function isOverload(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  if (OVERLOAD_MESSAGE.test(message)) return true;
  // Prisma wraps the driver's error; its code and kind say what PostgreSQL said.
  const cause = (error as { meta?: { driverAdapterError?: { cause?: TDriverAdapterCause } } } | null)?.meta?.driverAdapterError?.cause;
  return OVERLOAD_KINDS.has(cause?.kind ?? "") || OVERLOAD_CODES.has(cause?.originalCode ?? "");
}

/** Every 503 says when to come back: a client that retries at once only adds to the load. */
const RETRY_AFTER = { "Retry-After": "1" };

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return json({ error: error.toBody() }, { status: error.status, headers: error.status === 503 ? RETRY_AFTER : undefined });
  if (isOverload(error)) {
    return json({ error: { code: "UNAVAILABLE", message: "The server is busy, try again shortly" } }, { status: 503, headers: RETRY_AFTER });
  }
  console.error(error);
  return json({ error: { code: "INTERNAL", message: "Something went wrong on our side" } }, { status: 500 });
}

type TRouteContext = { params: Promise<Record<string, string>> };

/**
 * Wraps a route handler: the caller is identified first, by a personal API token (`Authorization:
 * Bearer pv_…`) or else the session (401 without either; 403 for a read-only token on a method that
 * writes, and for a session caller's write sent from another origin: lib/api/origin.ts); errors
 * become JSON `{ error: { code, message, fields? } }`. Authorization beyond who is asking stays in
 * lib/, the same for a token as for the browser.
 */
export function apiRoute(
  handler: (options: { req: Request; user: TCurrentUser; caller: TApiCaller; params: Record<string, string> }) => Promise<Response>,
) {
  return async (req: Request, context: TRouteContext): Promise<Response> => {
    try {
      const caller = await requireApiCaller(req);
      // The session cookie rides along on requests other sites make; a token does not.
      if (caller.via === "session") requireSameOrigin(req);
      return await handler({ req, user: caller.user, caller, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const tooLarge = (limit: number) => new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${formatBytes(limit)}`);

/**
 * Reads a body as bytes, at most `limit` of them: a declared Content-Length over the limit is refused
 * before reading, and a body without one (chunked) is cut off as soon as it passes the limit, so an
 * oversized body is never buffered whole.
 */
export async function readBodyCapped(req: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Strict UTF-8: invalid byte sequences make the body malformed rather than silently replaced. */
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads and validates a JSON body: 413 when larger than `limit` (declared or, for a chunked body, as
 * soon as it passes it), 400 when not JSON, 422 with field messages when invalid.
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, limit = MAX_JSON_BYTES): Promise<z.infer<S>> {
  const bytes = await readBodyCapped(req, limit);
  let body: unknown;
  try {
    body = JSON.parse(utf8.decode(bytes));
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON");
  }
  return parseInput(schema, body);
}

/** Validates input: unknown fields are a malformed request (400), invalid values 422; both name the fields. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const nul = nulCharacterPath(input);
  if (nul !== null) throw new AppError("VALIDATION", "Some fields are invalid", { [nul || "_"]: "Text may not contain the NUL character (U+0000)" });
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error.issues);
  if (parsed.error.issues.some((issue) => issue.code === "unrecognized_keys")) {
    throw new AppError("BAD_REQUEST", "The request has fields this endpoint does not take", fields);
  }
  throw new AppError("VALIDATION", "Some fields are invalid", fields);
}

/**
 * The path of the first string (value or key) holding U+0000, which PostgreSQL text cannot store
 * (it would fail the write with a 500), or null. Checked before validation, for every input; a walk
 * with its own stack, as bodies may nest deeper than the call stack allows.
 */
function nulCharacterPath(input: unknown): string | null {
  const pending: Array<[unknown, string]> = [[input, ""]];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return path;
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        const here = path ? `${path}.${key}` : key;
        if (key.includes("\u0000")) return here;
        pending.push([item, here]);
      }
    }
  }
  return null;
}
