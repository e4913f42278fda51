import "server-only";
import { recordAnnotationEvent } from "@/lib/annotations/events";
import type { TAnnotation } from "@/lib/annotations/schemas";
import { liveAnnotationForWrite, readAnnotation, StaleVersion, staleVersion } from "@/lib/annotations/writes";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * A reviewer has looked at an annotation again after a revision changed its words: clears "needs
 * re-check" (REVIEWER and up) against the version they saw (409 when stale), with a RECHECKED
 * event. Its status and sign-off stay as they are: a verdict that went back to sign-off still waits.
 */
export async function recheckAnnotation(options: { userId: string; annotationId: string; version: number }): Promise<TAnnotation> {
  const { userId, annotationId, version } = options;
  const row = await liveAnnotationForWrite({ userId, annotationId }); // REVIEWER and up
  if (version !== row.version) throw await staleVersion(annotationId);
  try {
    await db().$transaction(async (tx) => {
      const { count } = await tx.annotation.updateMany({
        where: { id: annotationId, version, deletedAt: null, needsRecheck: true },
        data: { needsRecheck: false, updatedById: userId, version: { increment: 1 } },
      });
      if (count === 0) throw new StaleVersion();
      await recordAnnotationEvent(tx, { annotation: row, type: "RECHECKED", actorId: userId, version: version + 1, before: { needsRecheck: true }, after: { needsRecheck: false } });
    });
  } catch (error) {
    if (!(error instanceof StaleVersion)) throw error;
    const stale = await staleVersion(annotationId);
    // Same version, yet nothing to clear: it was not flagged.
    const current = stale.current as TAnnotation | undefined;
    if (current && current.version === version) throw new AppError("CONFLICT", "This annotation does not need a re-check", undefined, { current });
    throw stale;
  }
  return readAnnotation(annotationId);
}
