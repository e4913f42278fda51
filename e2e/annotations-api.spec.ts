import { expect, test, type PlaywrightWorkerArgs } from "@playwright/test";
import { cpLength } from "../lib/anchoring/code-points";
import { readCorpusText } from "../prisma/demo";
import { apiSignIn, createUser, createWorkspace, type TUser } from "./fixtures/factories";

const TEXT = "🙂🙂 Memorial: 613 killed in Khojaly, per Newsweek.";
const START = Array.from(TEXT).indexOf("6"); // 13 code points in, 15 UTF-16 units

/** A second signed-in API client, as another user. */
async function signedIn(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, user: TUser) {
  const context = await playwright.request.newContext({ baseURL });
  await apiSignIn(context, user);
  return context;
}

test("annotations API: code-point offsets, filters, versions, one event per change, and clear errors", async ({ request, playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const editor = await signedIn(playwright, baseURL, workspace.users.EDITOR);
  const doc = await (await editor.post("/api/v1/documents", { data: { workspaceId: workspace.id, title: "Emoji first", text: TEXT } })).json();
  await apiSignIn(request, workspace.users.REVIEWER);
  const list = `/api/v1/documents/${doc.id}/annotations`;
  const eventCount = async (id: string) => (await (await request.get(`/api/v1/annotations/${id}/events`)).json()).events.length;

  const created = await request.post(list, { data: { start: START, end: START + 3, exact: "613", attributionText: "Memorial:" } });
  expect(created.status()).toBe(201);
  const a = await created.json();
  expect(a).toMatchObject({ documentId: doc.id, start: START, end: START + 3, exact: "613", prefix: "🙂🙂 Memorial: ", status: "UNVERIFIED", version: 1, source: null });
  expect(START).toBe(TEXT.indexOf("6") - 2);
  expect(await eventCount(a.id)).toBe(1);

  // Verified needs evidence, which a new annotation cannot have yet: create, add evidence, then verify.
  const refused = await request.post(list, { data: { start: 0, end: 2, status: "VERIFIED" } });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.fields).toEqual({ status: "Add at least one evidence item before setting Verified" });
  const plain = await request.post(list, { data: { start: 0, end: 2, source: { kind: "REPORT", title: "Memorial Human Rights Centre report", aliases: ["Memorial HRC"] } } });
  expect(plain.status()).toBe(201);
  const emoji = await plain.json();
  expect((await request.post(`/api/v1/annotations/${emoji.id}/evidence`, { data: { stance: "SUPPORTS", sourceId: emoji.source.id, passage: "613 civilians" } })).status()).toBe(201);
  const verified = await request.patch(`/api/v1/annotations/${emoji.id}`, { data: { version: 2, status: "VERIFIED" } });
  expect(verified.status()).toBe(200);
  expect(await verified.json()).toMatchObject({ exact: "🙂🙂", status: "VERIFIED", version: 3, evidenceCount: 1, source: { title: "Memorial Human Rights Centre report", workspaceId: workspace.id } });

  // A corpus document: offsets of a real text.
  const corpusText = readCorpusText(workspace.documents[0].file);
  const at = cpLength(corpusText.slice(0, corpusText.indexOf("Khojaly")));
  const onCorpus = await request.post(`/api/v1/documents/${workspace.documents[0].id}/annotations`, { data: { start: at, end: at + 7, exact: "Khojaly" } });
  expect(onCorpus.status()).toBe(201);

  const all = (await (await request.get(list)).json()).annotations;
  expect(all.map((x: { exact: string }) => x.exact)).toEqual(["🙂🙂", "613"]);
  const filtered = (await (await request.get(`${list}?status=VERIFIED`)).json()).annotations;
  expect(filtered.map((x: { exact: string }) => x.exact)).toEqual(["🙂🙂"]);
  const badStatus = await request.get(`${list}?status=TRUE`);
  expect(badStatus.status()).toBe(422);
  expect((await badStatus.json()).error.fields.status).toContain("UNVERIFIED");

  // Versions: the editor's change wins; the reviewer's stale one is refused with the current state.
  // (Partly verified needs evidence: adding it is version 2.)
  expect((await editor.post(`/api/v1/annotations/${a.id}/evidence`, { data: { stance: "CONTEXT", passage: "613 civilians" } })).status()).toBe(201);
  const patched = await editor.patch(`/api/v1/annotations/${a.id}`, { data: { version: 2, status: "PARTLY_VERIFIED", note: "Memorial says 613 civilians" } });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({ version: 3, status: "PARTLY_VERIFIED", updatedBy: { id: workspace.users.EDITOR.id } });
  expect(await eventCount(a.id)).toBe(3);
  const stale = await request.patch(`/api/v1/annotations/${a.id}`, { data: { version: 2, status: "CONTRADICTED" } });
  expect(stale.status()).toBe(409);
  const conflict = (await stale.json()).error;
  expect(conflict).toMatchObject({ code: "CONFLICT", message: "This annotation was changed by editor", current: { version: 3, status: "PARTLY_VERIFIED" } });
  expect(await (await request.get(`/api/v1/annotations/${a.id}`)).json()).toMatchObject({ version: 3, status: "PARTLY_VERIFIED", note: "Memorial says 613 civilians" });
  expect(await eventCount(a.id)).toBe(3);

  const moved = await request.patch(`/api/v1/annotations/${a.id}`, { data: { version: 3, start: START, end: START + 10 } });
  expect(await moved.json()).toMatchObject({ version: 4, exact: "613 killed", suffix: " in Khojaly, per Newsweek." });
  const events = (await (await request.get(`/api/v1/annotations/${a.id}/events`)).json()).events;
  expect(events.map((e: { type: string; version: number }) => [e.type, e.version])).toEqual([["CREATED", 1], ["EVIDENCE_ADDED", 2], ["UPDATED", 3], ["UPDATED", 4]]);
  expect(events[3]).toMatchObject({ before: { end: START + 3, exact: "613" }, after: { end: START + 10, exact: "613 killed" } });

  // Invalid spans and bodies.
  const backwards = await request.post(list, { data: { start: 5, end: 5 } });
  expect(backwards.status()).toBe(422);
  expect((await backwards.json()).error.fields).toEqual({ end: "The end must come after the start" });
  const tooFar = await request.post(list, { data: { start: 0, end: cpLength(TEXT) + 1 } });
  expect(tooFar.status()).toBe(422);
  expect((await tooFar.json()).error.fields.end).toBe(`The end must be at most ${cpLength(TEXT)}, the document's length in code points`);
  const wrongQuote = await request.post(list, { data: { start: START, end: START + 3, exact: "614" } });
  expect(wrongQuote.status()).toBe(422);
  expect((await wrongQuote.json()).error).toMatchObject({ code: "VALIDATION", message: `The text at ${START}–${START + 3} is “613”, not the quote sent` });
  const unknown = await request.post(list, { data: { start: 0, end: 2, colour: "red" } });
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error.fields).toEqual({ colour: "Unknown field" });

  // Roles: a viewer reads but cannot write; a stranger sees nothing.
  const viewer = await signedIn(playwright, baseURL, workspace.users.VIEWER);
  expect((await viewer.get(list)).status()).toBe(200);
  expect((await viewer.post(list, { data: { start: 0, end: 2 } })).status()).toBe(403);
  expect((await viewer.patch(`/api/v1/annotations/${a.id}`, { data: { version: 4, note: "x" } })).status()).toBe(403);
  expect((await viewer.delete(`/api/v1/annotations/${a.id}`)).status()).toBe(403);
  const stranger = await signedIn(playwright, baseURL, await createUser("stranger"));
  expect((await stranger.get(list)).status()).toBe(404);
  expect((await stranger.get(`/api/v1/annotations/${a.id}`)).status()).toBe(404);
  expect((await stranger.get(`/api/v1/annotations/${a.id}/events`)).status()).toBe(404);
  expect((await stranger.patch(`/api/v1/annotations/${a.id}`, { data: { version: 4, note: "x" } })).status()).toBe(404);
  expect((await stranger.post(list, { data: { start: 0, end: 2 } })).status()).toBe(404);

  // Delete, then neither PATCH nor GET finds it; restore brings it back.
  expect((await request.delete(`/api/v1/annotations/${a.id}`)).status()).toBe(204);
  expect(await eventCount(a.id)).toBe(5);
  expect((await request.patch(`/api/v1/annotations/${a.id}`, { data: { version: 5, note: "revive" } })).status()).toBe(404);
  expect((await request.get(`/api/v1/annotations/${a.id}`)).status()).toBe(404);
  expect((await (await request.get(list)).json()).annotations).toHaveLength(1);
  const restored = await request.post(`/api/v1/annotations/${a.id}/restore`);
  expect(restored.status()).toBe(200);
  expect(await restored.json()).toMatchObject({ id: a.id, version: 6, deletedAt: null, exact: "613 killed" });
  expect(await eventCount(a.id)).toBe(6);
  expect((await request.post(`/api/v1/annotations/${a.id}/restore`)).status()).toBe(409);
});

