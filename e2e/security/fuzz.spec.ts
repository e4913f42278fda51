/**
 * fast-check fuzzing of every JSON endpoint (each POST / PATCH / PUT route handler found under
 * app/api/v1, so a new route is fuzzed without touching this file) with malformed bodies, as the
 * workspace's OWNER: random JSON, near-valid bodies with wrong types (shaped by the route's own
 * OpenAPI request schema), huge strings, deep nesting, prototype-pollution keys, truncated JSON,
 * invalid UTF-8 and the wrong content type. No answer may be a 5xx, and every 4xx is JSON with an
 * error code.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { ERROR_STATUS } from "../../lib/errors";
import { createAnnotation, createEvidence, createSource } from "../fixtures/annotator";
import { apiSignIn, createWorkspace, prisma, type TWorkspace } from "../fixtures/factories";
import { suiteSize } from "../fixtures/suite";

const API_ROOT = path.join(process.cwd(), "app", "api", "v1");
const BODY_METHODS = ["POST", "PATCH", "PUT"] as const;
type TBodyMethod = (typeof BODY_METHODS)[number];
type TRoute = { template: string; method: TBodyMethod };

/** Every route handler under app/api/v1 that takes a body, as `/api/v1/annotations/{id}` templates. */
function discoverRoutes(dir = API_ROOT, segments: string[] = []): TRoute[] {
  const routes: TRoute[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) routes.push(...discoverRoutes(full, [...segments, entry.name.replace(/^\[(.+)\]$/, "{$1}")]));
    else if (entry.name === "route.ts") {
      const source = fs.readFileSync(full, "utf8");
      for (const method of BODY_METHODS) {
        if (new RegExp(`export\\s+(const|async function|function)\\s+${method}\\b`).test(source)) routes.push({ template: `/api/v1/${segments.join("/")}`, method });
      }
    }
  }
  return routes;
}

const ROUTES = discoverRoutes();

type TSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, TSchema>;
  required?: string[];
  items?: TSchema;
  oneOf?: TSchema[];
  anyOf?: TSchema[];
  allOf?: TSchema[];
  $ref?: string;
  maxLength?: number;
};
type TOpenApi = { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: TSchema }> } }>>; components?: { schemas?: Record<string, TSchema> } };

/** The ids of real records, so that near-valid bodies get past "not found" into the code behind it. */
type TIds = Record<"workspace" | "document" | "annotation" | "comment" | "evidence" | "source" | "otherSource" | "member", string>;

let workspace: TWorkspace;
let ids: TIds;
let openapi: TOpenApi;

test.beforeAll(async ({ playwright }) => {
  workspace = await createWorkspace();
  const owner = workspace.users.OWNER;
  const text = "The minister said the bridge cost 40 million. Reports from 2019 put it at 55 million.";
  const document = await prisma().document.create({
    data: { workspaceId: workspace.id, title: "Fuzz target", text, sha256: "0".repeat(64), length: text.length, createdById: owner.id },
    select: { id: true },
  });
  const source = await createSource({ workspaceId: workspace.id, userId: owner.id, title: "Fuzz Gazette" });
  const otherSource = await createSource({ workspaceId: workspace.id, userId: owner.id, title: "Fuzz Herald" });
  const annotation = await createAnnotation({ documentId: document.id, userId: owner.id, needle: "40 million", sourceId: source.id });
  const evidence = await createEvidence({ annotationId: annotation.id, userId: owner.id, passage: "55 million" });
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(request, owner);
  const comment = await (await request.post(`/api/v1/annotations/${annotation.id}/comments`, { data: { html: "<p>first</p>" } })).json();
  openapi = await (await request.get("/api/v1/openapi.json")).json();
  await request.dispose();
  ids = {
    workspace: workspace.id,
    document: document.id,
    annotation: annotation.id,
    comment: String(comment?.id ?? comment?.comment?.id ?? "no-comment"),
    evidence: evidence.id,
    source: source.id,
    otherSource: otherSource.id,
    member: workspace.users.EDITOR.id,
  };
});

