import { describe, expect, it } from "vitest";
import { deleteAnnotation, restoreAnnotation } from "@/lib/annotations/mutations";
import { ZSignOff } from "@/lib/annotations/schemas";
import { signOffAnnotation } from "@/lib/annotations/sign-off";
import { db } from "@/lib/db";
import { sha256Hex } from "@/lib/documents/text";
import { addEvidenceTo, create, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { getDashboard } from "./queries";
import { emptyCounts } from "./schemas";
import { weekStart } from "./weeks";

const TEXT = "Khojaly, 26 February 1992. Memorial reported 613 killed; Newsweek quoted the same figure.";

const version = async (id: string) => (await db().annotation.findUniqueOrThrow({ where: { id } })).version;
const decide = async (userId: string, id: string, decision: string, reason = "") =>
  signOffAnnotation({ userId, annotationId: id, input: ZSignOff.parse({ version: await version(id), decision, ...(reason ? { reason } : {}) }) });
async function verify(userId: string, id: string) {
  await addEvidenceTo(userId, id);
  return update(userId, id, { version: await version(id), status: "VERIFIED" });
}

async function newDocument(workspaceId: string, ownerId: string, title: string, deleted = false) {
  return db().document.create({
    data: { workspaceId, title, text: TEXT, sha256: sha256Hex(TEXT), length: TEXT.length, createdById: ownerId, deletedAt: deleted ? new Date() : null },
  });
}

describe("dashboard aggregates (real database)", () => {
  it("counts per document, source, member this week and week of verdicts, on a known dataset", async () => {
    const ws = await testWorkspace(TEXT);
    const { REVIEWER, REVIEWER2, EDITOR, OWNER, VIEWER } = ws.users;
    const doc2 = await newDocument(ws.workspaceId, OWNER.id, "B second");
    const empty = await newDocument(ws.workspaceId, OWNER.id, "C empty");
    const gone = await newDocument(ws.workspaceId, OWNER.id, "Deleted", true);
    await db().annotation.create({
      data: { workspaceId: ws.workspaceId, documentId: gone.id, documentRevision: 1, start: 0, end: 3, exact: "Kho", prefix: "", suffix: "", createdById: OWNER.id, updatedById: OWNER.id },
    });
    await db().document.update({ where: { id: ws.documentId }, data: { title: "A first" } });

    // Document A: unverified (no source), in progress (source S), verified awaiting, verified confirmed after a return.
    await create(REVIEWER.id, ws.documentId, { start: 0, end: 7 });
    const progress = await create(REVIEWER.id, ws.documentId, { start: 9, end: 20, source: { kind: "REPORT", title: "Memorial report" } });
    await update(REVIEWER.id, progress.id, { version: 1, status: "IN_PROGRESS" });
    const awaiting = await create(REVIEWER.id, ws.documentId, { start: 27, end: 35 });
    await verify(REVIEWER.id, awaiting.id);
    const confirmed = await create(REVIEWER.id, ws.documentId, { start: 36, end: 44, sourceId: progress.source!.id });
    await verify(REVIEWER.id, confirmed.id);
    await decide(EDITOR.id, confirmed.id, "RETURN", "Check the page");
    await decide(REVIEWER.id, confirmed.id, "RESUBMIT");
    await decide(EDITOR.id, confirmed.id, "CONFIRM");
    // A verdict that was deleted, restored and deleted again: one verdict, and gone from the counts.
    const deleted = await create(REVIEWER.id, ws.documentId, { start: 45, end: 48 });
    await verify(REVIEWER.id, deleted.id);
    await deleteAnnotation({ userId: REVIEWER.id, annotationId: deleted.id });
    await restoreAnnotation({ userId: REVIEWER.id, annotationId: deleted.id });
    await deleteAnnotation({ userId: REVIEWER.id, annotationId: deleted.id });
    // Document B: a source not found, by the second reviewer.
    const notFound = await create(REVIEWER2.id, doc2.id, { start: 0, end: 7 });
    await update(REVIEWER2.id, notFound.id, { version: 1, status: "SOURCE_NOT_FOUND" });
    // Last week: a verdict by the owner, written before this Monday.
    const now = new Date();
    await db().annotationEvent.create({
      data: {
        annotationId: notFound.id, workspaceId: ws.workspaceId, documentId: doc2.id, type: "UPDATED", actorId: OWNER.id, version: 99,
        before: { status: "UNVERIFIED" }, after: { status: "VERIFIED" }, createdAt: new Date(weekStart(now).getTime() - 1),
      },
    });
    // Another workspace's work counts nowhere here.
    const other = await testWorkspace(TEXT);
    await verify(other.users.REVIEWER.id, (await create(other.users.REVIEWER.id, other.documentId, { start: 0, end: 7 })).id);

    const d = await getDashboard({ userId: ws.users.VIEWER.id, workspaceId: ws.workspaceId, now });

    expect(d.requireSignOff).toBe(true);
    expect(d.documentPage).toEqual({ page: 1, pages: 1, perPage: 50, total: 3 });
    expect(d.documents).toEqual([
      { id: ws.documentId, title: "A first", counts: { ...emptyCounts(), UNVERIFIED: 1, IN_PROGRESS: 1, VERIFIED: 2 }, total: 4, verdicts: 2, confirmed: 1, awaiting: 1 },
      { id: doc2.id, title: "B second", counts: { ...emptyCounts(), SOURCE_NOT_FOUND: 1 }, total: 1, verdicts: 1, confirmed: 0, awaiting: 1 },
      { id: empty.id, title: "C empty", counts: emptyCounts(), total: 0, verdicts: 0, confirmed: 0, awaiting: 0 },
    ]);
    expect(d.totals).toEqual({ ...emptyCounts(), UNVERIFIED: 1, IN_PROGRESS: 1, VERIFIED: 2, SOURCE_NOT_FOUND: 1 });
    expect(d.sources).toEqual([
      { id: null, label: "No source yet", counts: { ...emptyCounts(), UNVERIFIED: 1, VERIFIED: 1, SOURCE_NOT_FOUND: 1 }, total: 3 },
      { id: progress.source!.id, label: "Memorial report", counts: { ...emptyCounts(), IN_PROGRESS: 1, VERIFIED: 1 }, total: 2 },
    ]);
    expect(d.moreSources).toBe(0);

    expect(d.weekStart).toBe(weekStart(now).toISOString());
    const member = (id: string) => d.members.find((m) => m.id === id);
    // Made: CREATED events. Verdicts: three VERIFIED and one resubmission (not the restore). Signed off: the confirmation only.
    expect(member(REVIEWER.id)).toMatchObject({ made: 5, verdicts: 4, signedOff: 0 });
    expect(member(REVIEWER2.id)).toMatchObject({ made: 1, verdicts: 1, signedOff: 0 });
    expect(member(EDITOR.id)).toMatchObject({ made: 0, verdicts: 0, signedOff: 1 });
    expect(member(OWNER.id)).toMatchObject({ made: 0, verdicts: 0, signedOff: 0 });
    expect(d.members).toHaveLength(5);

    expect(d.weeks).toHaveLength(8);
    const [previous, current] = d.weeks.slice(-2);
    expect(current).toEqual({ start: weekStart(now).toISOString(), counts: expect.objectContaining({ VERIFIED: 3, SOURCE_NOT_FOUND: 1, RESUBMITTED: 1 }), total: 5 });
    expect(previous).toMatchObject({ counts: expect.objectContaining({ VERIFIED: 1 }), total: 1 });
    expect(d.weeks.slice(0, 6).every((w) => w.total === 0)).toBe(true);

    await expect(getDashboard({ userId: ws.users.STRANGER.id, workspaceId: ws.workspaceId })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Counted again as soon as something counted changes: a new annotation, a deleted document.
    expect(await getDashboard({ userId: VIEWER.id, workspaceId: ws.workspaceId, now })).toEqual(d);
    await create(REVIEWER2.id, empty.id, { start: 0, end: 7 });
    const more = await getDashboard({ userId: VIEWER.id, workspaceId: ws.workspaceId, now });
    expect(more.documents.find((x) => x.id === empty.id)).toMatchObject({ total: 1, counts: { UNVERIFIED: 1 } });
    expect(more.members.find((m) => m.id === REVIEWER2.id)).toMatchObject({ made: 2 });
    await db().document.update({ where: { id: doc2.id }, data: { deletedAt: new Date() } });
    const fewer = await getDashboard({ userId: VIEWER.id, workspaceId: ws.workspaceId, now });
    expect(fewer.documents.map((x) => x.title)).toEqual(["A first", "C empty"]);
    expect(fewer.sources[0]).toMatchObject({ id: null, counts: { UNVERIFIED: 2, VERIFIED: 1, SOURCE_NOT_FOUND: 0 }, total: 3 });
  });

  it("pages the documents by title; the totals and sources still count every document", async () => {
    const ws = await testWorkspace(TEXT);
    const { OWNER, REVIEWER, VIEWER } = ws.users;
    await db().document.update({ where: { id: ws.documentId }, data: { title: "Doc 00" } });
    for (let i = 1; i < 7; i++) await newDocument(ws.workspaceId, OWNER.id, `Doc ${String(i).padStart(2, "0")}`);
    await newDocument(ws.workspaceId, OWNER.id, "Doc 99 deleted", true);
    const last = await db().document.findFirstOrThrow({ where: { workspaceId: ws.workspaceId, title: "Doc 06" } });
    await create(REVIEWER.id, ws.documentId, { start: 0, end: 7 });
    await create(REVIEWER.id, last.id, { start: 0, end: 7, source: { kind: "REPORT", title: "Memorial report" } });
    const page = (documentsPage?: number) => getDashboard({ userId: VIEWER.id, workspaceId: ws.workspaceId, documentsPage, documentsPerPage: 3 });
    const titles = (d: Awaited<ReturnType<typeof page>>) => d.documents.map((doc) => `${doc.title}:${doc.total}`);

    const first = await page();
    expect(first.documentPage).toEqual({ page: 1, pages: 3, perPage: 3, total: 7 });
    expect(titles(first)).toEqual(["Doc 00:1", "Doc 01:0", "Doc 02:0"]);
    expect(first.totals).toEqual({ ...emptyCounts(), UNVERIFIED: 2 });
    expect(first.sources.map((s) => [s.label, s.total])).toEqual([["Memorial report", 1], ["No source yet", 1]]);
    const third = await page(3);
    expect(titles(third)).toEqual(["Doc 06:1"]);
    expect(third.totals).toEqual(first.totals);
    // A page past the end is the last page; anything that is not a page number is the first.
    expect(titles(await page(9))).toEqual(["Doc 06:1"]);
    for (const odd of [0, -1, 1.5, Number.NaN]) expect((await page(odd)).documentPage.page).toBe(1);
  });

  it("an event committed out of order, its id far below the newest, still refreshes the cached counts", async () => {
    const ws = await testWorkspace(TEXT);
    const { REVIEWER, VIEWER } = ws.users;
    const a = await create(REVIEWER.id, ws.documentId, { start: 0, end: 7 });
    const totals = async () => (await getDashboard({ userId: VIEWER.id, workspaceId: ws.workspaceId })).totals;
    const event = (version: number, id?: bigint) => ({
      ...(id ? { id } : {}),
      annotationId: a.id,
      workspaceId: ws.workspaceId,
      documentId: ws.documentId,
      type: "UPDATED" as const,
      actorId: REVIEWER.id,
      version,
      after: {},
    });
    // A later transaction's event committed first, its id far above those taken meanwhile.
    const [{ max }] = await db().$queryRaw<{ max: bigint }[]>`SELECT max(id) AS max FROM "AnnotationEvent"`;
    await db().annotationEvent.create({ data: event(1, max + BigInt(1_000_000_000)) });
    expect(await totals()).toEqual({ ...emptyCounts(), UNVERIFIED: 1 });
    expect(await totals()).toEqual({ ...emptyCounts(), UNVERIFIED: 1 });
    // The earlier transaction commits now: its change, and its event with the lower id.
    await db().$transaction([db().annotation.update({ where: { id: a.id }, data: { status: "CONTRADICTED", version: 2 } }), db().annotationEvent.create({ data: event(2) })]);
    expect(await totals()).toEqual({ ...emptyCounts(), CONTRADICTED: 1 });
  });
});
