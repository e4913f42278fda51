import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deleteAnnotation } from "@/lib/annotations/mutations";
import { describeEvent, describeHistory, historyNames } from "@/lib/annotations/history";
import { mergeSource } from "@/lib/sources/merge";
import { create, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { ACTIVITY_PAGE_SIZE, annotationHistory, listDocumentActivity } from "./activity";

const TEXT = "Memorial reported 613 killed in Khojaly, per Newsweek.";

describe("listDocumentActivity (real database)", () => {
  it("lists the events of all the document's annotations newest first, with each annotation's quote", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const other = await db().document.create({
      data: { workspaceId: (await db().document.findUniqueOrThrow({ where: { id: documentId } })).workspaceId, title: "Other", text: TEXT, sha256: "x", length: TEXT.length, createdById: users.OWNER.id },
    });
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 8 });
    const b = await create(users.EDITOR.id, documentId, { start: 18, end: 21 });
    await update(users.REVIEWER.id, a.id, { version: 1, note: "Memorial HRC" });
    await deleteAnnotation({ userId: users.EDITOR.id, annotationId: b.id });
    await create(users.REVIEWER.id, other.id, { start: 0, end: 8 });

    const page = await listDocumentActivity({ userId: users.VIEWER.id, documentId });
    expect(page.nextBefore).toBeNull();
    expect(page.events.map((e) => [e.type, e.annotation.exact, e.actor.id])).toEqual([
      ["DELETED", "613", users.EDITOR.id],
      ["UPDATED", "Memorial", users.REVIEWER.id],
      ["CREATED", "613", users.EDITOR.id],
      ["CREATED", "Memorial", users.REVIEWER.id],
    ]);
    expect(page.events[0].annotation).toEqual({ id: b.id, exact: "613", deleted: true });
    expect(page.events[1]).toMatchObject({ before: { note: "" }, after: { note: "Memorial HRC" }, version: 2 });
  });

  it("pages by event id, 50 at a time, without gaps or repeats, and new events do not shift older pages", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 8 });
    for (let v = 1; v <= ACTIVITY_PAGE_SIZE + 4; v++) await update(users.REVIEWER.id, a.id, { version: v, note: `note ${v}` });

    const first = await listDocumentActivity({ userId: users.REVIEWER.id, documentId });
    expect(first.events).toHaveLength(ACTIVITY_PAGE_SIZE);
    expect(first.events[0].after).toEqual({ note: `note ${ACTIVITY_PAGE_SIZE + 4}` });
    expect(first.nextBefore).toBe(first.events.at(-1)!.id);

    // Someone changes it meanwhile: the next page still continues where the first ended.
    await update(users.EDITOR.id, a.id, { version: ACTIVITY_PAGE_SIZE + 5, note: "late" });
    const second = await listDocumentActivity({ userId: users.REVIEWER.id, documentId, before: first.nextBefore! });
    expect(second.nextBefore).toBeNull();
    expect(second.events.map((e) => e.version)).toEqual([5, 4, 3, 2, 1]);
    const ids = [...first.events, ...second.events].map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => (x > y ? -1 : 1)));
    expect(new Set(ids).size).toBe(ACTIVITY_PAGE_SIZE + 5);
  });

  it("filters by event type and by member", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 8 });
    await update(users.EDITOR.id, a.id, { version: 1, assigneeId: users.REVIEWER2.id });
    await update(users.EDITOR.id, a.id, { version: 2, note: "by the editor" });
    await update(users.REVIEWER.id, a.id, { version: 3, note: "by the reviewer" });

    const assigned = await listDocumentActivity({ userId: users.VIEWER.id, documentId, type: "ASSIGNED" });
    expect(assigned.events.map((e) => e.type)).toEqual(["ASSIGNED"]);
    const byEditor = await listDocumentActivity({ userId: users.VIEWER.id, documentId, actor: users.EDITOR.id });
    expect(byEditor.events.map((e) => e.type)).toEqual(["UPDATED", "ASSIGNED"]);
    const both = await listDocumentActivity({ userId: users.VIEWER.id, documentId, actor: users.REVIEWER.id, type: "UPDATED" });
    expect(both.events.map((e) => e.after)).toEqual([{ note: "by the reviewer" }]);
    expect((await listDocumentActivity({ userId: users.VIEWER.id, documentId, actor: users.STRANGER.id })).events).toEqual([]);
  });

  it("another workspace's document is not found; a deleted document too", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    await create(users.REVIEWER.id, documentId, { start: 0, end: 8 });
    await expect(listDocumentActivity({ userId: users.STRANGER.id, documentId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await db().document.update({ where: { id: documentId }, data: { deletedAt: new Date() } });
    await expect(listDocumentActivity({ userId: users.OWNER.id, documentId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gives a move that kept one end the span it had, so the feed reads it in full", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 18, end: 21 });
    await update(users.REVIEWER.id, a.id, { version: 1, start: 18, end: 28 });
    await update(users.REVIEWER.id, a.id, { version: 2, note: "in between" });
    await update(users.REVIEWER.id, a.id, { version: 3, start: 9, end: 28 });
    const { events } = await listDocumentActivity({ userId: users.REVIEWER.id, documentId, type: "UPDATED" });
    expect(events.map((e) => e.spanBefore)).toEqual([{ start: 18, end: 28, exact: "613 killed" }, null, { start: 18, end: 21, exact: "613" }]);
    const names = historyNames({});
    expect(describeEvent(events[0], names, events[0].spanBefore).changes[0]).toMatchObject({
      before: "characters 18–28 “613 killed”",
      after: "characters 9–28 “reported 613 killed”",
    });
  });
});

describe("annotationHistory (real database)", () => {
  it("names what the events mention, a source merged away since included", async () => {
    const { documentId, workspaceId, users } = await testWorkspace(TEXT);
    const dupe = await db().source.create({ data: { workspaceId, kind: "NEWS_ARTICLE", title: "Newsweak", createdById: users.EDITOR.id } });
    const kept = await db().source.create({ data: { workspaceId, kind: "NEWS_ARTICLE", title: "Newsweek", createdById: users.EDITOR.id } });
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 8, sourceId: dupe.id });
    await update(users.EDITOR.id, a.id, { version: 1, assigneeId: users.REVIEWER2.id });
    await mergeSource({ userId: users.EDITOR.id, sourceId: dupe.id, intoId: kept.id });

    const history = await annotationHistory({ userId: users.VIEWER.id, annotationId: a.id });
    expect(history.names.sources).toEqual({ [dupe.id]: "Newsweak", [kept.id]: "Newsweek" });
    expect(history.names.people).toMatchObject({ [users.REVIEWER.id]: users.REVIEWER.name, [users.REVIEWER2.id]: "second reviewer" });
    // The page lists only sources not merged away; the history still says which one it was.
    const entries = describeHistory(history.events, historyNames({ sources: [{ id: kept.id, label: "Newsweek" }], extra: history.names }));
    expect(entries.map((e) => e.title)).toEqual(["Created", "Assigned", "Sources merged"]);
    expect(entries[2].changes).toEqual([{ field: "sourceId", label: "Source", before: "Newsweak", after: "Newsweek" }]);
    expect(entries[1].changes[0]).toMatchObject({ before: "Nobody", after: "second reviewer" });

    await expect(annotationHistory({ userId: users.STRANGER.id, annotationId: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("does not name a source of another workspace", async () => {
    const here = await testWorkspace(TEXT);
    const there = await testWorkspace(TEXT);
    const foreign = await db().source.create({ data: { workspaceId: there.workspaceId, kind: "BOOK", title: "Secret", createdById: there.users.OWNER.id } });
    const a = await create(here.users.REVIEWER.id, here.documentId, { start: 0, end: 8 });
    // An id that is not this workspace's can only come from a bad row; it must not leak a title.
    await db().annotationEvent.create({
      data: { annotationId: a.id, workspaceId: here.workspaceId, documentId: here.documentId, type: "UPDATED", actorId: here.users.REVIEWER.id, version: 1, before: { sourceId: null }, after: { sourceId: foreign.id } },
    });
    expect((await annotationHistory({ userId: here.users.REVIEWER.id, annotationId: a.id })).names.sources).toEqual({});
  });
});