/** A URL for a template: each {param} gets the id of the record the segment before it names. */
function urlFor(template: string): string {
  const byCollection: Record<string, string> = {
    annotations: ids.annotation,
    comments: ids.comment,
    documents: ids.document,
    evidence: ids.evidence,
    sources: ids.source,
    workspaces: ids.workspace,
    members: ids.member,
  };
  const parts = template.split("/");
  return parts.map((part, i) => (/^\{.+\}$/.test(part) ? encodeURIComponent(byCollection[parts[i - 1]] ?? "cl-no-such-record") : part)).join("/");
}

function resolve(schema: TSchema | undefined): TSchema {
  let current = schema ?? {};
  for (let hops = 0; current.$ref && hops < 10; hops++) current = openapi.components?.schemas?.[current.$ref.split("/").pop() as string] ?? {};
  return current;
}

/** A random JSON value that is not what anyone expects: the fuzz's "wrong type" and "junk" arm. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, "", 0, -1, 1e308, -0, true, [], {}, "null", "undefined", "NaN", "__proto__", "\u0000", "\uFFFF", "\uD800", "💥".repeat(50)),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => "x".repeat(n)),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1.5, -1e-300),
);

/** A value shaped like the schema (an enum member, a real id, a number) or, one time in three, junk. */
function valueFor(raw: TSchema | undefined, name: string, depth: number): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
  if (depth > 4) return junk;
  if (variants.length > 0) return fc.oneof(...variants.map((variant) => valueFor(variant, name, depth + 1)), junk);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  let shaped: fc.Arbitrary<unknown>;
  if (schema.const !== undefined) shaped = fc.constant(schema.const);
  else if (schema.enum) shaped = fc.constantFrom(...schema.enum);
  else if (type === "string" && /id$/i.test(name)) shaped = fc.constantFrom(...Object.values(ids), "", "cl-no-such-record", "'; drop table", "%00");
  else if (type === "string") shaped = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), fc.constant("x".repeat((schema.maxLength ?? 1000) + 1)));
  else if (type === "integer" || type === "number") shaped = fc.oneof(fc.integer({ min: -5, max: 200 }), fc.integer(), fc.double({ noNaN: true }));
  else if (type === "boolean") shaped = fc.boolean();
  else if (type === "array") shaped = fc.array(valueFor(schema.items, name.replace(/s$/, ""), depth + 1), { maxLength: 6 });
  else if (type === "object" || schema.properties) shaped = objectFor(schema, depth + 1);
  else shaped = junk;
  return fc.oneof({ arbitrary: shaped, weight: 2 }, { arbitrary: junk, weight: 1 });
}

function objectFor(schema: TSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) return fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 4 });
  const record = fc.record(Object.fromEntries(properties.map(([key, value]) => [key, valueFor(value, key, depth)])), { requiredKeys: [] });
  // Sometimes a key the schema does not have, sometimes a prototype-pollution key.
  const extra = fc.option(fc.tuple(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "extra", "hasOwnProperty"), junk), { freq: 4 });
  return fc.tuple(record, extra).map(([body, added]) => (added ? withOwnKey(body, added[0], added[1]) : body));
}

/** Sets a key as an own property even when it is "__proto__", as JSON.parse on the server will. */
function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  return Object.defineProperty({ ...target }, key, { value, enumerable: true, writable: true, configurable: true });
}

type TBody = { bytes: Buffer; contentType: string; label: string };

