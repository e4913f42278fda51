import "server-only";
import { requireMember, visibleDocuments } from "@/lib/access";
import { documentAnnotations } from "@/lib/annotations/queries";
import { commentSelect, presentComment } from "@/lib/comments/present";
import type { TComment } from "@/lib/comments/schemas";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { provenanceOf, provenanceSelect } from "@/lib/documents/queries";
import { documentEvidence } from "@/lib/evidence/queries";
import type { TEvidence } from "@/lib/evidence/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TReport, TReportAnnotation, TReportDocument, TReportOptions, TReportParts } from "@/lib/reports/schemas";
import { reviewersOf, summarize } from "@/lib/reports/summary";

/*
 * The report is read a document at a time, in a fixed handful of queries each whatever its size:
 * the annotations as the API lists them (lib/annotations/queries.ts: rows, per-document counts and
 * chains, then people and sources), their evidence in one query (and its creators in one more), and
 * their comments in one when asked. Nothing is read per annotation.
 */

const documentSelect = { id: true, title: true, sha256: true, length: true, revision: true, ...provenanceSelect } as const satisfies Prisma.DocumentSelect;
type TDocumentRow = Prisma.DocumentGetPayload<{ select: typeof documentSelect }>;

function groupBy<T extends { annotationId: string }>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.annotationId);
    if (list) list.push(item);
    else out.set(item.annotationId, [item]);
  }
  return out;
}

/** Every part of the report: what a rendering that reads them all (the report pages, HTML, PDF, JSON…) loads. */
export const ALL_PARTS: TReportParts = { evidence: true, comments: true, text: true };

/**
 * One document's notes, numbered in text order with the orphaned ones last, and its text when
 * asked. A part the rendering does not read (`parts`) is not loaded: left empty (evidence,
 * comments) or null (text).
 */
async function loadDocument(options: { doc: TDocumentRow; origin: string; options: TReportOptions; parts: TReportParts }): Promise<TReportDocument> {
  const { doc, parts } = options;
  const statuses = options.options.statuses;
  const where: Prisma.AnnotationWhereInput = { documentId: doc.id, deletedAt: null, ...(statuses?.length ? { status: { in: statuses } } : {}) };
  const [rows, evidence, comments, text] = await Promise.all([
    documentAnnotations({ documentId: doc.id, statuses, pageStarts: doc.pageStarts }),
    parts.evidence ? documentEvidence({ documentId: doc.id, statuses }) : [],
    options.options.includeComments && parts.comments
      ? db().comment.findMany({ where: { deletedAt: null, annotation: where }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: commentSelect })
      : [],
    options.options.includeText && parts.text ? db().document.findUniqueOrThrow({ where: { id: doc.id }, select: { text: true } }).then((d) => d.text) : null,
  ]);
  const evidenceOf = groupBy<TEvidence>(evidence);
  const commentsOf = groupBy<TComment>(comments.map(presentComment));
  // Placed spans in reading order, then the ones an import could not place (a stable sort keeps their order).
  const ordered = [...rows].sort((a, b) => Number(a.orphaned) - Number(b.orphaned));
  const { id, title, sha256, length, revision } = doc;
  const annotations = ordered.map(
    (row, i): TReportAnnotation => ({
      ...row,
      n: i + 1,
      evidence: evidenceOf.get(row.id) ?? [],
      comments: commentsOf.get(row.id) ?? [],
    }),
  );
  return {
    id,
    title,
    url: `${options.origin}/documents/${encodeURIComponent(id)}`,
    sha256,
    length,
    revision,
    provenance: provenanceOf(doc),
    text,
    annotations,
  };
}

function assemble(options: { workspace: TReport["workspace"]; origin: string; options: TReportOptions; documents: TReportDocument[] }): TReport {
  const all = options.documents.flatMap((d) => d.annotations);
  return {
    generatedAt: new Date().toISOString(),
    origin: options.origin,
    workspace: options.workspace,
    reviewers: reviewersOf(all),
    documents: options.documents,
    summary: summarize(all),
    options: options.options,
  };
}

/** The report of one document; any member may read it, anyone else gets 404. */
export async function loadDocumentReport(options: { userId: string; documentId: string; origin: string; options: TReportOptions; parts?: TReportParts }): Promise<TReport> {
  const doc = await db().document.findFirst({
    where: { id: options.documentId, ...visibleDocuments(options.userId) },
    select: { ...documentSelect, workspace: { select: { id: true, name: true } } },
  });
  if (!doc) throw notFound("Document not found");
  const { workspace, ...row } = doc;
  const document = await loadDocument({ doc: row, origin: options.origin, options: options.options, parts: options.parts ?? ALL_PARTS });
  return assemble({ workspace, origin: options.origin, options: options.options, documents: [document] });
}

/**
 * The report of a workspace's documents (all, or those named), by title; any member may read it.
 * `onProgress` hears after each document, so a long export can show how far it got (and stop
 * there by throwing).
 */
export async function loadWorkspaceReport(options: {
  userId: string;
  workspaceId: string;
  documentIds?: string[];
  origin: string;
  options: TReportOptions;
  parts?: TReportParts;
  onProgress?: (done: number, total: number) => void | Promise<void>;
}): Promise<TReport> {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId });
  const wanted = options.documentIds?.length ? [...new Set(options.documentIds)] : undefined;
  const [workspace, docs] = await Promise.all([
    db().workspace.findUniqueOrThrow({ where: { id: options.workspaceId }, select: { id: true, name: true } }),
    db().document.findMany({
      where: { ...visibleDocuments(options.userId), workspaceId: options.workspaceId, ...(wanted ? { id: { in: wanted } } : {}) },
      orderBy: [{ title: "asc" }, { id: "asc" }],
      select: documentSelect,
    }),
  ]);
  if (wanted && docs.length !== wanted.length) throw notFound("Document not found");
  const documents: TReportDocument[] = [];
  await options.onProgress?.(0, docs.length);
  for (const doc of docs) {
    documents.push(await loadDocument({ doc, origin: options.origin, options: options.options, parts: options.parts ?? ALL_PARTS }));
    await options.onProgress?.(documents.length, docs.length);
  }
  return assemble({ workspace, origin: options.origin, options: options.options, documents });
}
