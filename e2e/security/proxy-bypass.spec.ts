/**
 * The proxy (proxy.ts) is comfort only: requests it never sees, or that claim to have passed it
 * already (`x-middleware-subrequest`, CVE-2025-29927), must still be refused by the data layer,
 * with nothing of the workspace's data in the answer.
 */
import { expect, test } from "@playwright/test";
import { createUser, prisma } from "../fixtures/factories";
import { builtActions } from "./lib/discover";
import { actionOutcome, callAction, routeOutcome, send, signInSession, type TAnswer, type TSession } from "./lib/http";
import { createWorld, type TWorld } from "./lib/world";

/** The header Next.js used to mark its own subrequests; the proxy/middleware names and depths an attacker would try. */
const SUBREQUEST_HEADERS = [
  "proxy:proxy:proxy:proxy:proxy",
  "middleware:middleware:middleware:middleware:middleware",
  "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy",
  "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
  "pages/_middleware",
  "proxy",
  "middleware",
];

let world: TWorld;

test.beforeAll(async () => {
  world = await createWorld();
});

/** The data pages and API routes of workspace A an attacker wants. */
function targets() {
  return {
    api: [`/api/v1/documents/${world.documentId}`, `/api/v1/documents/${world.documentId}/annotations`, `/api/v1/workspaces/${world.a.id}`, `/api/v1/sources/${world.sourceId}`, "/api/v1/workspaces"],
    pages: [`/documents/${world.documentId}`, `/documents/${world.documentId}/report`, `/sources/${world.sourceId}`, `/workspaces/${world.a.id}`, "/documents", "/dashboard"],
  };
}

function expectNoData(answer: TAnswer, what: string) {
  expect(answer.body.includes(world.marker), `${what} leaked workspace data (${answer.status})`).toBe(false);
}

/** A page answer that shows nothing: a redirect to sign in, or a not-found. */
function expectPageRefused(answer: TAnswer, what: string) {
  expectNoData(answer, what);
  expect(["login", "404"], `${what}: ${answer.status} ${answer.location ?? ""}`).toContain(routeOutcome(answer));
}

test("x-middleware-subrequest does not let an anonymous request past the data layer", async ({ baseURL }) => {
  const base = baseURL as string;
  const { api, pages } = targets();
  for (const value of SUBREQUEST_HEADERS) {
    const headers = { "x-middleware-subrequest": value };
    for (const path of api) {
      const answer = await send(base, { method: "GET", path, headers });
      expectNoData(answer, `GET ${path} [${value}]`);
      expect(answer.status, `GET ${path} [${value}]`).toBe(401);
    }
    for (const path of pages) expectPageRefused(await send(base, { method: "GET", path, headers }), `page ${path} [${value}]`);
    // A write through the API, and the RSC payload of a page, the same.
    const write = await send(base, { method: "POST", path: "/api/v1/sources", headers, json: { workspaceId: world.a.id, kind: "BOOK", title: "bypass" } });
    expect(write.status).toBe(401);
    expectPageRefused(await send(base, { method: "GET", path: `/documents/${world.documentId}`, headers: { ...headers, rsc: "1" } }), `RSC of the document [${value}]`);
  }
});

test("x-middleware-subrequest does not let an anonymous server action run", async ({ baseURL }) => {
  const base = baseURL as string;
  const actions = builtActions();
  const list = actions.get("lib/evidence/actions.ts#listEvidenceAction")!;
  const create = actions.get("lib/sources/actions.ts#createSourceAction")!;
  const annotationId = await world.fresh.evidence().then(async (id) => (await prisma().evidence.findUniqueOrThrow({ where: { id }, select: { annotationId: true } })).annotationId);
  for (const value of SUBREQUEST_HEADERS) {
    const headers = { "x-middleware-subrequest": value };
    const read = await callAction(base, { actionId: list.id, page: `/documents/${world.documentId}`, args: [annotationId], session: null, headers });
    expectNoData(read, `listEvidenceAction [${value}]`);
    expect(["login", "401"]).toContain(actionOutcome(read));
    const title = `bypass ${Math.random()}`;
    const write = await callAction(base, { actionId: create.id, page: "/sources/new", args: [{ workspaceId: world.a.id, kind: "BOOK", title }], session: null, headers });
    expect(["login", "401"]).toContain(actionOutcome(write));
    expect(await prisma().source.count({ where: { title } })).toBe(0);
  }
});

