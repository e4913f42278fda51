import "server-only";
import { requireMember, visibleDocuments } from "@/lib/access";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { slug } from "@/lib/exports/file-name";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TExportFormat } from "@/lib/sources/import-schemas";
import { exportSources } from "@/lib/sources/interchange";
import { presentSource, sourceSelect } from "@/lib/sources/present";

export const EXPORT_CONTENT_TYPES: Record<TExportFormat, string> = {
  "csl-json": "application/vnd.citationstyles.csl+json",
  bibtex: "application/x-bibtex; charset=utf-8",
};
const EXTENSIONS: Record<TExportFormat, string> = { "csl-json": "json", bibtex: "bib" };

/**
 * Sources a document cites: through its live annotations, and through their live evidence and
 * attribution chains (a chain's hops are sources the document relies on second-hand).
 */
function citedBy(documentId: string): Prisma.SourceWhereInput {
  const live = { documentId, deletedAt: null };
  return {
    OR: [{ annotations: { some: live } }, { evidence: { some: { deletedAt: null, annotation: live } } }, { chainHops: { some: { annotation: live } } }],
  };
}

/**
 * A workspace's sources (merged ones left out), or those one of its documents cites, as a file.
 * Any member may export (VIEWER reads and exports); a document outside the workspace is 404.
 */
export async function exportSourcesFile(options: {
  userId: string;
  workspaceId: string;
  format: TExportFormat;
  documentId?: string;
}): Promise<{ body: string; contentType: string; filename: string }> {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId });
  let name: string;
  let where: Prisma.SourceWhereInput = { workspaceId: options.workspaceId, mergedIntoId: null };
  if (options.documentId) {
    const document = await db().document.findFirst({
      where: { id: options.documentId, workspaceId: options.workspaceId, ...visibleDocuments(options.userId) },
      select: { title: true },
    });
    if (!document) throw notFound("Document not found");
    name = document.title;
    where = { ...where, ...citedBy(options.documentId) };
  } else {
    const workspace = await db().workspace.findUniqueOrThrow({ where: { id: options.workspaceId }, select: { name: true } });
    name = workspace.name;
  }
  const rows = await db().source.findMany({ where, orderBy: [{ title: "asc" }, { id: "asc" }], select: sourceSelect });
  return {
    body: exportSources(rows.map(presentSource), options.format),
    contentType: EXPORT_CONTENT_TYPES[options.format],
    filename: `${slug(name, "workspace")}-sources.${EXTENSIONS[options.format]}`,
  };
}
