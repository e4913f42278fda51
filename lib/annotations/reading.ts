import "server-only";
import { annotationRows, documentAnnotationExtras, peopleOf, visibleDocument } from "@/lib/annotations/queries";
import { packAnnotations, type TPackedAnnotations } from "@/lib/annotations/reading-wire";
import type { TAnnotationWire, TChainHop, TPerson } from "@/lib/annotations/schemas";
import { labelOfRow } from "@/lib/sources/present";

/**
 * The reading view's annotations of a visible document, packed for the page (reading-wire.ts), in
 * reading order. Same content as listAnnotations and read by the same pieces (annotationRows: one scan
 * of the document's annotations in plain SQL; documentAnnotationExtras: counts and chains of the whole
 * document; peopleOf), but without the sources: the page sends the workspace's sources once.
 */
export async function readingAnnotations(options: { userId: string; document: { id: string; workspaceId: string; revision: number; text: string } }): Promise<TPackedAnnotations> {
  const { document } = options;
  await visibleDocument({ userId: options.userId, documentId: document.id });
  const [rows, { evidenceCount, commentCount, chainOf }] = await Promise.all([annotationRows({ documentId: document.id }), documentAnnotationExtras(document.id)]);
  const people: Map<string, TPerson> = await peopleOf(rows);
  const person = (id: string | null) => (id ? (people.get(id) ?? null) : null);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const list = rows.map(
    (r): TAnnotationWire => ({
      id: r.id,
      documentId: document.id,
      workspaceId: document.workspaceId,
      documentRevision: r.documentRevision,
      start: r.start,
      end: r.end,
      exact: r.exact,
      status: r.status,
      sourceId: r.sourceId,
      locator: r.locator,
      attributionText: r.attributionText,
      note: r.note,
      version: r.version,
      createdBy: person(r.createdById) as TPerson,
      updatedBy: person(r.updatedById) as TPerson,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      deletedAt: null,
      evidenceCount: evidenceCount.get(r.id) ?? 0,
      chain: (chainOf.get(r.id) ?? []).map((hop): TChainHop => ({ sourceId: hop.sourceId, title: hop.source.title, label: labelOfRow(hop.source), locator: hop.locator, note: hop.note })),
      assignee: person(r.assigneeId),
      onChecklist: r.onChecklist,
      verdictBy: person(r.verdictById),
      verdictAt: iso(r.verdictAt),
      signOff: r.signOff,
      signedOffBy: person(r.signedOffById),
      signedOffAt: iso(r.signedOffAt),
      signOffNote: r.signOffNote,
      commentCount: commentCount.get(r.id) ?? 0,
      threadResolved: r.threadResolvedAt !== null,
      orphaned: r.orphaned,
      needsRecheck: r.needsRecheck,
      anchorSimilarity: r.anchorSimilarity,
    }),
  );
  return packAnnotations(list, document.text, document);
}
