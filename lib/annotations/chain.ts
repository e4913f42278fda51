import "server-only";
import { recordAnnotationEvent } from "@/lib/annotations/events";
import type { TAnnotation, TSetChainParsed } from "@/lib/annotations/schemas";
import { liveAnnotationForWrite, readAnnotation, reopenSignOff, requireWorkspaceSource, StaleVersion, staleVersion } from "@/lib/annotations/writes";
import { db } from "@/lib/db";

type THop = { sourceId: string; locator: string; note: string };

const sameHops = (a: THop[], b: THop[]) => a.length === b.length && a.every((h, i) => h.sourceId === b[i].sourceId && h.locator === b[i].locator && h.note === b[i].note);

/**
 * Replaces an annotation's attribution chain (hop 1 first) against the annotation's version: the
 * chain has no version of its own, so a stale client gets 409 with the annotation as it stands.
 * Every hop's source must be of the annotation's workspace (422 on `hops.N.sourceId`). One
 * CHAIN_SET event records the whole list before and after. Sending the chain it already has
 * changes nothing and records nothing. A signed-off verdict goes back to sign-off (reopenSignOff).
 */
export async function setChain(options: { userId: string; annotationId: string; input: TSetChainParsed }): Promise<TAnnotation> {
  const { userId, annotationId, input } = options;
  const row = await liveAnnotationForWrite({ userId, annotationId });
  if (input.version !== row.version) throw await staleVersion(annotationId);
  const hops: THop[] = input.hops.map((h) => ({ sourceId: h.sourceId, locator: h.locator, note: h.note }));

  try {
    await db().$transaction(async (tx) => {
      const before = await tx.chainHop.findMany({ where: { annotationId }, orderBy: { position: "asc" }, select: { sourceId: true, locator: true, note: true } });
      if (sameHops(before, hops)) return;
      for (const [i, hop] of hops.entries()) await requireWorkspaceSource(tx, { workspaceId: row.workspaceId, sourceId: hop.sourceId, field: `hops.${i}.sourceId` });
      // The version check and the row lock in one statement: of two concurrent saves one wins.
      const { count } = await tx.annotation.updateMany({
        where: { id: annotationId, version: input.version, deletedAt: null },
        data: { updatedById: userId, version: { increment: 1 } },
      });
      if (count === 0) throw new StaleVersion();
      await tx.chainHop.deleteMany({ where: { annotationId } });
      await tx.chainHop.createMany({ data: hops.map((hop, position) => ({ workspaceId: row.workspaceId, annotationId, position, ...hop })) });
      await recordAnnotationEvent(tx, { annotation: row, type: "CHAIN_SET", actorId: userId, version: input.version + 1, before: { hops: before }, after: { hops } });
      // The row read before matches the version just bumped, so it is the snapshot to reopen from.
      await reopenSignOff(tx, { annotation: row, userId, version: input.version + 1 });
    });
  } catch (error) {
    throw error instanceof StaleVersion ? await staleVersion(annotationId) : error;
  }
  return readAnnotation(annotationId);
}
