/**
 * JSON bodies over the limit are refused with 413 before they are parsed or held whole: a declared
 * Content-Length over the limit is answered before the body is sent, a chunked body is cut off as
 * soon as it passes the limit, and a body just under the limit is read and validated as usual.
 */
import http from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { createAnnotation } from "../fixtures/annotator";
import { apiSignIn, createWorkspace, prisma, type TWorkspace } from "../fixtures/factories";
import { builtActions } from "./lib/discover";
import { actionResult } from "./lib/http";

const LIMIT = 12 * 1024 * 1024;
/** MAX_COMMENT_BODY_BYTES */
const COMMENT_LIMIT = 512 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "a");

let workspace: TWorkspace;
let cookie: string;

/** The session cookie of a signed-in API context, for raw node:http requests. */
async function sessionCookie(request: APIRequestContext): Promise<string> {
  const state = await request.storageState();
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

test.beforeAll(async ({ playwright }) => {
  workspace = await createWorkspace({ corpus: true });
  const request = await playwright.request.newContext({ baseURL });
  await apiSignIn(request, workspace.users.OWNER);
  cookie = await sessionCookie(request);
  await request.dispose();
});

type TAnswer = { status: number; body: string; bytesSent: number };

/**
 * Sends `head` (by default a new document's JSON opening), then padding in 64 KB chunks up to
 * `total` bytes, and stops sending as soon as the server answers. `declare` sends Content-Length:
 * total; else chunked, and a body past `limit` is never ended.
 */
function postPadded(
  path: string,
  total: number,
  declare: boolean,
  options: { method?: string; head?: string; limit?: number; headers?: http.OutgoingHttpHeaders } = {},
): Promise<TAnswer> {
  const limit = options.limit ?? LIMIT;
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseURL);
    const headers: http.OutgoingHttpHeaders = { "content-type": "application/json", cookie, origin: url.origin, ...options.headers };
    if (declare) headers["content-length"] = String(total);
    const req = http.request(url, { method: options.method ?? "POST", headers });
    let bytesSent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8"), bytesSent });
        req.destroy();
      });
    });
    // The server may close the connection once it has answered; that is not a failure.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const head = Buffer.from(options.head ?? `{"workspaceId":"${workspace.id}","title":"too big","text":"`);
    req.write(head);
    bytesSent = head.length;
    const pump = () => {
      while (!answered && bytesSent < total) {
        const part = CHUNK.subarray(0, Math.min(CHUNK.length, total - bytesSent));
        bytesSent += part.length;
        if (!req.write(part)) return void req.once("drain", pump);
      }
      // A declared body is sent whole; a chunked one past the limit is never ended, so only a
      // server that stops reading at the limit can answer it.
      if (!answered && (declare || total <= limit)) req.end();
    };
    pump();
  });
}

test("a declared Content-Length over the limit gets 413 before the body is sent", async () => {
  // Only the opening is written; the server must answer without waiting for 20 MB.
  const answer = await new Promise<TAnswer>((resolve, reject) => {
    const url = new URL("/api/v1/documents", baseURL);
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": String(20 * 1024 * 1024), cookie, origin: url.origin } });
    req.on("response", (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8"), bytesSent: 1024 });
        req.destroy();
      });
    });
    req.on("error", reject);
    req.write(Buffer.alloc(1024, " "));
  });
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body).error.code).toBe("PAYLOAD_TOO_LARGE");
});

test("a chunked body without Content-Length is cut off at the limit with 413", async () => {
  // The body never ends: the answer can only come from a server that stopped at the limit.
  const answer = await postPadded("/api/v1/documents", LIMIT + 4 * CHUNK.length, false);
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body).error.code).toBe("PAYLOAD_TOO_LARGE");
});

test("other JSON endpoints refuse a declared over-limit body too", async () => {
  for (const path of ["/api/v1/sources", "/api/v1/sources/import", "/api/v1/tokens", "/api/v1/annotations/bulk"]) {
    const answer = await new Promise<number>((resolve, reject) => {
      const url = new URL(path, baseURL);
      const req = http.request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": String(LIMIT + 1), cookie, origin: url.origin } });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", reject);
      req.write("{");
    });
    expect(answer, path).toBe(413);
  }
});

test("a comment's cap (512 KB) holds for chunked bodies: the API cuts them off with 413, the server action refuses them", async () => {
  const annotation = await createAnnotation({ documentId: workspace.documents[0].id, userId: workspace.users.OWNER.id, needle: "Khojaly" });
  const comment = await prisma().comment.create({
    data: { workspaceId: workspace.id, annotationId: annotation.id, authorId: workspace.users.OWNER.id, html: "<p>short</p>", text: "short" },
    select: { id: true },
  });
  const over = COMMENT_LIMIT + 4 * CHUNK.length;
  for (const [method, path, head] of [
    ["POST", `/api/v1/annotations/${annotation.id}/comments`, `{"html":"<p>`],
    ["PATCH", `/api/v1/comments/${comment.id}`, `{"version":1,"html":"<p>`],
  ]) {
    // The body never ends: only a server that stops at the comment cap can answer it.
    const answer = await postPadded(path, over, false, { method, head, limit: COMMENT_LIMIT });
    expect(answer.status, `${method} ${path}`).toBe(413);
    expect(JSON.parse(answer.body).error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: "The request body is larger than 512 KB" });
  }

  // The server action, sent as the browser does but chunked: Next.js reads it (up to its own 6 MB
  // limit for actions) and the comment's cap refuses it; nothing is saved.
  const action = builtActions().get("lib/comments/actions.ts#postCommentAction")!;
  const html = `<p>${"a".repeat(COMMENT_LIMIT)}</p>`;
  const answer = await postPadded(`/documents/${workspace.documents[0].id}`, 0, false, {
    head: JSON.stringify([annotation.id, { html }]),
    headers: { "next-action": action.id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" },
    limit: Infinity,
  });
  expect(answer.status).toBe(200);
  expect(actionResult(answer.body)?.error?.code).toBe("PAYLOAD_TOO_LARGE");
  expect(await prisma().comment.count({ where: { annotationId: annotation.id } })).toBe(1);
});

test("a body just under the limit is read, parsed and acted on", async () => {
  // A small document padded with JSON whitespace to one byte under the limit: well-formed, so it is created.
  for (const declare of [true, false]) {
    const total = LIMIT - 1;
    const answer = await new Promise<TAnswer>((resolve, reject) => {
      const url = new URL("/api/v1/documents", baseURL);
      const body = Buffer.alloc(total, " ");
      body.write(`{"workspaceId":"${workspace.id}","title":"just under","text":"A short text."`, 0);
      body.write("}", total - 1);
      const headers: http.OutgoingHttpHeaders = { "content-type": "application/json", cookie, origin: url.origin };
      if (declare) headers["content-length"] = String(total);
      const req = http.request(url, { method: "POST", headers });
      req.on("response", (res) => {
        const parts: Buffer[] = [];
        res.on("data", (part: Buffer) => parts.push(part));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8"), bytesSent: total }));
      });
      req.on("error", reject);
      req.end(body);
    });
    expect(answer.status, declare ? "with Content-Length" : "chunked").toBe(201);
    expect(JSON.parse(answer.body).title).toBe("just under");
  }
});

test("a small document posted as JSON is created", async ({ request }) => {
  await apiSignIn(request, workspace.users.OWNER);
  const response = await request.post("/api/v1/documents", { data: { workspaceId: workspace.id, title: "Small", text: "A short text." } });
  expect(response.status()).toBe(201);
});
