import http from "node:http";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { createAnnotation, createEvidence, createSource } from "./fixtures/annotator";
import { apiSignIn, createWorkspace, prisma, type TUser } from "./fixtures/factories";

/**
 * Issue 18: every documented response of the OpenAPI document (GET /api/v1/openapi.json) is checked
 * against a real answer, so the document cannot drift. Each operation is called for each status it
 * documents; the status must be documented and the body must match the documented schema, where an
 * object's documented properties are all it may carry (an undocumented field fails). A documented
 * (operation, status) that no request here reached fails the last step, unless EXCEPTIONS says why
 * it cannot be reached.
 */

type TSchema = Record<string, unknown>;
type TResponseDoc = { $ref?: string; description?: string; content?: Record<string, { schema?: TSchema }> };
type TOperationDoc = { responses: Record<string, TResponseDoc>; parameters?: { name: string; in: string }[]; requestBody?: unknown; security?: unknown[] };
type TOpenApi = { paths: Record<string, Record<string, TOperationDoc>>; components: { schemas: Record<string, TSchema>; responses: Record<string, TResponseDoc> } };

/** Statuses no request of this suite can bring about, by operation ("*" for every one), and why. */
const EXCEPTIONS: Record<string, string> = {
  "* 503":
    "The database busy (the pool or PostgreSQL out of connections, or down): only under overload or an outage, which the reliability suite brings about (e2e/reliability); errorResponse answers it in the one Error shape tested here.",
};

const METHODS_WITH_BODY = new Set(["post", "put", "patch"]);

/**
 * Closes every object schema that lists its properties: a field the document does not name is drift.
 * An allOf of objects (a component extended: CreatedApiToken is an ApiToken and its `token`) is
 * merged into one object first, so each part does not refuse the other's fields.
 */
function closed(schema: unknown, components: Record<string, TSchema>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closed(s, components));
  if (!schema || typeof schema !== "object") return schema;
  let node = schema as TSchema;
  if (Array.isArray(node.allOf)) {
    const parts = (node.allOf as TSchema[]).map((part) => (typeof part.$ref === "string" ? components[part.$ref.split("/").pop()!] : part));
    if (parts.every((part) => part && typeof part.properties === "object")) {
      const { allOf: _parts, ...rest } = node;
      void _parts;
      node = {
        ...rest,
        type: "object",
        properties: Object.assign({}, ...parts.map((part) => part.properties)),
        required: parts.flatMap((part) => (part.required as string[] | undefined) ?? []),
      };
    }
  }
  const out = Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      k === "properties" ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closed(s, components)])) : closed(v, components),
    ]),
  );
  if ("properties" in out && !("additionalProperties" in out) && !("unevaluatedProperties" in out)) out.unevaluatedProperties = false;
  return out;
}

class ResponseChecker {
  readonly covered = new Set<string>();
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ReturnType<Ajv2020["compile"]>>();

  constructor(readonly doc: TOpenApi) {
    addFormats(this.ajv);
  }

