import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { create, eventsOf, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { getMerge, mergeSource, runMergeJob, undoMerge, listMergesInto } from "./merge";
import { createSource } from "./mutations";
import { findSourceForPage, listSources } from "./queries";
import { ZCreateSource } from "./schemas";

async function setup() {
  const ws = await testWorkspace("Le Mond reported it; Le Monde said so too; Newsweek agreed.");
  const source = (title: string, aliases: string[] = []) =>
    createSource({ userId: ws.users.EDITOR.id, input: ZCreateSource.parse({ workspaceId: ws.workspaceId, kind: "NEWS_ARTICLE", title, aliases }) });
  const leMonde = await source("Le Monde", ["Le Monde (Paris)"]);
  const leMond = await source("Le Mond", ["Lemond", "le monde (paris)"]);
  const other = await source("Newsweek");
  const a1 = await create(ws.users.REVIEWER.id, ws.documentId, { start: 0, end: 7, sourceId: leMond.id, locator: "p. 3" });
  const a2 = await create(ws.users.REVIEWER.id, ws.documentId, { start: 22, end: 30, sourceId: leMond.id });
  const untouched = await create(ws.users.REVIEWER.id, ws.documentId, { start: 41, end: 49, sourceId: other.id });
  const evidence = await db().evidence.create({
    data: { workspaceId: ws.workspaceId, annotationId: untouched.id, sourceId: leMond.id, stance: "SUPPORTS", createdById: ws.users.REVIEWER.id },
    select: { id: true },
  });
  const hop = await db().chainHop.create({ data: { workspaceId: ws.workspaceId, annotationId: untouched.id, position: 0, sourceId: leMond.id }, select: { id: true } });
  return { ws, leMonde, leMond, other, a1, a2, untouched, evidence, hop };
}

const sourceOf = async (id: string) => db().source.findUniqueOrThrow({ where: { id }, select: { aliases: true, mergedIntoId: true } });
const annotationOf = async (id: string) => db().annotation.findUniqueOrThrow({ where: { id }, select: { sourceId: true, version: true } });

describe("merging sources (real database)", () => {
  it("moves annotations, evidence and chain hops, records the merge, and an owner's undo restores exactly", async () => {
    const { ws, leMonde, leMond, other, a1, a2, untouched, evidence, hop } = await setup();
    const merge = await mergeSource({ userId: ws.users.EDITOR.id, sourceId: leMond.id, intoId: leMonde.id });
    expect(merge).toEqual({ id: expect.any(String), keptId: leMonde.id, mergedId: leMond.id, moved: { annotations: 2, evidence: 1, chainHops: 1 }, state: "DONE", done: 4, total: 4 });

    for (const a of [a1, a2]) {
      expect(await annotationOf(a.id)).toEqual({ sourceId: leMonde.id, version: 2 });
      const events = await eventsOf(a.id);
      expect(events.at(-1)).toMatchObject({ type: "SOURCE_MERGED", version: 2, actorId: ws.users.EDITOR.id, before: { sourceId: leMond.id }, after: { sourceId: leMonde.id } });
    }
    expect(await annotationOf(untouched.id)).toEqual({ sourceId: other.id, version: 1 });
    expect((await db().evidence.findUniqueOrThrow({ where: { id: evidence.id } })).sourceId).toBe(leMonde.id);
    expect((await db().chainHop.findUniqueOrThrow({ where: { id: hop.id } })).sourceId).toBe(leMonde.id);
    // The title and the aliases the kept source lacked (case aside) become its aliases.
    expect(await sourceOf(leMonde.id)).toEqual({ aliases: ["Le Monde (Paris)", "Le Mond", "Lemond"], mergedIntoId: null });
    expect((await sourceOf(leMond.id)).mergedIntoId).toBe(leMonde.id);
    expect((await listSources({ userId: ws.users.VIEWER.id, workspaceId: ws.workspaceId })).map((s) => s.title)).toEqual(["Le Monde", "Newsweek"]);
    expect(await findSourceForPage({ userId: ws.users.VIEWER.id, sourceId: leMond.id })).toEqual({ redirectTo: leMonde.id });
    expect(await listMergesInto({ userId: ws.users.VIEWER.id, sourceId: leMonde.id })).toMatchObject([{ id: merge.id, mergedTitle: "Le Mond" }]);

    // An edit made against the version before the merge is stale.
    await expect(update(ws.users.REVIEWER.id, a1.id, { version: 1, note: "x" })).rejects.toMatchObject({ code: "CONFLICT" });

    await expect(undoMerge({ userId: ws.users.EDITOR.id, mergeId: merge.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(undoMerge({ userId: ws.users.STRANGER.id, mergeId: merge.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const undone = await undoMerge({ userId: ws.users.OWNER.id, mergeId: merge.id });
    expect(undone.moved).toEqual({ annotations: 2, evidence: 1, chainHops: 1 });
    for (const a of [a1, a2]) {
      expect(await annotationOf(a.id)).toEqual({ sourceId: leMond.id, version: 3 });
      expect((await eventsOf(a.id)).at(-1)).toMatchObject({ type: "SOURCE_MERGE_UNDONE", version: 3, before: { sourceId: leMonde.id }, after: { sourceId: leMond.id } });
    }
    expect(await annotationOf(untouched.id)).toEqual({ sourceId: other.id, version: 1 });
    expect((await db().evidence.findUniqueOrThrow({ where: { id: evidence.id } })).sourceId).toBe(leMond.id);
    expect((await db().chainHop.findUniqueOrThrow({ where: { id: hop.id } })).sourceId).toBe(leMond.id);
    expect(await sourceOf(leMonde.id)).toEqual({ aliases: ["Le Monde (Paris)"], mergedIntoId: null });
    expect(await sourceOf(leMond.id)).toEqual({ aliases: ["Lemond", "le monde (paris)"], mergedIntoId: null });
    expect(await listMergesInto({ userId: ws.users.OWNER.id, sourceId: leMonde.id })).toEqual([]);
    await expect(undoMerge({ userId: ws.users.OWNER.id, mergeId: merge.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses a merge into itself (422), across workspaces (404), by a reviewer (403), and of a merged source (409)", async () => {
    const { ws, leMonde, leMond, other } = await setup();
    const elsewhere = await setup();
    await expect(mergeSource({ userId: ws.users.EDITOR.id, sourceId: leMond.id, intoId: leMond.id })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(mergeSource({ userId: ws.users.EDITOR.id, sourceId: leMond.id, intoId: elsewhere.leMonde.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(mergeSource({ userId: ws.users.EDITOR.id, sourceId: elsewhere.leMond.id, intoId: leMonde.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(mergeSource({ userId: ws.users.REVIEWER.id, sourceId: leMond.id, intoId: leMonde.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await mergeSource({ userId: ws.users.OWNER.id, sourceId: leMond.id, intoId: leMonde.id });
    await expect(mergeSource({ userId: ws.users.OWNER.id, sourceId: leMond.id, intoId: other.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(mergeSource({ userId: ws.users.OWNER.id, sourceId: other.id, intoId: leMond.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a heavily cited source is merged in the background, batch by batch with progress; the result equals the one-transaction merge", async () => {
    const { ws, leMonde, leMond, a1, a2, untouched, evidence, hop } = await setup();
    // Many more citing annotations than one batch, made directly.
    const doc = await db().document.findUniqueOrThrow({ where: { id: ws.documentId }, select: { text: true, revision: true } });
    const many = 450;
    await db().annotation.createMany({
      data: Array.from({ length: many }, (_, i) => ({
        workspaceId: ws.workspaceId,
        documentId: ws.documentId,
        start: i % 20,
        end: (i % 20) + 3,
        documentRevision: doc.revision,
        exact: doc.text.slice(i % 20, (i % 20) + 3),
        prefix: "",
        suffix: "",
        sourceId: leMond.id,
        createdById: ws.users.REVIEWER.id,
        updatedById: ws.users.REVIEWER.id,
      })),
    });
    const total = many + 4;
    const started = await mergeSource({ userId: ws.users.EDITOR.id, sourceId: leMond.id, intoId: leMonde.id, inlineMax: 100 });
    expect(started).toMatchObject({ state: "RUNNING", done: 0, total, moved: { annotations: 0, evidence: 0, chainHops: 0 } });
    // Nothing moved yet; the duplicate is still listed, and a second merge of either source waits.
    expect(await sourceOf(leMond.id)).toMatchObject({ mergedIntoId: null });
    await expect(mergeSource({ userId: ws.users.EDITOR.id, sourceId: leMonde.id, intoId: leMond.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(undoMerge({ userId: ws.users.OWNER.id, mergeId: started.id })).rejects.toMatchObject({ code: "CONFLICT", message: "This merge is still running; undo it once it has finished" });
    // The queued job exists (the worker is not running in this test: it is run here).
    const [{ queued }] = await db().$queryRaw<{ queued: number }[]>`SELECT count(*)::int AS queued FROM pgboss.job WHERE name = 'source-merge' AND data->>'mergeId' = ${started.id}`;
    expect(queued).toBe(1);

    await runMergeJob({ mergeId: started.id });
    const done = await getMerge({ userId: ws.users.VIEWER.id, mergeId: started.id });
    expect(done).toMatchObject({ state: "DONE", done: total, total, moved: { annotations: many + 2, evidence: 1, chainHops: 1 } });
    expect(await db().annotation.count({ where: { sourceId: leMond.id } })).toBe(0);
    expect(await sourceOf(leMond.id)).toMatchObject({ mergedIntoId: leMonde.id });
    expect(await db().annotationEvent.count({ where: { workspaceId: ws.workspaceId, type: "SOURCE_MERGED" } })).toBe(many + 2);
    expect(await db().evidence.findUniqueOrThrow({ where: { id: evidence.id }, select: { sourceId: true } })).toEqual({ sourceId: leMonde.id });
    expect(await db().chainHop.findUniqueOrThrow({ where: { id: hop.id }, select: { sourceId: true } })).toEqual({ sourceId: leMonde.id });
    // Run again (a retry after a crash): nothing more happens.
    await runMergeJob({ mergeId: started.id });
    expect(await db().annotationEvent.count({ where: { workspaceId: ws.workspaceId, type: "SOURCE_MERGED" } })).toBe(many + 2);

    const undone = await undoMerge({ userId: ws.users.OWNER.id, mergeId: started.id });
    expect(undone.moved).toEqual({ annotations: many + 2, evidence: 1, chainHops: 1 });
    for (const a of [a1, a2]) expect((await annotationOf(a.id)).sourceId).toBe(leMond.id);
    expect((await annotationOf(untouched.id)).sourceId).not.toBe(leMond.id);
    // A stranger learns nothing of it.
    await expect(getMerge({ userId: ws.users.STRANGER.id, mergeId: started.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
