/**
 * The authorization matrix: every route handler method (found by walking app/api) and every server
 * action (found in the "use server" modules, called by its id from the build's manifest, as the
 * browser calls it) is called as an anonymous visitor, as each role of workspace A and as the
 * OWNER of another workspace, against records of A. Each answer is compared with the table below;
 * a method or action without a row fails the test. Calls that a role may make carry a valid body
 * and must succeed (2xx, or an action's `{ ok: true }`); calls that change or destroy act on fresh
 * records. Anything an outsider or an anonymous visitor gets back must not contain A's data.
 */
import { expect, test } from "@playwright/test";
import { builtActions, discoverActions, discoverRouteMethods, pagePath } from "./lib/discover";
import { actionOutcome, callAction, FormArg, routeOutcome, send, signInSession, type TAnswer, type TOutcome, type TSession } from "./lib/http";
import { createAnnotation, createSource } from "../fixtures/annotator";
import { createWorld, createDocument, NEEDLE, type TWorld } from "./lib/world";

const CALLERS = ["anonymous", "VIEWER", "REVIEWER", "EDITOR", "OWNER", "outsider"] as const;
type TCaller = (typeof CALLERS)[number];
type TExpect = Record<TCaller, TOutcome>;
type TMemberRole = "VIEWER" | "REVIEWER" | "EDITOR" | "OWNER";
const RANK: Record<TMemberRole, number> = { VIEWER: 0, REVIEWER: 1, EDITOR: 2, OWNER: 3 };

/**
 * A member of A with at least `min` succeeds, a lower role gets 403, the outsider 404 (A's records
 * are not found for them), an anonymous caller `anonymous` (401 from a route handler; a server
 * action is posted to a page, and the proxy sends the visitor to sign in first).
 */
function members(min: TMemberRole, anonymous: TOutcome, overrides: Partial<TExpect> = {}): TExpect {
  const role = (r: TMemberRole) => (RANK[r] >= RANK[min] ? "ok" : "403");
  return { anonymous, VIEWER: role("VIEWER"), REVIEWER: role("REVIEWER"), EDITOR: role("EDITOR"), OWNER: role("OWNER"), outsider: "404", ...overrides };
}
const route = (min: TMemberRole, overrides?: Partial<TExpect>) => members(min, "401", overrides);
const action = (min: TMemberRole, overrides?: Partial<TExpect>) => members(min, "login", overrides);
/** Anyone signed in, about their own things (tokens, inbox, new workspaces). */
const signedIn = (anonymous: TOutcome): TExpect => ({ anonymous, VIEWER: "ok", REVIEWER: "ok", EDITOR: "ok", OWNER: "ok", outsider: "ok" });
/** Only the EDITOR of A, whose record it is (export jobs, tokens): other members and the outsider get 404. */
const editorsOwn = (anonymous: TOutcome): TExpect => ({ anonymous, VIEWER: "404", REVIEWER: "404", EDITOR: "ok", OWNER: "404", outsider: "404" });

/** An /api URL no route handles. */
const unknownEndpoint: TExpect = { anonymous: "401", VIEWER: "404", REVIEWER: "404", EDITOR: "404", OWNER: "404", outsider: "404" };

type TCtx = { world: TWorld; caller: TCaller };
type TRouteCall = { path: string; json?: unknown; text?: string; headers?: Record<string, string> };
type TRouteRow = { expect: TExpect; call: (ctx: TCtx) => Promise<TRouteCall>; outcome?: (answer: TAnswer) => TOutcome };
type TActionRow = { expect: TExpect; args: (ctx: TCtx) => Promise<unknown[]> };

const annotationBody = (world: TWorld) => {
  const start = world.text.indexOf(NEEDLE);
  return { start, end: start + NEEDLE.length, exact: NEEDLE, note: "matrix" };
};
const w3cImport = () => ({
  format: "w3c",
  content: JSON.stringify({ "@context": "http://www.w3.org/ns/anno.jsonld", type: "Annotation", body: [], target: { selector: [{ type: "TextQuoteSelector", exact: NEEDLE }] } }),
});
const cslImport = (world: TWorld) => ({ workspaceId: world.a.id, format: "csl-json", content: JSON.stringify([{ type: "book", title: `Matrix book ${Math.random()}` }]) });
const unique = () => Math.random().toString(36).slice(2, 8);