  /** Every documented (operation, status) as "GET /api/v1/x 200". */
  documented(): string[] {
    return Object.entries(this.doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, op]) => Object.keys(op.responses).map((status) => `${method.toUpperCase()} ${path} ${status}`)),
    );
  }

  operation(key: string): TOperationDoc {
    const [method, path] = key.split(" ");
    const op = this.doc.paths[path]?.[method.toLowerCase()];
    expect(op, `${key} is not in the document`).toBeDefined();
    return op;
  }

  private responseDoc(key: string, status: number): TResponseDoc {
    const documented = this.operation(key).responses[String(status)];
    expect.soft(documented, `${key} answered ${status}, which the document does not list`).toBeDefined();
    if (!documented) return { description: "undocumented" };
    return documented.$ref ? this.doc.components.responses[documented.$ref.split("/").pop()!] : documented;
  }

  private validator(key: string, status: number, mediaType: string, schema: TSchema) {
    const id = `${key} ${status} ${mediaType}`;
    if (!this.validators.has(id)) {
      const components = this.doc.components.schemas;
      this.validators.set(id, this.ajv.compile({ ...(closed(schema, components) as TSchema), components: { schemas: closed(components, components) } }));
    }
    return this.validators.get(id)!;
  }

  /** Checks an answer of `key` ("POST /api/v1/sources") against its documented status and schema. */
  async check(key: string, status: number, response: APIResponse | Response, options: { soft?: boolean } = {}): Promise<unknown> {
    const got = typeof response.status === "function" ? response.status() : response.status;
    const text = "text" in response && typeof response.text === "function" ? await response.text() : "";
    (options.soft ? expect.soft : expect)(got, `${key}: ${text.slice(0, 500)}`).toBe(status);
    if (got !== status) return undefined;
    const documented = this.responseDoc(key, status);
    const headers = typeof response.headers === "function" ? response.headers() : Object.fromEntries((response.headers as Headers).entries());
    const mediaType = (headers["content-type"] ?? "").split(";")[0].trim();
    let body: unknown = undefined;
    if (!documented.content) {
      expect.soft(text, `${key} ${status}: the document says there is no body`).toBe("");
    } else {
      // A documented range ("*/*", "text/*") covers the types in it.
      const listed = Object.keys(documented.content).find((range) => range === mediaType || range === "*/*" || (range.endsWith("/*") && mediaType.startsWith(range.slice(0, -1))));
      expect.soft(listed, `${key} ${status}: answered ${mediaType}, documented ${Object.keys(documented.content).join(", ")}`).toBeDefined();
      if (listed === mediaType && mediaType.endsWith("json") && documented.content[mediaType].schema) {
        body = JSON.parse(text);
        const validate = this.validator(key, status, mediaType, documented.content[mediaType].schema!);
        expect.soft(validate(body) ? [] : validate.errors, `${key} ${status}: ${text.slice(0, 300)}`).toEqual([]);
      }
    }
    this.covered.add(`${key} ${status}`);
    return body;
  }

  /** A stream's head (SSE): its status and media type, without waiting for an end it never has. */
  async checkStream(key: string, url: string, token: string) {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal: abort.signal });
    expect(response.status, key).toBe(200);
    expect(Object.keys(this.responseDoc(key, 200).content ?? {})).toContain(response.headers.get("content-type")?.split(";")[0]);
    abort.abort();
    this.covered.add(`${key} 200`);
  }
}

/** How one operation is called: who, with which path ids, query and body. Replayed with changes for the error statuses. */
type TRecipe = { as: APIRequestContext; params?: Record<string, string>; query?: Record<string, string>; body?: unknown };

function urlOf(key: string, recipe: Pick<TRecipe, "params" | "query">): string {
  const path = key.split(" ")[1].replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(recipe.params?.[name] ?? "missing"));
  const query = new URLSearchParams(recipe.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}

function send(key: string, recipe: TRecipe, raw?: { data: string | Buffer; contentType?: string }): Promise<APIResponse> {
  const method = key.split(" ")[0].toLowerCase();
  const url = urlOf(key, recipe);
  const options = raw
    ? { data: raw.data, headers: { "content-type": raw.contentType ?? "application/json" } }
    : METHODS_WITH_BODY.has(method) || recipe.body !== undefined
      ? { data: recipe.body ?? {} }
      : {};
  return recipe.as.fetch(url, { method: method.toUpperCase(), timeout: 30_000, ...options });
}

/**
 * A request that declares a body over the API's 12 MB limit and sends a few bytes of it: the server
 * answers 413 from the Content-Length alone, without the client uploading 12 MB per operation.
 */
async function declaredTooLarge(url: string, method: string, as: APIRequestContext): Promise<Response> {
  // The caller's session, as the browser sends it (cookie and origin).
  const cookie = (await as.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const headers = { cookie, origin: new URL(url).origin, "Content-Type": "application/json", "Content-Length": String(13 * 1024 * 1024) };
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: method.toUpperCase(), headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers = new Headers(Object.entries(res.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers }));
        req.destroy();
      });
    });
    req.on("error", reject);
    // No answer from the declared length alone: a 0 that the check reports, rather than a hang.
    req.setTimeout(20_000, () => {
      req.destroy();
      resolve(new Response(null, { status: 599 }));
    });
    req.write("{");
  });
}