/**
 * Paths the proxy's matcher skips (sign-in, next-auth's endpoints, static files, /schemas/), and
 * dot-segment and encoding tricks that start with one of them but end at a data route.
 */
test("paths the proxy skips lead to no data without a session", async ({ baseURL }) => {
  const base = baseURL as string;
  const doc = world.documentId;
  const tricks = [
    `/login/../documents/${doc}`,
    `/login/..%2fdocuments/${doc}`,
    `/login%2f..%2fdocuments/${doc}`,
    `/api/auth/..%2f..%2fapi/v1/documents/${doc}`,
    `/api/auth/%2e%2e/v1/documents/${doc}`,
    `/_next/static/..%2f..%2fdocuments/${doc}`,
    `/_next/image?url=${encodeURIComponent(`/api/v1/documents/${doc}`)}&w=64&q=75`,
    `/schemas/..%2fdocuments/${doc}`,
    `/schemas/%2e%2e/api/v1/documents/${doc}`,
    `/favicon.ico/..%2fdocuments/${doc}`,
    `/loginx/documents/${doc}`,
    `/documents/${doc}?login`,
    `/api/v1/documents/${doc}?/login`,
  ];
  for (const path of tricks) {
    const answer = await send(base, { method: "GET", path });
    expectNoData(answer, path);
    expect(routeOutcome(answer), `${path}: ${answer.status}`).not.toBe("ok");
  }
  // next-auth's own endpoints answer, but with no one's data.
  const session = await send(base, { method: "GET", path: "/api/auth/session" });
  expect(session.body.trim()).toBe("{}");
});

test("a server action posted to the sign-in page without a session does not run", async ({ baseURL }) => {
  const base = baseURL as string;
  const create = builtActions().get("lib/sources/actions.ts#createSourceAction")!;
  const title = `login post ${Math.random()}`;
  for (const page of ["/login", "/loginx"]) {
    const answer = await callAction(base, { actionId: create.id, page, args: [{ workspaceId: world.a.id, kind: "BOOK", title }], session: null });
    expect(actionOutcome(answer)).not.toBe("ok");
  }
  expect(await prisma().source.count({ where: { title } })).toBe(0);
});

/**
 * A session token that the proxy accepts (signed, unexpired) for an account that no longer exists:
 * only the data layer can refuse it, and every route, page and action must.
 */
test("a valid session of a deleted account is refused by the data layer everywhere", async ({ baseURL }) => {
  const base = baseURL as string;
  const ghost = await createUser("ghost");
  await prisma().membership.create({ data: { workspaceId: world.a.id, userId: ghost.id, role: "OWNER" } });
  const session: TSession = await signInSession(base, ghost);
  await prisma().user.delete({ where: { id: ghost.id } });

  const { api, pages } = targets();
  for (const path of api) {
    const answer = await send(base, { method: "GET", path, session });
    expectNoData(answer, path);
    expect(answer.status, path).toBe(401);
  }
  for (const path of pages) expectPageRefused(await send(base, { method: "GET", path, session }), path);

  const list = builtActions().get("lib/evidence/actions.ts#listEvidenceAction")!;
  const annotationId = await world.fresh.annotation();
  const answer = await callAction(base, { actionId: list.id, page: `/documents/${world.documentId}`, args: [annotationId], session });
  expectNoData(answer, "listEvidenceAction");
  expect(actionOutcome(answer)).toBe("401");
});
