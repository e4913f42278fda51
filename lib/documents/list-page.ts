import "server-only";
import { memberWorkspaces, visibleDocuments } from "@/lib/access";
import { db } from "@/lib/db";
import { presentSummary, summarySelect, type TDocumentSummary } from "@/lib/documents/queries";
import { sortDirection, type TDocumentListQuery } from "@/lib/documents/schemas";
import { Prisma } from "@/lib/generated/prisma/client";

export const DOCUMENT_PAGE_SIZE = 50;

export type TDocumentListEntry = TDocumentSummary & { verifiedCount: number };

/** One page of the documents list; `next` and `previous` are the query of the neighbouring pages, absent at the ends. */
export type TDocumentPage = {
  documents: TDocumentListEntry[];
  /** Documents matching the filter, on every page. */
  total: number;
  next?: Partial<TDocumentListQuery>;
  previous?: Partial<TDocumentListQuery>;
};

type TDir = "asc" | "desc";
/** A row of the page, its keys, and whether it was read from the cursor (false: the cursor is gone, the page is the first). */
type TKeyed = { id: string; changed: Date; live: number; verified: number; fromCursor: boolean };

/** `%` and `_` in a filter are themselves, as in Prisma's `contains`. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Each sort's first key: the title, the latest change (the document's own or any of its
 * annotations'), the live annotations, or the share of them Verified. A document without
 * annotations has no share: it sorts after every share in either direction.
 */
function sortKey(sort: TDocumentListQuery["sort"], dir: TDir): Prisma.Sql {
  switch (sort) {
    case "title":
      return Prisma.sql`title`;
    case "updated":
      return Prisma.sql`changed`;
    case "annotations":
      return Prisma.sql`live`;
    case "verified":
      return Prisma.sql`coalesce(verified::float8 / nullif(live, 0), ${dir === "desc" ? -1 : 2}::float8)`;
  }
}

const SQL_DIR = { asc: Prisma.sql`ASC`, desc: Prisma.sql`DESC` };
const AFTER = { asc: Prisma.sql`>`, desc: Prisma.sql`<` };

/**
 * The documents list for thousands of documents: a title filter (case-insensitive), a sort, and
 * keyset pages of 50 for every sort. A page is the rows after (or before) the cursor document's
 * place in the order (key, title, id): no offset, no ranking of every document in the app. The
 * keys that depend on annotations come from DocumentListKey (kept by triggers), a few rows per
 * document. The cursor is a document id; one that is gone (deleted, filtered out) starts afresh.
 */
export async function listDocumentPage(options: { userId: string; query: TDocumentListQuery }): Promise<TDocumentPage> {
  const { query } = options;
  const dir = sortDirection(query);
  const keep = { q: query.q, sort: query.sort, dir: query.dir };
  const where: Prisma.DocumentWhereInput = { ...visibleDocuments(options.userId), ...(query.q ? { title: { contains: query.q, mode: "insensitive" } } : {}) };
  const [total, workspaces] = await Promise.all([
    db().document.count({ where }),
    db().workspace.findMany({ where: memberWorkspaces(options.userId), select: { id: true } }),
  ]);
  const cursor = query.before ?? query.after ?? null;
  const backwards = query.before !== undefined;
  // The order of the page read: the list's, or its reverse when reading back from `before`.
  const flip = (d: TDir): TDir => (backwards ? (d === "asc" ? "desc" : "asc") : d);
  const dirs: [TDir, TDir, TDir] = query.sort === "title" ? [flip(dir), flip(dir), flip(dir)] : [flip(dir), flip("asc"), flip("asc")];
  const key = sortKey(query.sort, dir);
  const ws = workspaces.map((w) => w.id);
  // The same documents as `where` (visibleDocuments: live, in a workspace of the user's, title filter).
  const found = await db().$queryRaw<TKeyed[]>`
    WITH docs AS (
      SELECT d.id, d.title, greatest(d."updatedAt", k.changed) AS changed, coalesce(k.live, 0) AS live, coalesce(k.verified, 0) AS verified
      FROM "Document" d
      LEFT JOIN (
        SELECT "documentId", sum(live)::int AS live, sum(verified)::int AS verified, max("lastChangeAt") AS changed
        FROM "DocumentListKey" WHERE "workspaceId" = ANY(${ws}::text[]) GROUP BY 1
      ) k ON k."documentId" = d.id
      WHERE d."workspaceId" = ANY(${ws}::text[]) AND d."deletedAt" IS NULL AND (${query.q} = '' OR d.title ILIKE ${likePattern(query.q)})
    ), keyed AS (
      SELECT *, ${key} AS k FROM docs
    ), c AS (
      SELECT k, title, id FROM keyed WHERE id = ${cursor}
    )
    SELECT keyed.id, keyed.changed, keyed.live, keyed.verified, EXISTS (SELECT 1 FROM c) AS "fromCursor" FROM keyed
    WHERE NOT EXISTS (SELECT 1 FROM c)
       OR keyed.k ${AFTER[dirs[0]]} (SELECT k FROM c)
       OR (keyed.k = (SELECT k FROM c) AND keyed.title ${AFTER[dirs[1]]} (SELECT title FROM c))
       OR (keyed.k = (SELECT k FROM c) AND keyed.title = (SELECT title FROM c) AND keyed.id ${AFTER[dirs[2]]} (SELECT id FROM c))
    ORDER BY keyed.k ${SQL_DIR[dirs[0]]}, keyed.title ${SQL_DIR[dirs[1]]}, keyed.id ${SQL_DIR[dirs[2]]}
    LIMIT ${DOCUMENT_PAGE_SIZE + 1}`;
  const keyed = found.slice(0, DOCUMENT_PAGE_SIZE);
  if (backwards) keyed.reverse();
  const fromCursor = found.length > 0 && found[0].fromCursor;
  const more = found.length > DOCUMENT_PAGE_SIZE;
  const hasNext = backwards ? fromCursor : more;
  const hasPrevious = backwards ? more : fromCursor;

  // Without summarySelect's _count: Prisma counts it by grouping every annotation of the table, not the page's.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { _count, ...pageSelect } = summarySelect;
  const byId = new Map((await db().document.findMany({ where: { id: { in: keyed.map((k) => k.id) } }, select: pageSelect })).map((r) => [r.id, r]));
  const documents = keyed.flatMap((k): TDocumentListEntry[] => {
    const row = byId.get(k.id);
    if (!row) return [];
    return [{ ...presentSummary({ ...row, _count: { annotations: k.live } }), lastChangeAt: k.changed, verifiedCount: k.verified }];
  });
  return {
    total,
    documents,
    next: hasNext && keyed.length > 0 ? { ...keep, after: keyed[keyed.length - 1].id } : undefined,
    previous: hasPrevious && keyed.length > 0 ? { ...keep, before: keyed[0].id } : undefined,
  };
}