/** One bulk row's result decides: the request itself is fine for anyone who reaches it. */
function bulkOutcome(answer: TAnswer): TOutcome {
  if (answer.status !== 200) return routeOutcome(answer);
  const { results } = JSON.parse(answer.body) as { results: { ok: boolean; error?: { code: string } }[] };
  const first = results[0];
  return first.ok ? "ok" : ({ NOT_FOUND: "404", FORBIDDEN: "403" } as Record<string, string>)[first.error?.code ?? ""] ?? `row ${first.error?.code}`;
}

/** next-auth's sign-in must not hand out a session without its CSRF token, whoever asks. */
function signInOutcome(answer: TAnswer): TOutcome {
  return /"url":"[^"]*csrf=true/.test(answer.body) || (answer.location ?? "").includes("csrf=true") ? "csrf-refused" : routeOutcome(answer);
}

const ROUTES: Record<string, TRouteRow> = {
  // next-auth: the session endpoint answers everyone (an empty session for visitors); a credentials
  // POST without the CSRF token is refused for everyone.
  "GET /api/auth/[...nextauth]": { expect: signedIn("ok"), call: async () => ({ path: "/api/auth/session" }) },
  "POST /api/auth/[...nextauth]": {
    expect: { anonymous: "csrf-refused", VIEWER: "csrf-refused", REVIEWER: "csrf-refused", EDITOR: "csrf-refused", OWNER: "csrf-refused", outsider: "csrf-refused" },
    call: async ({ world }) => ({
      path: "/api/auth/callback/credentials",
      text: new URLSearchParams({ email: world.a.users.VIEWER.email, password: world.a.users.VIEWER.password, json: "true" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
    outcome: signInOutcome,
  },
  "GET /api/v1/openapi.json": { expect: signedIn("ok"), call: async () => ({ path: "/api/v1/openapi.json" }) },
  // Any /api URL without a handler: 401 for a visitor, 404 JSON for anyone signed in.
  "GET /api/[...path]": { expect: unknownEndpoint, call: async () => ({ path: "/api/v1/no-such-endpoint" }) },
  "POST /api/[...path]": { expect: unknownEndpoint, call: async () => ({ path: "/api/v1/no-such-endpoint", json: {} }) },
  "PUT /api/[...path]": { expect: unknownEndpoint, call: async () => ({ path: "/api/v1/no-such-endpoint", json: {} }) },
  "PATCH /api/[...path]": { expect: unknownEndpoint, call: async () => ({ path: "/api/v1/no-such-endpoint", json: {} }) },
  "DELETE /api/[...path]": { expect: unknownEndpoint, call: async () => ({ path: "/api/v1/no-such-endpoint" }) },

  "GET /api/v1/annotations/[id]": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/annotations/${await world.fresh.annotation()}` }) },
  "PATCH /api/v1/annotations/[id]": {
    expect: route("REVIEWER"),
    call: async ({ world }) => ({ path: `/api/v1/annotations/${await world.fresh.annotation()}`, json: { version: 1, note: "matrix edit" } }),
  },
  "DELETE /api/v1/annotations/[id]": { expect: route("REVIEWER"), call: async ({ world }) => ({ path: `/api/v1/annotations/${await world.fresh.annotation()}` }) },
  "POST /api/v1/annotations/[id]/restore": {
    // A reviewer may restore only what they deleted themselves; this one the OWNER deleted.
    expect: route("EDITOR"),
    call: async ({ world }) => ({ path: `/api/v1/annotations/${await world.fresh.deletedAnnotation()}/restore` }),
  },
  "PUT /api/v1/annotations/[id]/chain": {
    expect: route("REVIEWER"),
    call: async ({ world }) => ({ path: `/api/v1/annotations/${await world.fresh.annotation()}/chain`, json: { version: 1, hops: [{ sourceId: world.sourceId, locator: "p. 1" }] } }),
  },
  "GET /api/v1/annotations/[id]/comments": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/annotations/${await world.fresh.annotation()}/comments` }) },
  "POST /api/v1/annotations/[id]/comments": {
    expect: route("REVIEWER"),
    call: async ({ world }) => ({ path: `/api/v1/annotations/${await world.fresh.annotation()}/comments`, json: { html: "<p>matrix comment</p>" } }),
  },
  "GET /api/v1/annotations/[id]/events": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/annotations/${await world.fresh.annotation()}/events` }) },
  "GET /api/v1/annotations/[id]/evidence": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/annotations/${await world.fresh.annotation()}/evidence` }) },
  "POST /api/v1/annotations/[id]/evidence": {
    expect: route("REVIEWER"),
    call: async ({ world }) => ({ path: `/api/v1/annotations/${await world.fresh.annotation()}/evidence`, json: { stance: "SUPPORTS", passage: "matrix passage" } }),
  },
  "POST /api/v1/annotations/[id]/sign-off": {
    // Confirming a verdict is for editors and owners (the REVIEWER gave it).
    expect: route("EDITOR"),
    call: async ({ world }) => ({ path: `/api/v1/annotations/${await world.fresh.awaitingVerdict()}/sign-off`, json: { version: 1, decision: "CONFIRM" } }),
  },
  "POST /api/v1/annotations/[id]/thread": {
    expect: route("REVIEWER"),
    call: async ({ world }) => ({ path: `/api/v1/annotations/${await world.fresh.annotation()}/thread`, json: { version: 1, resolved: true } }),
  },
  "POST /api/v1/annotations/bulk": {
    // 200 with per-row results once the request is valid: the row's result is the outcome.
    expect: route("REVIEWER"),
    call: async ({ world }) => ({ path: "/api/v1/annotations/bulk", json: { action: "checklist", items: [{ id: await world.fresh.annotation(), version: 1 }], onChecklist: true } }),
    outcome: bulkOutcome,
  },
  "PATCH /api/v1/comments/[id]": {
    // One's own comment only: the REVIEWER wrote it; editors and owners may not reword it.
    expect: route("REVIEWER", { EDITOR: "403", OWNER: "403" }),
    call: async ({ world }) => ({ path: `/api/v1/comments/${await world.fresh.comment()}`, json: { version: 1, html: "<p>edited</p>" } }),
  },
  "DELETE /api/v1/comments/[id]": {
    // The author (the REVIEWER), or an editor or owner moderating.
    expect: route("REVIEWER"),
    call: async ({ world }) => ({ path: `/api/v1/comments/${await world.fresh.comment()}?version=1` }),
  },

  "GET /api/v1/documents": {
    // A list of one's own workspaces' documents: the outsider gets theirs (none of A's).
    expect: route("VIEWER", { outsider: "ok" }),
    call: async ({ world }) => ({ path: `/api/v1/documents?workspaceId=${world.a.id}` }),
  },
  "POST /api/v1/documents": {
    expect: route("EDITOR"),
    call: async ({ world }) => ({ path: "/api/v1/documents", json: { workspaceId: world.a.id, title: "Matrix document", text: "Some text to check." } }),
  },
  "GET /api/v1/documents/[id]": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/documents/${world.documentId}` }) },
  "PATCH /api/v1/documents/[id]": { expect: route("EDITOR"), call: async ({ world }) => ({ path: `/api/v1/documents/${await world.fresh.document()}`, json: { title: "Renamed" } }) },
  "DELETE /api/v1/documents/[id]": { expect: route("EDITOR"), call: async ({ world }) => ({ path: `/api/v1/documents/${await world.fresh.document()}` }) },
  "GET /api/v1/documents/[id]/annotations": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/documents/${world.documentId}/annotations` }) },
  "POST /api/v1/documents/[id]/annotations": {
    expect: route("REVIEWER"),
    call: async ({ world }) => ({ path: `/api/v1/documents/${world.documentId}/annotations`, json: annotationBody(world) }),
  },
  "POST /api/v1/documents/[id]/annotations/import": {
    expect: route("REVIEWER"),
    call: async ({ world }) => ({ path: `/api/v1/documents/${await world.fresh.document()}/annotations/import`, json: w3cImport() }),
  },
  "GET /api/v1/documents/[id]/events": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/documents/${world.documentId}/events` }) },
  "GET /api/v1/documents/[id]/export": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/documents/${world.documentId}/export?format=csv` }) },
  "GET /api/v1/documents/[id]/live": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/documents/${world.documentId}/live` }) },

  "GET /api/v1/evidence/[id]": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/evidence/${await world.fresh.evidence()}` }) },
  "PATCH /api/v1/evidence/[id]": {
    expect: route("REVIEWER"),
    call: async ({ world }) => ({ path: `/api/v1/evidence/${await world.fresh.evidence()}`, json: { version: 1, note: "matrix note" } }),
  },
  "DELETE /api/v1/evidence/[id]": { expect: route("REVIEWER"), call: async ({ world }) => ({ path: `/api/v1/evidence/${await world.fresh.evidence()}` }) },

  "GET /api/v1/exports/[id]": { expect: editorsOwn("401"), call: async ({ world }) => ({ path: `/api/v1/exports/${await world.fresh.exportJob("DONE")}` }) },
  "GET /api/v1/exports/[id]/download": { expect: editorsOwn("401"), call: async ({ world }) => ({ path: `/api/v1/exports/${await world.fresh.exportJob("DONE")}/download` }) },
  "POST /api/v1/exports/[id]/cancel": { expect: editorsOwn("401"), call: async ({ world }) => ({ path: `/api/v1/exports/${await world.fresh.exportJob("RUNNING")}/cancel` }) },

  "GET /api/v1/inbox": { expect: signedIn("401"), call: async () => ({ path: "/api/v1/inbox" }) },
  "POST /api/v1/inbox/read": { expect: signedIn("401"), call: async () => ({ path: "/api/v1/inbox/read", json: { all: true } }) },

  "GET /api/v1/sources": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/sources?workspaceId=${world.a.id}` }) },
  "POST /api/v1/sources": {
    expect: route("REVIEWER"),
    call: async ({ world }) => ({ path: "/api/v1/sources", json: { workspaceId: world.a.id, kind: "BOOK", title: `Matrix source ${unique()}` } }),
  },
  "GET /api/v1/sources/[id]": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/sources/${world.sourceId}` }) },
  "PATCH /api/v1/sources/[id]": {
    expect: route("EDITOR"),
    call: async ({ world }) => ({ path: `/api/v1/sources/${await world.fresh.source()}`, json: { version: 1, title: `Renamed source ${unique()}` } }),
  },
  "POST /api/v1/sources/[id]/merge": {
    expect: route("EDITOR"),
    call: async ({ world }) => ({ path: `/api/v1/sources/${await world.fresh.source()}/merge`, json: { intoId: await world.fresh.source() } }),
  },
  "POST /api/v1/source-merges/[id]/undo": { expect: route("OWNER"), call: async ({ world }) => ({ path: `/api/v1/source-merges/${await world.fresh.merge()}/undo` }) },
  "GET /api/v1/sources/export": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/sources/export?workspaceId=${world.a.id}&format=bibtex` }) },
  "POST /api/v1/sources/import": { expect: route("REVIEWER"), call: async ({ world }) => ({ path: "/api/v1/sources/import", json: cslImport(world) }) },

  "GET /api/v1/tokens": { expect: signedIn("401"), call: async () => ({ path: "/api/v1/tokens" }) },
  "POST /api/v1/tokens": { expect: signedIn("401"), call: async () => ({ path: "/api/v1/tokens", json: { name: "matrix", scope: "READ" } }) },
  "DELETE /api/v1/tokens/[id]": { expect: editorsOwn("401"), call: async ({ world }) => ({ path: `/api/v1/tokens/${await world.fresh.token()}` }) },

  "GET /api/v1/workspaces": { expect: signedIn("401"), call: async () => ({ path: "/api/v1/workspaces" }) },
  "POST /api/v1/workspaces": { expect: signedIn("401"), call: async () => ({ path: "/api/v1/workspaces", json: { name: "Matrix desk" } }) },
  "GET /api/v1/workspaces/[id]": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/workspaces/${world.a.id}` }) },
  "PATCH /api/v1/workspaces/[id]": {
    expect: route("OWNER"),
    call: async ({ world }) => ({ path: `/api/v1/workspaces/${world.a.id}`, json: { version: await world.fresh.workspaceVersion(), requireSignOff: true } }),
  },
  "GET /api/v1/workspaces/[id]/members": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/workspaces/${world.a.id}/members` }) },
  "POST /api/v1/workspaces/[id]/members": {
    expect: route("OWNER"),
    call: async ({ world }) => ({ path: `/api/v1/workspaces/${world.a.id}/members`, json: { email: (await world.fresh.stranger()).email, role: "VIEWER" } }),
  },
  "PATCH /api/v1/workspaces/[id]/members/[userId]": {
    expect: route("OWNER"),
    call: async ({ world }) => ({ path: `/api/v1/workspaces/${world.a.id}/members/${await world.fresh.member()}`, json: { role: "REVIEWER" } }),
  },
  "DELETE /api/v1/workspaces/[id]/members/[userId]": {
    expect: route("OWNER"),
    call: async ({ world }) => ({ path: `/api/v1/workspaces/${world.a.id}/members/${await world.fresh.member()}` }),
  },
  "GET /api/v1/workspaces/[id]/export": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/workspaces/${world.a.id}/export?format=csv` }) },
  "POST /api/v1/workspaces/[id]/exports": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/workspaces/${world.a.id}/exports`, json: { format: "csv" } }) },
  "GET /api/v1/workspaces/[id]/live": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/workspaces/${world.a.id}/live` }) },
};

