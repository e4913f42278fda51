import "server-only";
import { visibleDocuments, requireMember } from "@/lib/access";
import { db } from "@/lib/db";
import { sortDirection, type TDocumentFormat, type TDocumentListQuery } from "@/lib/documents/schemas";
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

const summarySelect = {
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

function presentSummary(row: TSummaryRow): TDocumentSummary {
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

export const DOCUMENT_PAGE_SIZE = 50;

export type TDocumentListEntry = TDocumentSummary & { verifiedCount: number };

/** One page of the documents list; `next` and `previous` are the query of the neighbouring pages, absent at the ends. */
export type TDocumentPage = {
  documents: TDocumentListEntry[];
  /** Documents matching the filter, on every page. */
  total: number;
  /** Where this page starts in the whole list (0-based), when known: numbered pages only. */
  offset?: number;
  next?: Partial<TDocumentListQuery>;
  previous?: Partial<TDocumentListQuery>;
};

/** Live annotations per document and how many of them are Verified. */
async function annotationCounts(where: Prisma.AnnotationWhereInput): Promise<Map<string, { total: number; verified: number }>> {
  const groups = await db().annotation.groupBy({ by: ["documentId", "status"], where: { ...where, deletedAt: null }, _count: { _all: true } });
  const counts = new Map<string, { total: number; verified: number }>();
  for (const g of groups) {
    const c = counts.get(g.documentId) ?? { total: 0, verified: 0 };
    c.total += g._count._all;
    if (g.status === "VERIFIED") c.verified += g._count._all;
    counts.set(g.documentId, c);
  }
  return counts;
}

/** Share of Verified among live annotations; a document without any sorts after every share. */
const verifiedShare = (c: { total: number; verified: number } | undefined) => (c && c.total > 0 ? c.verified / c.total : -1);

/**
 * The documents list for thousands of documents: a title filter (case-insensitive), a sort and
 * pages of 50. By title, keyset pages over the index on (workspace, deletedAt, title, id). The
 * other sorts depend on the annotations (the latest change, the count, the verified share): one
 * grouped query ranks every matching document, in numbered pages.
 */
export async function listDocumentPage(options: { userId: string; query: TDocumentListQuery }): Promise<TDocumentPage> {
  const { query } = options;
  const dir = sortDirection(query);
  const keep = { q: query.q, sort: query.sort, dir: query.dir };
  const where: Prisma.DocumentWhereInput = { ...visibleDocuments(options.userId), ...(query.q ? { title: { contains: query.q, mode: "insensitive" } } : {}) };
  const total = await db().document.count({ where });
  let rows: TSummaryRow[];
  let page: Omit<TDocumentPage, "documents" | "total">;
  if (query.sort === "title") {
    const cursor = query.before ?? query.after;
    const backwards = query.before !== undefined;
    const order = backwards ? (dir === "asc" ? "desc" : "asc") : dir;
    const found = await db().document.findMany({
      where,
      orderBy: [{ title: order }, { id: order }],
      take: DOCUMENT_PAGE_SIZE + 1,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: summarySelect,
    });
    rows = found.slice(0, DOCUMENT_PAGE_SIZE);
    if (backwards) rows.reverse();
    const more = found.length > DOCUMENT_PAGE_SIZE;
    const hasNext = backwards || more;
    const hasPrevious = backwards ? more : cursor !== undefined;
    page = {
      next: hasNext && rows.length > 0 ? { ...keep, after: rows[rows.length - 1].id } : undefined,
      previous: hasPrevious && rows.length > 0 ? { ...keep, before: rows[0].id } : undefined,
    };
  } else {
    const candidates = await db().document.findMany({ where, select: { id: true, title: true, updatedAt: true } });
    let value: (c: (typeof candidates)[number]) => number;
    if (query.sort === "updated") {
      const latest = await latestAnnotationChange({ document: where });
      value = (c) => Math.max(c.updatedAt.getTime(), latest.get(c.id)?.getTime() ?? 0);
    } else {
      const counts = await annotationCounts({ document: where });
      value = query.sort === "annotations" ? (c) => counts.get(c.id)?.total ?? 0 : (c) => verifiedShare(counts.get(c.id));
    }
    const ranked = candidates.map((c) => ({ ...c, value: value(c) }));
    const sign = dir === "asc" ? 1 : -1;
    ranked.sort((a, b) => {
      // Documents without annotations stay last in either direction of the verified share.
      if (query.sort === "verified" && (a.value < 0 || b.value < 0) && a.value !== b.value) return a.value < 0 ? 1 : -1;
      return sign * (a.value - b.value) || a.title.localeCompare(b.title, "en") || a.id.localeCompare(b.id);
    });
    const pages = Math.max(1, Math.ceil(ranked.length / DOCUMENT_PAGE_SIZE));
    const number = Math.min(query.page, pages);
    const ids = ranked.slice((number - 1) * DOCUMENT_PAGE_SIZE, number * DOCUMENT_PAGE_SIZE).map((c) => c.id);
    const byId = new Map((await db().document.findMany({ where: { id: { in: ids } }, select: summarySelect })).map((r) => [r.id, r]));
    rows = ids.map((id) => byId.get(id)).filter((r): r is TSummaryRow => r !== undefined);
    page = {
      offset: (number - 1) * DOCUMENT_PAGE_SIZE,
      next: number < pages ? { ...keep, page: number + 1 } : undefined,
      previous: number > 1 ? { ...keep, page: number - 1 } : undefined,
    };
  }
  const [summaries, counts] = await Promise.all([withLastChange(rows), annotationCounts({ documentId: { in: rows.map((r) => r.id) } })]);
  return { ...page, total, documents: summaries.map((s) => ({ ...s, verifiedCount: counts.get(s.id)?.verified ?? 0 })) };
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
