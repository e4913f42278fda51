import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cpLength } from "@/lib/anchoring/code-points";
import { addEvidenceTo, create, eventsOf, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { deleteAnnotation, restoreAnnotation } from "./mutations";

const TEXT = "😀 Memorial: 613 killed 𠀀 (Newsweek, 16 March 1992)";
// Code-point offsets of "613": the emoji counts once, though it is two UTF-16 units.
const START = Array.from(TEXT).indexOf("6");

describe("createAnnotation (real database)", () => {
  it("stores code-point offsets and the quote with its context; one CREATED event", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    expect(START).toBe(TEXT.indexOf("6") - 1);
    const a = await create(users.REVIEWER.id, documentId, { start: START, end: START + 3, exact: "613", note: "check the figure" });
    expect(a).toMatchObject({ start: START, end: START + 3, exact: "613", prefix: "😀 Memorial: ", suffix: " killed 𠀀 (Newsweek, 16 March 19" });
    expect(a).toMatchObject({ status: "UNVERIFIED", version: 1, documentRevision: 1, source: null, deletedAt: null });
    expect(a.createdBy).toEqual({ id: users.REVIEWER.id, name: users.REVIEWER.name, email: expect.stringContaining("@t.test") });

    const events = await eventsOf(a.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "CREATED", actorId: users.REVIEWER.id, version: 1, before: null });
    expect(events[0].after).toEqual({
      start: START, end: START + 3, exact: "613", sourceId: null, locator: "", attributionText: "", status: "UNVERIFIED", note: "check the figure", deletedAt: null,
      assigneeId: null, onChecklist: false, signOff: "NONE", verdictById: null, signedOffById: null, signOffNote: "",
    });
  });

  it("refuses a bad span with a message on the field", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    await expect(create(users.REVIEWER.id, documentId, { start: 0, end: cpLength(TEXT) + 1 })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { end: `The end must be at most ${cpLength(TEXT)}, the document's length in code points` },
    });
    await expect(create(users.REVIEWER.id, documentId, { start: START, end: START + 3, exact: "614" })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { exact: expect.stringContaining("“613”") },
    });
  });

  it("checks roles: VIEWER 403, a stranger 404", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    await expect(create(users.VIEWER.id, documentId, { start: 0, end: 2 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(create(users.STRANGER.id, documentId, { start: 0, end: 2 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 2 });
    await expect(update(users.VIEWER.id, a.id, { version: 1, note: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteAnnotation({ userId: users.VIEWER.id, annotationId: a.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(update(users.STRANGER.id, a.id, { version: 1, note: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await eventsOf(a.id)).toHaveLength(1);
  });

  it("cites a source of the same workspace only, or creates one in the same transaction", async () => {
    const here = await testWorkspace(TEXT);
    const there = await testWorkspace(TEXT);
    const foreign = await db().source.create({ data: { workspaceId: there.workspaceId, kind: "REPORT", title: "Memorial", createdById: there.users.OWNER.id } });
    await expect(create(here.users.REVIEWER.id, here.documentId, { start: 0, end: 2, sourceId: foreign.id })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { sourceId: "Choose a source of this workspace" },
    });

    const a = await create(here.users.REVIEWER.id, here.documentId, {
      start: 0, end: 2, source: { kind: "NEWS_ARTICLE", title: "Massacre in the Caucasus", containerTitle: "Newsweek", issued: "1992-03-16", aliases: ["Newsweek 1992"] },
    });
    expect(a.source).toMatchObject({ workspaceId: here.workspaceId, title: "Massacre in the Caucasus", issued: "1992-03-16", aliases: ["Newsweek 1992"], version: 1 });
    expect((await eventsOf(a.id))[0].after).toMatchObject({ sourceId: a.source!.id });

    // A failed create leaves no inline source behind.
    const before = await db().source.count({ where: { workspaceId: here.workspaceId } });
    await expect(create(here.users.REVIEWER.id, here.documentId, { start: 0, end: 999, source: { kind: "BOOK", title: "Orphan" } })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await db().source.count({ where: { workspaceId: here.workspaceId } })).toBe(before);
  });
});

describe("updateAnnotation (real database)", () => {
  it("records only the changed fields; moving the span recomputes the quote", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: START, end: START + 3 });
    await addEvidenceTo(users.REVIEWER.id, a.id); // Verified needs evidence; this is version 2
    const moved = await update(users.EDITOR.id, a.id, { version: 2, start: START, end: START + 10, status: "VERIFIED", locator: "p. 12" });
    expect(moved).toMatchObject({ version: 3, exact: "613 killed", suffix: " 𠀀 (Newsweek, 16 March 1992)", status: "VERIFIED", locator: "p. 12" });
    expect(moved.updatedBy.id).toBe(users.EDITOR.id);
    expect(moved.createdBy.id).toBe(users.REVIEWER.id);

    const events = await eventsOf(a.id);
    expect(events).toHaveLength(3);
    expect(events[2]).toMatchObject({ type: "UPDATED", actorId: users.EDITOR.id, version: 3 });
    // A verdict also records who gave it and that it now waits for sign-off.
    expect(events[2].before).toEqual({ end: START + 3, exact: "613", status: "UNVERIFIED", locator: "", signOff: "NONE", verdictById: null });
    expect(events[2].after).toEqual({ end: START + 10, exact: "613 killed", status: "VERIFIED", locator: "p. 12", signOff: "AWAITING", verdictById: users.EDITOR.id });
  });

  it("a stale version gets CONFLICT with the current annotation and changes nothing", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 2 });
    const edited = await update(users.EDITOR.id, a.id, { version: 1, note: "editor's note" });
    const error = await update(users.REVIEWER.id, a.id, { version: 1, note: "reviewer's note" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFLICT", message: `This annotation was changed by ${users.EDITOR.name}`, current: edited });
    const row = await db().annotation.findUniqueOrThrow({ where: { id: a.id } });
    expect(row).toMatchObject({ version: 2, note: "editor's note", updatedById: users.EDITOR.id });
    expect(await eventsOf(a.id)).toHaveLength(2);
  });

  it("a change that changes nothing returns the annotation as it is, with no event", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 2, note: "same" });
    expect(await update(users.REVIEWER.id, a.id, { version: 1, note: "same", start: 0, end: 2 })).toEqual(a);
    expect(await eventsOf(a.id)).toHaveLength(1);
    await expect(update(users.REVIEWER.id, a.id, { version: 1, exact: "nope" })).rejects.toMatchObject({ code: "VALIDATION", fields: { exact: expect.any(String) } });
  });

  it("of two concurrent updates of one version exactly one wins", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 2 });
    const results = await Promise.allSettled([
      update(users.REVIEWER.id, a.id, { version: 1, note: "first" }),
      update(users.REVIEWER2.id, a.id, { version: 1, note: "second" }),
      update(users.EDITOR.id, a.id, { version: 1, status: "SOURCE_NOT_FOUND" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.map((r) => r.reason.code)).toEqual(["CONFLICT", "CONFLICT"]);
    expect((await db().annotation.findUniqueOrThrow({ where: { id: a.id } })).version).toBe(2);
    expect(await eventsOf(a.id)).toHaveLength(2);
  });
});

