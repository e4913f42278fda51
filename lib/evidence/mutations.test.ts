import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deleteAnnotation } from "@/lib/annotations/mutations";
import { addEvidenceTo, create, eventsOf, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { STATUSES_NEEDING_EVIDENCE, evidenceRuleProblem } from "@/lib/statuses";
import { ZCreateEvidence, ZUpdateEvidence } from "./schemas";
import { removeEvidence, updateEvidence } from "./mutations";
import { getEvidence, listEvidence } from "./queries";

const TEXT = "Memorial reported 613 killed in Khojaly (Newsweek, 16 March 1992).";

const edit = (userId: string, evidenceId: string, input: unknown) => updateEvidence({ userId, evidenceId, input: ZUpdateEvidence.parse(input) });

describe("the status rule", () => {
  it("names the statuses that need evidence, in one place", () => {
    expect(STATUSES_NEEDING_EVIDENCE).toEqual(["VERIFIED", "PARTLY_VERIFIED", "MISATTRIBUTED", "CONTRADICTED"]);
    expect(evidenceRuleProblem("VERIFIED", 0)).toBe("Add at least one evidence item before setting Verified");
    expect(evidenceRuleProblem("PARTLY_VERIFIED", 0)).toBe("Add at least one evidence item before setting Partly verified");
    expect(evidenceRuleProblem("VERIFIED", 1)).toBeNull();
    expect(evidenceRuleProblem("SOURCE_NOT_FOUND", 0)).toBeNull();
  });

  it("refuses those statuses on create and on update without evidence (422 on status), allows them with it", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    for (const status of STATUSES_NEEDING_EVIDENCE) {
      await expect(create(users.REVIEWER.id, documentId, { start: 0, end: 8, status })).rejects.toMatchObject({
        code: "VALIDATION",
        fields: { status: expect.stringMatching(/^Add at least one evidence item before setting /) },
      });
    }
    expect(await db().annotation.count({ where: { documentId } })).toBe(0);
    const ok = await create(users.REVIEWER.id, documentId, { start: 0, end: 8, status: "IN_PROGRESS" });

    await expect(update(users.REVIEWER.id, ok.id, { version: 1, status: "VERIFIED", note: "checked" })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { status: "Add at least one evidence item before setting Verified" },
    });
    expect(await db().annotation.findUniqueOrThrow({ where: { id: ok.id } })).toMatchObject({ version: 1, status: "IN_PROGRESS", note: "" });
    expect(await eventsOf(ok.id)).toHaveLength(1);

    const { annotation } = await addEvidenceTo(users.REVIEWER.id, ok.id);
    expect(annotation).toMatchObject({ version: 2, evidenceCount: 1 });
    await expect(update(users.REVIEWER.id, ok.id, { version: 2, status: "VERIFIED" })).resolves.toMatchObject({ version: 3, status: "VERIFIED" });
  });

  it("keeps the last evidence item of such an annotation (409), and lets it go once the status allows", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 8 });
    const first = (await addEvidenceTo(users.REVIEWER.id, a.id)).evidence;
    const second = (await addEvidenceTo(users.REVIEWER.id, a.id, { stance: "CONTEXT", url: "https://example.org/memorial" })).evidence;
    await update(users.REVIEWER.id, a.id, { version: 3, status: "CONTRADICTED" });
    await expect(removeEvidence({ userId: users.REVIEWER.id, evidenceId: first.id })).resolves.toMatchObject({ annotation: { version: 5, evidenceCount: 1 } });
    await expect(removeEvidence({ userId: users.REVIEWER.id, evidenceId: second.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This is the only evidence for a Contradicted annotation: add other evidence, or change its status first",
    });
    expect(await eventsOf(a.id)).toHaveLength(5);
    await update(users.REVIEWER.id, a.id, { version: 5, status: "IN_PROGRESS" });
    await expect(removeEvidence({ userId: users.REVIEWER.id, evidenceId: second.id })).resolves.toMatchObject({ annotation: { version: 7, evidenceCount: 0 } });
  });
});

