import "server-only";
import { memberWorkspaces, requireMember, visibleSources } from "@/lib/access";
import { db, type TTx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { AnnotationEventType } from "@/lib/generated/prisma/enums";
import { sendJob } from "@/lib/jobs/queue";
import { MERGE_INLINE_MAX, type TMergeResult, type TMergeSummary } from "@/lib/sources/registry-schemas";

const mergeSelect = { id: true, workspaceId: true, keptId: true, mergedId: true, movedAnnotationIds: true, movedEvidenceIds: true, movedChainHopIds: true, addedAliases: true, undoneAt: true, state: true, done: true, total: true } as const;

/** Locks source rows in id order (so two merges of the same pair cannot deadlock) and reads them. */
async function lockSources(tx: TTx, ids: string[]) {
  for (const id of [...ids].sort()) await tx.$queryRaw`SELECT id FROM "Source" WHERE id = ${id} FOR UPDATE`;
  return tx.source.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, aliases: true, mergedIntoId: true } });
}

/**
 * Points annotations at another source, each a new version by the actor (so an edit made against
 * the old version gets 409), with one event per annotation. The rows are locked first, so the
 * versions written in the events are the versions the rows now have.
 */
async function moveAnnotations(
  tx: TTx,
  options: { ids: string[]; fromId: string; toId: string; actorId: string; type: AnnotationEventType },
): Promise<string[]> {
  if (options.ids.length === 0) return [];
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Annotation" WHERE id = ANY(${options.ids}) AND "sourceId" = ${options.fromId} ORDER BY id FOR UPDATE`;
  const ids = locked.map((row) => row.id);
  if (ids.length === 0) return [];
  await tx.annotation.updateMany({ where: { id: { in: ids } }, data: { sourceId: options.toId, version: { increment: 1 }, updatedById: options.actorId } });
  const rows = await tx.annotation.findMany({ where: { id: { in: ids } }, select: { id: true, workspaceId: true, documentId: true, version: true } });
  // One event per annotation, as lib/annotations/events.ts writes them, in one insert.
  await tx.annotationEvent.createMany({
    data: rows.map((row) => ({
      annotationId: row.id,
      workspaceId: row.workspaceId,
      documentId: row.documentId,
      type: options.type,
      actorId: options.actorId,
      version: row.version,
      before: { sourceId: options.fromId },
      after: { sourceId: options.toId },
    })),
  });
  return ids;
}

/** The kept source's aliases gain the merged one's title and aliases, except those it already has. */
function aliasesToAdd(kept: { title: string; aliases: string[] }, merged: { title: string; aliases: string[] }): string[] {
  const known = new Set([kept.title, ...kept.aliases].map((name) => name.toLocaleLowerCase("en")));
  const added: string[] = [];
  for (const name of [merged.title, ...merged.aliases]) {
    const key = name.toLocaleLowerCase("en");
    if (!known.has(key)) added.push(name);
    known.add(key);
  }
  return added;
}

const MERGE_BATCH = 200;

/** The rows citing a source, of each kind. */
async function citingCounts(sourceId: string) {
  const [annotations, evidence, chainHops] = await Promise.all([
    db().annotation.count({ where: { sourceId } }),
    db().evidence.count({ where: { sourceId } }),
    db().chainHop.count({ where: { sourceId } }),
  ]);
  return annotations + evidence + chainHops;
}

/** Both sources locked and still unmerged, or 409 in words. */
async function lockUnmerged(tx: TTx, sourceId: string, intoId: string) {
  const rows = await lockSources(tx, [sourceId, intoId]);
  const from = rows.find((r) => r.id === sourceId)!;
  const into = rows.find((r) => r.id === intoId)!;
  if (from.mergedIntoId) throw new AppError("CONFLICT", `“${from.title}” was already merged into another source`);
  if (into.mergedIntoId) throw new AppError("CONFLICT", `“${into.title}” was itself merged into another source; merge into that one`);
  return { from, into };
}

/**
 * Moves up to `limit` rows of each kind citing `fromId` to `toId` (all when no limit): annotations
 * as new versions with one event each, evidence with a version bump, chain hops. Returns what moved.
 */