const ACTIONS: Record<string, TActionRow> = {
  "lib/annotations/actions.ts#createAnnotationAction": { expect: action("REVIEWER"), args: async ({ world }) => [world.documentId, annotationBody(world)] },
  "lib/annotations/actions.ts#updateAnnotationAction": { expect: action("REVIEWER"), args: async ({ world }) => [await world.fresh.annotation(), { version: 1, note: "matrix edit" }] },
  "lib/annotations/actions.ts#deleteAnnotationAction": { expect: action("REVIEWER"), args: async ({ world }) => [await world.fresh.annotation()] },
  "lib/annotations/actions.ts#restoreAnnotationAction": { expect: action("EDITOR"), args: async ({ world }) => [await world.fresh.deletedAnnotation()] },
  "lib/annotations/actions.ts#listDeletedAnnotationsAction": { expect: action("EDITOR"), args: async ({ world }) => [world.documentId] },
  "lib/annotations/actions.ts#setChainAction": {
    expect: action("REVIEWER"),
    args: async ({ world }) => [await world.fresh.annotation(), { version: 1, hops: [{ sourceId: world.sourceId }] }],
  },
  "lib/annotations/actions.ts#signOffAction": { expect: action("EDITOR"), args: async ({ world }) => [await world.fresh.awaitingVerdict(), { version: 1, decision: "CONFIRM" }] },
  "lib/annotations/history-actions.ts#annotationHistoryAction": { expect: action("VIEWER"), args: async ({ world }) => [await world.fresh.annotation()] },

  "lib/comments/actions.ts#getThreadAction": { expect: action("VIEWER"), args: async ({ world }) => [await world.fresh.annotation()] },
  "lib/comments/actions.ts#postCommentAction": { expect: action("REVIEWER"), args: async ({ world }) => [await world.fresh.annotation(), { html: "<p>matrix</p>" }] },
  "lib/comments/actions.ts#editCommentAction": {
    expect: action("REVIEWER", { EDITOR: "403", OWNER: "403" }),
    args: async ({ world }) => [await world.fresh.comment(), { version: 1, html: "<p>edited</p>" }],
  },
  "lib/comments/actions.ts#deleteCommentAction": { expect: action("REVIEWER"), args: async ({ world }) => [await world.fresh.comment(), { version: 1 }] },
  "lib/comments/actions.ts#setThreadResolvedAction": { expect: action("REVIEWER"), args: async ({ world }) => [await world.fresh.annotation(), { version: 1, resolved: true }] },
  "lib/comments/actions.ts#markMentionsReadAction": { expect: signedIn("login"), args: async () => [{ all: true }] },
  "lib/comments/actions.ts#unreadMentionCountAction": { expect: signedIn("login"), args: async () => [] },

  "lib/documents/actions.ts#createDocumentAction": {
    expect: action("EDITOR"),
    args: async ({ world }) => [null, new FormArg({ workspaceId: world.a.id, title: "Matrix document", text: "Some text to check.", mode: "paste" })],
  },
  "lib/documents/actions.ts#renameDocumentAction": { expect: action("EDITOR"), args: async ({ world }) => [await world.fresh.document(), null, new FormArg({ title: "Renamed" })] },
  "lib/documents/actions.ts#deleteDocumentAction": { expect: action("EDITOR"), args: async ({ world }) => [await world.fresh.document()] },
  "lib/documents/actions.ts#restoreDocumentAction": { expect: action("OWNER"), args: async ({ world }) => [await world.fresh.document({ deleted: true })] },

  "lib/evidence/actions.ts#listEvidenceAction": { expect: action("VIEWER"), args: async ({ world }) => [await world.fresh.annotation()] },
  "lib/evidence/actions.ts#addEvidenceAction": { expect: action("REVIEWER"), args: async ({ world }) => [await world.fresh.annotation(), { stance: "CONTEXT", passage: "matrix" }] },
  "lib/evidence/actions.ts#updateEvidenceAction": { expect: action("REVIEWER"), args: async ({ world }) => [await world.fresh.evidence(), { version: 1, note: "matrix" }] },
  "lib/evidence/actions.ts#removeEvidenceAction": { expect: action("REVIEWER"), args: async ({ world }) => [await world.fresh.evidence()] },

  "lib/imports/actions.ts#previewAnnotationImportAction": { expect: action("REVIEWER"), args: async ({ world }) => [await world.fresh.document(), w3cImport()] },
  "lib/imports/actions.ts#importAnnotationsAction": { expect: action("REVIEWER"), args: async ({ world }) => [await world.fresh.document(), w3cImport()] },

  "lib/queue/actions.ts#bulkQueueAction": {
    // The whole request is refused below REVIEWER; the outsider's rows are simply not found.
    expect: action("REVIEWER", { outsider: "ok-rows-404" }),
    args: async ({ world }) => [{ action: "checklist", items: [{ id: await world.fresh.annotation(), version: 1 }], onChecklist: true }],
  },

  "lib/sources/actions.ts#createSourceAction": { expect: action("REVIEWER"), args: async ({ world }) => [{ workspaceId: world.a.id, kind: "REPORT", title: `Matrix ${unique()}` }] },
  "lib/sources/actions.ts#updateSourceAction": { expect: action("EDITOR"), args: async ({ world }) => [await world.fresh.source(), { version: 1, title: `Renamed ${unique()}` }] },
  "lib/sources/import-actions.ts#previewImportAction": { expect: action("REVIEWER"), args: async ({ world }) => [cslImport(world)] },
  "lib/sources/import-actions.ts#importSourcesAction": { expect: action("REVIEWER"), args: async ({ world }) => [cslImport(world)] },
  "lib/sources/merge-actions.ts#mergeSourceAction": { expect: action("EDITOR"), args: async ({ world }) => [await world.fresh.source(), { intoId: await world.fresh.source() }] },
  "lib/sources/merge-actions.ts#undoMergeAction": { expect: action("OWNER"), args: async ({ world }) => [await world.fresh.merge()] },

  "lib/tokens/actions.ts#createTokenAction": { expect: signedIn("login"), args: async () => [null, new FormArg({ name: "matrix", scope: "READ" })] },
  "lib/tokens/actions.ts#revokeTokenAction": { expect: editorsOwn("login"), args: async ({ world }) => [await world.fresh.token()] },

  "lib/workspaces/actions.ts#createWorkspaceAction": { expect: signedIn("login"), args: async () => [null, new FormArg({ name: "Matrix desk" })] },
  "lib/workspaces/actions.ts#addMemberAction": {
    expect: action("OWNER"),
    args: async ({ world }) => [world.a.id, null, new FormArg({ email: (await world.fresh.stranger()).email, role: "VIEWER" })],
  },
  "lib/workspaces/actions.ts#changeRoleAction": { expect: action("OWNER"), args: async ({ world }) => [world.a.id, await world.fresh.member(), "REVIEWER"] },
  "lib/workspaces/actions.ts#removeMemberAction": { expect: action("OWNER"), args: async ({ world }) => [world.a.id, await world.fresh.member()] },
  "lib/workspaces/actions.ts#updateWorkspaceSettingsAction": {
    expect: action("OWNER"),
    args: async ({ world }) => [world.a.id, { version: await world.fresh.workspaceVersion(), requireSignOff: true }],
  },
  // Sets the caller's password to the one they have, so the rest of the run is unaffected.
  "lib/workspaces/actions.ts#changePasswordAction": {
    expect: signedIn("login"),
    args: async ({ world, caller }) => {
      const password = caller === "outsider" ? world.b.users.OWNER.password : world.a.users.VIEWER.password;
      return [null, new FormArg({ password, confirm: password })];
    },
  },
};

