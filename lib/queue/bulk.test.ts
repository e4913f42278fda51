import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addEvidenceTo, create, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { bulkUpdate, parseBulkRequest } from "./bulk";

const TEXT = "Khojaly, 26 February 1992. Memorial reported 613 killed; Newsweek quoted the same figure.";

const bulk = (userId: string, request: unknown) => bulkUpdate({ userId, request: parseBulkRequest(request) });
const eventCount = (workspaceId: string) => db().annotationEvent.count({ where: { workspaceId } });
const versionOf = async (id: string) => (await db().annotation.findUniqueOrThrow({ where: { id } })).version;

describe("bulk actions (real database)", () => {
  it("notifies as the single actions do: each assignment its assignee, each verdict the editors", async () => {
    const ws = await testWorkspace(TEXT);
    const { REVIEWER, REVIEWER2, EDITOR, OWNER } = ws.users;
    const rows = [await create(EDITOR.id, ws.documentId, { start: 0, end: 7 }), await create(EDITOR.id, ws.documentId, { start: 9, end: 20 })];
    await bulk(EDITOR.id, { action: "assign", assigneeId: REVIEWER.id, items: rows.map((r) => ({ id: r.id, version: 1 })) });
    const told = (userId: string) => db().notification.findMany({ where: { userId }, select: { kind: true, annotationId: true, actorId: true }, orderBy: { annotationId: "asc" } });
    const sorted = rows.map((r) => r.id).sort();
    expect(await told(REVIEWER.id)).toEqual(sorted.map((annotationId) => ({ kind: "ASSIGNED", annotationId, actorId: EDITOR.id })));

    for (const r of rows) await addEvidenceTo(REVIEWER2.id, r.id);
    await bulk(REVIEWER2.id, { action: "status", status: "VERIFIED", items: rows.map((r) => ({ id: r.id, version: 3 })) });
    for (const userId of [EDITOR.id, OWNER.id]) {
      expect(await told(userId)).toEqual(sorted.map((annotationId) => ({ kind: "SIGN_OFF_REQUESTED", annotationId, actorId: REVIEWER2.id })));
    }
  });

  it("sets a status row by row: done, refused by the evidence rule, stale; one event per changed row", async () => {
    const ws = await testWorkspace(TEXT);
    const { REVIEWER, EDITOR } = ws.users;
    const withEvidence = await create(REVIEWER.id, ws.documentId, { start: 0, end: 7 });
    await addEvidenceTo(REVIEWER.id, withEvidence.id);
    const without = await create(REVIEWER.id, ws.documentId, { start: 9, end: 20 });
    const stale = await create(REVIEWER.id, ws.documentId, { start: 27, end: 35 });
    await update(EDITOR.id, stale.id, { version: 1, note: "changed meanwhile" });
    const before = await eventCount(ws.workspaceId);

    const { results } = await bulk(REVIEWER.id, {
      action: "status",
      status: "VERIFIED",
      items: [
        { id: withEvidence.id, version: 2 },
        { id: without.id, version: 1 },
        { id: stale.id, version: 1 },
      ],
    });
    expect(results).toEqual([
      { id: withEvidence.id, ok: true, changed: true },
      { id: without.id, ok: false, error: expect.objectContaining({ code: "VALIDATION", message: "Add at least one evidence item before setting Verified" }) },
      {
        id: stale.id,
        ok: false,
        error: expect.objectContaining({ code: "CONFLICT", message: `Changed by ${EDITOR.name} since you loaded the page`, current: expect.objectContaining({ version: 2 }) }),
      },
    ]);
    expect(await eventCount(ws.workspaceId)).toBe(before + 1);
    const events = await db().annotationEvent.findMany({ where: { annotationId: withEvidence.id }, orderBy: { id: "asc" } });
    expect(events.at(-1)).toMatchObject({ type: "UPDATED", actorId: REVIEWER.id, after: { status: "VERIFIED", signOff: "AWAITING" } });
    expect(await db().annotation.findUniqueOrThrow({ where: { id: without.id } })).toMatchObject({ status: "UNVERIFIED", version: 1 });
    expect(await db().annotation.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ status: "UNVERIFIED", version: 2 });

    // Sent again: nothing left to change on the done row, so no new event.
    const again = await bulk(REVIEWER.id, { action: "status", status: "VERIFIED", items: [{ id: withEvidence.id, version: await versionOf(withEvidence.id) }] });
    expect(again.results).toEqual([{ id: withEvidence.id, ok: true, changed: false }]);
    expect(await eventCount(ws.workspaceId)).toBe(before + 1);
  });

  it("assigns (ASSIGNED events), unassigns, refuses a viewer as assignee, and adds to the checklist", async () => {
    const ws = await testWorkspace(TEXT);
    const { REVIEWER, EDITOR, VIEWER } = ws.users;
    const a = await create(REVIEWER.id, ws.documentId, { start: 0, end: 7 });
    const b = await create(REVIEWER.id, ws.documentId, { start: 9, end: 20 });

    const assigned = await bulk(EDITOR.id, { action: "assign", assigneeId: REVIEWER.id, items: [{ id: a.id, version: 1 }, { id: b.id, version: 1 }] });
    expect(assigned.results.map((r) => r.ok)).toEqual([true, true]);
    const types = await db().annotationEvent.findMany({ where: { workspaceId: ws.workspaceId, type: "ASSIGNED" }, select: { annotationId: true, after: true } });
    expect(types).toHaveLength(2);
    expect(types.map((t) => t.after)).toEqual([{ assigneeId: REVIEWER.id }, { assigneeId: REVIEWER.id }]);

    const viewer = await bulk(EDITOR.id, { action: "assign", assigneeId: VIEWER.id, items: [{ id: a.id, version: 2 }] });
    expect(viewer.results).toEqual([
      { id: a.id, ok: false, error: expect.objectContaining({ code: "VALIDATION", message: "Choose a member with the Reviewer role or above" }) },
    ]);

    const unassigned = await bulk(EDITOR.id, { action: "assign", assigneeId: null, items: [{ id: a.id, version: 2 }] });
    expect(unassigned.results).toEqual([{ id: a.id, ok: true, changed: true }]);
    const checklist = await bulk(REVIEWER.id, { action: "checklist", onChecklist: true, items: [{ id: b.id, version: 2 }] });
    expect(checklist.results).toEqual([{ id: b.id, ok: true, changed: true }]);
    expect(await db().annotation.findMany({ where: { workspaceId: ws.workspaceId }, orderBy: { start: "asc" }, select: { assigneeId: true, onChecklist: true } })).toEqual([
      { assigneeId: null, onChecklist: false },
      { assigneeId: REVIEWER.id, onChecklist: true },
    ]);
  });

  it("a viewer gets 403 for the whole request and nothing changes", async () => {
    const ws = await testWorkspace(TEXT);
    const a = await create(ws.users.REVIEWER.id, ws.documentId, { start: 0, end: 7 });
    const before = await eventCount(ws.workspaceId);
    await expect(bulk(ws.users.VIEWER.id, { action: "checklist", onChecklist: true, items: [{ id: a.id, version: 1 }] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await eventCount(ws.workspaceId)).toBe(before);
    expect(await versionOf(a.id)).toBe(1);
  });

  it("another workspace's rows are per-row 404, worded as for ids that do not exist, and stay unchanged", async () => {
    const here = await testWorkspace(TEXT);
    const there = await testWorkspace(TEXT);
    const mine = await create(here.users.REVIEWER.id, here.documentId, { start: 0, end: 7 });
    const theirs = await create(there.users.REVIEWER.id, there.documentId, { start: 0, end: 7 });
    const { results } = await bulk(here.users.REVIEWER.id, {
      action: "checklist",
      onChecklist: true,
      items: [
        { id: theirs.id, version: 1 },
        { id: mine.id, version: 1 },
        { id: "no-such-annotation", version: 1 },
      ],
    });
    const notFound = { code: "NOT_FOUND", message: "Annotation not found" };
    expect(results).toEqual([
      { id: theirs.id, ok: false, error: notFound },
      { id: mine.id, ok: true, changed: true },
      { id: "no-such-annotation", ok: false, error: notFound },
    ]);
    expect(await db().annotation.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ onChecklist: false, version: 1 });
    // A stranger to every row's workspace learns nothing more than "not found".
    const stranger = await bulk(here.users.STRANGER.id, { action: "checklist", onChecklist: true, items: [{ id: mine.id, version: 2 }] });
    expect(stranger.results).toEqual([{ id: mine.id, ok: false, error: notFound }]);
  });

  it("refuses malformed requests before touching any row: 413 over 200 rows, 400 unknown fields, 422 invalid", () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `a${i}`, version: 1 }));
    expect(() => parseBulkRequest({ action: "checklist", onChecklist: true, items: items(201) })).toThrow(expect.objectContaining({ code: "PAYLOAD_TOO_LARGE" }));
    expect(parseBulkRequest({ action: "checklist", onChecklist: true, items: items(200) }).items).toHaveLength(200);
    expect(() => parseBulkRequest({ action: "status", status: "VERIFIED", note: "x", items: items(1) })).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
    expect(() => parseBulkRequest({ action: "status", assigneeId: null, items: items(1) })).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
    expect(() => parseBulkRequest({ action: "status", status: "DONE", items: items(1) })).toThrow(expect.objectContaining({ code: "VALIDATION", fields: { status: expect.any(String) } }));
    expect(() => parseBulkRequest({ action: "delete", items: items(1) })).toThrow(expect.objectContaining({ code: "VALIDATION" }));
    expect(() => parseBulkRequest({ action: "checklist", onChecklist: true, items: [] })).toThrow(expect.objectContaining({ code: "VALIDATION", fields: { items: "Select at least one row" } }));
    expect(() => parseBulkRequest({ action: "checklist", onChecklist: true, items: [{ id: "a", version: 1 }, { id: "a", version: 1 }] })).toThrow(
      expect.objectContaining({ code: "VALIDATION", fields: { items: "Send each row once" } }),
    );
  });
});