test("sources API: create, list, read, edit against a version, and workspace boundaries", async ({ request, playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const other = await createWorkspace();
  await apiSignIn(request, workspace.users.REVIEWER);

  const created = await request.post("/api/v1/sources", {
    data: { workspaceId: workspace.id, kind: "BOOK", title: "Black Garden", authors: [{ family: "de Waal", given: "Thomas" }], issued: "2003", aliases: ["Black Garden (NYU)"] },
  });
  expect(created.status()).toBe(201);
  const source = await created.json();
  expect(source).toMatchObject({ workspaceId: workspace.id, kind: "BOOK", title: "Black Garden", publisher: "", version: 1 });

  const invalid = await request.post("/api/v1/sources", { data: { workspaceId: workspace.id, kind: "BLOG", title: "", issued: "1992-13" } });
  expect(invalid.status()).toBe(422);
  expect(Object.keys((await invalid.json()).error.fields).sort()).toEqual(["issued", "kind", "title"]);
  expect((await request.post("/api/v1/sources", { data: { workspaceId: other.id, kind: "BOOK", title: "Elsewhere" } })).status()).toBe(404);

  const listed = await (await request.get(`/api/v1/sources?workspaceId=${workspace.id}`)).json();
  expect(listed.sources.map((s: { id: string }) => s.id)).toEqual([source.id]);
  const noWorkspace = await request.get("/api/v1/sources");
  expect(noWorkspace.status()).toBe(422);
  expect((await noWorkspace.json()).error.fields).toEqual({ workspaceId: "Choose a workspace" });
  expect(await (await request.get(`/api/v1/sources/${source.id}`)).json()).toEqual(source);

  expect((await request.patch(`/api/v1/sources/${source.id}`, { data: { version: 1, publisher: "NYU Press" } })).status()).toBe(403);
  const editor = await signedIn(playwright, baseURL, workspace.users.EDITOR);
  const edited = await editor.patch(`/api/v1/sources/${source.id}`, { data: { version: 1, publisher: "NYU Press" } });
  expect(edited.status()).toBe(200);
  expect(await edited.json()).toMatchObject({ publisher: "NYU Press", version: 2 });
  const stale = await editor.patch(`/api/v1/sources/${source.id}`, { data: { version: 1, title: "Black garden" } });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error).toMatchObject({ code: "CONFLICT", current: { version: 2, title: "Black Garden", publisher: "NYU Press" } });
  expect((await editor.patch(`/api/v1/sources/${source.id}`, { data: { version: 2, colour: "x" } })).status()).toBe(400);

  // Citing: a source of this workspace works; one of another workspace is refused on the field.
  const doc = workspace.documents[1];
  const cited = await request.post(`/api/v1/documents/${doc.id}/annotations`, { data: { start: 0, end: 3, sourceId: source.id, locator: "p. 172" } });
  expect(cited.status()).toBe(201);
  expect(await cited.json()).toMatchObject({ source: { id: source.id, publisher: "NYU Press" }, locator: "p. 172" });
  const bySource = await (await request.get(`/api/v1/documents/${doc.id}/annotations?sourceId=${source.id}`)).json();
  expect(bySource.annotations).toHaveLength(1);

  const otherOwner = await signedIn(playwright, baseURL, other.users.OWNER);
  const foreign = await (await otherOwner.post("/api/v1/sources", { data: { workspaceId: other.id, kind: "REPORT", title: "Foreign" } })).json();
  expect((await request.get(`/api/v1/sources/${foreign.id}`)).status()).toBe(404);
  expect((await editor.patch(`/api/v1/sources/${foreign.id}`, { data: { version: 1, title: "Mine" } })).status()).toBe(404);
  const crossed = await request.post(`/api/v1/documents/${doc.id}/annotations`, { data: { start: 0, end: 3, sourceId: foreign.id } });
  expect(crossed.status()).toBe(422);
  expect((await crossed.json()).error.fields).toEqual({ sourceId: "Choose a source of this workspace" });
});
