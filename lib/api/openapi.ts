import type { z } from "zod";
import { json, PATHS, type TMethod, type TOperation, type TParameter } from "@/lib/api/openapi-paths";
import { COMPONENT_SCHEMAS, fromZod, ref, type TSchema } from "@/lib/api/openapi-schemas";

/**
 * The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Every route has an entry
 * and every entry a route (lib/api/openapi.test.ts walks app/api/v1 to hold both to that). Request
 * bodies and query parameters come from the zod schemas the routes parse with, so they cannot drift.
 */

const TAGS: Record<string, string> = {
  "openapi.json": "Meta",
  tokens: "Tokens",
  workspaces: "Workspaces",
  exports: "Exports",
  documents: "Documents",
  annotations: "Annotations",
  comments: "Comments",
  evidence: "Evidence",
  inbox: "Inbox",
  sources: "Sources",
  "source-merges": "Sources",
};

const ERROR_RESPONSES: Record<number, { name: string; description: string }> = {
  400: { name: "BadRequest", description: "Not JSON, or fields or parameters this endpoint does not take (named in `fields`)" },
  401: { name: "Unauthenticated", description: "No session and no token, or a token that is unknown or revoked" },
  403: { name: "Forbidden", description: "Your role is too low, or a READ token tried to write (\"This token can only read\")" },
  404: { name: "NotFound", description: "Not found, or not in a workspace you belong to" },
  409: { name: "Conflict", description: "Stale `version` (the record as it stands is in `current`) or a rule of the current state" },
  413: { name: "PayloadTooLarge", description: "The request body is too large" },
  415: { name: "UnsupportedMediaType", description: "A file of a type that cannot be imported; the message lists the supported types" },
  422: { name: "Validation", description: "Invalid values, one message per field in `fields`" },
  429: { name: "TooManyRequests", description: "Too many of these at once; wait for one to finish" },
  503: { name: "Unavailable", description: "The database is busy; retry after `Retry-After` seconds" },
};

const PARAM_NAMES: Record<string, string> = {
  tokens: "token",
  workspaces: "workspace",
  exports: "export job",
  documents: "document",
  annotations: "annotation",
  comments: "comment",
  evidence: "evidence item",
  sources: "source",
  "source-merges": "merge",
  members: "member",
};

function pathParameters(path: string): TParameter[] {
  const segments = path.split("/");
  return segments.flatMap((segment, i) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (!name) return [];
    const what = PARAM_NAMES[segments[i - 1]] ?? segments[i - 1];
    return [{ name, in: "path" as const, required: true, description: name === "userId" ? "The member's user id" : `The ${what}'s id`, schema: { type: "string" } }];
  });
}

function operationId(method: TMethod, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, "")
    .split(/[/{}.-]+/)
    .filter(Boolean);
  return method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

function buildOperation(method: TMethod, path: string, op: TOperation) {
  const parameters = [...pathParameters(path), ...(op.query ?? []), ...(op.headers ?? [])];
  const hasBody = op.body !== undefined;
  const errors = new Set<number>(op.errors);
  if (!op.public) [401, 503].forEach((s) => errors.add(s));
  if (!op.public && (method !== "get" || op.sessionOnly)) errors.add(403);
  if (path.includes("{")) errors.add(404);
  // A live stream reads only its resume point and ignores other parameters: it answers neither.
  const stream = op.ok.content?.["text/event-stream"] !== undefined;
  // Query parameters are checked (422); only routes that refuse unknown ones list 400 (in `errors`).
  if (hasBody) [400, 422].forEach((s) => errors.add(s));
  else if (op.query?.length && !stream) errors.add(422);
  if (hasBody) errors.add(413);

  const responses: Record<string, unknown> = {};
  for (const answer of [op.ok, ...(op.also ?? [])]) {
    const content = answer.schema || answer.content ? { content: answer.content ?? json(answer.schema as TSchema) } : {};
    responses[answer.status] = { description: answer.description, ...(answer.headers ? { headers: answer.headers } : {}), ...content };
  }
  for (const status of [...errors].sort((a, b) => a - b)) responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };

  const notes = [op.description, op.access ? `Who: ${op.access}.` : "", op.sessionOnly ? "Needs a signed-in session: an API token gets 403." : ""];
  const body = op.body === undefined ? undefined : "safeParse" in op.body ? fromZod(op.body as z.ZodType) : (op.body as TSchema);
  return {
    operationId: operationId(method, path),
    summary: op.summary,
    ...(notes.some(Boolean) ? { description: notes.filter(Boolean).map((n) => (/[.)]$/.test(n as string) ? n : `${n}.`)).join(" ") } : {}),
    tags: [TAGS[path.split("/")[3]] ?? "Other"],
    ...(op.public ? { security: [] } : op.sessionOnly ? { security: [{ sessionCookie: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: { required: true, content: { ...json(body), ...op.bodyMedia } } } : {}),
    responses,
  };
}

let built: Record<string, unknown> | undefined;

/** The whole document (built once per process). */
export function openApiDocument(): Record<string, unknown> {
  built ??= {
    openapi: "3.1.1",
    info: {
      title: "Provenant API",
      version: "1",
      description: [
        "The JSON API of Provenant: the same data and rules as the app, for scripts and other tools.",
        "",
        "**Authentication.** Send a personal API token, `Authorization: Bearer pv_…` (create one at /settings/tokens; READ tokens may only GET, others get 403 \"This token can only read\"), or use the browser's session cookie. A Bearer header is always checked on its own: an unknown or revoked token is 401 even with a session cookie. Creating and revoking tokens needs the session. This description itself is public.",
        "",
        "**Access.** A token acts as its owner: every request is checked against the owner's workspace roles, as in the app. A record in a workspace you do not belong to is 404.",
        "",
        "**Errors** are `{ \"error\": { \"code\", \"message\", \"fields\"?, \"current\"? } }`. Every change to a versioned record carries the `version` it was made against; a stale one is refused with 409 and the record as it now stands in `current`.",
        "",
        "**Offsets** (`start`, `end`, `length`) count Unicode code points, as the W3C TextPositionSelector does.",
      ].join("\n"),
    },
    tags: [...new Set(Object.values(TAGS))].map((name) => ({ name })),
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    paths: Object.fromEntries(
      Object.entries(PATHS).map(([path, methods]) => [
        path,
        Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, buildOperation(method as TMethod, path, op as TOperation)])),
      ]),
    ),
    components: {
      schemas: COMPONENT_SCHEMAS,
      responses: Object.fromEntries(
        Object.values(ERROR_RESPONSES).map(({ name, description }) => [name, { description, content: json(ref("Error")) }]),
      ),
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "pv_ and 43 base64url characters",
          description: "A personal API token from /settings/tokens.",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The browser session after signing in (named `__Secure-next-auth.session-token` over HTTPS).",
        },
      },
    },
  };
  return built;
}

/** Every documented operation as "METHOD /path", for the test that holds the document to the routes. */
export function documentedOperations(): string[] {
  return Object.entries(PATHS).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
}