/** The page a browser would post the action to: a static one when it has one, else one of A's. */
function actionPage(world: TWorld, pages: string[]): string {
  const paths = pages.map(pagePath);
  const chosen = paths.find((p) => !p.includes("[")) ?? paths[0];
  if (chosen.startsWith("/documents/")) return chosen.replace("[id]", world.documentId);
  if (chosen.startsWith("/sources/")) return chosen.replace("[id]", world.sourceId);
  if (chosen.startsWith("/workspaces/")) return chosen.replace("[id]", world.a.id);
  return chosen;
}

async function sessions(baseURL: string, world: TWorld): Promise<Record<TCaller, TSession | null>> {
  const { users } = world.a;
  return {
    anonymous: null,
    VIEWER: await signInSession(baseURL, users.VIEWER),
    REVIEWER: await signInSession(baseURL, users.REVIEWER),
    EDITOR: await signInSession(baseURL, users.EDITOR),
    OWNER: await signInSession(baseURL, users.OWNER),
    outsider: await signInSession(baseURL, world.b.users.OWNER),
  };
}

/** An answer to someone outside A that carries A's marker leaks A's data, whatever its status. */
function withLeakCheck(caller: TCaller, world: TWorld, answer: TAnswer, outcome: TOutcome): TOutcome {
  const outside = caller === "anonymous" || caller === "outsider";
  return outside && answer.body.includes(world.marker) ? `LEAK (${outcome})` : outcome;
}

