/**
 * Cross-site request forgery: a write authenticated by the session cookie is refused unless it
 * comes from the app's own origin (lib/api/origin.ts for route handlers; Next.js compares Origin
 * with Host for server actions); Bearer-token clients send no cookies and are not affected; and
 * next-auth's sign-in needs its CSRF token.
 */
import { expect, test } from "@playwright/test";
import { prisma } from "../fixtures/factories";
import { builtActions } from "./lib/discover";
import { actionOutcome, callAction, csrf, hasSessionCookie, postCredentials, send, signInSession, type TSession } from "./lib/http";
import { createWorld, type TWorld } from "./lib/world";

const EVIL = "https://evil.example";

let world: TWorld;
let editor: TSession;

test.beforeAll(async ({ baseURL }) => {
  world = await createWorld();
  editor = await signInSession(baseURL as string, world.a.users.EDITOR);
});

const sourceCount = (title: string) => prisma().source.count({ where: { workspaceId: world.a.id, title } });

/** A source create through the API with the given extra headers: the answer and whether it was written. */
async function createSource(baseURL: string, headers: Record<string, string>, session: TSession | null = editor) {
  const title = `Origin check ${Math.random().toString(36).slice(2)}`;
  const answer = await send(baseURL, { method: "POST", path: "/api/v1/sources", session, headers, json: { workspaceId: world.a.id, kind: "BOOK", title } });
  return { answer, written: (await sourceCount(title)) === 1 };
}

function expectCrossOriginRefusal(answer: { status: number; body: string }) {
  expect(answer.status).toBe(403);
  const { error } = JSON.parse(answer.body) as { error: { code: string; message: string } };
  expect(error.code).toBe("FORBIDDEN");
  expect(error.message).toMatch(/cross-origin/i);
}

test("a cookie-authenticated write from another origin is refused with a 403 and changes nothing", async ({ baseURL }) => {
  const base = baseURL as string;
  for (const headers of [{ origin: EVIL }, { origin: "null" }, { origin: base.replace("localhost", "127.0.0.1") }, { origin: `${base}.evil.example` }]) {
    const { answer, written } = await createSource(base, headers);
    expectCrossOriginRefusal(answer);
    expect(written, `written with ${JSON.stringify(headers)}`).toBe(false);
  }

  // Every mutating method, on a record that must stay as it was.
  const annotationId = await world.fresh.annotation();
  const documentId = await world.fresh.document();
  const attempts = [
    { method: "PATCH", path: `/api/v1/documents/${documentId}`, json: { title: "Forged" } },
    { method: "DELETE", path: `/api/v1/annotations/${annotationId}` },
    { method: "PUT", path: `/api/v1/annotations/${annotationId}/chain`, json: { version: 1, hops: [{ sourceId: world.sourceId }] } },
    { method: "POST", path: `/api/v1/annotations/${annotationId}/comments`, json: { html: "<p>forged</p>" } },
  ];
  for (const attempt of attempts) {
    expectCrossOriginRefusal(await send(base, { ...attempt, session: editor, headers: { origin: EVIL } }));
  }
  const annotation = await prisma().annotation.findUniqueOrThrow({ where: { id: annotationId }, select: { deletedAt: true, version: true } });
  expect(annotation).toEqual({ deletedAt: null, version: 1 });
  expect(await prisma().comment.count({ where: { annotationId } })).toBe(0);
  expect((await prisma().document.findUniqueOrThrow({ where: { id: documentId }, select: { title: true } })).title).not.toBe("Forged");
});

test("without Origin, Sec-Fetch-Site decides: cross-site and same-site writes are refused", async ({ baseURL }) => {
  for (const site of ["cross-site", "same-site"]) {
    const { answer, written } = await createSource(baseURL as string, { "sec-fetch-site": site });
    expectCrossOriginRefusal(answer);
    expect(written).toBe(false);
  }
});

