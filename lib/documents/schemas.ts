import { z } from "zod";

export const ZDocumentTitle = z.string().trim().min(1, "Give the document a title").max(300, "At most 300 characters");

export const ZCreateDocument = z.strictObject({
  workspaceId: z.string().min(1, "Choose a workspace"),
  title: ZDocumentTitle,
  text: z.string({ error: "Paste the text or upload a file" }),
});
export type TCreateDocument = z.infer<typeof ZCreateDocument>;

export const ZRenameDocument = z.strictObject({ title: ZDocumentTitle });
export type TRenameDocument = z.infer<typeof ZRenameDocument>;

/** Columns the documents list sorts by: "verified" is the share of a document's live annotations that are Verified. */
export const DOCUMENT_SORTS = ["title", "updated", "annotations", "verified"] as const;
export type TDocumentSort = (typeof DOCUMENT_SORTS)[number];

/**
 * `?q=&sort=&dir=&after=&before=&page=` of the /documents page; bad values fall back to the
 * defaults. Title and updated pages are keyset pages (`after`/`before` a document id); the counted
 * sorts are numbered pages.
 */
export const ZDocumentListQuery = z.object({
  q: z.string().trim().max(300).catch("").default(""),
  sort: z.enum(DOCUMENT_SORTS).catch("updated").default("updated"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  after: z.string().max(100).optional().catch(undefined),
  before: z.string().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type TDocumentListQuery = z.infer<typeof ZDocumentListQuery>;

/** Each sort's natural direction when none is chosen: titles A–Z, everything else most first. */
export function sortDirection(query: Pick<TDocumentListQuery, "sort" | "dir">): "asc" | "desc" {
  return query.dir ?? (query.sort === "title" ? "asc" : "desc");
}
