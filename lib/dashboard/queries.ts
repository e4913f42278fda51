import "server-only";
import { requireMember, visibleDocuments, visibleSources } from "@/lib/access";
import {
  CHART_WEEKS,
  DOCUMENTS_PER_PAGE,
  emptyCounts,
  SOURCES_SHOWN,
  VERDICT_SERIES,
  type TDashboard,
  type TDocumentProgress,
  type TMemberWeek,
  type TSourceProgress,
  type TVerdictSeries,
  type TVerdictWeek,
} from "@/lib/dashboard/schemas";
import { lastWeeks, weekStart } from "@/lib/dashboard/weeks";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { labelOfRow, labelSelect } from "@/lib/sources/present";
import { isVerdict, type TStatus } from "@/lib/statuses";
import { listMemberOptions } from "@/lib/workspaces/queries";

/*
 * Every figure is counted by the database, never by looping over rows here. The counts of live
 * annotations (per document, per source, by status) and of events (per week, actor and kind) are
 * kept by triggers in DocumentStatusCount, SourceStatusCount and EventWeekCount (migration
 * scale_indexes), so a workspace with a million annotations sends back a few thousand sums instead
 * of grouping a million rows. Their results are still kept per workspace until something they count
 * changes (see `fingerprint`); names and titles are always read fresh.
 */

/**
 * An event that gives a verdict: a status set to a verdict (on create or update), or a returned
 * verdict put up for sign-off again (RESUBMIT, or a change of what the verdict is about: an
 * UPDATED event that starts a new sign-off without a new status). DELETED and RESTORED events
 * carry whole snapshots and are no verdicts. The trigger's provenant_event_series (migration
 * scale_indexes) files such an event under its status, or "RESUBMITTED": the VERDICT_SERIES.
 */
const VERDICT_SERIES_SQL = Prisma.join([...VERDICT_SERIES]);

type TDocumentGroups = { documentId: string; status: TStatus; signOff: string; n: number }[];

type TAggregates = {
  bySource: { sourceId: string | null; status: TStatus; n: number }[];
  byActor: { actorId: string; made: number; verdicts: number; signedOff: number }[];
  byWeek: { week: Date; series: string; n: number }[];
};

/**
 * Live annotations of the workspace's deleted documents, by source and status: the deleted
 * documents first (a few, by their index), then their annotations by theirs. As one query with a
 * join PostgreSQL walked the workspace's every annotation.
 */
async function inDeletedDocumentsBySource(workspaceId: string) {
  const deleted = await db().document.findMany({ where: { workspaceId, deletedAt: { not: null } }, select: { id: true } });
  if (deleted.length === 0) return [];
  return db().annotation.groupBy({
    by: ["sourceId", "status"],
    where: { documentId: { in: deleted.map((d) => d.id) }, deletedAt: null },
    _count: { _all: true },
  });
}

/**
 * The three workspace-wide sums: live annotations by source, this week's events by actor, verdict
 * events by week. A group's count is the sum of its slots' deltas. The per-source counts include
 * annotations of deleted documents, which the dashboard leaves out: those few are counted live and
 * taken off. (Summed over sources, they are also the workspace's totals by status.)
 */
async function aggregate(options: { userId: string; workspaceId: string; since: Date; chartFrom: Date }): Promise<TAggregates> {
  const { workspaceId } = options;
  const [bySource, inDeletedDocuments, byActor, byWeek] = await Promise.all([
    db().$queryRaw<{ sourceId: string; status: TStatus; n: number }[]>`
      SELECT "sourceId", "status"::text AS "status", sum("n")::int AS "n"
      FROM "SourceStatusCount" WHERE "workspaceId" = ${workspaceId}
      GROUP BY 1, 2 HAVING sum("n") <> 0`,
    inDeletedDocumentsBySource(workspaceId),
    db().$queryRaw<TAggregates["byActor"]>`
      SELECT "actorId",
             coalesce(sum("n") FILTER (WHERE "series" = 'CREATED'), 0)::int AS "made",
             coalesce(sum("n") FILTER (WHERE "series" IN (${VERDICT_SERIES_SQL})), 0)::int AS "verdicts",
             coalesce(sum("n") FILTER (WHERE "series" = 'SIGNED_OFF'), 0)::int AS "signedOff"
      FROM "EventWeekCount"
      WHERE "workspaceId" = ${workspaceId} AND "week" >= ${options.since}
      GROUP BY "actorId"`,
    db().$queryRaw<TAggregates["byWeek"]>`
      SELECT "week", "series", sum("n")::int AS "n"
      FROM "EventWeekCount"
      WHERE "workspaceId" = ${workspaceId} AND "week" >= ${options.chartFrom} AND "series" IN (${VERDICT_SERIES_SQL})
      GROUP BY 1, 2`,
  ]);
  const deleted = new Map(inDeletedDocuments.map((g) => [`${g.sourceId ?? ""}\n${g.status}`, g._count._all]));
  return {
    bySource: bySource
      .map((g) => ({ sourceId: g.sourceId === "" ? null : g.sourceId, status: g.status, n: g.n - (deleted.get(`${g.sourceId}\n${g.status}`) ?? 0) }))
      .filter((g) => g.n > 0),
    byActor,
    byWeek,
  };
}

