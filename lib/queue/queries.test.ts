import { describe, expect, it } from "vitest";
import { ZSignOff } from "@/lib/annotations/schemas";
import { deleteAnnotation } from "@/lib/annotations/mutations";
import { signOffAnnotation } from "@/lib/annotations/sign-off";
import { db } from "@/lib/db";
import { addEvidenceTo, create, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { countQueue, listQueue } from "./queries";
import { decodeCursor, type TQueueFilters, type TQueueTab } from "./schemas";

const TEXT = "Khojaly, 26 February 1992. Memorial reported 613 killed; Newsweek quoted the same figure.";

/** Ids of a tab's first page as `userId` sees it. */
async function ids(userId: string, workspaceId: string, tab: TQueueTab, filters: TQueueFilters = {}) {
  return (await listQueue({ userId, workspaceId, tab, filters })).rows.map((r) => r.id);
}

/** Gives a verdict with evidence as `userId`; returns the annotation awaiting sign-off. */
async function verdict(userId: string, annotationId: string) {
  await addEvidenceTo(userId, annotationId);
  const { version } = await db().annotation.findUniqueOrThrow({ where: { id: annotationId } });
  return update(userId, annotationId, { version, status: "VERIFIED" });
}

describe("queue tabs (real database)", () => {
  it("each tab holds what it says, oldest first; deleted rows and rows of deleted documents never show", async () => {
    const ws = await testWorkspace(TEXT);
    const { REVIEWER, EDITOR, OWNER, VIEWER } = ws.users;
    const at = (start: number, end: number) => create(REVIEWER.id, ws.documentId, { start, end });

    const openMine = await at(0, 7);
    await update(EDITOR.id, openMine.id, { version: 1, assigneeId: REVIEWER.id });
    const awaitingMine = await at(9, 20);
    await update(EDITOR.id, awaitingMine.id, { version: 1, assigneeId: REVIEWER.id });
    const byReviewer = await verdict(REVIEWER.id, awaitingMine.id);
    const returned = await at(27, 35);
    const byReviewer2 = await verdict(REVIEWER.id, returned.id);
    await signOffAnnotation({ userId: EDITOR.id, annotationId: returned.id, input: ZSignOff.parse({ version: byReviewer2.version, decision: "RETURN", reason: "Wrong page" }) });
    const unassigned = await at(36, 44);
    await update(REVIEWER.id, unassigned.id, { version: 1, status: "IN_PROGRESS" });
    const notFound = await at(45, 48);
    await update(REVIEWER.id, notFound.id, { version: 1, status: "SOURCE_NOT_FOUND" });
    const byEditor = await create(EDITOR.id, ws.documentId, { start: 49, end: 55 });
    await verdict(EDITOR.id, byEditor.id);
    const gone = await at(56, 60);
    await deleteAnnotation({ userId: REVIEWER.id, annotationId: gone.id });
    const otherDoc = await db().document.create({
      data: { workspaceId: ws.workspaceId, title: "Deleted", text: TEXT, sha256: "x", length: TEXT.length, createdById: OWNER.id, deletedAt: new Date() },
    });
    await db().annotation.create({
      data: { workspaceId: ws.workspaceId, documentId: otherDoc.id, documentRevision: 1, start: 0, end: 3, exact: "Kho", prefix: "", suffix: "", createdById: OWNER.id, updatedById: OWNER.id },
    });

    // Assigned to me: live work, and the verdict sent back to me; not the one awaiting sign-off.
    expect(await ids(REVIEWER.id, ws.workspaceId, "mine")).toEqual([openMine.id, returned.id]);
    expect(await ids(EDITOR.id, ws.workspaceId, "mine")).toEqual([]);
    // Unassigned and unverified: no verdicts (SOURCE_NOT_FOUND is one), nothing assigned.
    expect(await ids(REVIEWER.id, ws.workspaceId, "unassigned")).toEqual([unassigned.id]);
    // Waiting for my sign-off: others' verdicts only, oldest verdict first; editors and owners only.
    expect(await ids(EDITOR.id, ws.workspaceId, "sign-off")).toEqual([awaitingMine.id, notFound.id]);
    expect(await ids(OWNER.id, ws.workspaceId, "sign-off")).toEqual([awaitingMine.id, notFound.id, byEditor.id]);
    await expect(listQueue({ userId: REVIEWER.id, workspaceId: ws.workspaceId, tab: "sign-off", filters: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await ids(VIEWER.id, ws.workspaceId, "all")).sort()).toEqual(
      [openMine.id, awaitingMine.id, returned.id, unassigned.id, notFound.id, byEditor.id].sort(),
    );

    const page = await listQueue({ userId: EDITOR.id, workspaceId: ws.workspaceId, tab: "sign-off", filters: {} });
    expect(page.rows[0]).toMatchObject({
      id: awaitingMine.id,
      version: byReviewer.version,
      status: "VERIFIED",
      signOff: "AWAITING",
      documentTitle: "Doc",
      assignee: { id: REVIEWER.id, name: REVIEWER.name },
      verdictBy: { id: REVIEWER.id },
    });
    expect(page).toMatchObject({ next: undefined, previous: undefined });

    expect(await countQueue({ userId: EDITOR.id, workspaceId: ws.workspaceId, filters: {} })).toEqual({ mine: 0, unassigned: 1, "sign-off": 2, all: 6 });
    expect(await countQueue({ userId: REVIEWER.id, workspaceId: ws.workspaceId, filters: {} })).toEqual({ mine: 2, unassigned: 1, "sign-off": null, all: 6 });
    // Filtered by status: the sign-off tab holds that verdict's rows, and none for a status that is no verdict.
    expect(await countQueue({ userId: EDITOR.id, workspaceId: ws.workspaceId, filters: { status: "SOURCE_NOT_FOUND" } })).toEqual({ mine: 0, unassigned: 0, "sign-off": 1, all: 1 });
    expect(await countQueue({ userId: OWNER.id, workspaceId: ws.workspaceId, filters: { status: "IN_PROGRESS" } })).toEqual({ mine: 0, unassigned: 1, "sign-off": 0, all: 1 });
    expect((await listQueue({ userId: EDITOR.id, workspaceId: ws.workspaceId, tab: "sign-off", filters: { status: "VERIFIED" } })).rows.map((r) => r.id)).toEqual([awaitingMine.id]);
    expect((await listQueue({ userId: OWNER.id, workspaceId: ws.workspaceId, tab: "sign-off", filters: { status: "UNVERIFIED" } })).rows).toEqual([]);
  });

  it("never shows another workspace's rows, even to a member of both; a stranger gets 404", async () => {
    const here = await testWorkspace(TEXT);
    const there = await testWorkspace(TEXT);
    const both = here.users.REVIEWER;
    await db().membership.create({ data: { workspaceId: there.workspaceId, userId: both.id, role: "REVIEWER" } });
    const mineHere = await create(both.id, here.documentId, { start: 0, end: 7 });
    await update(both.id, mineHere.id, { version: 1, assigneeId: both.id });
    const mineThere = await create(both.id, there.documentId, { start: 0, end: 7 });
    await update(both.id, mineThere.id, { version: 1, assigneeId: both.id });
    const unassignedThere = await create(there.users.REVIEWER.id, there.documentId, { start: 9, end: 20 });
    await create(there.users.EDITOR.id, there.documentId, { start: 27, end: 35 }).then((a) => verdict(there.users.EDITOR.id, a.id));

    expect(await ids(both.id, here.workspaceId, "mine")).toEqual([mineHere.id]);
    expect(await ids(both.id, there.workspaceId, "mine")).toEqual([mineThere.id]);
    expect(await ids(here.users.EDITOR.id, here.workspaceId, "unassigned")).toEqual([]);
    expect(await ids(here.users.EDITOR.id, here.workspaceId, "sign-off")).toEqual([]);
    expect(await ids(here.users.EDITOR.id, here.workspaceId, "all")).toEqual([mineHere.id]);
    expect(await ids(there.users.OWNER.id, there.workspaceId, "unassigned")).toEqual([unassignedThere.id]);
    // A filter naming the other workspace's document finds nothing rather than its rows.
    expect(await ids(here.users.EDITOR.id, here.workspaceId, "all", { document: there.documentId })).toEqual([]);
    await expect(listQueue({ userId: here.users.EDITOR.id, workspaceId: there.workspaceId, tab: "all", filters: {} })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(countQueue({ userId: here.users.STRANGER.id, workspaceId: here.workspaceId, filters: {} })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("filters by document, source (or none), status and sign-off, in every tab and in the counts", async () => {
    const ws = await testWorkspace(TEXT);
    const { REVIEWER, EDITOR } = ws.users;
    const cited = await create(REVIEWER.id, ws.documentId, { start: 0, end: 7, source: { kind: "REPORT", title: "Memorial report" } });
    const bare = await create(REVIEWER.id, ws.documentId, { start: 9, end: 20 });
    const progress = await create(REVIEWER.id, ws.documentId, { start: 27, end: 35, sourceId: cited.source!.id });
    await update(REVIEWER.id, progress.id, { version: 1, status: "IN_PROGRESS" });
    const checked = await create(REVIEWER.id, ws.documentId, { start: 36, end: 44, sourceId: cited.source!.id });
    await verdict(REVIEWER.id, checked.id);

    const sourceId = cited.source!.id;
    expect(await ids(EDITOR.id, ws.workspaceId, "unassigned", { source: sourceId })).toEqual([cited.id, progress.id]);
    expect(await ids(EDITOR.id, ws.workspaceId, "unassigned", { source: "none" })).toEqual([bare.id]);
    expect(await ids(EDITOR.id, ws.workspaceId, "unassigned", { status: "IN_PROGRESS" })).toEqual([progress.id]);
    expect(await ids(EDITOR.id, ws.workspaceId, "all", { source: sourceId, status: "VERIFIED" })).toEqual([checked.id]);
    expect(await ids(EDITOR.id, ws.workspaceId, "all", { signOff: "AWAITING" })).toEqual([checked.id]);
    expect(await ids(EDITOR.id, ws.workspaceId, "all", { document: ws.documentId })).toHaveLength(4);
    expect(await countQueue({ userId: EDITOR.id, workspaceId: ws.workspaceId, filters: { source: sourceId } })).toEqual({ mine: 0, unassigned: 2, "sign-off": 1, all: 3 });
  });

  it("pages 50 at a time with stable cursors when many rows share a creation time", async () => {
    const ws = await testWorkspace("x".repeat(500));
    const { REVIEWER, EDITOR } = ws.users;
    const same = new Date("2026-01-05T10:00:00.000Z");
    await db().annotation.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        workspaceId: ws.workspaceId, documentId: ws.documentId, documentRevision: 1, start: i, end: i + 1, exact: "x", prefix: "", suffix: "",
        createdById: REVIEWER.id, updatedById: REVIEWER.id, createdAt: i < 5 ? new Date(same.getTime() - 1000 * (5 - i)) : same,
      })),
    });
    const all = await db().annotation.findMany({ where: { workspaceId: ws.workspaceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });

    const list = (after?: string, before?: string) => listQueue({ userId: EDITOR.id, workspaceId: ws.workspaceId, tab: "unassigned", filters: {}, after, before });
    const first = await list();
    expect(first.rows).toHaveLength(50);
    expect(first.previous).toBeUndefined();
    const second = await list(first.next);
    // A row created meanwhile with the same time but a smaller id must not shift the pages.
    await db().annotation.create({
      data: { id: "a0000000000000000000000000", workspaceId: ws.workspaceId, documentId: ws.documentId, documentRevision: 1, start: 0, end: 2, exact: "xx", prefix: "", suffix: "", createdById: REVIEWER.id, updatedById: REVIEWER.id, createdAt: same },
    });
    const third = await list(second.next);
    expect(third.rows).toHaveLength(20);
    expect(third.next).toBeUndefined();
    expect([...first.rows, ...second.rows, ...third.rows].map((r) => r.id)).toEqual(all.map((a) => a.id));

    // Back from the third page: the second again; back from the second: the first, with no link further back.
    const back = await list(undefined, third.previous);
    expect(back.rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));
    expect(back.next).toBe(second.next);
    const newRow = "a0000000000000000000000000";
    const start = await list(undefined, second.previous);
    expect(start.rows.map((r) => r.id)).toEqual([...all.slice(1, 5).map((a) => a.id), newRow, ...all.slice(5, 50).map((a) => a.id)]);
    // Fewer than a page left before it: the first page, with no link further back.
    const top = await list(undefined, start.previous);
    expect(top.rows.map((r) => r.id).slice(0, 6)).toEqual([...all.slice(0, 5).map((a) => a.id), newRow]);
    expect(top.previous).toBeUndefined();
    expect(decodeCursor(first.next)).toEqual({ at: same, id: first.rows[49].id });
    // A cursor that is not one is ignored: the first page.
    expect((await list("garbage")).rows[0].id).toBe(all[0].id);
  });
});