test("same-origin writes, proxied writes and non-browser clients still work", async ({ baseURL }) => {
  const base = baseURL as string;
  // The app's own pages: Origin is the app's, or Sec-Fetch-Site says so.
  const own: Record<string, string>[] = [{ origin: base }, { origin: base, "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "same-origin" }, {}];
  for (const headers of own) {
    const { answer, written } = await createSource(base, headers);
    expect(answer.status, `${JSON.stringify(headers)}: ${answer.body.slice(0, 200)}`).toBe(201);
    expect(written).toBe(true);
  }
  // Behind a TLS proxy the browser's origin is the public one the proxy forwards.
  const proxied = await createSource(base, { origin: "https://provenant.example", "x-forwarded-host": "provenant.example", "x-forwarded-proto": "https" });
  expect(proxied.answer.status, proxied.answer.body.slice(0, 200)).toBe(201);
  // A forwarded host does not vouch for a different origin.
  const mismatched = await createSource(base, { origin: EVIL, "x-forwarded-host": "provenant.example", "x-forwarded-proto": "https" });
  expectCrossOriginRefusal(mismatched.answer);
});

test("a Bearer token carries no ambient authority: its writes are not origin-checked", async ({ baseURL }) => {
  const base = baseURL as string;
  const created = await send(base, { method: "POST", path: "/api/v1/tokens", session: editor, headers: { origin: base }, json: { name: "origin check", scope: "READ_WRITE" } });
  expect(created.status, created.body.slice(0, 200)).toBe(201);
  const { token } = JSON.parse(created.body) as { token: string };
  const title = `Token write ${Math.random().toString(36).slice(2)}`;
  const answer = await send(base, {
    method: "POST",
    path: "/api/v1/sources",
    headers: { authorization: `Bearer ${token}`, origin: EVIL, "sec-fetch-site": "cross-site" },
    json: { workspaceId: world.a.id, kind: "BOOK", title },
  });
  expect(answer.status, answer.body.slice(0, 200)).toBe(201);
  expect(await sourceCount(title)).toBe(1);
});

test("reads from another origin get no CORS grant", async ({ baseURL }) => {
  const answer = await fetch(`${baseURL}/api/v1/workspaces/${world.a.id}`, { headers: { cookie: editor.cookie, origin: EVIL } });
  expect(answer.headers.get("access-control-allow-origin")).toBeNull();
  expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
});

test("a server action posted from another origin is refused and changes nothing", async ({ baseURL }) => {
  const base = baseURL as string;
  const ref = builtActions().get("lib/sources/actions.ts#createSourceAction");
  expect(ref, "createSourceAction in the build").toBeDefined();
  const call = async (origin: string | null, headers: Record<string, string> = {}) => {
    const title = `Action origin ${Math.random().toString(36).slice(2)}`;
    const answer = await callAction(base, { actionId: ref!.id, page: "/sources/new", session: editor, origin, headers, args: [{ workspaceId: world.a.id, kind: "BOOK", title }] });
    return { outcome: actionOutcome(answer), written: (await sourceCount(title)) === 1 };
  };
  const foreign = await call(EVIL);
  expect(foreign.outcome).not.toBe("ok");
  expect(foreign.written).toBe(false);
  const opaque = await call("null");
  expect(opaque.written).toBe(false);
  // The same call from the app's own origin works, so the refusal above was about the origin.
  expect(await call(base)).toEqual({ outcome: "ok", written: true });
});

test("sign-in needs next-auth's CSRF token", async ({ baseURL }) => {
  const base = baseURL as string;
  const user = world.a.users.VIEWER;
  const { token, cookie } = await csrf(base);

  const without = await postCredentials(base, { ...user, cookie });
  expect(hasSessionCookie(without.cookie), "session without a CSRF token").toBe(false);
  const wrong = await postCredentials(base, { ...user, cookie, csrfToken: `${token.slice(0, -4)}0000` });
  expect(hasSessionCookie(wrong.cookie), "session with a wrong CSRF token").toBe(false);
  // The token without its cookie (another browser's token) is refused too: it is a double submit.
  const stolen = await postCredentials(base, { ...user, csrfToken: token });
  expect(hasSessionCookie(stolen.cookie), "session with a token but not its cookie").toBe(false);

  const right = await postCredentials(base, { ...user, cookie, csrfToken: token });
  expect(hasSessionCookie(right.cookie), "session with the CSRF token").toBe(true);
  const session = await (await fetch(`${base}/api/auth/session`, { headers: { cookie: right.cookie } })).json();
  expect(session?.user?.email).toBe(user.email);
});