type TMismatch = { what: string; caller: TCaller; expected: TOutcome; actual: TOutcome; detail: string };

function report(mismatches: TMismatch[]): string {
  return mismatches.map((m) => `${m.what.padEnd(64)} ${m.caller.padEnd(9)} expected ${m.expected.padEnd(8)} got ${m.actual}${m.detail ? `  ${m.detail}` : ""}`).join("\n");
}

const detailOf = (answer: TAnswer) => answer.body.replace(/\s+/g, " ").slice(0, 160);

test.describe.configure({ timeout: 300_000 });

test("every route handler method and server action has a row in the matrix", () => {
  const routes = discoverRouteMethods();
  const actions = discoverActions();
  const built = builtActions();
  expect(routes.filter((key) => !(key in ROUTES)), "route methods without a row").toEqual([]);
  expect(Object.keys(ROUTES).filter((key) => !routes.includes(key)), "rows for route methods that no longer exist").toEqual([]);
  expect(actions.filter((key) => !(key in ACTIONS)), "server actions without a row").toEqual([]);
  expect([...built.keys()].filter((key) => !(key in ACTIONS)), "actions in the build (inline ones too) without a row").toEqual([]);
  expect(Object.keys(ACTIONS).filter((key) => !built.has(key)), "rows for actions the build does not have").toEqual([]);
});

