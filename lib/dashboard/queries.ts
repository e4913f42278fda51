import "server-only";
import { requireMember, visibleAnnotations, visibleDocuments, visibleSources } from "@/lib/access";
import {
  CHART_WEEKS,
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
import { isVerdict, VERDICTS, type TStatus } from "@/lib/statuses";
import { listMemberOptions } from "@/lib/workspaces/queries";

/*
 * Every figure is counted by the database (GROUP BY, count FILTER), never by looping over rows
 * here: a workspace with a million annotations sends back a few hundred groups. Those scans are
 * the dashboard's whole cost, so their results are kept per workspace until something they count
 * changes (see `fingerprint`); names and titles are always read fresh.
 */

/**
 * An event that gives a verdict: a status set to a verdict (on create or update), or a returned
 * verdict put up for sign-off again (RESUBMIT, or a change of what the verdict is about: an
 * UPDATED event that starts a new sign-off without a new status). DELETED and RESTORED events
 * carry whole snapshots and are no verdicts.
 */
const VERDICT_EVENT = Prisma.sql`("type" IN ('CREATED', 'UPDATED') AND (("after"->>'status') IN (${Prisma.join(VERDICTS)})
  OR ("type" = 'UPDATED' AND "after"->>'signOff' = 'AWAITING' AND "after"->>'status' IS NULL)))`;

type TAggregates = {
  byDocument: { documentId: string; status: TStatus; signOff: string; n: number }[];
  bySource: { sourceId: string | null; status: TStatus; n: number }[];
  byActor: { actorId: string; made: number; verdicts: number; signedOff: number }[];
  byWeek: { week: Date; series: string; n: number }[];
};

/** The four scans: live annotations by document and by source, this week's events by actor, verdict events by week. */
async function aggregate(options: { userId: string; workspaceId: string; since: Date; chartFrom: Date }): Promise<TAggregates> {
  const live = { workspaceId: options.workspaceId, deletedAt: null, ...visibleAnnotations(options.userId) };
  const [byDocument, bySource, byActor, byWeek] = await Promise.all([
    db().annotation.groupBy({ by: ["documentId", "status", "signOff"], where: live, _count: { _all: true } }),
    db().annotation.groupBy({ by: ["sourceId", "status"], where: live, _count: { _all: true } }),
    db().$queryRaw<TAggregates["byActor"]>`
      SELECT "actorId",
             (count(*) FILTER (WHERE "type" = 'CREATED'))::int AS "made",
             (count(*) FILTER (WHERE ${VERDICT_EVENT}))::int AS "verdicts",
             (count(*) FILTER (WHERE "type" = 'SIGNED_OFF'))::int AS "signedOff"
      FROM "AnnotationEvent"
      WHERE "workspaceId" = ${options.workspaceId} AND "createdAt" >= ${options.since}
      GROUP BY "actorId"`,
    db().$queryRaw<TAggregates["byWeek"]>`
      SELECT date_trunc('week', "createdAt") AS "week", COALESCE("after"->>'status', 'RESUBMITTED') AS "series", count(*)::int AS "n"
      FROM "AnnotationEvent"
      WHERE "workspaceId" = ${options.workspaceId} AND "createdAt" >= ${options.chartFrom} AND ${VERDICT_EVENT}
      GROUP BY 1, 2`,
  ]);
  return {
    byDocument: byDocument.map((g) => ({ documentId: g.documentId, status: g.status, signOff: g.signOff, n: g._count._all })),
    bySource: bySource.map((g) => ({ sourceId: g.sourceId, status: g.status, n: g._count._all })),
    byActor,
    byWeek,
  };
}

/**
 * What the aggregates depend on: the workspace's events (every change to an annotation writes
 * one) and its documents' latest change (deleting a document drops its annotations from the
 * counts), with the week they were counted for. Event ids are taken at insert but become visible
 * at commit, so a slower transaction can commit an id below the maximum already seen: the count
 * of the workspace's events among the last 1,000 ids catches that, in one short index range.
 */
async function fingerprint(options: { workspaceId: string; since: Date }): Promise<string> {
  const [row] = await db().$queryRaw<{ lastEvent: string | null; recent: string; documents: string }[]>`
    WITH last AS (SELECT max("id") AS id FROM "AnnotationEvent" WHERE "workspaceId" = ${options.workspaceId})
    SELECT (SELECT id::text FROM last) AS "lastEvent",
           (SELECT count(*)::text FROM "AnnotationEvent" e, last WHERE e."workspaceId" = ${options.workspaceId} AND e."id" > last.id - 1000) AS "recent",
           (SELECT count(*)::text || '/' || coalesce(max("updatedAt")::text, '') FROM "Document" WHERE "workspaceId" = ${options.workspaceId}) AS "documents"`;
  return `${row.lastEvent}|${row.recent}|${row.documents}|${options.since.toISOString()}`;
}

const CACHED_WORKSPACES = 200;
const cache = new Map<string, { key: string; value: TAggregates }>();

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

function documentProgress(documents: { id: string; title: string }[], groups: TAggregates["byDocument"]) {
  const byId = new Map<string, TDocumentProgress>(
    documents.map((d) => [d.id, { id: d.id, title: d.title, counts: emptyCounts(), total: 0, verdicts: 0, confirmed: 0, awaiting: 0 }]),
  );
  const totals = emptyCounts();
  for (const g of groups) {
    const doc = byId.get(g.documentId);
    if (!doc) continue;
    doc.counts[g.status] += g.n;
    doc.total += g.n;
    totals[g.status] += g.n;
    if (!isVerdict(g.status)) continue;
    doc.verdicts += g.n;
    if (g.signOff === "CONFIRMED") doc.confirmed += g.n;
    if (g.signOff === "AWAITING") doc.awaiting += g.n;
  }
  return { documents: [...byId.values()], totals };
}

/** The most cited sources (and "No source yet"), with their titles read now. */
async function sourceProgress(options: { userId: string; groups: TAggregates["bySource"] }) {
  const bySource = new Map<string | null, TSourceProgress>();
  for (const g of options.groups) {
    const entry = bySource.get(g.sourceId) ?? { id: g.sourceId, title: "", counts: emptyCounts(), total: 0 };
    entry.counts[g.status] += g.n;
    entry.total += g.n;
    bySource.set(g.sourceId, entry);
  }
  const ranked = [...bySource.values()].sort((a, b) => b.total - a.total);
  const shown = ranked.slice(0, SOURCES_SHOWN);
  const ids = shown.flatMap((s) => (s.id ? [s.id] : []));
  const titles = new Map(
    (await db().source.findMany({ where: { id: { in: ids }, ...visibleSources(options.userId) }, select: { id: true, title: true } })).map((s) => [s.id, s.title]),
  );
  for (const s of shown) s.title = s.id ? (titles.get(s.id) ?? "Unknown source") : "No source yet";
  shown.sort((a, b) => b.total - a.total || a.title.localeCompare(b.title, "en"));
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
 * The workspace's progress: per document (by status, and the share of verdicts signed off), per
 * source, per member this week (Monday 00:00 UTC on), and verdicts per week over the last eight.
 * 404 for a non-member.
 */
export async function getDashboard(options: { userId: string; workspaceId: string; now?: Date }): Promise<TDashboard> {
  await requireMember(options);
  const now = options.now ?? new Date();
  const since = weekStart(now);
  const weeks = lastWeeks(now, CHART_WEEKS);
  const [workspace, documents, members, counted] = await Promise.all([
    db().workspace.findUniqueOrThrow({ where: { id: options.workspaceId }, select: { requireSignOff: true } }),
    db().document.findMany({
      where: { ...visibleDocuments(options.userId), workspaceId: options.workspaceId },
      orderBy: [{ title: "asc" }, { id: "asc" }],
      select: { id: true, title: true },
    }),
    listMemberOptions(options),
    cachedAggregates({ userId: options.userId, workspaceId: options.workspaceId, since, chartFrom: weeks[0] }),
  ]);
  const docs = documentProgress(documents, counted.byDocument);
  return {
    requireSignOff: workspace.requireSignOff,
    documents: docs.documents,
    totals: docs.totals,
    ...(await sourceProgress({ userId: options.userId, groups: counted.bySource })),
    weekStart: since.toISOString(),
    members: memberWeeks(members, counted.byActor),
    weeks: verdictWeeks(weeks, counted.byWeek),
  };
}
