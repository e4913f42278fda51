import "server-only";
import { requireMember, visibleDocuments } from "@/lib/access";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  NO_SOURCE,
  QUEUE_COUNT_CAP,
  QUEUE_PAGE_SIZE,
  QUEUE_TABS,
  decodeCursor,
  encodeCursor,
  type TCursor,
  type TQueueCounts,
  type TQueueFilters,
  type TQueuePage,
  type TQueueRow,
  type TQueueTab,
} from "@/lib/queue/schemas";
import { hasRole, type TRole } from "@/lib/roles";
import { sourceLabel } from "@/lib/sources/label";
import { listSources } from "@/lib/sources/queries";
import { labelOfRow, labelSelect } from "@/lib/sources/present";
import { STATUSES, isVerdict } from "@/lib/statuses";
import { listMemberOptions } from "@/lib/workspaces/queries";
import type { TMemberOption } from "@/lib/workspaces/schemas";

/** Statuses that still need checking: no verdict yet. */
const OPEN_STATUSES = STATUSES.filter((s) => !isVerdict(s));

/** Who may use the sign-off tab: the second person of the two-person rule. */
export function canSignOff(role: TRole): boolean {
  return hasRole(role, "EDITOR");
}

/**
 * Which annotations each tab holds. Each matches an index that also gives its order, so a page is
 * read in order and stops after 51 rows even with a million annotations in the workspace:
 * (workspaceId, assigneeId, deletedAt, createdAt) for mine and unassigned,
 * (workspaceId, signOff, deletedAt, verdictAt) for sign-off, (workspaceId, deletedAt, createdAt) for all
 * (see orderOf for all with filters).
 */
function tabWhere(tab: TQueueTab, userId: string): Prisma.AnnotationWhereInput {
  switch (tab) {
    case "mine":
      // Live work of mine: not checked yet, or a verdict of mine sent back by the second person.
      return { assigneeId: userId, OR: [{ status: { in: OPEN_STATUSES } }, { signOff: "RETURNED" }] };
    case "unassigned":
      return { assigneeId: null, status: { in: OPEN_STATUSES } };
    case "sign-off":
      // Nobody signs off their own verdict. A verdict awaiting sign-off always has its time.
      return { signOff: "AWAITING", verdictAt: { not: null }, OR: [{ verdictById: null }, { verdictById: { not: userId } }] };
    case "all":
      return {};
  }
}

function filtersWhere(filters: TQueueFilters): Prisma.AnnotationWhereInput {
  return {
    ...(filters.document ? { documentId: filters.document } : {}),
    ...(filters.source ? { sourceId: filters.source === NO_SOURCE ? null : filters.source } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.signOff ? { signOff: filters.signOff } : {}),
  };
}

/** Oldest first: by when the work arrived (created, or the verdict given for sign-off), then id for ties. */
function sortField(tab: TQueueTab): "createdAt" | "verdictAt" {
  return tab === "sign-off" ? "verdictAt" : "createdAt";
}

/**
 * The order of a tab, led by its index's columns. PostgreSQL takes `col = x` as fixing a column's
 * place in an index's order but not `col IS NULL` (deletedAt, unassigned, no source), so without the
 * leading columns here it sorts every matching row before returning 51; with them it reads the index
 * in order and stops (1 ms instead of 600 at a million rows). Every row of a page has the same
 * values in those columns, so the order of the rows is that of (time, id) all the same. "All"
 * filtered by status, or by status and source, has its own index for that:
 * (workspaceId, status, deletedAt, createdAt) and (workspaceId, sourceId, status, deletedAt, createdAt).
 */
function orderOf(tab: TQueueTab, dir: "asc" | "desc", filters: TQueueFilters): Prisma.AnnotationOrderByWithRelationInput[] {
  return [...leadOf(tab, filters).map((column) => ({ [column]: dir })), { [sortField(tab)]: dir }, { id: dir }];
}

function leadOf(tab: TQueueTab, filters: TQueueFilters): ("assigneeId" | "signOff" | "sourceId" | "status" | "deletedAt")[] {
  if (tab === "mine" || tab === "unassigned") return ["assigneeId", "deletedAt"];
  if (tab === "sign-off") return ["signOff", "deletedAt"];
  if (filters.status && filters.source) return ["sourceId", "status", "deletedAt"];
  if (filters.status) return ["status", "deletedAt"];
  return ["deletedAt"];
}

/** Rows after (or before) a cursor in (time, id) order; the plain bound lets the index range start at the cursor. */
function keysetWhere(field: "createdAt" | "verdictAt", cursor: TCursor, direction: "after" | "before"): Prisma.AnnotationWhereInput {
  const op = direction === "after" ? "gt" : "lt";
  const bound = direction === "after" ? "gte" : "lte";
  return { AND: [{ [field]: { [bound]: cursor.at } }, { OR: [{ [field]: { [op]: cursor.at } }, { [field]: cursor.at, id: { [op]: cursor.id } }] }] };
}

/**
 * Live annotations of live documents of the workspace. Membership was checked just before
 * (requireMember), so the rows need no membership test of their own: as a join (visibleAnnotations)
 * it made PostgreSQL start from the user's workspaces and walk every document's annotations,
 * seconds at a million rows; without it, a page is read in its index's order and stops at 51.
 */
function baseWhere(options: { userId: string; workspaceId: string; tab: TQueueTab; filters: TQueueFilters }): Prisma.AnnotationWhereInput {
  return {
    AND: [
      { workspaceId: options.workspaceId, deletedAt: null, document: { deletedAt: null } },
      tabWhere(options.tab, options.userId),
      filtersWhere(options.filters),
      ...(options.tab === "sign-off" && options.filters.status && !isVerdict(options.filters.status) ? [NOTHING] : []),
    ],
  };
}

