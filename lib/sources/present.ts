import type { Prisma } from "@/lib/generated/prisma/client";
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