async function moveCiting(tx: TTx, options: { fromId: string; toId: string; actorId: string; limit?: number }) {
  const take = options.limit;
  const annotationIds = (await tx.annotation.findMany({ where: { sourceId: options.fromId }, select: { id: true }, orderBy: { id: "asc" }, take })).map((a) => a.id);
  const annotations = await moveAnnotations(tx, { ids: annotationIds, fromId: options.fromId, toId: options.toId, actorId: options.actorId, type: "SOURCE_MERGED" });
  const evidence = (await tx.evidence.findMany({ where: { sourceId: options.fromId }, select: { id: true }, orderBy: { id: "asc" }, take })).map((e) => e.id);
  // A version bump makes evidence edits opened before the merge stale, as for annotations.
  await tx.evidence.updateMany({ where: { id: { in: evidence }, sourceId: options.fromId }, data: { sourceId: options.toId, version: { increment: 1 } } });
  const chainHops = (await tx.chainHop.findMany({ where: { sourceId: options.fromId }, select: { id: true }, orderBy: { id: "asc" }, take })).map((h) => h.id);
  await tx.chainHop.updateMany({ where: { id: { in: chainHops }, sourceId: options.fromId }, data: { sourceId: options.toId } });
  return { annotations, evidence, chainHops };
}

/** Marks the merged source merged, its names aliases of the kept one; returns the aliases added. */
async function finishMerge(tx: TTx, from: { id: string; title: string; aliases: string[] }, into: { id: string; title: string; aliases: string[] }) {
  const addedAliases = aliasesToAdd(into, from);
  await tx.source.update({ where: { id: into.id }, data: { aliases: [...into.aliases, ...addedAliases], version: { increment: 1 } } });
  await tx.source.update({ where: { id: from.id }, data: { mergedIntoId: into.id, version: { increment: 1 } } });
  return addedAliases;
}

/**
 * Merges a duplicate source into the one kept; EDITOR or OWNER. Annotations, evidence and chain
 * hops citing the duplicate move to the kept source, its title and aliases become aliases of the
 * kept one, it is marked merged (and leaves every list), and the merge is recorded with exactly
 * what moved so that an owner can undo it. Up to MERGE_INLINE_MAX citing rows, in one transaction
 * (state DONE); beyond, the merge is recorded RUNNING and a background job moves the rows in
 * batches, each its own short transaction, with progress (`done` of `total`) on the record
 * (runMergeJob). Either source in a merge still running is 409.
 */
export async function mergeSource(options: { userId: string; sourceId: string; intoId: string; inlineMax?: number }): Promise<TMergeResult> {
  const { userId, sourceId, intoId } = options;
  const merged = await db().source.findFirst({ where: { id: sourceId, ...visibleSources(userId) }, select: { id: true, workspaceId: true } });
  if (!merged) throw notFound("Source not found");
  await requireMember({ userId, workspaceId: merged.workspaceId, role: "EDITOR" });
  if (intoId === sourceId) throw new AppError("VALIDATION", "A source cannot be merged into itself", { intoId: "Choose a different source" });
  const kept = await db().source.findFirst({ where: { id: intoId, workspaceId: merged.workspaceId }, select: { id: true } });
  if (!kept) throw new AppError("NOT_FOUND", "The source to keep was not found in this workspace", { intoId: "Choose a source of this workspace" });
  const total = await citingCounts(sourceId);

  return db().$transaction(async (tx) => {
    const { from, into } = await lockUnmerged(tx, sourceId, intoId);
    const running = await tx.sourceMerge.count({ where: { state: "RUNNING", OR: [{ keptId: { in: [sourceId, intoId] } }, { mergedId: { in: [sourceId, intoId] } }] } });
    if (running > 0) throw new AppError("CONFLICT", "A merge of one of these sources is still running; wait for it to finish");
    const base = { workspaceId: merged.workspaceId, keptId: intoId, mergedId: sourceId, actorId: userId };

    if (total > (options.inlineMax ?? MERGE_INLINE_MAX)) {
      const record = await tx.sourceMerge.create({ data: { ...base, state: "RUNNING", total }, select: { id: true } });
      await sendJob(tx, "source-merge", { mergeId: record.id });
      return { id: record.id, keptId: intoId, mergedId: sourceId, moved: { annotations: 0, evidence: 0, chainHops: 0 }, state: "RUNNING", done: 0, total };
    }
    const moved = await moveCiting(tx, { fromId: sourceId, toId: intoId, actorId: userId });
    const addedAliases = await finishMerge(tx, from, into);
    const record = await tx.sourceMerge.create({
      data: { ...base, movedAnnotationIds: moved.annotations, movedEvidenceIds: moved.evidence, movedChainHopIds: moved.chainHops, addedAliases, done: total, total },
      select: { id: true },
    });
    const counts = { annotations: moved.annotations.length, evidence: moved.evidence.length, chainHops: moved.chainHops.length };
    return { id: record.id, keptId: intoId, mergedId: sourceId, moved: counts, state: "DONE", done: total, total };
  });
}