describe("evidence (real database)", () => {
  it("add, edit, remove: one event each with snapshots, each bumping the annotation's version", async () => {
    const { workspaceId, documentId, users } = await testWorkspace(TEXT);
    const source = await db().source.create({ data: { workspaceId, kind: "REPORT", title: "Memorial report", createdById: users.OWNER.id } });
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 8 });

    const added = await addEvidenceTo(users.REVIEWER.id, a.id, {
      sourceId: source.id, locator: "p. 4", passage: "по данным «Мемориала» погибли 613 человек", passageTranslation: "according to Memorial, 613 people died",
      url: "https://memo.ru/khojaly", accessedOn: "2024-05-31", stance: "SUPPORTS",
    });
    expect(added.evidence).toMatchObject({ annotationId: a.id, sourceId: source.id, source: { title: "Memorial report" }, locator: "p. 4", stance: "SUPPORTS", version: 1, archivedUrl: "", note: "" });
    expect(added.evidence.createdBy).toMatchObject({ id: users.REVIEWER.id, name: users.REVIEWER.name });
    expect(added.annotation).toMatchObject({ version: 2, evidenceCount: 1, updatedBy: { id: users.REVIEWER.id } });

    // The annotation's own optimistic concurrency sees the evidence change.
    await expect(update(users.EDITOR.id, a.id, { version: 1, note: "stale" })).rejects.toMatchObject({ code: "CONFLICT", current: { version: 2 } });

    const edited = await edit(users.EDITOR.id, added.evidence.id, { version: 1, stance: "CONTEXT", note: "613 is civilians and fighters" });
    expect(edited.evidence).toMatchObject({ version: 2, stance: "CONTEXT", note: "613 is civilians and fighters", passage: added.evidence.passage });
    expect(edited.annotation.version).toBe(3);
    const stale = await edit(users.REVIEWER.id, added.evidence.id, { version: 1, note: "mine" }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: "CONFLICT", current: { id: added.evidence.id, version: 2, note: "613 is civilians and fighters" } });
    // Sending what it already says is no change: no event, no bump.
    expect((await edit(users.EDITOR.id, added.evidence.id, { version: 2, stance: "CONTEXT" })).annotation.version).toBe(3);

    const removed = await removeEvidence({ userId: users.REVIEWER.id, evidenceId: added.evidence.id });
    expect(removed.annotation).toMatchObject({ version: 4, evidenceCount: 0 });
    await expect(getEvidence({ userId: users.VIEWER.id, evidenceId: added.evidence.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listEvidence({ userId: users.VIEWER.id, annotationId: a.id })).toEqual([]);
    expect(await db().evidence.count({ where: { annotationId: a.id } })).toBe(1); // soft: kept for the history

    const events = await eventsOf(a.id);
    expect(events.map((e) => [e.type, e.version])).toEqual([["CREATED", 1], ["EVIDENCE_ADDED", 2], ["EVIDENCE_UPDATED", 3], ["EVIDENCE_REMOVED", 4]]);
    expect(events[1].before).toBeNull();
    expect(events[1].after).toMatchObject({ id: added.evidence.id, sourceId: source.id, stance: "SUPPORTS", accessedOn: "2024-05-31", deletedAt: null });
    expect(events[2].before).toEqual(events[1].after);
    expect(events[2].after).toEqual({ ...(events[1].after as object), stance: "CONTEXT", note: "613 is civilians and fighters" });
    expect(events[3].before).toEqual(events[2].after);
    expect(events[3].after).toMatchObject({ ...(events[2].after as object), deletedAt: expect.any(String) });
  });

  it("lists live items oldest first; roles: VIEWER reads, VIEWER 403 on writes, stranger 404", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 8 });
    const one = (await addEvidenceTo(users.REVIEWER.id, a.id, { stance: "SUPPORTS", passage: "one" })).evidence;
    const two = (await addEvidenceTo(users.EDITOR.id, a.id, { stance: "CONTRADICTS", passage: "two" })).evidence;
    expect((await listEvidence({ userId: users.VIEWER.id, annotationId: a.id })).map((e) => e.id)).toEqual([one.id, two.id]);

    await expect(addEvidenceTo(users.VIEWER.id, a.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(edit(users.VIEWER.id, one.id, { version: 1, note: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(removeEvidence({ userId: users.VIEWER.id, evidenceId: one.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addEvidenceTo(users.STRANGER.id, a.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listEvidence({ userId: users.STRANGER.id, annotationId: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(edit(users.STRANGER.id, one.id, { version: 1, note: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeEvidence({ userId: users.STRANGER.id, evidenceId: one.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Evidence of a deleted annotation is out of reach until it is restored.
    await deleteAnnotation({ userId: users.REVIEWER.id, annotationId: a.id });
    await expect(listEvidence({ userId: users.VIEWER.id, annotationId: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(edit(users.REVIEWER.id, one.id, { version: 1, note: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("validates: strict fields, a real date, http(s) URLs, a stance, something found, a source of this workspace", async () => {
    const here = await testWorkspace(TEXT);
    const there = await testWorkspace(TEXT);
    const foreign = await db().source.create({ data: { workspaceId: there.workspaceId, kind: "BOOK", title: "Elsewhere", createdById: there.users.OWNER.id } });
    const a = await create(here.users.REVIEWER.id, here.documentId, { start: 0, end: 8 });

    const bad = ZCreateEvidence.safeParse({ stance: "MAYBE", url: "memo.ru", accessedOn: "2024-02-30", passage: "x" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["stance", "url", "accessedOn"]));
    expect(ZCreateEvidence.safeParse({ stance: "SUPPORTS", colour: "red", passage: "x" }).error?.issues[0].code).toBe("unrecognized_keys");
    expect(ZCreateEvidence.safeParse({ stance: "SUPPORTS", note: "I believe it" }).error?.issues[0]).toMatchObject({ path: ["passage"], message: "Give the passage found, its source, or its URL" });

    await expect(addEvidenceTo(here.users.REVIEWER.id, a.id, { stance: "SUPPORTS", sourceId: foreign.id })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { sourceId: "Choose a source of this workspace" },
    });
    expect(await eventsOf(a.id)).toHaveLength(1);
    expect((await db().annotation.findUniqueOrThrow({ where: { id: a.id } })).version).toBe(1);

    const { evidence } = await addEvidenceTo(here.users.REVIEWER.id, a.id, { stance: "SUPPORTS", passage: "only a passage" });
    await expect(edit(here.users.REVIEWER.id, evidence.id, { version: 1, passage: "" })).rejects.toMatchObject({ code: "VALIDATION", fields: { passage: expect.any(String) } });
  });
});