/**
 * Matches no row, without reading any. The sign-off tab holds verdicts only (verdictAt is set with
 * a verdict and cleared without one), so filtered by a status that is no verdict it is empty; left
 * to find that out, PostgreSQL read every annotation awaiting sign-off (200 ms at a million).
 */
const NOTHING: Prisma.AnnotationWhereInput = { id: { in: [] } };

const personSelect = { id: true, name: true, email: true } as const satisfies Prisma.UserSelect;

const rowSelect = {
  id: true,
  version: true,
  exact: true,
  documentId: true,
  status: true,
  signOff: true,
  createdAt: true,
  verdictAt: true,
  document: { select: { title: true } },
  source: { select: { id: true, ...labelSelect } },
  assignee: { select: personSelect },
  verdictBy: { select: personSelect },
} as const satisfies Prisma.AnnotationSelect;

type TRow = Prisma.AnnotationGetPayload<{ select: typeof rowSelect }>;

function presentRow(row: TRow): TQueueRow {
  return {
    id: row.id,
    version: row.version,
    exact: row.exact,
    documentId: row.documentId,
    documentTitle: row.document.title,
    source: row.source && { id: row.source.id, title: row.source.title, label: labelOfRow(row.source) },
    status: row.status,
    signOff: row.signOff,
    assignee: row.assignee,
    verdictBy: row.verdictBy,
    createdAt: row.createdAt.toISOString(),
    verdictAt: row.verdictAt ? row.verdictAt.toISOString() : null,
  };
}

function cursorOf(tab: TQueueTab, row: TRow): string {
  return encodeCursor({ at: (tab === "sign-off" ? row.verdictAt : row.createdAt) ?? row.createdAt, id: row.id });
}

export type TQueueQuery = { userId: string; workspaceId: string; tab: TQueueTab; filters: TQueueFilters; after?: string; before?: string };

/**
 * One page of a tab, oldest first, 50 rows, with keyset cursors for the pages either side (a
 * cursor is the last row's sort time and id, so paging stays stable while rows come and go and
 * costs the same on page 1 and page 10,000). 404 for a non-member; the sign-off tab is for
 * editors and owners (403).
 */
export async function listQueue(options: TQueueQuery): Promise<TQueuePage> {
  const member = await requireMember({ userId: options.userId, workspaceId: options.workspaceId });
  if (options.tab === "sign-off" && !canSignOff(member.role)) throw new AppError("FORBIDDEN", "Only editors and owners sign off verdicts");
  const field = sortField(options.tab);
  const where = baseWhere(options);
  const read = (extra: Prisma.AnnotationWhereInput | null, dir: "asc" | "desc") =>
    db().annotation.findMany({
      where: extra ? { AND: [where, extra] } : where,
      orderBy: orderOf(options.tab, dir, options.filters),
      take: QUEUE_PAGE_SIZE + 1,
      select: rowSelect,
    });

  const before = decodeCursor(options.before);
  if (before) {
    const rows = await read(keysetWhere(field, before, "before"), "desc");
    // A full page before the cursor: show it. Fewer (rows went away meanwhile): the first page.
    if (rows.length > QUEUE_PAGE_SIZE) {
      const page = rows.slice(0, QUEUE_PAGE_SIZE).reverse();
      return { rows: page.map(presentRow), previous: cursorOf(options.tab, page[0]), next: cursorOf(options.tab, page[page.length - 1]) };
    }
    return pageFrom(options.tab, await read(null, "asc"), false);
  }
  const after = decodeCursor(options.after);
  return pageFrom(options.tab, await read(after ? keysetWhere(field, after, "after") : null, "asc"), Boolean(after));
}

function pageFrom(tab: TQueueTab, rows: TRow[], hasPrevious: boolean): TQueuePage {
  const page = rows.slice(0, QUEUE_PAGE_SIZE);
  return {
    rows: page.map(presentRow),
    next: rows.length > QUEUE_PAGE_SIZE ? cursorOf(tab, page[page.length - 1]) : undefined,
    previous: hasPrevious && page.length > 0 ? cursorOf(tab, page[0]) : undefined,
  };
}

/**
 * Rows per tab under the same filters, counted up to QUEUE_COUNT_CAP + 1 (more reads as "1,000+":
 * an exact count of a million rows would cost a second on every page view); null for the sign-off
 * tab of a member who cannot sign off.
 */
export async function countQueue(options: { userId: string; workspaceId: string; filters: TQueueFilters }): Promise<TQueueCounts> {
  const member = await requireMember(options);
  const counts = await Promise.all(
    QUEUE_TABS.map((tab) =>
      tab === "sign-off" && !canSignOff(member.role)
        ? null
        : db().annotation.count({ where: baseWhere({ ...options, tab }), orderBy: orderOf(tab, "asc", options.filters), take: QUEUE_COUNT_CAP + 1 }),
    ),
  );
  return Object.fromEntries(QUEUE_TABS.map((tab, i) => [tab, counts[i]])) as TQueueCounts;
}

export type TQueueOptions = { documents: { id: string; title: string }[]; sources: { id: string; title: string; label: string }[]; members: TMemberOption[] };

/** What the queue's filters and bulk actions offer: the workspace's documents, sources and members. */
export async function queueOptions(options: { userId: string; workspaceId: string }): Promise<TQueueOptions> {
  const [documents, sources, members] = await Promise.all([
    db().document.findMany({
      where: { ...visibleDocuments(options.userId), workspaceId: options.workspaceId },
      orderBy: [{ title: "asc" }, { id: "asc" }],
      select: { id: true, title: true },
    }),
    listSources(options),
    listMemberOptions(options),
  ]);
  return { documents, sources: sources.map((s) => ({ id: s.id, title: s.title, label: sourceLabel(s) })), members };
}
