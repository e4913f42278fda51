/**
 * The authorization matrix: every route handler method (found by walking app/api) and every server
 * action (found in the "use server" modules, called by its id from the build's manifest, as the
 * browser calls it) is called as an anonymous visitor, as each role of workspace A and as the
 * OWNER of another workspace, against records of A. Each answer is compared with the table in lib/matrix-table.ts;
 * a method or action without a row fails the test. Calls that a role may make carry a valid body
 * and must succeed (2xx, or an action's `{ ok: true }`); calls that change or destroy act on fresh
 * records. Anything an outsider or an anonymous visitor gets back must not contain A's data.
 */
import { expect, test } from "@playwright/test";
import { builtActions, discoverActions, discoverRouteMethods, pagePath } from "./lib/discover";
import { actionOutcome, callAction, routeOutcome, send, signInSession, type TAnswer, type TOutcome, type TSession } from "./lib/http";
import { ACTIONS, CALLERS, ROUTES, type TCaller } from "./lib/matrix-table";
import { createAnnotation, createSource } from "../fixtures/annotator";
import { createDocument, createWorld, NEEDLE, type TWorld } from "./lib/world";

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
    let session = (await sessions(base, world))[caller];
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
      if (row.endsSessions && caller !== "anonymous") session = await signInSession(base, caller === "outsider" ? world.b.users.OWNER : world.a.users[caller]);
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
