import type { TPerson } from "@/lib/annotations/schemas";
import type { TEvidence, TEvidenceFields } from "@/lib/evidence/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { presentSource, sourceSelect } from "@/lib/sources/present";

/** The columns an event snapshots: the item's own fields, which item it is, and its deletion. */
export const evidenceSnapshotSelect = {
  id: true,
  sourceId: true,
  locator: true,
  passage: true,
  passageTranslation: true,
  url: true,
  archivedUrl: true,
  accessedOn: true,
  stance: true,
  note: true,
  deletedAt: true,
} as const satisfies Prisma.EvidenceSelect;

type TEvidenceSnapshotRow = Prisma.EvidenceGetPayload<{ select: typeof evidenceSnapshotSelect }>;
export type TEvidenceSnapshot = TEvidenceFields & { id: string; deletedAt: string | null };

export const EVIDENCE_FIELDS = ["sourceId", "locator", "passage", "passageTranslation", "url", "archivedUrl", "accessedOn", "stance", "note"] as const satisfies readonly (keyof TEvidenceFields)[];

export function evidenceSnapshot(row: TEvidenceSnapshotRow): TEvidenceSnapshot {
  return {
    id: row.id,
    sourceId: row.sourceId,
    locator: row.locator,
    passage: row.passage,
    passageTranslation: row.passageTranslation,
    url: row.url,
    archivedUrl: row.archivedUrl,
    accessedOn: row.accessedOn,
    stance: row.stance,
    note: row.note,
    deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
  };
}

export const evidenceSelect = {
  ...evidenceSnapshotSelect,
  annotationId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  createdById: true,
} as const satisfies Prisma.EvidenceSelect;

export type TEvidenceRow = Prisma.EvidenceGetPayload<{ select: typeof evidenceSelect }>;

/** A source as presentSource takes it. */
export type TSourceRow = Prisma.SourceGetPayload<{ select: typeof sourceSelect }>;

/**
 * Evidence rows name their creator and source by id only, so callers load the people and sources
 * of a batch of rows once each (2,000 items cite a few dozen sources) and pass them in.
 */
export function presentEvidence(row: TEvidenceRow, people: ReadonlyMap<string, TPerson>, sources: ReadonlyMap<string, TSourceRow>): TEvidence {
  const source = row.sourceId ? sources.get(row.sourceId) : undefined;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- live items only: deletedAt is not shown
  const { deletedAt, ...fields } = evidenceSnapshot(row);
  return {
    ...fields,
    annotationId: row.annotationId,
    source: source ? presentSource(source) : null,
    version: row.version,
    createdBy: people.get(row.createdById) ?? { id: row.createdById, name: "(unknown)", email: "" },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
