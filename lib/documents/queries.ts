import "server-only";
import { visibleDocuments, requireMember } from "@/lib/access";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

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

/** The documents of every workspace the user belongs to (or of one), newest change first. */
export async function listDocuments(options: { userId: string; workspaceId?: string }): Promise<TDocumentSummary[]> {
  const rows = await db().document.findMany({
    where: { ...visibleDocuments(options.userId), ...(options.workspaceId ? { workspaceId: options.workspaceId } : {}) },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    select: summarySelect,
  });
  // One grouped query for the latest annotation change of every listed document.
  const latest = await db().annotation.groupBy({ by: ["documentId"], where: { documentId: { in: rows.map((r) => r.id) } }, _max: { updatedAt: true } });
  const latestById = new Map(latest.map((l) => [l.documentId, l._max.updatedAt]));
  return rows
    .map((row) => {
      const summary = presentSummary(row);
      const annotated = latestById.get(row.id);
      return annotated && annotated > summary.lastChangeAt ? { ...summary, lastChangeAt: annotated } : summary;
    })
    .sort((a, b) => b.lastChangeAt.getTime() - a.lastChangeAt.getTime());
}

export type TDocument = TDocumentSummary & { text: string; revision: number; createdAt: Date };

export async function getDocument(options: { userId: string; documentId: string }): Promise<TDocument> {
  const row = await db().document.findFirst({
    where: { id: options.documentId, ...visibleDocuments(options.userId) },
    select: { ...summarySelect, text: true, revision: true, createdAt: true },
  });
  if (!row) throw notFound("Document not found");
  return { ...presentSummary(row), text: row.text, revision: row.revision, createdAt: row.createdAt };
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