for (const caller of CALLERS) {
  test(`authorization matrix as ${caller}`, async ({ baseURL }) => {
    const base = baseURL as string;
    const world = await createWorld();
    const session = (await sessions(base, world))[caller];
    const built = builtActions();
    const mismatches: TMismatch[] = [];

    for (const [key, row] of Object.entries(ROUTES)) {
      const method = key.split(" ")[0];
      const call = await row.call({ world, caller });
      const answer = await send(base, { method, path: call.path, session, json: call.json, text: call.text, headers: { origin: base, ...call.headers } });
      const actual = withLeakCheck(caller, world, answer, (row.outcome ?? routeOutcome)(answer));
      if (actual !== row.expect[caller]) mismatches.push({ what: `${key}  (${call.path})`, caller, expected: row.expect[caller], actual, detail: detailOf(answer) });
    }

    for (const [key, row] of Object.entries(ACTIONS)) {
      const ref = built.get(key);
      if (!ref) continue; // reported by the coverage test
      const args = await row.args({ world, caller });
      const answer = await callAction(base, { actionId: ref.id, page: actionPage(world, ref.pages), args, session });
      let actual = withLeakCheck(caller, world, answer, actionOutcome(answer));
      if (key.endsWith("#bulkQueueAction") && actual === "ok") actual = bulkRowsOutcome(answer);
      if (actual !== row.expect[caller]) mismatches.push({ what: key, caller, expected: row.expect[caller], actual, detail: detailOf(answer) });
    }

    // One line per mismatch: "what  caller  expected X  got Y  <start of the answer>".
    expect(report(mismatches), `${mismatches.length} mismatches as ${caller}`).toBe("");
  });
}