/**
 * What the aggregates depend on: the workspace's events (every change to an annotation writes
 * one) and its documents' latest change (deleting a document drops its annotations from the
 * counts), with the week they were counted for. Event ids are taken at insert but become visible
 * at commit, so a slower transaction can commit an id below the maximum already seen, however far
 * below (ids are taken by every workspace, and by every instance of the app): the count of the
 * workspace's events written in the last OUT_OF_ORDER_WINDOW catches that, since `createdAt` is
 * the insert's time and no transaction that writes events stays open that long (Prisma's 5 s
 * transaction timeout); the count among the last 1,000 ids catches it too for the ids nearby. Both
 * are short ranges of the workspace's indexes.
 */
const OUT_OF_ORDER_WINDOW = "2 minutes";

async function fingerprint(options: { workspaceId: string; since: Date }): Promise<string> {
  const [row] = await db().$queryRaw<{ lastEvent: string | null; recent: string; window: string; documents: string }[]>`
    WITH last AS (SELECT max("id") AS id FROM "AnnotationEvent" WHERE "workspaceId" = ${options.workspaceId})
    SELECT (SELECT id::text FROM last) AS "lastEvent",
           (SELECT count(*)::text FROM "AnnotationEvent" e, last WHERE e."workspaceId" = ${options.workspaceId} AND e."id" > last.id - 1000) AS "recent",
           (SELECT count(*)::text FROM "AnnotationEvent" WHERE "workspaceId" = ${options.workspaceId} AND "createdAt" > now() - ${OUT_OF_ORDER_WINDOW}::interval) AS "window",
           (SELECT count(*)::text || '/' || coalesce(max("updatedAt")::text, '') FROM "Document" WHERE "workspaceId" = ${options.workspaceId}) AS "documents"`;
  return `${row.lastEvent}|${row.recent}|${row.window}|${row.documents}|${options.since.toISOString()}`;
}

const CACHED_WORKSPACES = 200;
const cache = new Map<string, { key: string; value: TAggregates }>();

/** Empties the cache, so the next dashboard is counted afresh (the scale bench times that first load). */
export function forgetDashboardCache(): void {
  cache.clear();
}

/** The aggregates, from the cache when nothing they count has changed since; the key is read first, so a hit is never older than it. */
async function cachedAggregates(options: { userId: string; workspaceId: string; since: Date; chartFrom: Date }): Promise<TAggregates> {
  const key = await fingerprint(options);
  const hit = cache.get(options.workspaceId);
  if (hit?.key === key) return hit.value;
  const value = await aggregate(options);
  cache.delete(options.workspaceId);
  cache.set(options.workspaceId, { key, value });
  if (cache.size > CACHED_WORKSPACES) cache.delete(cache.keys().next().value as string);
  return value;
}

/** The live annotations of these documents by status and sign-off, from their count slots (primary key: documentId first). */
function documentGroups(documentIds: string[]): Promise<TDocumentGroups> {
  if (documentIds.length === 0) return Promise.resolve([]);
  return db().$queryRaw<TDocumentGroups>`
    SELECT "documentId", "status"::text AS "status", "signOff"::text AS "signOff", sum("n")::int AS "n"
    FROM "DocumentStatusCount" WHERE "documentId" = ANY(${documentIds})
    GROUP BY 1, 2, 3 HAVING sum("n") <> 0`;
}

function documentProgress(documents: { id: string; title: string }[], groups: TDocumentGroups): TDocumentProgress[] {
  const byId = new Map<string, TDocumentProgress>(
    documents.map((d) => [d.id, { id: d.id, title: d.title, counts: emptyCounts(), total: 0, verdicts: 0, confirmed: 0, awaiting: 0 }]),
  );
  for (const g of groups) {
    const doc = byId.get(g.documentId);
    if (!doc) continue;
    doc.counts[g.status] += g.n;
    doc.total += g.n;
    if (!isVerdict(g.status)) continue;
    doc.verdicts += g.n;
    if (g.signOff === "CONFIRMED") doc.confirmed += g.n;
    if (g.signOff === "AWAITING") doc.awaiting += g.n;
  }
  return [...byId.values()];
}

/** The workspace's live annotations by status: the per-source groups added up (every annotation has one source or none). */
function totalsOf(groups: TAggregates["bySource"]) {
  const totals = emptyCounts();
  for (const g of groups) totals[g.status] += g.n;
  return totals;
}

