/**
 * An annotation's snapshot as its events record it: pure (no "server-only"), so that the demo seed,
 * which runs outside Next, records a create as the app does.
 */
import type { Prisma } from "@/lib/generated/prisma/client";

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