describe("deleteAnnotation and restoreAnnotation (real database)", () => {
  it("each writes one event with full snapshots; a deleted annotation cannot be updated", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 2 });
    const deleted = await deleteAnnotation({ userId: users.REVIEWER.id, annotationId: a.id });
    expect(deleted).toMatchObject({ version: 2, deletedAt: expect.any(String) });
    await expect(update(users.EDITOR.id, a.id, { version: 2, note: "revive" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteAnnotation({ userId: users.REVIEWER.id, annotationId: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const restored = await restoreAnnotation({ userId: users.REVIEWER.id, annotationId: a.id });
    expect(restored).toMatchObject({ version: 3, deletedAt: null });
    await expect(restoreAnnotation({ userId: users.EDITOR.id, annotationId: a.id })).rejects.toMatchObject({ code: "CONFLICT" });

    const events = await eventsOf(a.id);
    expect(events.map((e) => [e.type, e.version])).toEqual([["CREATED", 1], ["DELETED", 2], ["RESTORED", 3]]);
    expect(events[1].before).toEqual(events[0].after);
    expect(events[1].after).toEqual({ ...(events[0].after as object), deletedAt: deleted.deletedAt });
    expect(events[2].before).toEqual(events[1].after);
    expect(events[2].after).toEqual(events[0].after);
  });

  it("restore: the deleter may, another reviewer may not, an editor may", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 2 });
    await deleteAnnotation({ userId: users.REVIEWER2.id, annotationId: a.id });
    await expect(restoreAnnotation({ userId: users.REVIEWER.id, annotationId: a.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(restoreAnnotation({ userId: users.VIEWER.id, annotationId: a.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(restoreAnnotation({ userId: users.STRANGER.id, annotationId: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(restoreAnnotation({ userId: users.REVIEWER2.id, annotationId: a.id })).resolves.toMatchObject({ deletedAt: null });

    // The latest deletion counts: after the reviewer deletes it again, the first deleter may not restore.
    await deleteAnnotation({ userId: users.REVIEWER.id, annotationId: a.id });
    await expect(restoreAnnotation({ userId: users.REVIEWER2.id, annotationId: a.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(restoreAnnotation({ userId: users.EDITOR.id, annotationId: a.id })).resolves.toMatchObject({ deletedAt: null, version: 5 });
    expect(await eventsOf(a.id)).toHaveLength(5);
  });
});
