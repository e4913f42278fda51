import "server-only";
import type { TTx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AnnotationEventType } from "@/lib/generated/prisma/enums";
import type { TSnapshot } from "@/lib/annotations/snapshot";

export { changedFields, snapshotOf, snapshotSelect, type TSnapshot } from "@/lib/annotations/snapshot";

/**
 * What an event records on each side: annotation snapshot fields, or for EVIDENCE_* the evidence
 * item's snapshot (lib/evidence/present.ts) and for CHAIN_SET `{ hops }` (lib/annotations/chain.ts).
 */
export type TEventPayload = Partial<TSnapshot> | Prisma.InputJsonObject;

/**
 * Appends the one event of a change, inside the change's transaction. CREATED has `before`
 * null and the full snapshot after; UPDATED only the fields that changed; DELETED and RESTORED
 * full snapshots on both sides, so the history shows what was removed or brought back without
 * replaying earlier events. EVIDENCE_ADDED has `before` null; EVIDENCE_UPDATED and
 * EVIDENCE_REMOVED carry the item's full snapshot on both sides; CHAIN_SET the whole hop list.
 */
export async function recordAnnotationEvent(
  tx: TTx,
  event: {
    annotation: { id: string; workspaceId: string; documentId: string };
    type: AnnotationEventType;
    actorId: string;
    version: number;
    before: TEventPayload | null;
    after: TEventPayload;
  },
): Promise<void> {
  await tx.annotationEvent.create({
    data: {
      annotationId: event.annotation.id,
      workspaceId: event.annotation.workspaceId,
      documentId: event.annotation.documentId,
      type: event.type,
      actorId: event.actorId,
      version: event.version,
      // Left out on create, the column stays SQL NULL (Prisma takes no plain null for Json).
      ...(event.before ? { before: event.before } : {}),
      after: event.after,
    },
  });
}