/**
 * The background half of a large merge (queue "source-merge"): batches of MERGE_BATCH rows of each
 * kind, each in its own transaction that locks the record, moves the rows and appends them to it
 * (so a retry after a crash goes on from where the last commit left off); then, in one last
 * transaction with both sources locked, whatever still cites the duplicate (rows cited meanwhile),
 * the aliases and the mark. `final` false rethrows a failure for the queue to retry; the last
 * attempt records it (FAILED, undoable for what moved).
 */
export async function runMergeJob(options: { mergeId: string; final?: boolean }): Promise<void> {
  const id = options.mergeId;
  const locked = async (tx: TTx) => {
    await tx.$queryRaw`SELECT id FROM "SourceMerge" WHERE id = ${id} FOR UPDATE`;
    const merge = await tx.sourceMerge.findUniqueOrThrow({ where: { id }, select: { keptId: true, mergedId: true, actorId: true, state: true } });
    return merge.state === "RUNNING" ? merge : null;
  };
  const record = (moved: Awaited<ReturnType<typeof moveCiting>>) => ({
    movedAnnotationIds: { push: moved.annotations },
    movedEvidenceIds: { push: moved.evidence },
    movedChainHopIds: { push: moved.chainHops },
    done: { increment: moved.annotations.length + moved.evidence.length + moved.chainHops.length },
  });
  try {
    for (;;) {
      const moved = await db().$transaction(async (tx) => {
        const merge = await locked(tx);
        if (!merge) return null;
        const batch = await moveCiting(tx, { fromId: merge.mergedId, toId: merge.keptId, actorId: merge.actorId, limit: MERGE_BATCH });
        await tx.sourceMerge.update({ where: { id }, data: record(batch) });
        return batch;
      });
      if (!moved || moved.annotations.length + moved.evidence.length + moved.chainHops.length === 0) break;
    }
    await db().$transaction(async (tx) => {
      const merge = await locked(tx);
      if (!merge) return;
      const { from, into } = await lockUnmerged(tx, merge.mergedId, merge.keptId);
      const rest = await moveCiting(tx, { fromId: merge.mergedId, toId: merge.keptId, actorId: merge.actorId });
      const addedAliases = await finishMerge(tx, from, into);
      await tx.sourceMerge.update({ where: { id }, data: { ...record(rest), addedAliases, state: "DONE" } });
      await tx.$executeRaw`UPDATE "SourceMerge" SET total = done WHERE id = ${id}`;
    });
  } catch (error) {
    if (options.final === false) throw error;
    if (!(error instanceof AppError)) console.error(`Merge ${id} failed`, error);
    const message = error instanceof AppError ? error.message : "The merge stopped on our side; an owner can undo what moved, then merge again";
    await db().sourceMerge.updateMany({ where: { id, state: "RUNNING" }, data: { state: "FAILED", error: message } });
  }
}

/** A merge whose runs stopped the server running it twice: FAILED, not tried again (an owner can undo what moved). */
export async function abandonMergeJob(id: string): Promise<void> {
  await db().sourceMerge.updateMany({
    where: { id, state: "RUNNING" },
    data: { state: "FAILED", error: "The merge stopped the server running it twice; an owner can undo what moved, then merge again" },
  });
}

/** A merge's progress, for a member of its workspace; 404 otherwise. */
export async function getMerge(options: { userId: string; mergeId: string }): Promise<TMergeResult> {
  const found = await db().sourceMerge.findUnique({ where: { id: options.mergeId }, select: { ...mergeSelect, error: true } });
  const visible = found && (await db().workspace.count({ where: { id: found.workspaceId, ...memberWorkspaces(options.userId) } }));
  if (!found || !visible) throw notFound("Merge not found");
  return presentMerge(found);
}

function presentMerge(m: { id: string; keptId: string; mergedId: string; movedAnnotationIds: string[]; movedEvidenceIds: string[]; movedChainHopIds: string[]; state: TMergeResult["state"]; done: number; total: number; error?: string }): TMergeResult {
  return {
    id: m.id,
    keptId: m.keptId,
    mergedId: m.mergedId,
    moved: { annotations: m.movedAnnotationIds.length, evidence: m.movedEvidenceIds.length, chainHops: m.movedChainHopIds.length },
    state: m.state,
    done: m.done,
    total: m.total,
    ...(m.error ? { error: m.error } : {}),
  };
}