test.describe.configure({ timeout: 600_000 });

test("every documented response of the OpenAPI document matches what the API answers", async ({ playwright, baseURL }) => {
  const context = async (user?: TUser, headers?: Record<string, string>) => {
    const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: headers });
    if (user) await apiSignIn(ctx, user);
    return ctx;
  };
  const anonymous = await context();
  const doc = (await (await anonymous.get("/api/v1/openapi.json")).json()) as TOpenApi;
  const api = new ResponseChecker(doc);
  const recipes = new Map<string, TRecipe>();
  /** Calls an operation as its recipe says and checks the answer; the first recipe per operation is kept for the error statuses. */
  const call = async (key: string, status: number, recipe: TRecipe) => {
    if (!recipes.has(key)) recipes.set(key, recipe);
    return api.check(key, status, await send(key, recipe));
  };

  const ws = await createWorkspace({ corpus: true });
  const [owner, editor, reviewer] = await Promise.all([context(ws.users.OWNER), context(ws.users.EDITOR), context(ws.users.REVIEWER)]);
  const doc0 = ws.documents[0];
  const p = (params: Record<string, string>) => params;

  await test.step("meta, tokens", async () => {
    await call("GET /api/v1/openapi.json", 200, { as: anonymous });
    const created = (await call("POST /api/v1/tokens", 201, { as: owner, body: { name: "Checks", scope: "READ_WRITE" } })) as { id: string; token: string };
    await call("GET /api/v1/tokens", 200, { as: owner });
    const spare = (await (await owner.post("/api/v1/tokens", { data: { name: "Spare", scope: "READ" } })).json()) as { id: string };
    await call("DELETE /api/v1/tokens/{id}", 200, { as: owner, params: p({ id: spare.id }) });
    recipes.set("DELETE /api/v1/tokens/{id}", { as: owner, params: p({ id: created.id }) });
    process.env.PV_CHECK_TOKEN = created.token;
  });
  const writeToken = process.env.PV_CHECK_TOKEN!;
  const readToken = ((await (await owner.post("/api/v1/tokens", { data: { name: "Reader", scope: "READ" } })).json()) as { token: string }).token;
  const reader = await context(undefined, { Authorization: `Bearer ${readToken}` });

  await test.step("workspaces and members", async () => {
    await call("GET /api/v1/workspaces", 200, { as: owner });
    const made = (await call("POST /api/v1/workspaces", 201, { as: owner, body: { name: "Checked workspace" } })) as { id: string };
    const { version } = (await call("GET /api/v1/workspaces/{id}", 200, { as: owner, params: p({ id: made.id }) })) as { version: number };
    await call("PATCH /api/v1/workspaces/{id}", 200, { as: owner, params: p({ id: made.id }), body: { version, requireSignOff: false } });
    await call("PATCH /api/v1/workspaces/{id}", 409, { as: owner, params: p({ id: made.id }), body: { version, requireSignOff: true } });
    await call("GET /api/v1/workspaces/{id}/members", 200, { as: owner, params: p({ id: made.id }) });
    await call("GET /api/v1/workspaces/{id}/invitations", 200, { as: owner, params: p({ id: made.id }) });
    const invited = (await call("POST /api/v1/workspaces/{id}/invitations", 201, { as: owner, params: p({ id: made.id }), body: { email: `checked-${Date.now()}@example.com`, role: "REVIEWER" } })) as {
      invitation: { id: string };
    };
    await call("POST /api/v1/workspaces/{id}/invitations", 409, { as: owner, params: p({ id: made.id }), body: { email: ws.users.OWNER.email, role: "REVIEWER" } });
    await call("DELETE /api/v1/workspaces/{id}/invitations/{invitationId}", 204, { as: owner, params: p({ id: made.id, invitationId: invited.invitation.id }) });
    // A member to change and remove (joining through an invitation's page is e2e/invitations.spec.ts's).
    await prisma().membership.create({ data: { workspaceId: made.id, userId: ws.users.VIEWER.id, role: "REVIEWER" } });
    const newcomer = ws.users.VIEWER.id;
    await call("PATCH /api/v1/workspaces/{id}/members/{userId}", 200, { as: owner, params: p({ id: made.id, userId: newcomer }), body: { role: "EDITOR" } });
    await call("PATCH /api/v1/workspaces/{id}/members/{userId}", 409, { as: owner, params: p({ id: made.id, userId: ws.users.OWNER.id }), body: { role: "EDITOR" } });
    await call("DELETE /api/v1/workspaces/{id}/members/{userId}", 409, { as: owner, params: p({ id: made.id, userId: ws.users.OWNER.id }) });
    await call("DELETE /api/v1/workspaces/{id}/members/{userId}", 204, { as: owner, params: p({ id: made.id, userId: newcomer }) });
    await api.checkStream("GET /api/v1/workspaces/{id}/live", `${baseURL}/api/v1/workspaces/${ws.id}/live`, writeToken);
    recipes.set("GET /api/v1/workspaces/{id}/live", { as: owner, params: p({ id: ws.id }) });
    await call("GET /api/v1/workspaces/{id}/export", 200, { as: owner, params: p({ id: ws.id }), query: { format: "csv" } });
  });

  await test.step("background exports", async () => {
    const small = ((await call("POST /api/v1/workspaces/{id}/exports", 202, { as: editor, params: p({ id: ws.id }), body: { format: "csv" } })) as { job: { id: string } }).job;
    await call("GET /api/v1/exports/{id}", 200, { as: editor, params: p({ id: small.id }) });
    await expect.poll(async () => ((await (await editor.get(`/api/v1/exports/${small.id}`)).json()) as { state: string }).state, { timeout: 120_000 }).toBe("DONE");
    await call("GET /api/v1/exports/{id}/download", 200, { as: editor, params: p({ id: small.id }) });
    await call("POST /api/v1/exports/{id}/cancel", 409, { as: editor, params: p({ id: small.id }) });
    // Jobs still running, as rows (a real one may finish before the next request): the cap answers 429, and one is cancelled.
    const running = await Promise.all(
      Array.from({ length: 3 }, () => prisma().exportJob.create({ data: { workspaceId: ws.id, userId: ws.users.EDITOR.id, format: "pdf", options: {}, total: 5 }, select: { id: true } })),
    );
    await call("POST /api/v1/workspaces/{id}/exports", 429, { as: editor, params: p({ id: ws.id }), body: { format: "csv" } });
    await call("GET /api/v1/exports/{id}/download", 409, { as: editor, params: p({ id: running[0].id }) });
    await call("POST /api/v1/exports/{id}/cancel", 200, { as: editor, params: p({ id: running[0].id }) });
    await prisma().exportJob.deleteMany({ where: { id: { in: running.map((r) => r.id) } } });
  });

  const ids: Record<string, string> = {};
  await test.step("documents", async () => {
    await call("GET /api/v1/documents", 200, { as: owner, query: { workspaceId: ws.id } });
    const made = (await call("POST /api/v1/documents", 201, { as: editor, body: { workspaceId: ws.id, title: "Checked text", text: "Memorial reported 613 killed in Khojaly." } })) as { id: string };
    await api.check(
      "POST /api/v1/documents",
      200,
      await editor.post("/api/v1/documents?dryRun=1", { multipart: { workspaceId: ws.id, file: { name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("A plain note.\n") } } }),
    );
    await api.check(
      "POST /api/v1/documents",
      415,
      await editor.post("/api/v1/documents", { multipart: { workspaceId: ws.id, file: { name: "x.png", mimeType: "image/png", buffer: Buffer.from("89504e470d0a1a0a0000000d49484452", "hex") } } }),
    );
    const uploaded = (await (
      await editor.post("/api/v1/documents", { multipart: { workspaceId: ws.id, file: { name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("A plain note, uploaded.\n") } } })
    ).json()) as { id: string };
    await call("GET /api/v1/documents/{id}/original", 200, { as: owner, params: p({ id: uploaded.id }) });
    const got = (await call("GET /api/v1/documents/{id}", 200, { as: owner, params: p({ id: made.id }) })) as { metadataVersion: number };
    await call("PATCH /api/v1/documents/{id}", 200, { as: editor, params: p({ id: made.id }), body: { title: "Checked text, renamed" } });
    await call("PATCH /api/v1/documents/{id}", 409, { as: editor, params: p({ id: made.id }), body: { metadataVersion: got.metadataVersion + 5, publisher: "Nobody" } });
    await call("DELETE /api/v1/documents/{id}", 204, { as: editor, params: p({ id: uploaded.id }) });
    recipes.set("DELETE /api/v1/documents/{id}", { as: editor, params: p({ id: made.id }) });
    await call("GET /api/v1/documents/{id}/events", 200, { as: owner, params: p({ id: doc0.id }) });
    await api.checkStream("GET /api/v1/documents/{id}/live", `${baseURL}/api/v1/documents/${doc0.id}/live`, writeToken);
    recipes.set("GET /api/v1/documents/{id}/live", { as: owner, params: p({ id: doc0.id }) });
    await call("GET /api/v1/documents/{id}/export", 200, { as: owner, params: p({ id: doc0.id }), query: { format: "json" } });
    ids.document = made.id;
  });

  await test.step("sources", async () => {
    await call("GET /api/v1/sources", 200, { as: owner, query: { workspaceId: ws.id } });
    const source = (await call("POST /api/v1/sources", 201, { as: reviewer, body: { workspaceId: ws.id, kind: "NEWS_ARTICLE", title: "Massacre in the Caucasus", containerTitle: "Newsweek" } })) as {
      id: string;
      version: number;
    };
    await call("GET /api/v1/sources/{id}", 200, { as: owner, params: p({ id: source.id }) });
    await call("PATCH /api/v1/sources/{id}", 200, { as: editor, params: p({ id: source.id }), body: { version: source.version, issued: "1992-03-16" } });
    await call("PATCH /api/v1/sources/{id}", 409, { as: editor, params: p({ id: source.id }), body: { version: source.version, issued: "1992-03-17" } });
    const dupe = await createSource({ workspaceId: ws.id, userId: ws.users.EDITOR.id, title: "Newsweak" });
    const merged = (await call("POST /api/v1/sources/{id}/merge", 200, { as: editor, params: p({ id: dupe.id }), body: { intoId: source.id } })) as { merge: { id: string } };
    await call("POST /api/v1/sources/{id}/merge", 409, { as: editor, params: p({ id: dupe.id }), body: { intoId: source.id } });
    await call("POST /api/v1/source-merges/{id}/undo", 200, { as: owner, params: p({ id: merged.merge.id }) });
    await call("POST /api/v1/source-merges/{id}/undo", 409, { as: owner, params: p({ id: merged.merge.id }) });
    const bib = "@book{dewaal2003, author = {de Waal, Thomas}, title = {Black Garden}, publisher = {NYU Press}, year = {2003}}";
    await call("POST /api/v1/sources/import", 200, { as: reviewer, body: { workspaceId: ws.id, format: "bibtex", content: bib, dryRun: true } });
    await call("POST /api/v1/sources/import", 201, { as: reviewer, body: { workspaceId: ws.id, format: "bibtex", content: bib } });
    await call("GET /api/v1/sources/export", 200, { as: owner, query: { workspaceId: ws.id, format: "csl" } });
    ids.source = source.id;
  });

  await test.step("annotations, evidence, chain, sign-off, discussion", async () => {
    const list = `GET /api/v1/documents/{id}/annotations`;
    const made = (await call("POST /api/v1/documents/{id}/annotations", 201, { as: reviewer, params: p({ id: doc0.id }), body: { start: 0, end: 7, sourceId: ids.source } })) as { id: string; version: number };
    await call(list, 200, { as: owner, params: p({ id: doc0.id }) });
    await call("GET /api/v1/annotations/{id}", 200, { as: owner, params: p({ id: made.id }) });
    await call("PATCH /api/v1/annotations/{id}", 200, { as: reviewer, params: p({ id: made.id }), body: { version: made.version, note: "Checked" } });
    await call("PATCH /api/v1/annotations/{id}", 409, { as: reviewer, params: p({ id: made.id }), body: { version: made.version, note: "Stale" } });
    await call("GET /api/v1/annotations/{id}/events", 200, { as: owner, params: p({ id: made.id }) });

    const evidence = (await call("POST /api/v1/annotations/{id}/evidence", 201, { as: reviewer, params: p({ id: made.id }), body: { stance: "SUPPORTS", passage: "613 killed" } })) as { id: string; version: number };
    await call("GET /api/v1/annotations/{id}/evidence", 200, { as: owner, params: p({ id: made.id }) });
    await call("GET /api/v1/evidence/{id}", 200, { as: owner, params: p({ id: evidence.id }) });
    await call("PATCH /api/v1/evidence/{id}", 200, { as: reviewer, params: p({ id: evidence.id }), body: { version: evidence.version, passage: "613 persons were killed" } });
    await call("PATCH /api/v1/evidence/{id}", 409, { as: reviewer, params: p({ id: evidence.id }), body: { version: evidence.version, passage: "stale" } });
    let current = (await (await owner.get(`/api/v1/annotations/${made.id}`)).json()) as { version: number };
    const verified = (await (await reviewer.patch(`/api/v1/annotations/${made.id}`, { data: { version: current.version, status: "VERIFIED" } })).json()) as { version: number };
    // The only evidence of a Verified annotation cannot go.
    await call("DELETE /api/v1/evidence/{id}", 409, { as: reviewer, params: p({ id: evidence.id }) });
    await call("POST /api/v1/annotations/{id}/sign-off", 409, { as: editor, params: p({ id: made.id }), body: { version: verified.version - 1, decision: "CONFIRM" } });
    const confirmed = (await call("POST /api/v1/annotations/{id}/sign-off", 200, { as: editor, params: p({ id: made.id }), body: { version: verified.version, decision: "CONFIRM" } })) as { version: number };
    await call("PUT /api/v1/annotations/{id}/chain", 200, { as: reviewer, params: p({ id: made.id }), body: { version: confirmed.version, hops: [{ sourceId: ids.source, locator: "p. 1" }] } });
    await call("PUT /api/v1/annotations/{id}/chain", 409, { as: reviewer, params: p({ id: made.id }), body: { version: confirmed.version, hops: [] } });
    const extra = await createEvidence({ annotationId: made.id, userId: ws.users.REVIEWER.id, passage: "More" });
    await call("DELETE /api/v1/evidence/{id}", 204, { as: reviewer, params: p({ id: extra.id }) });

    const comment = (await call("POST /api/v1/annotations/{id}/comments", 201, { as: reviewer, params: p({ id: made.id }), body: { html: "<p>Checked against the report.</p>" } })) as { id: string; version: number };
    await call("GET /api/v1/annotations/{id}/comments", 200, { as: owner, params: p({ id: made.id }) });
    await call("PATCH /api/v1/comments/{id}", 200, { as: reviewer, params: p({ id: comment.id }), body: { version: comment.version, html: "<p>Checked twice.</p>" } });
    await call("PATCH /api/v1/comments/{id}", 409, { as: reviewer, params: p({ id: comment.id }), body: { version: comment.version, html: "<p>Stale.</p>" } });
    await call("DELETE /api/v1/comments/{id}", 409, { as: reviewer, params: p({ id: comment.id }), query: { version: String(comment.version) } });
    await call("DELETE /api/v1/comments/{id}", 200, { as: reviewer, params: p({ id: comment.id }), query: { version: String(comment.version + 1) } });
    current = (await (await owner.get(`/api/v1/annotations/${made.id}`)).json()) as { version: number };
    await call("POST /api/v1/annotations/{id}/thread", 200, { as: reviewer, params: p({ id: made.id }), body: { version: current.version, resolved: true } });
    await call("POST /api/v1/annotations/{id}/thread", 409, { as: reviewer, params: p({ id: made.id }), body: { version: current.version, resolved: false } });

    const other = await createAnnotation({ documentId: doc0.id, userId: ws.users.REVIEWER.id, needle: "Khojaly" });
    await call("POST /api/v1/annotations/bulk", 200, { as: editor, body: { action: "checklist", onChecklist: true, items: [{ id: other.id, version: 1 }] } });
    await call("POST /api/v1/annotations/{id}/restore", 409, { as: editor, params: p({ id: other.id }) });
    await call("DELETE /api/v1/annotations/{id}", 204, { as: editor, params: p({ id: other.id }) });
    await call("POST /api/v1/annotations/{id}/restore", 200, { as: editor, params: p({ id: other.id }) });

    const exported = await (await owner.get(`/api/v1/documents/${doc0.id}/export?format=w3c`)).text();
    const importBody = { format: "w3c", content: exported };
    await call("POST /api/v1/documents/{id}/annotations/import", 200, { as: reviewer, params: p({ id: ids.document }), body: { ...importBody, dryRun: true } });
    await call("POST /api/v1/documents/{id}/annotations/import", 201, { as: reviewer, params: p({ id: ids.document }), body: importBody });
  });

  await test.step("revisions", async () => {
    const text = "Memorial reported 613 killed in Khojaly. Newsweek quoted it.";
    const made = (await call("POST /api/v1/documents", 201, { as: editor, body: { workspaceId: ws.id, title: "Revised text", text } })) as { id: string };
    const quoted = (await call("POST /api/v1/documents/{id}/annotations", 201, { as: reviewer, params: p({ id: made.id }), body: { start: 18, end: 28, revision: 1 } })) as { id: string };
    await call("GET /api/v1/documents/{id}/revisions", 200, { as: owner, params: p({ id: made.id }) });
    await call("POST /api/v1/documents/{id}/revisions", 201, { as: editor, params: p({ id: made.id }), body: { baseRevision: 1, text: text.replace("613", "618"), reason: "Figure misread" } });
    await call("POST /api/v1/documents/{id}/revisions", 409, { as: editor, params: p({ id: made.id }), body: { baseRevision: 1, text: `${text} More.`, reason: "Late" } });
    await call("GET /api/v1/documents/{id}/revisions/{n}", 200, { as: owner, params: p({ id: made.id, n: "1" }) });
    await call("GET /api/v1/documents/{id}/diff", 200, { as: owner, params: p({ id: made.id }), query: { from: "1", to: "2" } });
    const flagged = (await (await owner.get(`/api/v1/annotations/${quoted.id}`)).json()) as { version: number; needsRecheck: boolean };
    expect(flagged.needsRecheck).toBe(true);
    await call("POST /api/v1/annotations/{id}/recheck", 200, { as: reviewer, params: p({ id: quoted.id }), body: { version: flagged.version } });
    await call("POST /api/v1/annotations/{id}/recheck", 409, { as: reviewer, params: p({ id: quoted.id }), body: { version: flagged.version + 1 } });
  });

  await test.step("inbox", async () => {
    await call("GET /api/v1/inbox", 200, { as: editor, query: { limit: "10" } });
    await call("POST /api/v1/inbox/read", 200, { as: editor, body: { all: true } });
    await call("GET /api/v1/inbox/settings", 200, { as: editor });
    await call("PUT /api/v1/inbox/settings", 200, { as: editor, body: { MENTION: true } });
  });

  await test.step("sizes and caps: an export too large to wait for, a merge of a heavily cited source, a sixth live stream", async () => {
    // A workspace of 11 documents (more than SYNC_EXPORT_MAX_DOCUMENTS): its export is a job (202), and past the cap 429.
    const big = await createWorkspace({ corpus: true });
    await prisma().document.createMany({
      data: Array.from({ length: 6 }, (_, i) => ({ workspaceId: big.id, title: `Extra ${i}`, text: `Extra text ${i}.`, sha256: String(i).repeat(64), length: 13, createdById: big.users.OWNER.id })),
    });
    const bigOwner = await context(big.users.OWNER);
    await call("GET /api/v1/workspaces/{id}/export", 202, { as: bigOwner, params: p({ id: big.id }), query: { format: "csv" } });
    await Promise.all(Array.from({ length: 3 }, () => prisma().exportJob.create({ data: { workspaceId: big.id, userId: big.users.OWNER.id, format: "pdf", options: {}, total: 11 } })));
    await call("GET /api/v1/workspaces/{id}/export", 429, { as: bigOwner, params: p({ id: big.id }), query: { format: "csv" } });
    await prisma().exportJob.deleteMany({ where: { workspaceId: big.id } });

    // A source cited more than MERGE_INLINE_MAX times is merged in the background (202), its progress read back.
    const cited = await createSource({ workspaceId: ws.id, userId: ws.users.EDITOR.id, title: "Much cited" });
    const kept = await createSource({ workspaceId: ws.id, userId: ws.users.EDITOR.id, title: "Much cited, kept" });
    await prisma().annotation.createMany({
      data: Array.from({ length: 501 }, () => ({
        workspaceId: ws.id, documentId: doc0.id, documentRevision: 1, start: 0, end: 7, exact: "x", prefix: "", suffix: "",
        sourceId: cited.id, createdById: ws.users.REVIEWER.id, updatedById: ws.users.REVIEWER.id,
      })),
    });
    const running = (await call("POST /api/v1/sources/{id}/merge", 202, { as: editor, params: p({ id: cited.id }), body: { intoId: kept.id } })) as { merge: { id: string } };
    await call("GET /api/v1/source-merges/{id}", 200, { as: editor, params: p({ id: running.merge.id }) });

    // Five live streams a member may hold; the sixth is refused (429), on either kind of stream.
    const { token } = (await (await editor.post("/api/v1/tokens", { data: { name: "Streams", scope: "READ" } })).json()) as { token: string };
    const streamer = await context(undefined, { Authorization: `Bearer ${token}` });
    const open = Array.from({ length: 5 }, () => new AbortController());
    await Promise.all(open.map((abort) => fetch(`${baseURL}/api/v1/documents/${doc0.id}/live`, { headers: { Authorization: `Bearer ${token}` }, signal: abort.signal })));
    try {
      await api.check("GET /api/v1/documents/{id}/live", 429, await streamer.get(`/api/v1/documents/${doc0.id}/live`));
      await api.check("GET /api/v1/workspaces/{id}/live", 429, await streamer.get(`/api/v1/workspaces/${ws.id}/live`));
    } finally {
      open.forEach((abort) => abort.abort());
    }
  });

  await test.step("every operation's shared errors: 401, 403, 404, 400, 422, 413", async () => {
    const soft = { soft: true };
    for (const key of [...recipes.keys()]) {
      const op = api.operation(key);
      const recipe = recipes.get(key)!;
      const has = (status: number) => String(status) in op.responses;
      if (has(401)) await api.check(key, 401, await send(key, { ...recipe, as: anonymous }), soft);
      // A read-only token may not write; the session-only routes refuse every token.
      if (has(403)) await api.check(key, 403, await send(key, { ...recipe, as: reader }), soft);
      if (has(404)) {
        const gone = Object.fromEntries(Object.keys(recipe.params ?? {}).map((name) => [name, "no-such-id"]));
        await api.check(key, 404, await send(key, { ...recipe, params: gone }), soft);
      }
      const method = key.split(" ")[0].toLowerCase();
      if (METHODS_WITH_BODY.has(method) && op.requestBody) {
        if (has(400)) await api.check(key, 400, await send(key, recipe, { data: Buffer.from("{ not json") }), soft);
        if (has(422)) await api.check(key, 422, await send(key, { ...recipe, body: { ...(recipe.body as object), nul: "\u0000" } }), soft);
        if (has(413)) await api.check(key, 413, await declaredTooLarge(`${baseURL}${urlOf(key, recipe)}`, method, recipe.as), soft);
      } else {
        const name = op.parameters?.find((x) => x.in === "query")?.name;
        if (name && has(400)) await api.check(key, 400, await send(key, { ...recipe, query: { ...recipe.query, notAParameter: "1" } }), soft);
        if (name && has(422)) await api.check(key, 422, await send(key, { ...recipe, query: { ...recipe.query, [name]: "\u0000" } }), soft);
      }
    }
  });

  await test.step("no documented response is left unchecked", async () => {
    const unchecked = api.documented().filter((entry) => !api.covered.has(entry) && !EXCEPTIONS[entry] && !EXCEPTIONS[`* ${entry.split(" ").pop()}`]);
    expect(unchecked).toEqual([]);
  });
});
