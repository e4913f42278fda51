import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addEvidenceTo, create, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { deleteAnnotation } from "./mutations";
import { getAnnotation, listAnnotationEvents, listAnnotations, listDeletedAnnotations } from "./queries";

const TEXT = "Khojaly, 26 February 1992. Memorial reported 613 killed; Newsweek quoted the same figure.";

describe("annotation queries (real database)", () => {
  it("lists live annotations in reading order, filtered by status and source; 404 for a stranger", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const late = await create(users.REVIEWER.id, documentId, { start: 30, end: 40 });
    const draft = await create(users.REVIEWER.id, documentId, { start: 0, end: 20 });
    await addEvidenceTo(users.REVIEWER.id, draft.id);
    const wide = await update(users.REVIEWER.id, draft.id, { version: 2, status: "VERIFIED" });
    const narrow = await create(users.REVIEWER.id, documentId, { start: 0, end: 7, source: { kind: "REPORT", title: "Memorial report" } });
    const gone = await create(users.REVIEWER.id, documentId, { start: 1, end: 2 });
    await deleteAnnotation({ userId: users.REVIEWER.id, annotationId: gone.id });

    const all = await listAnnotations({ userId: users.VIEWER.id, documentId });
    expect(all.map((a) => a.id)).toEqual([narrow.id, wide.id, late.id]);
    expect((await listAnnotations({ userId: users.VIEWER.id, documentId, status: "VERIFIED" })).map((a) => a.id)).toEqual([wide.id]);
    expect((await listAnnotations({ userId: users.VIEWER.id, documentId, sourceId: narrow.source!.id })).map((a) => a.id)).toEqual([narrow.id]);
    await expect(listAnnotations({ userId: users.STRANGER.id, documentId })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await expect(getAnnotation({ userId: users.VIEWER.id, annotationId: gone.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAnnotation({ userId: users.STRANGER.id, annotationId: late.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAnnotation({ userId: users.VIEWER.id, annotationId: late.id })).resolves.toEqual(late);
  });

  it("deleted annotations are listed for editors and owners only", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 7 });
    await deleteAnnotation({ userId: users.REVIEWER.id, annotationId: a.id });
    await expect(listDeletedAnnotations({ userId: users.REVIEWER.id, documentId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listDeletedAnnotations({ userId: users.STRANGER.id, documentId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const deleted = await listDeletedAnnotations({ userId: users.EDITOR.id, documentId });
    expect(deleted.map((d) => [d.id, d.version, typeof d.deletedAt])).toEqual([[a.id, 2, "string"]]);
  });

  it("events come oldest first, with the actor, and stay readable after a delete", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 7 });
    await update(users.EDITOR.id, a.id, { version: 1, status: "IN_PROGRESS" });
    await deleteAnnotation({ userId: users.EDITOR.id, annotationId: a.id });
    const events = await listAnnotationEvents({ userId: users.VIEWER.id, annotationId: a.id });
    expect(events.map((e) => [e.type, e.version, e.actor.id])).toEqual([
      ["CREATED", 1, users.REVIEWER.id],
      ["UPDATED", 2, users.EDITOR.id],
      ["DELETED", 3, users.EDITOR.id],
    ]);
    expect(events[1]).toMatchObject({ before: { status: "UNVERIFIED" }, after: { status: "IN_PROGRESS" } });
    expect(typeof events[0].id).toBe("string");
    await expect(listAnnotationEvents({ userId: users.STRANGER.id, annotationId: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists 2,000 annotations with their sources and people in one go", async () => {
    const text = "x".repeat(50_000);
    const { workspaceId, documentId, users } = await testWorkspace(text);
    const sources = await Promise.all(
      [1, 2, 3].map((i) => db().source.create({ data: { workspaceId, kind: "BOOK", title: `Book ${i}`, authors: [{ family: "de Waal", given: "Thomas" }], createdById: users.OWNER.id } })),
    );
    await db().annotation.createMany({
      data: Array.from({ length: 2000 }, (_, i) => {
        const start = (i * 7919) % 49_000;
        return {
          workspaceId, documentId, documentRevision: 1, start, end: start + 1 + (i % 40), exact: "x", prefix: "", suffix: "",
          sourceId: i % 4 === 0 ? null : sources[i % 3].id, createdById: users.REVIEWER.id, updatedById: i % 2 ? users.EDITOR.id : users.REVIEWER.id,
        };
      }),
    });
    const all = await listAnnotations({ userId: users.VIEWER.id, documentId });
    expect(all).toHaveLength(2000);
    for (let i = 1; i < all.length; i++) {
      const [p, c] = [all[i - 1], all[i]];
      expect(p.start < c.start || (p.start === c.start && p.end <= c.end)).toBe(true);
    }
    expect(all.filter((a) => a.source === null)).toHaveLength(500);
    expect(all.find((a) => a.source)?.source?.authors).toEqual([{ family: "de Waal", given: "Thomas" }]);
    expect(new Set(all.map((a) => a.updatedBy.name))).toEqual(new Set([users.EDITOR.name, users.REVIEWER.name]));
  });
});
