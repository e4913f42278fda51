import type { TAnnotation, TAnnotationEvent, TPerson } from "@/lib/annotations/schemas";
import { spanPages } from "@/lib/documents/pages";
import type { Prisma } from "@/lib/generated/prisma/client";
import { labelOfRow, labelSelect, presentSource, sourceSelect } from "@/lib/sources/present";

const personSelect = { id: true, name: true, email: true } as const satisfies Prisma.UserSelect;

/** Everything a TAnnotation shows, its source and people joined in the same read. */
export const annotationSelect = {
  id: true,
  documentId: true,
  workspaceId: true,
  documentRevision: true,
  start: true,
  end: true,
  exact: true,
  prefix: true,
  suffix: true,
  sourceId: true,
  status: true,
  locator: true,
  attributionText: true,
  note: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
  source: { select: sourceSelect },
  createdBy: { select: personSelect },
  updatedBy: { select: personSelect },
  // Both load as one batched query per relation for a whole list, not one per annotation.
  _count: { select: { evidence: { where: { deletedAt: null } }, comments: { where: { deletedAt: null } } } },
  chain: { orderBy: { position: "asc" }, select: { sourceId: true, locator: true, note: true, source: { select: labelSelect } } },
  onChecklist: true,
  verdictAt: true,
  signOff: true,
  signedOffAt: true,
  signOffNote: true,
  threadResolvedAt: true,
  assignee: { select: personSelect },
  verdictBy: { select: personSelect },
  signedOffBy: { select: personSelect },
  orphaned: true,
  needsRecheck: true,
  anchorSimilarity: true,
  // The page of the span in a paged document; an empty list (one small column) for the rest.
  document: { select: { pageStarts: true } },
} as const satisfies Prisma.AnnotationSelect;

export type TAnnotationRow = Prisma.AnnotationGetPayload<{ select: typeof annotationSelect }>;

function presentPerson(p: TPerson): TPerson {
  return { id: p.id, name: p.name, email: p.email };
}

export function presentAnnotation(row: TAnnotationRow): TAnnotation {
  return {
    id: row.id,
    documentId: row.documentId,
    workspaceId: row.workspaceId,
    documentRevision: row.documentRevision,
    start: row.start,
    end: row.end,
    ...spanPages(row.document.pageStarts, row.start, row.end),
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    status: row.status,
    source: row.source ? presentSource(row.source) : null,
    locator: row.locator,
    attributionText: row.attributionText,
    note: row.note,
    version: row.version,
    createdBy: presentPerson(row.createdBy),
    updatedBy: presentPerson(row.updatedBy),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
    evidenceCount: row._count.evidence,
    chain: row.chain.map((hop) => ({ sourceId: hop.sourceId, title: hop.source.title, label: labelOfRow(hop.source), locator: hop.locator, note: hop.note })),
    assignee: row.assignee ? presentPerson(row.assignee) : null,
    onChecklist: row.onChecklist,
    verdictBy: row.verdictBy ? presentPerson(row.verdictBy) : null,
    verdictAt: row.verdictAt ? row.verdictAt.toISOString() : null,
    signOff: row.signOff,
    signedOffBy: row.signedOffBy ? presentPerson(row.signedOffBy) : null,
    signedOffAt: row.signedOffAt ? row.signedOffAt.toISOString() : null,
    signOffNote: row.signOffNote,
    commentCount: row._count.comments,
    threadResolved: row.threadResolvedAt !== null,
    orphaned: row.orphaned,
    needsRecheck: row.needsRecheck,
    anchorSimilarity: row.anchorSimilarity,
  };
}

export const annotationEventSelect = {
  id: true,
  type: true,
  version: true,
  createdAt: true,
  before: true,
  after: true,
  actor: { select: personSelect },
} as const satisfies Prisma.AnnotationEventSelect;

export type TAnnotationEventRow = Prisma.AnnotationEventGetPayload<{ select: typeof annotationEventSelect }>;

export function presentAnnotationEvent(row: TAnnotationEventRow): TAnnotationEvent {
  return {
    // A bigint does not survive JSON; the id is an opaque, increasing string.
    id: row.id.toString(),
    type: row.type,
    actor: presentPerson(row.actor),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    // Written only by lib/annotations/events.ts, as objects of snapshot fields.
    before: (row.before ?? null) as Record<string, unknown> | null,
    after: row.after as Record<string, unknown>,
  };
}
