import type { Prisma } from "@/lib/generated/prisma/client";
import { sourceLabel } from "@/lib/sources/label";
import type { TAuthor, TSource } from "@/lib/sources/schemas";

/** The columns a TSource is made of; annotations join their source with the same select. */
export const sourceSelect = {
  id: true,
  workspaceId: true,
  kind: true,
  title: true,
  authors: true,
  containerTitle: true,
  publisher: true,
  issued: true,
  url: true,
  aliases: true,
  publisherPlace: true,
  page: true,
  isbn: true,
  doi: true,
  archivedUrl: true,
  language: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.SourceSelect;

export type TSourceRow = Prisma.SourceGetPayload<{ select: typeof sourceSelect }>;

export function presentSource(row: TSourceRow): TSource {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    kind: row.kind,
    title: row.title,
    // Written only through ZAuthor-validated input, so the JSON column holds TAuthor[].
    authors: row.authors as TAuthor[],
    containerTitle: row.containerTitle,
    publisher: row.publisher,
    issued: row.issued,
    url: row.url,
    aliases: row.aliases,
    publisherPlace: row.publisherPlace,
    page: row.page,
    isbn: row.isbn,
    doi: row.doi,
    archivedUrl: row.archivedUrl,
    language: row.language,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The columns a source's label (lib/sources/label.ts) is made of, for reads that show a source by name only. */
export const labelSelect = { kind: true, title: true, authors: true, containerTitle: true, publisher: true, issued: true } as const satisfies Prisma.SourceSelect;

/** The label of a row read with labelSelect (or more). */
export function labelOfRow(row: Prisma.SourceGetPayload<{ select: typeof labelSelect }>): string {
  // Written only through ZAuthor-validated input, so the JSON column holds TAuthor[].
  return sourceLabel({ ...row, authors: row.authors as TAuthor[] });
}
