import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { GET as serveOpenApi } from "@/app/api/v1/openapi.json/route";
import { documentedOperations, openApiDocument } from "./openapi";

const API_ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" || entry.name === "route.tsx" ? [full] : [];
  });
}

/** The HTTP methods a route module exports: `export const GET`, `export async function POST`, `export { x as PATCH }`. */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) found.add(part.trim().split(/\s+as\s+/).pop()!.trim());
  }
  return [...found].filter((name) => METHODS.includes(name));
}

/** Every route as "METHOD /api/v1/path", with `[id]` folders as OpenAPI's `{id}`. */
function routedOperations(): string[] {
  return routeFiles(API_ROOT).flatMap((file) => {
    const folder = path.relative(API_ROOT, path.dirname(file)).split(path.sep).filter(Boolean);
    const apiPath = ["/api/v1", ...folder.map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}"))].join("/");
    return exportedMethods(fs.readFileSync(file, "utf8")).map((method) => `${method} ${apiPath}`);
  });
}

function collectRefs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, into));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "$ref" && typeof v === "string") into.push(v);
      else collectRefs(v, into);
    }
  }
  return into;
}

function resolvePointer(doc: unknown, pointer: string): unknown {
  return pointer
    .replace(/^#?\//, "")
    .split("/")
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), doc);
}

type TOperationDoc = { responses: Record<string, unknown>; security?: unknown[]; parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } };

describe("OpenAPI document", () => {
  const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, TOperationDoc>>; components: { schemas: Record<string, object> } };

  it("lists exactly the routes that exist: a route without an entry fails, an entry without a route fails", () => {
    const routed = routedOperations();
    const documented = documentedOperations();
    expect(routed.length).toBeGreaterThan(40);
    expect({
      undocumented: routed.filter((op) => !documented.includes(op)).sort(),
      withoutRoute: documented.filter((op) => !routed.includes(op)).sort(),
    }).toEqual({ undocumented: [], withoutRoute: [] });
    // The served paths are the documented ones.
    const served = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(served.sort()).toEqual([...documented].sort());
  });

  it("is a valid OpenAPI 3.1 document whose references all resolve and whose schemas are valid JSON Schema 2020-12", async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does find mistakes: a response without its description is not OpenAPI.
    const broken = structuredClone(doc);
    delete (broken.paths["/api/v1/documents"].get.responses["200"] as { description?: string }).description;
    expect((await new Validator().validate(broken)).valid).toBe(false);

    const unresolved = collectRefs(doc).filter((pointer) => resolvePointer(doc, pointer) === undefined);
    expect(unresolved).toEqual([]);

    const ajv = new Ajv2020({ strict: false });
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText()}`).toBe(true);
    }
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const body = op.requestBody?.content["application/json"]?.schema;
        if (body) expect(ajv.validateSchema(body), `${method} ${p}: ${ajv.errorsText()}`).toBe(true);
      }
    }
  });

  it("every operation declares its path parameters, and its errors in the one error shape", () => {
    for (const [p, methods] of Object.entries(doc.paths)) {
      const pathParams = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${p}`;
        expect(op.parameters?.filter((x) => x.in === "path").map((x) => x.name) ?? [], where).toEqual(pathParams);
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        if (!isPublic) expect(op.responses["401"], where).toEqual({ $ref: "#/components/responses/Unauthenticated" });
        if (!isPublic && method !== "get") expect(op.responses["403"], where).toBeDefined();
        if (pathParams.length) expect(op.responses["404"], where).toBeDefined();
        if (op.requestBody) expect(op.responses["422"], where).toBeDefined();
      }
    }
    expect(resolvePointer(doc, "/components/responses/Conflict/content/application~1json/schema")).toEqual({ $ref: "#/components/schemas/Error" });
    expect(resolvePointer(doc, "/components/schemas/ErrorBody/required")).toEqual(["code", "message"]);
  });

  it("request bodies come from the zod schemas the routes parse with; token routes need the session; the document itself is public", () => {
    const create = doc.paths["/api/v1/tokens"].post;
    expect(create.requestBody?.content["application/json"].schema).toMatchObject({
      type: "object",
      properties: { name: { type: "string", maxLength: 100 }, scope: { enum: ["READ", "READ_WRITE"] } },
      required: ["name", "scope"],
      additionalProperties: false,
    });
    expect(create.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.paths["/api/v1/tokens/{id}"].delete.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.paths["/api/v1/openapi.json"].get.security).toEqual([]);
    expect(doc.paths["/api/v1/documents/{id}/annotations"].get.parameters?.map((x) => x.name)).toEqual(["id", "status", "sourceId", "needsRecheck"]);
    expect(resolvePointer(doc, "/components/securitySchemes/bearerToken")).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("is served as JSON at /api/v1/openapi.json", async () => {
    const response = serveOpenApi();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
