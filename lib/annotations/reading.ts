import "server-only";
import { visibleDocuments } from "@/lib/access";
import { documentAnnotationExtras, peopleOf } from "@/lib/annotations/queries";
import { packAnnotations, type TPackedAnnotations } from "@/lib/annotations/reading-wire";
import type { TAnnotationWire, TChainHop, TPerson } from "@/lib/annotations/schemas";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** The annotation's own columns: relations and counts are read per document below, not per annotation. */
const scalarSelect = {
  id: true,
  documentRevision: true,
  start: true,
  end: true,
  exact: true,
  sourceId: true,
  status: true,
  locator: true,
  attributionText: true,
  note: true,
  version: true,
  createdById: true,
  updatedById: true,
  createdAt: true,
  updatedAt: true,
  assigneeId: true,
  onChecklist: true,
  verdictById: true,
  verdictAt: true,
  signOff: true,
  signedOffById: true,
  signedOffAt: true,
  signOffNote: true,
  threadResolvedAt: true,
  orphaned: true,
} as const;

/**
 * The reading view's annotations of a visible document, packed for the page (reading-wire.ts), in
 * reading order. Same content as listAnnotations, read for speed with thousands of annotations: one
 * scan of the document's annotations (index documentId, deletedAt, start) without joins, beside the
 * counts and chains of the whole document (documentAnnotationExtras, shared with listAnnotations),
 * then the people. Sources are not joined: the page sends the workspace's sources once.
 */
export async function readingAnnotations(options: { userId: string; document: { id: string; workspaceId: string; revision: number; text: string } }): Promise<TPackedAnnotations> {
  const { document } = options;
  const visible = await db().document.findFirst({ where: { id: document.id, ...visibleDocuments(options.userId) }, select: { id: true } });
  if (!visible) throw notFound("Document not found");
  const [rows, { evidenceCount, commentCount, hops }] = await Promise.all([
    db().annotation.findMany({
      where: { documentId: document.id, deletedAt: null },
      orderBy: [{ start: "asc" }, { end: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: scalarSelect,
    }),
    documentAnnotationExtras(document.id),
  ]);
  const people: Map<string, TPerson> = await peopleOf(rows);
  const chains = new Map<string, TChainHop[]>();
  for (const hop of hops) {
    const chain = chains.get(hop.annotationId) ?? [];
    chain.push({ sourceId: hop.sourceId, title: hop.source.title, locator: hop.locator, note: hop.note });
    chains.set(hop.annotationId, chain);
  }
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
      chain: chains.get(r.id) ?? [],
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
    }),
  );
  return packAnnotations(list, document.text, document);
}