/** The queue's bulk action answers ok with per-row results; a row not found is not a success. */
function bulkRowsOutcome(answer: TAnswer): TOutcome {
  return /"ok":false,"error":\{"code":"NOT_FOUND"/.test(answer.body) ? "ok-rows-404" : "ok";
}

/**
 * The other way in: the outsider acts in their own workspace B (which they may), but names records
 * of A inside the body or query. Each must be refused, never linked across workspaces.
 */
test("ids of another workspace inside a request are refused", async ({ baseURL }) => {
  const base = baseURL as string;
  const world = await createWorld();
  const { b } = world;
  const owner = b.users.OWNER;
  const session = await signInSession(base, owner);
  const bDoc = await createDocument({ workspaceId: b.id, userId: owner.id, title: "B doc", text: world.text.replace(world.marker, "b") });
  const bSource = (await createSource({ workspaceId: b.id, userId: owner.id, title: "B source" })).id;
  const bAnnotation = async () => (await createAnnotation({ documentId: bDoc, userId: owner.id, needle: NEEDLE })).id;
  const start = world.text.indexOf(NEEDLE);

  const attempts: { what: string; method: string; path: string; json?: unknown; refused: TOutcome[] }[] = [
    { what: "annotation citing A's source", method: "POST", path: `/api/v1/documents/${bDoc}/annotations`, json: { start, end: start + NEEDLE.length, sourceId: world.sourceId }, refused: ["404", "422"] },
    { what: "annotation re-pointed at A's source", method: "PATCH", path: `/api/v1/annotations/${await bAnnotation()}`, json: { version: 1, sourceId: world.sourceId }, refused: ["404", "422"] },
    { what: "annotation assigned to A's reviewer", method: "PATCH", path: `/api/v1/annotations/${await bAnnotation()}`, json: { version: 1, assigneeId: world.a.users.REVIEWER.id }, refused: ["404", "422"] },
    { what: "chain through A's source", method: "PUT", path: `/api/v1/annotations/${await bAnnotation()}/chain`, json: { version: 1, hops: [{ sourceId: world.sourceId }] }, refused: ["404", "422"] },
    { what: "evidence from A's source", method: "POST", path: `/api/v1/annotations/${await bAnnotation()}/evidence`, json: { stance: "SUPPORTS", sourceId: world.sourceId, passage: "x" }, refused: ["404", "422"] },
    { what: "B's source merged into A's", method: "POST", path: `/api/v1/sources/${bSource}/merge`, json: { intoId: world.sourceId }, refused: ["404", "422"] },
    { what: "B export job over A's document", method: "POST", path: `/api/v1/workspaces/${b.id}/exports`, json: { format: "csv", documents: [world.documentId] }, refused: ["404", "422"] },
    { what: "B report of A's document", method: "GET", path: `/api/v1/workspaces/${b.id}/export?format=csv&documents=${world.documentId}`, refused: ["404", "422"] },
    { what: "B sources export for A's document", method: "GET", path: `/api/v1/sources/export?workspaceId=${b.id}&format=bibtex&documentId=${world.documentId}`, refused: ["404", "422"] },
    { what: "B's document's annotations filtered by A's source", method: "GET", path: `/api/v1/documents/${bDoc}/annotations?sourceId=${world.sourceId}`, refused: ["ok", "404", "422"] },
  ];
  const problems: string[] = [];
  for (const attempt of attempts) {
    const answer = await send(base, { method: attempt.method, path: attempt.path, session, json: attempt.json, headers: { origin: base } });
    const outcome = withLeakCheck("outsider", world, answer, routeOutcome(answer));
    if (!attempt.refused.includes(outcome)) problems.push(`${attempt.what.padEnd(48)} expected ${attempt.refused.join("/")} got ${outcome}  ${detailOf(answer)}`);
  }
  expect(problems.join("\n")).toBe("");
});