function nested(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** Every kind of malformed body, as the bytes sent. */
function bodies(requestSchema: TSchema | undefined): fc.Arbitrary<TBody> {
  const shaped = requestSchema ? objectFor(resolve(requestSchema), 0) : fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 6 });
  const asJson = (label: string) => (value: unknown): TBody => ({ bytes: Buffer.from(JSON.stringify(value) ?? "null"), contentType: "application/json", label });
  return fc.oneof(
    { weight: 6, arbitrary: shaped.map(asJson("near-valid")) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(asJson("random JSON")) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom("__proto__", "constructor", "prototype"), junk)
        .map(([key, value]) => ({ bytes: Buffer.from(`{"${key}":{"polluted":true,"isAdmin":true,"role":"OWNER"},"constructor":{"prototype":{"polluted":${JSON.stringify(value) ?? "null"}}}}`), contentType: "application/json", label: "prototype pollution" })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom("array", "object") as fc.Arbitrary<"array" | "object">)
        .map(([depth, kind]) => ({ bytes: Buffer.from(nested(depth, kind)), contentType: "application/json", label: `nesting ${depth}` })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(shaped, fc.integer({ min: 100_000, max: 3_000_000 })).map(([body, size]) => {
        const key = Object.keys(body)[0] ?? "title";
        return { bytes: Buffer.from(JSON.stringify({ ...body, [key]: "y".repeat(size) })), contentType: "application/json", label: `huge ${key}` };
      }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(shaped, fc.nat()).map(([body, cut]) => {
        const text = JSON.stringify(body);
        return { bytes: Buffer.from(text.slice(0, cut % Math.max(1, text.length))), contentType: "application/json", label: "truncated" };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(shaped, fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => Buffer.from(bytes.map((b) => 0x80 | b)))).map(([body, bad]) => {
        const text = Buffer.from(JSON.stringify({ ...body, bad: "BAD" }));
        const at = text.indexOf("BAD");
        return { bytes: Buffer.concat([text.subarray(0, at), bad, text.subarray(at + 3)]), contentType: "application/json", label: "invalid UTF-8" };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(shaped, fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "")).map(([body, contentType]) => ({
        bytes: Buffer.from(JSON.stringify(body)),
        contentType,
        label: `content-type "${contentType}"`,
      })),
    },
    { weight: 1, arbitrary: fc.constantFrom("", " ", "nul", "{", "[1,", '{"a":}', "\u0000", "{}garbage", '"\\ud800"').map((text) => ({ bytes: Buffer.from(text), contentType: "application/json", label: "broken JSON" })) },
  );
}

const CODES = new Set(Object.keys(ERROR_STATUS));

/** One request; returns a description of what was wrong with the answer, or null. */
async function problemWith(request: APIRequestContext, route: TRoute, url: string, body: TBody): Promise<string | null> {
  const headers: Record<string, string> = { origin: new URL(request_base()).origin };
  if (body.contentType) headers["content-type"] = body.contentType;
  const response = await request.fetch(url, { method: route.method, data: body.bytes, headers, failOnStatusCode: false, timeout: 30_000 });
  const status = response.status();
  const text = await response.text();
  if (status >= 500) return `${status} ${text.slice(0, 300)}`;
  if (status >= 400) {
    let code: unknown;
    try {
      code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    } catch {
      return `${status} is not JSON: ${text.slice(0, 200)}`;
    }
    if (typeof code !== "string" || !CODES.has(code)) return `${status} without a known error code: ${text.slice(0, 200)}`;
  }
  return null;
}

function request_base(): string {
  return test.info().project.use.baseURL as string;
}

test("the fuzz covers every route handler that takes a body", () => {
  expect(ROUTES.length).toBeGreaterThanOrEqual(20);
  for (const route of ROUTES) expect(route.template, "a discovered route").toMatch(/^\/api\/v1\//);
});

for (const route of ROUTES) {
  test(`${route.method} ${route.template}: malformed bodies never get a 5xx`, async ({ request }) => {
    test.setTimeout(suiteSize({ full: 600_000, smoke: 120_000 }));
    await apiSignIn(request, workspace.users.OWNER);
    const operation = openapi.paths[route.template]?.[route.method.toLowerCase()];
    const schema = operation?.requestBody?.content?.["application/json"]?.schema;
    const url = urlFor(route.template);
    await fc.assert(
      fc.asyncProperty(bodies(schema), async (body) => {
        const problem = await problemWith(request, route, url, body);
        if (problem) throw new Error(`${route.method} ${url} [${body.label}] ${body.bytes.subarray(0, 300).toString("utf8")} → ${problem}`);
      }),
      { numRuns: suiteSize({ full: 300, smoke: 30 }), endOnFailure: false },
    );
  });
}
