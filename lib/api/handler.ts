import "server-only";
import type { z } from "zod";
import { AppError, fieldErrors } from "@/lib/errors";
import { requireApiCaller, type TApiCaller, type TCurrentUser } from "@/lib/session";

/** JSON bodies larger than this are refused before parsing (5 MB of text, escaped, fits). */
export const MAX_JSON_BYTES = 12 * 1024 * 1024;

export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, init);
}

/** Database overload (pool timeout, too many connections) is a 503 the client may retry. */
function isOverload(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /timeout exceeded when trying to connect|too many clients|remaining connection slots/i.test(message);
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return json({ error: error.toBody() }, { status: error.status });
  if (isOverload(error)) {
    return json({ error: { code: "UNAVAILABLE", message: "The server is busy, try again shortly" } }, { status: 503, headers: { "Retry-After": "1" } });
  }
  console.error(error);
  return json({ error: { code: "INTERNAL", message: "Something went wrong on our side" } }, { status: 500 });
}

type TRouteContext = { params: Promise<Record<string, string>> };

/**
 * Wraps a route handler: the caller is identified first, by a personal API token (`Authorization:
 * Bearer pv_…`) or else the session (401 without either; 403 for a read-only token on a method that
 * writes); errors become JSON `{ error: { code, message, fields? } }`. Authorization beyond who is
 * asking stays in lib/, the same for a token as for the browser.
 */
export function apiRoute(
  handler: (options: { req: Request; user: TCurrentUser; caller: TApiCaller; params: Record<string, string> }) => Promise<Response>,
) {
  return async (req: Request, context: TRouteContext): Promise<Response> => {
    try {
      const caller = await requireApiCaller(req);
      return await handler({ req, user: caller.user, caller, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Reads and validates a JSON body: 413 when too large, 400 when not JSON, 422 with field messages when invalid. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is larger than 12 MB");
  const raw = await req.text();
  if (Buffer.byteLength(raw, "utf8") > MAX_JSON_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is larger than 12 MB");
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON");
  }
  return parseInput(schema, body);
}

/** Validates input: unknown fields are a malformed request (400), invalid values 422; both name the fields. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error.issues);
  if (parsed.error.issues.some((issue) => issue.code === "unrecognized_keys")) {
    throw new AppError("BAD_REQUEST", "The request has fields this endpoint does not take", fields);
  }
  throw new AppError("VALIDATION", "Some fields are invalid", fields);
}