/** Removes one occurrence of each added alias, so an alias the kept source had twice keeps one. */
function withoutAdded(aliases: string[], added: string[]): string[] {
  const remaining = [...aliases];
  for (const alias of added) {
    const i = remaining.indexOf(alias);
    if (i !== -1) remaining.splice(i, 1);
  }
  return remaining;
}

/**
 * Undoes a merge; OWNER only. Exactly the recorded rows go back, those that still cite the kept
 * source (one a reviewer has since pointed elsewhere stays where they put it); the added aliases
 * are removed and the merged source returns to the lists. A second undo is 409, and so is an undo
 * after the kept source was itself merged away (undo that merge first).
 */
export async function undoMerge(options: { userId: string; mergeId: string }): Promise<TMergeResult> {
  const { userId } = options;
  const found = await db().sourceMerge.findUnique({ where: { id: options.mergeId }, select: { workspaceId: true } });
  // SourceMerge has no workspace relation to filter through; a merge of another workspace is not found.
  const visible = found && (await db().workspace.count({ where: { id: found.workspaceId, ...memberWorkspaces(userId) } }));
  if (!found || !visible) throw notFound("Merge not found");
  await requireMember({ userId, workspaceId: found.workspaceId, role: "OWNER" });

  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "SourceMerge" WHERE id = ${options.mergeId} FOR UPDATE`;
    const merge = await tx.sourceMerge.findUniqueOrThrow({ where: { id: options.mergeId }, select: mergeSelect });
    if (merge.undoneAt) throw new AppError("CONFLICT", "This merge was already undone");
    if (merge.state === "RUNNING") throw new AppError("CONFLICT", "This merge is still running; undo it once it has finished");
    const rows = await lockSources(tx, [merge.keptId, merge.mergedId]);
    const kept = rows.find((r) => r.id === merge.keptId)!;
    if (kept.mergedIntoId) throw new AppError("CONFLICT", `“${kept.title}” was merged into another source since; undo that merge first`);

    // Back in the lists first: the database refuses a citation of a source marked merged.
    await tx.source.update({ where: { id: merge.mergedId }, data: { mergedIntoId: null, version: { increment: 1 } } });
    const annotationIds = await moveAnnotations(tx, {
      ids: merge.movedAnnotationIds,
      fromId: merge.keptId,
      toId: merge.mergedId,
      actorId: userId,
      type: "SOURCE_MERGE_UNDONE",
    });
    const evidence = await tx.evidence.updateMany({
      where: { id: { in: merge.movedEvidenceIds }, sourceId: merge.keptId },
      data: { sourceId: merge.mergedId, version: { increment: 1 } },
    });
    const hops = await tx.chainHop.updateMany({ where: { id: { in: merge.movedChainHopIds }, sourceId: merge.keptId }, data: { sourceId: merge.mergedId } });
    await tx.source.update({ where: { id: merge.keptId }, data: { aliases: withoutAdded(kept.aliases, merge.addedAliases), version: { increment: 1 } } });
    await tx.sourceMerge.update({ where: { id: merge.id }, data: { undoneAt: new Date(), undoneById: userId } });
    const moved = { annotations: annotationIds.length, evidence: evidence.count, chainHops: hops.count };
    return { id: merge.id, keptId: merge.keptId, mergedId: merge.mergedId, moved, state: merge.state, done: merge.done, total: merge.total };
  });
}

/** How many merges into a source its page lists. */
const RECENT_MERGES = 10;

/** Merges into a source not undone yet, newest first, for its page. */
export async function listMergesInto(options: { userId: string; sourceId: string }): Promise<TMergeSummary[]> {
  const source = await db().source.findFirst({ where: { id: options.sourceId, ...visibleSources(options.userId) }, select: { id: true } });
  if (!source) throw notFound("Source not found");
  const merges = await db().sourceMerge.findMany({
    where: { keptId: source.id, undoneAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: RECENT_MERGES,
    select: { ...mergeSelect, actorId: true, createdAt: true },
  });
  const [sources, actors] = await Promise.all([
    db().source.findMany({ where: { id: { in: merges.map((m) => m.mergedId) } }, select: { id: true, title: true } }),
    db().user.findMany({ where: { id: { in: merges.map((m) => m.actorId) } }, select: { id: true, name: true } }),
  ]);
  const title = new Map(sources.map((s) => [s.id, s.title]));
  const name = new Map(actors.map((u) => [u.id, u.name]));
  return merges.map((m) => ({
    ...presentMerge(m),
    mergedTitle: title.get(m.mergedId) ?? "",
    actorName: name.get(m.actorId) ?? "",
    createdAt: m.createdAt.toISOString(),
  }));
}
