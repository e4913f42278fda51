import "server-only";
import { memberWorkspaces, requireMember, visibleSources } from "@/lib/access";
import { db, type TTx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { AnnotationEventType } from "@/lib/generated/prisma/enums";
import type { TMergeResult, TMergeSummary } from "@/lib/sources/registry-schemas";

const mergeSelect = { id: true, workspaceId: true, keptId: true, mergedId: true, movedAnnotationIds: true, movedEvidenceIds: true, movedChainHopIds: true, addedAliases: true, undoneAt: true } as const;

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

/**
 * Merges a duplicate source into the one kept; EDITOR or OWNER. In one transaction: annotations,
 * evidence and chain hops citing the duplicate move to the kept source, its title and aliases
 * become aliases of the kept one, it is marked merged (and leaves every list), and the merge is
 * recorded with exactly what moved so that an owner can undo it.
 */
export async function mergeSource(options: { userId: string; sourceId: string; intoId: string }): Promise<TMergeResult> {
  const { userId, sourceId, intoId } = options;
  const merged = await db().source.findFirst({ where: { id: sourceId, ...visibleSources(userId) }, select: { id: true, workspaceId: true } });
  if (!merged) throw notFound("Source not found");
  await requireMember({ userId, workspaceId: merged.workspaceId, role: "EDITOR" });
  if (intoId === sourceId) throw new AppError("VALIDATION", "A source cannot be merged into itself", { intoId: "Choose a different source" });
  const kept = await db().source.findFirst({ where: { id: intoId, workspaceId: merged.workspaceId }, select: { id: true } });
  if (!kept) throw new AppError("NOT_FOUND", "The source to keep was not found in this workspace", { intoId: "Choose a source of this workspace" });

  return db().$transaction(async (tx) => {
    const rows = await lockSources(tx, [sourceId, intoId]);
    const from = rows.find((r) => r.id === sourceId)!;
    const into = rows.find((r) => r.id === intoId)!;
    if (from.mergedIntoId) throw new AppError("CONFLICT", `“${from.title}” was already merged into another source`);
    if (into.mergedIntoId) throw new AppError("CONFLICT", `“${into.title}” was itself merged into another source; merge into that one`);

    const annotationIds = (await tx.annotation.findMany({ where: { sourceId }, select: { id: true } })).map((a) => a.id);
    const movedAnnotationIds = await moveAnnotations(tx, { ids: annotationIds, fromId: sourceId, toId: intoId, actorId: userId, type: "SOURCE_MERGED" });
    const evidence = await tx.evidence.findMany({ where: { sourceId }, select: { id: true } });
    // A version bump makes evidence edits opened before the merge stale, as for annotations.
    await tx.evidence.updateMany({ where: { sourceId }, data: { sourceId: intoId, version: { increment: 1 } } });
    const hops = await tx.chainHop.findMany({ where: { sourceId }, select: { id: true } });
    await tx.chainHop.updateMany({ where: { sourceId }, data: { sourceId: intoId } });

    const addedAliases = aliasesToAdd(into, from);
    await tx.source.update({ where: { id: intoId }, data: { aliases: [...into.aliases, ...addedAliases], version: { increment: 1 } } });
    await tx.source.update({ where: { id: sourceId }, data: { mergedIntoId: intoId, version: { increment: 1 } } });
    const record = await tx.sourceMerge.create({
      data: {
        workspaceId: merged.workspaceId,
        keptId: intoId,
        mergedId: sourceId,
        movedAnnotationIds,
        movedEvidenceIds: evidence.map((e) => e.id),
        movedChainHopIds: hops.map((h) => h.id),
        addedAliases,
        actorId: userId,
      },
      select: { id: true },
    });
    return { id: record.id, keptId: intoId, mergedId: sourceId, moved: { annotations: movedAnnotationIds.length, evidence: evidence.length, chainHops: hops.length } };
  });
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
    return { id: merge.id, keptId: merge.keptId, mergedId: merge.mergedId, moved: { annotations: annotationIds.length, evidence: evidence.count, chainHops: hops.count } };
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
    id: m.id,
    keptId: m.keptId,
    mergedId: m.mergedId,
    mergedTitle: title.get(m.mergedId) ?? "",
    actorName: name.get(m.actorId) ?? "",
    createdAt: m.createdAt.toISOString(),
    moved: { annotations: m.movedAnnotationIds.length, evidence: m.movedEvidenceIds.length, chainHops: m.movedChainHopIds.length },
  }));
}
