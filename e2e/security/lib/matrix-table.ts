/**
 * The authorization matrix's table: for every route handler method ("METHOD /api/path") and every
 * server action ("file#export"), what each caller must get (401 / 403 / 404 / ok / …) and how to
 * call it with records of workspace A. The runner is e2e/security/authz-matrix.spec.ts.
 */
import { FormArg, routeOutcome, type TAnswer, type TOutcome } from "./http";
import { NEEDLE, type TWorld } from "./world";

export const CALLERS = ["anonymous", "VIEWER", "REVIEWER", "EDITOR", "OWNER", "outsider"] as const;
export type TCaller = (typeof CALLERS)[number];
export type TExpect = Record<TCaller, TOutcome>;
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

export type TCtx = { world: TWorld; caller: TCaller };
type TRouteCall = { path: string; json?: unknown; text?: string; headers?: Record<string, string> };
type TRouteRow = { expect: TExpect; call: (ctx: TCtx) => Promise<TRouteCall>; outcome?: (answer: TAnswer) => TOutcome };
/** `endsSessions`: the action ends the caller's sessions, so the runner signs them in again after it. */
type TActionRow = { expect: TExpect; args: (ctx: TCtx) => Promise<unknown[]>; endsSessions?: true };

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

export const ROUTES: Record<string, TRouteRow> = {
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
  "POST /api/v1/annotations/[id]/recheck": {
    expect: route("REVIEWER"),
    call: async ({ world }) => ({ path: `/api/v1/annotations/${await world.fresh.flaggedForRecheck()}/recheck`, json: { version: 1 } }),
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
  "GET /api/v1/documents/[id]/original": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/documents/${world.documentId}/original` }) },
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
  "GET /api/v1/documents/[id]/revisions": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/documents/${world.documentId}/revisions` }) },
  "POST /api/v1/documents/[id]/revisions": {
    expect: route("EDITOR"),
    call: async ({ world }) => ({ path: `/api/v1/documents/${await world.fresh.document()}/revisions`, json: { baseRevision: 1, text: `${world.text} A sentence added.`, reason: "matrix" } }),
  },
  "GET /api/v1/documents/[id]/revisions/[n]": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/documents/${world.documentId}/revisions/1` }) },
  "GET /api/v1/documents/[id]/diff": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/documents/${world.documentId}/diff?from=1&to=1` }) },
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
  "GET /api/v1/inbox/settings": { expect: signedIn("401"), call: async () => ({ path: "/api/v1/inbox/settings" }) },
  "PUT /api/v1/inbox/settings": { expect: signedIn("401"), call: async () => ({ path: "/api/v1/inbox/settings", json: { ASSIGNED: true } }) },

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
  "GET /api/v1/source-merges/[id]": { expect: route("VIEWER"), call: async ({ world }) => ({ path: `/api/v1/source-merges/${await world.fresh.merge()}` }) },
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
  "GET /api/v1/workspaces/[id]/invitations": { expect: route("OWNER"), call: async ({ world }) => ({ path: `/api/v1/workspaces/${world.a.id}/invitations` }) },
  "POST /api/v1/workspaces/[id]/invitations": {
    expect: route("OWNER"),
    call: async ({ world }) => ({ path: `/api/v1/workspaces/${world.a.id}/invitations`, json: { email: (await world.fresh.stranger()).email, role: "VIEWER" } }),
  },
  "DELETE /api/v1/workspaces/[id]/invitations/[invitationId]": {
    expect: route("OWNER"),
    call: async ({ world }) => ({ path: `/api/v1/workspaces/${world.a.id}/invitations/${(await world.fresh.invitation()).id}` }),
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

export const ACTIONS: Record<string, TActionRow> = {
  "lib/annotations/actions.ts#createAnnotationAction": { expect: action("REVIEWER"), args: async ({ world }) => [world.documentId, annotationBody(world)] },
  "lib/annotations/actions.ts#updateAnnotationAction": { expect: action("REVIEWER"), args: async ({ world }) => [await world.fresh.annotation(), { version: 1, note: "matrix edit" }] },
  "lib/annotations/actions.ts#deleteAnnotationAction": { expect: action("REVIEWER"), args: async ({ world }) => [await world.fresh.annotation()] },
  "lib/annotations/actions.ts#restoreAnnotationAction": { expect: action("EDITOR"), args: async ({ world }) => [await world.fresh.deletedAnnotation()] },
  "lib/annotations/actions.ts#listDeletedAnnotationsAction": { expect: action("EDITOR"), args: async ({ world }) => [world.documentId] },
  "lib/annotations/actions.ts#setChainAction": {
    expect: action("REVIEWER"),
    args: async ({ world }) => [await world.fresh.annotation(), { version: 1, hops: [{ sourceId: world.sourceId }] }],
  },
  "lib/revisions/actions.ts#recheckAction": { expect: action("REVIEWER"), args: async ({ world }) => [await world.fresh.flaggedForRecheck(), { version: 1 }] },
  "lib/revisions/actions.ts#createRevisionAction": {
    expect: action("EDITOR"),
    args: async ({ world }) => [await world.fresh.document(), { baseRevision: 1, text: `${world.text} A sentence added.`, reason: "matrix" }],
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
  "lib/notifications/actions.ts#setNotificationSettingsAction": { expect: signedIn("login"), args: async () => [{ ASSIGNED: true }] },

  "lib/documents/actions.ts#createDocumentAction": {
    expect: action("EDITOR"),
    args: async ({ world }) => [null, new FormArg({ workspaceId: world.a.id, title: "Matrix document", text: "Some text to check.", mode: "paste" })],
  },
  "lib/documents/actions.ts#renameDocumentAction": { expect: action("EDITOR"), args: async ({ world }) => [await world.fresh.document(), null, new FormArg({ title: "Renamed" })] },
  "lib/documents/actions.ts#deleteDocumentAction": { expect: action("EDITOR"), args: async ({ world }) => [await world.fresh.document()] },
  "lib/documents/actions.ts#setReadingPreferenceAction": { expect: action("VIEWER"), args: async ({ world }) => [await world.fresh.document(), { reflow: true }] },
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
  "lib/sources/merge-actions.ts#mergeProgressAction": { expect: action("VIEWER"), args: async ({ world }) => [await world.fresh.merge()] },
  "lib/sources/merge-actions.ts#undoMergeAction": { expect: action("OWNER"), args: async ({ world }) => [await world.fresh.merge()] },

  "lib/invitations/actions.ts#inviteMemberAction": {
    expect: action("OWNER"),
    args: async ({ world }) => [world.a.id, null, new FormArg({ email: (await world.fresh.stranger()).email, role: "VIEWER" })],
  },
  "lib/invitations/actions.ts#revokeInvitationAction": { expect: action("OWNER"), args: async ({ world }) => [world.a.id, (await world.fresh.invitation()).id] },
  // The invitation page is open to visitors without a session: the sign-up is theirs (anyone holding
  // the link may use it once), accepting needs the invited account's session.
  "lib/invitations/accept-actions.ts#acceptInvitationAction": {
    expect: signedIn("401"),
    args: async ({ world, caller }) => {
      const email = caller === "outsider" ? world.b.users.OWNER.email : caller === "anonymous" ? `anon-${unique()}@e2e.test` : world.a.users[caller].email;
      return [(await world.fresh.invitationElsewhere(email)).token];
    },
  },
  "lib/invitations/accept-actions.ts#signUpWithInvitationAction": {
    expect: signedIn("ok"),
    args: async ({ world }) => [(await world.fresh.invitation()).token, null, new FormArg({ name: "Matrix", password: "a long matrix password", confirm: "a long matrix password" })],
  },

  "lib/tokens/actions.ts#createTokenAction": { expect: signedIn("login"), args: async () => [null, new FormArg({ name: "matrix", scope: "READ" })] },
  "lib/tokens/actions.ts#revokeTokenAction": { expect: editorsOwn("login"), args: async ({ world }) => [await world.fresh.token()] },

  "lib/workspaces/actions.ts#createWorkspaceAction": { expect: signedIn("login"), args: async () => [null, new FormArg({ name: "Matrix desk" })] },
  "lib/workspaces/actions.ts#changeRoleAction": { expect: action("OWNER"), args: async ({ world }) => [world.a.id, await world.fresh.member(), "REVIEWER"] },
  "lib/workspaces/actions.ts#removeMemberAction": { expect: action("OWNER"), args: async ({ world }) => [world.a.id, await world.fresh.member()] },
  "lib/workspaces/actions.ts#updateWorkspaceSettingsAction": {
    expect: action("OWNER"),
    args: async ({ world }) => [world.a.id, { version: await world.fresh.workspaceVersion(), requireSignOff: true }],
  },
  // Sets the caller's password to the one they have (all callers share it), so the rest of the run is
  // unaffected but for the sessions it ends.
  "lib/workspaces/actions.ts#changePasswordAction": {
    expect: signedIn("login"),
    args: async ({ world, caller }) => {
      const password = caller === "outsider" ? world.b.users.OWNER.password : world.a.users.VIEWER.password;
      return [null, new FormArg({ current: password, password, confirm: password })];
    },
    endsSessions: true,
  },
  "lib/workspaces/actions.ts#signOutEverywhereAction": { expect: signedIn("login"), args: async () => [], endsSessions: true },
};