/** A page number as asked (anything but a whole number from 1 is the first page), kept within the pages there are. */
function pageOf(total: number, perPage: number, asked: number | undefined) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = asked !== undefined && Number.isInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
  return { page, pages, perPage, total };
}

/** One page of the workspace's live documents by title, with their counts. */
async function documentPage(options: { userId: string; workspaceId: string; page?: number; perPage: number }) {
  const where = { ...visibleDocuments(options.userId), workspaceId: options.workspaceId };
  const page = pageOf(await db().document.count({ where }), options.perPage, options.page);
  const documents = await db().document.findMany({
    where,
    orderBy: [{ title: "asc" }, { id: "asc" }],
    skip: (page.page - 1) * page.perPage,
    take: page.perPage,
    select: { id: true, title: true },
  });
  return { page, documents: documentProgress(documents, await documentGroups(documents.map((d) => d.id))) };
}

/** The most cited sources (and "No source yet"), with their labels read now. */
async function sourceProgress(options: { userId: string; groups: TAggregates["bySource"] }) {
  const bySource = new Map<string | null, TSourceProgress>();
  for (const g of options.groups) {
    const entry = bySource.get(g.sourceId) ?? { id: g.sourceId, label: "", counts: emptyCounts(), total: 0 };
    entry.counts[g.status] += g.n;
    entry.total += g.n;
    bySource.set(g.sourceId, entry);
  }
  const ranked = [...bySource.values()].sort((a, b) => b.total - a.total);
  const shown = ranked.slice(0, SOURCES_SHOWN);
  const ids = shown.flatMap((s) => (s.id ? [s.id] : []));
  const labels = new Map(
    (await db().source.findMany({ where: { id: { in: ids }, ...visibleSources(options.userId) }, select: { id: true, ...labelSelect } })).map((s) => [s.id, labelOfRow(s)]),
  );
  for (const s of shown) s.label = s.id ? (labels.get(s.id) ?? "Unknown source") : "No source yet";
  shown.sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, "en"));
  return { sources: shown, moreSources: ranked.length - shown.length };
}

function memberWeeks(members: { id: string; name: string }[], rows: TAggregates["byActor"]): TMemberWeek[] {
  const byActor = new Map(rows.map((r) => [r.actorId, r]));
  return members.map((m) => {
    const row = byActor.get(m.id);
    return { id: m.id, name: m.name, made: row?.made ?? 0, verdicts: row?.verdicts ?? 0, signedOff: row?.signedOff ?? 0 };
  });
}

function verdictWeeks(weeks: Date[], rows: TAggregates["byWeek"]): TVerdictWeek[] {
  const result = weeks.map((start): TVerdictWeek => ({
    start: start.toISOString(),
    counts: Object.fromEntries(VERDICT_SERIES.map((s) => [s, 0])) as Record<TVerdictSeries, number>,
    total: 0,
  }));
  const byStart = new Map(result.map((w) => [w.start, w]));
  for (const row of rows) {
    const week = byStart.get(row.week.toISOString());
    if (!week || !(VERDICT_SERIES as readonly string[]).includes(row.series)) continue;
    week.counts[row.series as TVerdictSeries] += row.n;
    week.total += row.n;
  }
  return result;
}

/**
 * The workspace's progress: per document (by status, and the share of verdicts signed off; a page
 * of DOCUMENTS_PER_PAGE by title), per source, per member this week (Monday 00:00 UTC on), and
 * verdicts per week over the last eight. 404 for a non-member.
 */
export async function getDashboard(options: { userId: string; workspaceId: string; now?: Date; documentsPage?: number; documentsPerPage?: number }): Promise<TDashboard> {
  await requireMember(options);
  const now = options.now ?? new Date();
  const since = weekStart(now);
  const weeks = lastWeeks(now, CHART_WEEKS);
  const [workspace, documents, members, counted] = await Promise.all([
    db().workspace.findUniqueOrThrow({ where: { id: options.workspaceId }, select: { requireSignOff: true } }),
    documentPage({ userId: options.userId, workspaceId: options.workspaceId, page: options.documentsPage, perPage: options.documentsPerPage ?? DOCUMENTS_PER_PAGE }),
    listMemberOptions(options),
    cachedAggregates({ userId: options.userId, workspaceId: options.workspaceId, since, chartFrom: weeks[0] }),
  ]);
  return {
    requireSignOff: workspace.requireSignOff,
    documents: documents.documents,
    documentPage: documents.page,
    totals: totalsOf(counted.bySource),
    ...(await sourceProgress({ userId: options.userId, groups: counted.bySource })),
    weekStart: since.toISOString(),
    members: memberWeeks(members, counted.byActor),
    weeks: verdictWeeks(weeks, counted.byWeek),
  };
}
