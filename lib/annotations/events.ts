import "server-only";
import type { TTx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AnnotationEventType } from "@/lib/generated/prisma/enums";

/** The fields an event records: what a reviewer changes, and deletion. */
export const snapshotSelect = {
  start: true,
  end: true,
  exact: true,
  sourceId: true,
  locator: true,
  attributionText: true,
  status: true,
  note: true,
  deletedAt: true,
  assigneeId: true,
  onChecklist: true,
  signOff: true,
  verdictById: true,
  signedOffById: true,
  signOffNote: true,
} as const satisfies Prisma.AnnotationSelect;

type TSnapshotRow = Prisma.AnnotationGetPayload<{ select: typeof snapshotSelect }>;
export type TSnapshot = Omit<TSnapshotRow, "deletedAt"> & { deletedAt: string | null };
type TSnapshotField = keyof TSnapshot;

const SNAPSHOT_FIELDS = Object.keys(snapshotSelect) as TSnapshotField[];

export function snapshotOf(row: TSnapshotRow): TSnapshot {
  return {
    start: row.start,
    end: row.end,
    exact: row.exact,
    sourceId: row.sourceId,
    locator: row.locator,
    attributionText: row.attributionText,
    status: row.status,
    note: row.note,
    deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
    assigneeId: row.assigneeId,
    onChecklist: row.onChecklist,
    signOff: row.signOff,
    verdictById: row.verdictById,
    signedOffById: row.signedOffById,
    signOffNote: row.signOffNote,
  };
}

/** Only the fields that differ, on each side; empty objects when nothing changed. */
export function changedFields(before: TSnapshot, after: TSnapshot): { before: Partial<TSnapshot>; after: Partial<TSnapshot> } {
  const diff = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const field of SNAPSHOT_FIELDS) {
    if (before[field] !== after[field]) {
      diff.before[field] = before[field];
      diff.after[field] = after[field];
    }
  }
  return diff as { before: Partial<TSnapshot>; after: Partial<TSnapshot> };
}

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
