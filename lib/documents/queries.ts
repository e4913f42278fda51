import "server-only";
import { visibleDocuments, requireMember } from "@/lib/access";
import { db } from "@/lib/db";
import type { TDocumentFormat } from "@/lib/documents/schemas";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export type TDocumentSummary = {
  id: string;
  workspaceId: string;
  workspaceName: string;
  title: string;
  length: number;
  sha256: string;
  annotationCount: number;
  updatedAt: Date;
  /** The latest change to the document or any of its annotations. */
  lastChangeAt: Date;
};

export const summarySelect = {
  id: true,
  workspaceId: true,
  title: true,
  length: true,
  sha256: true,
  updatedAt: true,
  workspace: { select: { name: true } },
  _count: { select: { annotations: { where: { deletedAt: null } } } },
} as const;

type TSummaryRow = {
  id: string;
  workspaceId: string;
  title: string;
  length: number;
  sha256: string;
  updatedAt: Date;
  workspace: { name: string };
  _count: { annotations: number };
};

export function presentSummary(row: TSummaryRow): TDocumentSummary {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    workspaceName: row.workspace.name,
    title: row.title,
    length: row.length,
    sha256: row.sha256,
    annotationCount: row._count.annotations,
    updatedAt: row.updatedAt,
    lastChangeAt: row.updatedAt,
  };
}

/** The latest change to any annotation (deleted ones too) per document, in one grouped query. */
async function latestAnnotationChange(where: Prisma.AnnotationWhereInput): Promise<Map<string, Date | null>> {
  const latest = await db().annotation.groupBy({ by: ["documentId"], where, _max: { updatedAt: true } });
  return new Map(latest.map((l) => [l.documentId, l._max.updatedAt]));
}

/** Each summary with its latest change: the document's own, or the latest of its annotations. */
async function withLastChange(rows: TSummaryRow[]): Promise<TDocumentSummary[]> {
  const latestById = await latestAnnotationChange({ documentId: { in: rows.map((r) => r.id) } });
  return rows.map((row) => {
    const summary = presentSummary(row);
    const annotated = latestById.get(row.id);
    return annotated && annotated > summary.lastChangeAt ? { ...summary, lastChangeAt: annotated } : summary;
  });
}

/** The documents of every workspace the user belongs to (or of one), newest change first. */
export async function listDocuments(options: { userId: string; workspaceId?: string }): Promise<TDocumentSummary[]> {
  const rows = await db().document.findMany({
    where: { ...visibleDocuments(options.userId), ...(options.workspaceId ? { workspaceId: options.workspaceId } : {}) },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    select: summarySelect,
  });
  return (await withLastChange(rows)).sort((a, b) => b.lastChangeAt.getTime() - a.lastChangeAt.getTime());
}

/** The document's own provenance (not the text): what it was taken from, and from where. */
export type TDocumentProvenance = {
  format: TDocumentFormat;
  pageStarts: number[];
  metadata: {
    authors: string[];
    publisher: string | null;
    datePublished: string | null;
    originalUrl: string | null;
    retrievedAt: Date | null;
    archivedUrl: string | null;
    language: string | null;
  };
  metadataVersion: number;
  original: { sha256: string; size: number; mediaType: string; fileName: string | null } | null;
};

export const provenanceSelect = {
  format: true,
  pageStarts: true,
  authors: true,
  publisher: true,
  datePublished: true,
  originalUrl: true,
  retrievedAt: true,
  archivedUrl: true,
  language: true,
  metadataVersion: true,
  original: { select: { sha256: true, size: true, mediaType: true, fileName: true } },
} as const;

/** A row read with provenanceSelect: the metadata's columns sit on the row itself. */
type TProvenanceRow = TDocumentProvenance["metadata"] & { format: string; pageStarts: number[]; metadataVersion: number; original: TDocumentProvenance["original"] };

/** The provenance fields of a row that may hold more (a whole document row): taken by name. */
export function provenanceOf(row: TProvenanceRow): TDocumentProvenance {
  return {
    format: row.format.toLowerCase() as TDocumentFormat,
    pageStarts: row.pageStarts,
    metadata: {
      authors: row.authors,
      publisher: row.publisher,
      datePublished: row.datePublished,
      originalUrl: row.originalUrl,
      retrievedAt: row.retrievedAt,
      archivedUrl: row.archivedUrl,
      language: row.language,
    },
    metadataVersion: row.metadataVersion,
    original: row.original,
  };
}

export type TDocument = TDocumentSummary & TDocumentProvenance & { text: string; revision: number; createdAt: Date };

export async function getDocument(options: { userId: string; documentId: string }): Promise<TDocument> {
  const row = await db().document.findFirst({
    where: { id: options.documentId, ...visibleDocuments(options.userId) },
    select: { ...summarySelect, ...provenanceSelect, text: true, revision: true, createdAt: true },
  });
  if (!row) throw notFound("Document not found");
  return { ...presentSummary(row), ...provenanceOf(row), text: row.text, revision: row.revision, createdAt: row.createdAt };
}

/** How this member reads the document ("Reflow lines"): off until they choose it. */
export async function getReadingPreference(options: { userId: string; documentId: string }): Promise<{ reflow: boolean }> {
  const row = await db().readingPreference.findFirst({
    where: { userId: options.userId, documentId: options.documentId, document: visibleDocuments(options.userId) },
    select: { reflow: true },
  });
  return { reflow: row?.reflow ?? false };
}

/** The original file of a visible document, byte-exact; 404 when there is none or the user cannot see it. */
export async function getDocumentOriginal(options: { userId: string; documentId: string }) {
  const row = await db().document.findFirst({
    where: { id: options.documentId, ...visibleDocuments(options.userId) },
    select: { title: true, original: { select: { bytes: true, sha256: true, size: true, mediaType: true, fileName: true } } },
  });
  if (!row) throw notFound("Document not found");
  if (!row.original) throw notFound("This document has no original file: its text was pasted");
  return { title: row.title, ...row.original };
}

export type TDeletedDocument = { id: string; title: string; deletedAt: Date };

/** Soft-deleted documents of a workspace, for its owners to restore. */
export async function listDeletedDocuments(options: { userId: string; workspaceId: string }): Promise<TDeletedDocument[]> {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId, role: "OWNER" });
  const rows = await db().document.findMany({
    where: { workspaceId: options.workspaceId, deletedAt: { not: null } },
    orderBy: { deletedAt: "desc" },
    select: { id: true, title: true, deletedAt: true },
  });
  return rows.map((r) => ({ id: r.id, title: r.title, deletedAt: r.deletedAt as Date }));
}
