/** The scale bench proper (bench/scale.ts starts it under the react-server condition). */
import pg from "pg";
import { quoteSelector } from "../../lib/anchoring/selectors";
import { forgetDashboardCache, getDashboard } from "../../lib/dashboard/queries";
import { listDocumentPage } from "../../lib/documents/list-page";
import { DOCUMENT_SORTS, ZDocumentListQuery, type TDocumentSort } from "../../lib/documents/schemas";
import { importAnnotations } from "../../lib/imports/annotations";
import { countQueue, listQueue } from "../../lib/queue/queries";
import { encodeCursor, NO_SOURCE, QUEUE_COUNT_CAP, QUEUE_PAGE_SIZE, QUEUE_TABS, type TQueueFilters, type TQueueTab } from "../../lib/queue/schemas";
import { STATUSES, type TStatus } from "../../lib/statuses";
import { DEMO_WORKSPACE } from "../../prisma/demo";
import { createShutdown } from "../../scripts/lib/database";
import { startBench } from "./app-server";
import { generateScaleWorkspace, type TScaleSizes, type TScaleWorkspace } from "./scale-data";
import { checkPlans, installQueryProbe, recordQueries, type TPlanCheck, type TStatement } from "./scale-probe";
import { generateSpans, seededRandom } from "./spans";
import { markdownTable } from "./table";

const FULL: TScaleSizes = { documents: 10_000, annotations: 1_000_000, sources: 300, reviewers: 24 };
const SMOKE: TScaleSizes = { documents: 100, annotations: 10_000, sources: 30, reviewers: 8 };
const IMPORT_SIZE = 2_000;
const IMPORT_DOCUMENT = "Khojaly Genocide (Presidential Library compilation)";
const DEADLINE_MS = 15 * 60_000;

type TSamples = { query: number; queue: number; documents: number; dashboard: number; imports: number };
const FULL_SAMPLES: TSamples = { query: 60, queue: 40, documents: 20, dashboard: 20, imports: 8 };
const SMOKE_SAMPLES: TSamples = { query: 3, queue: 2, documents: 2, dashboard: 2, imports: 1 };

const shutdown = createShutdown();
const problems: string[] = [];

function log(message: string) {
  process.stdout.write(`[bench] ${message}\n`);
}

/** A wrong answer: printed at the end, and the run exits non-zero. */
function expect(ok: boolean, message: string) {
  if (!ok) problems.push(message);
}

type TRow = { group: string; name: string; target: number; times: number[]; plans: TPlanCheck | null; roundTrips: number; note?: string };

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `work` once recorded (its statements, for EXPLAIN and the round trip count), then `samples` timed times. */
async function measure<T>(options: { samples: number; before?: () => Promise<void> | void; work: () => Promise<T> }) {
  await options.before?.();
  const { result, statements } = await recordQueries(options.work);
  const times: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    await options.before?.();
    const started = performance.now();
    await options.work();
    times.push(performance.now() - started);
  }
  return { result, statements, times };
}

// ---------------------------------------------------------------------------------------------
// Reference answers, in plain SQL on the same data (checks only; never timed).

type TRef = { client: pg.Client; ws: TScaleWorkspace };

const LIVE = `a."workspaceId" = $1 AND a."deletedAt" IS NULL AND EXISTS (SELECT 1 FROM "Document" d WHERE d.id = a."documentId" AND d."deletedAt" IS NULL)`;

function filterSql(filters: TQueueFilters, params: unknown[]): string {
  const parts: string[] = [];
  if (filters.status) parts.push(`a.status = $${params.push(filters.status)}::"VerificationStatus"`);
  if (filters.source === NO_SOURCE) parts.push(`a."sourceId" IS NULL`);
  else if (filters.source) parts.push(`a."sourceId" = $${params.push(filters.source)}`);
  return parts.map((p) => ` AND ${p}`).join("");
}

async function refAll(ref: TRef, filters: TQueueFilters, options: { offset: number; limit: number }) {
  const params: unknown[] = [ref.ws.workspaceId];
  const where = `${LIVE}${filterSql(filters, params)}`;
  const { rows } = await ref.client.query<{ id: string; createdAt: Date }>(
    `SELECT a.id, a."createdAt" FROM "Annotation" a WHERE ${where} ORDER BY a."createdAt", a.id OFFSET ${options.offset} LIMIT ${options.limit}`,
    params,
  );
  return rows;
}

async function refCount(ref: TRef, filters: TQueueFilters): Promise<number> {
  const params: unknown[] = [ref.ws.workspaceId];
  const { rows } = await ref.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Annotation" a WHERE ${LIVE}${filterSql(filters, params)}`, params);
  return rows[0].n;
}

/** A cursor in the middle of the "all" list under these filters: a deep page. */
async function middleCursor(ref: TRef, filters: TQueueFilters): Promise<{ cursor: string; offset: number }> {
  const offset = Math.floor((await refCount(ref, filters)) / 2);
  const [row] = await refAll(ref, filters, { offset, limit: 1 });
  return { cursor: encodeCursor({ at: row.createdAt, id: row.id }), offset: offset + 1 };
}

// ---------------------------------------------------------------------------------------------

async function filteredList(ref: TRef, samples: number): Promise<TRow[]> {
  const { ws } = ref;
  const cases: { name: string; filters: TQueueFilters; deep?: boolean }[] = [
    { name: "unverified, most cited source, page 1", filters: { status: "UNVERIFIED", source: ws.topSourceId } },
    { name: "unverified, most cited source, deep page", filters: { status: "UNVERIFIED", source: ws.topSourceId }, deep: true },
    { name: "contradicted, a rarely cited source, page 1", filters: { status: "CONTRADICTED", source: ws.tailSourceId } },
    { name: "verified, no source yet, page 1", filters: { status: "VERIFIED", source: NO_SOURCE } },
  ];
  const rows: TRow[] = [];
  for (const c of cases) {
    const deep = c.deep ? await middleCursor(ref, c.filters) : undefined;
    const work = () => listQueue({ userId: ws.callerId, workspaceId: ws.workspaceId, tab: "all", filters: c.filters, after: deep?.cursor });
    const { result, statements, times } = await measure({ samples, work });
    await checkFilteredPage(ref, c.filters, result, deep?.offset ?? 0);
    rows.push(await row("filtered list (All annotations)", c.name, 30, times, statements));
  }
  return rows;
}

async function checkFilteredPage(ref: TRef, filters: TQueueFilters, page: Awaited<ReturnType<typeof listQueue>>, offset: number) {
  const expected = (await refAll(ref, filters, { offset, limit: QUEUE_PAGE_SIZE })).map((r) => r.id);
  const got = page.rows.map((r) => r.id);
  expect(got.join() === expected.join(), `filtered list ${JSON.stringify(filters)} from row ${offset}: ${got.length} rows, expected ${expected.length}, or another order`);
  expect(
    page.rows.every((r) => r.status === filters.status && (filters.source === NO_SOURCE ? r.source === null : r.source?.id === filters.source)),
    `filtered list ${JSON.stringify(filters)}: a row outside the filters`,
  );
}

/** Each tab's rows as lib/queue/queries.ts defines them, in plain SQL ($1 workspace, $2 caller), and its sort time. */
function tabSql(tab: TQueueTab): { where: string; at: string } {
  const open = `a.status IN ('UNVERIFIED', 'IN_PROGRESS')`;
  const where = {
    mine: `a."assigneeId" = $2 AND (${open} OR a."signOff" = 'RETURNED')`,
    unassigned: `a."assigneeId" IS NULL AND ${open}`,
    "sign-off": `a."signOff" = 'AWAITING' AND a."verdictAt" IS NOT NULL AND (a."verdictById" IS NULL OR a."verdictById" <> $2)`,
    all: `true`,
  }[tab];
  // $2 is always sent; a tab without the caller still names its type.
  return { where: `${LIVE} AND $2::text IS NOT NULL AND ${where}`, at: tab === "sign-off" ? `a."verdictAt"` : `a."createdAt"` };
}

async function refTab(ref: TRef, tab: TQueueTab, options: { offset: number; limit: number }) {
  const { where, at } = tabSql(tab);
  const { rows } = await ref.client.query<{ id: string; at: Date }>(
    `SELECT a.id, ${at} AS at FROM "Annotation" a WHERE ${where} ORDER BY ${at}, a.id OFFSET ${options.offset} LIMIT ${options.limit}`,
    [ref.ws.workspaceId, ref.ws.callerId],
  );
  return rows;
}

async function refTabCount(ref: TRef, tab: TQueueTab): Promise<number> {
  const { rows } = await ref.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Annotation" a WHERE ${tabSql(tab).where}`, [ref.ws.workspaceId, ref.ws.callerId]);
  return rows[0].n;
}

async function queuePages(ref: TRef, samples: number): Promise<TRow[]> {
  const { ws } = ref;
  const rows: TRow[] = [];
  const ids = (page: { rows: { id: string }[] }) => page.rows.map((r) => r.id).join();
  for (const tab of QUEUE_TABS) {
    const base = { userId: ws.callerId, workspaceId: ws.workspaceId, tab, filters: {} };
    const first = await measure({ samples, work: () => listQueue(base) });
    const expectedFirst = await refTab(ref, tab, { offset: 0, limit: QUEUE_PAGE_SIZE });
    expect(ids(first.result) === expectedFirst.map((r) => r.id).join(), `queue ${tab}: page 1 differs from the tab's rows in SQL`);
    rows.push(await row("queue pages", `${tab}: page 1`, 50, first.times, first.statements));

    // A deep page: the cursor of the row in the middle of the tab.
    const middle = Math.floor((await refTabCount(ref, tab)) / 2);
    const [mark] = await refTab(ref, tab, { offset: middle, limit: 1 });
    const cursor = encodeCursor({ at: mark.at, id: mark.id });
    const deep = await measure({ samples, work: () => listQueue({ ...base, after: cursor }) });
    const expectedDeep = await refTab(ref, tab, { offset: middle + 1, limit: QUEUE_PAGE_SIZE });
    expect(ids(deep.result) === expectedDeep.map((r) => r.id).join(), `queue ${tab}: the page after row ${middle} differs from SQL`);
    rows.push(await row("queue pages", `${tab}: deep page (next, row ${middle.toLocaleString("en-US")})`, 50, deep.times, deep.statements));

    const back = await measure({ samples, work: () => listQueue({ ...base, before: cursor }) });
    const expectedBack = await refTab(ref, tab, { offset: Math.max(0, middle - QUEUE_PAGE_SIZE), limit: Math.min(middle, QUEUE_PAGE_SIZE) });
    if (middle >= QUEUE_PAGE_SIZE + 1) expect(ids(back.result) === expectedBack.map((r) => r.id).join(), `queue ${tab}: the page before row ${middle} differs from SQL`);
    rows.push(await row("queue pages", `${tab}: deep page (previous)`, 50, back.times, back.statements));
  }
  for (const filters of [{}, { status: "UNVERIFIED" as TStatus, source: ws.topSourceId }]) {
    const counts = await measure({ samples, work: () => countQueue({ userId: ws.callerId, workspaceId: ws.workspaceId, filters }) });
    const all = Math.min(await refCount(ref, filters), QUEUE_COUNT_CAP + 1);
    expect(counts.result.all === all, `tab counts ${JSON.stringify(filters)}: all = ${counts.result.all}, expected ${all}`);
    if (Object.keys(filters).length === 0) {
      for (const tab of QUEUE_TABS) {
        const expected = Math.min(await refTabCount(ref, tab), QUEUE_COUNT_CAP + 1);
        expect(counts.result[tab] === expected, `tab counts: ${tab} = ${counts.result[tab]}, expected ${expected}`);
      }
    }
    rows.push(await row("queue pages", `tab counts${Object.keys(filters).length ? " (status + source)" : ""}`, 50, counts.times, counts.statements));
  }
  return rows;
}

/** Each documents-list sort's whole order (its default direction) in plain SQL from the annotations themselves, for the caller's workspaces. */
async function refDocumentOrder(ref: TRef, sort: TDocumentSort): Promise<string[]> {
  const key = { title: "d.title", updated: "changed DESC", annotations: "live DESC", verified: "coalesce(verified::float8 / nullif(live, 0), -1) DESC" }[sort];
  const { rows } = await ref.client.query<{ id: string }>(
    `SELECT id FROM (
       SELECT d.id, d.title, greatest(d."updatedAt", max(a."updatedAt")) AS changed,
              count(a.id) FILTER (WHERE a."deletedAt" IS NULL) AS live, count(a.id) FILTER (WHERE a."deletedAt" IS NULL AND a.status = 'VERIFIED') AS verified
       FROM "Document" d LEFT JOIN "Annotation" a ON a."documentId" = d.id
       WHERE d."deletedAt" IS NULL AND d."workspaceId" IN (SELECT "workspaceId" FROM "Membership" WHERE "userId" = $1)
       GROUP BY d.id
     ) d ORDER BY ${key}, d.title, d.id`,
    [ref.ws.callerId],
  );
  return rows.map((r) => r.id);
}

/** The documents list (issue 18): every sort's first page and a deep page from the middle, keyset, checked against SQL. */
async function documentsList(ref: TRef, samples: number): Promise<TRow[]> {
  const rows: TRow[] = [];
  const ids = (page: Awaited<ReturnType<typeof listDocumentPage>>) => page.documents.map((d) => d.id).join();
  for (const sort of DOCUMENT_SORTS) {
    const order = await refDocumentOrder(ref, sort);
    const first = await measure({ samples, work: () => listDocumentPage({ userId: ref.ws.callerId, query: ZDocumentListQuery.parse({ sort }) }) });
    expect(ids(first.result) === order.slice(0, 50).join(), `documents list by ${sort}: page 1 differs from the order in SQL`);
    expect(first.result.total === order.length, `documents list by ${sort}: total ${first.result.total}, expected ${order.length}`);
    rows.push(await row("documents list", `by ${sort}: page 1`, 100, first.times, first.statements));
    const middle = Math.floor(order.length / 2);
    const deep = await measure({ samples, work: () => listDocumentPage({ userId: ref.ws.callerId, query: ZDocumentListQuery.parse({ sort, after: order[middle] }) }) });
    expect(ids(deep.result) === order.slice(middle + 1, middle + 51).join(), `documents list by ${sort}: the page after row ${middle} differs from SQL`);
    rows.push(await row("documents list", `by ${sort}: deep page (after row ${middle.toLocaleString("en-US")})`, 100, deep.times, deep.statements));
  }
  return rows;
}

async function dashboard(ref: TRef, samples: number): Promise<TRow[]> {
  const { ws } = ref;
  const work = () => getDashboard({ userId: ws.callerId, workspaceId: ws.workspaceId });
  const uncached = await measure({ samples, before: forgetDashboardCache, work });
  const params: unknown[] = [ws.workspaceId];
  const { rows: totals } = await ref.client.query<{ status: TStatus; n: number }>(`SELECT status, count(*)::int AS n FROM "Annotation" a WHERE ${LIVE} GROUP BY 1`, params);
  for (const status of STATUSES) {
    const expected = totals.find((t) => t.status === status)?.n ?? 0;
    expect(uncached.result.totals[status] === expected, `dashboard: ${status} = ${uncached.result.totals[status]}, expected ${expected}`);
  }
  const cached = await measure({ samples, work });
  // The last page of the per-document table (offset through the title index).
  const lastPage = await measure({ samples, work: () => getDashboard({ userId: ws.callerId, workspaceId: ws.workspaceId, documentsPage: Number.MAX_SAFE_INTEGER }) });
  const grouped = await measure({ samples: Math.min(samples, 5), work: () => groupedCounts(ref) });
  return [
    await row("dashboard", "first load (uncached counts)", 150, uncached.times, uncached.statements),
    await row("dashboard", "again (counts cached)", 150, cached.times, cached.statements, "fingerprint only"),
    await row("dashboard", "last page of documents (counts cached)", 150, lastPage.times, lastPage.statements),
    await row("dashboard", "reference: its four counts by GROUP BY", 150, grouped.times, grouped.statements, "how it counted before scale_indexes"),
  ];
}

/**
 * The dashboard's four counts as it ran them before the counts tables (migration scale_indexes):
 * GROUP BY over the workspace's live annotations and its events, one after another. A reference
 * for the table only.
 */
async function groupedCounts(ref: TRef) {
  const ws = [ref.ws.workspaceId];
  const weekAgo = `date_trunc('week', now())`;
  const verdict = `("type" IN ('CREATED', 'UPDATED') AND (("after"->>'status') IN ('VERIFIED', 'PARTLY_VERIFIED', 'MISATTRIBUTED', 'CONTRADICTED', 'SOURCE_NOT_FOUND')
    OR ("type" = 'UPDATED' AND "after"->>'signOff' = 'AWAITING' AND "after"->>'status' IS NULL)))`;
  await ref.client.query(`SELECT "documentId", status, "signOff", count(*) FROM "Annotation" a WHERE ${LIVE} GROUP BY 1, 2, 3`, ws);
  await ref.client.query(`SELECT "sourceId", status, count(*) FROM "Annotation" a WHERE ${LIVE} GROUP BY 1, 2`, ws);
  await ref.client.query(
    `SELECT "actorId", count(*) FILTER (WHERE type = 'CREATED'), count(*) FILTER (WHERE ${verdict}), count(*) FILTER (WHERE type = 'SIGNED_OFF')
     FROM "AnnotationEvent" WHERE "workspaceId" = $1 AND "createdAt" >= ${weekAgo} GROUP BY 1`,
    ws,
  );
  await ref.client.query(
    `SELECT date_trunc('week', "createdAt"), coalesce("after"->>'status', 'RESUBMITTED'), count(*) FROM "AnnotationEvent"
     WHERE "workspaceId" = $1 AND "createdAt" >= ${weekAgo} - interval '7 weeks' AND ${verdict} GROUP BY 1, 2`,
    ws,
  );
}

/** The W3C file: IMPORT_SIZE seeded spans of the corpus document, quotes with context and position, statuses and a few claimed sources. */
function importFile(text: string): string {
  const spans = generateSpans(IMPORT_SIZE, Array.from(text).length, seededRandom(0x1a9_2026));
  const items = spans.map((span, i) => ({
    type: "Annotation",
    target: { source: "https://example.org/khojaly", selector: [{ type: "TextQuoteSelector", ...quoteSelector(text, span) }, { type: "TextPositionSelector", start: span.start, end: span.end }] },
    body: [
      { type: "TextualBody", purpose: "classifying", value: span.status },
      ...(i % 3 === 0 ? [{ type: "TextualBody", purpose: "tagging", value: `Imported source ${i % 40}` }] : []),
    ],
  }));
  return JSON.stringify({ "@context": "http://www.w3.org/ns/anno.jsonld", type: "AnnotationCollection", total: items.length, first: { type: "AnnotationPage", items } });
}

async function bulkImport(ref: TRef, samples: number): Promise<TRow[]> {
  const { rows: found } = await ref.client.query<{ id: string; text: string; workspaceId: string }>(
    `SELECT d.id, d.text, d."workspaceId" FROM "Document" d JOIN "Workspace" w ON w.id = d."workspaceId" WHERE d.title = $1 AND w.name = $2`,
    [IMPORT_DOCUMENT, DEMO_WORKSPACE],
  );
  if (!found[0]) throw new Error(`the demo document "${IMPORT_DOCUMENT}" is missing`);
  const original = found[0];
  const content = importFile(original.text);
  let copies = 0;
  let documentId = "";
  // A fresh copy of the document per import, made outside the timing.
  const before = async () => {
    const { rows } = await ref.client.query<{ id: string }>(
      `INSERT INTO "Document" (id, "workspaceId", title, text, sha256, length, "createdById", "updatedAt")
       SELECT $2, "workspaceId", title || ' (import ' || $3 || ')', text, sha256, length, "createdById", now() FROM "Document" WHERE id = $1 RETURNING id`,
      [original.id, `scale-import-${++copies}`, String(copies)],
    );
    documentId = rows[0].id;
  };
  const work = () => importAnnotations({ userId: ref.ws.callerId, documentId, format: "w3c", content, keepOrphans: true }) ;
  const { result, statements, times } = await measure({ samples, before, work });
  expect(result.created + result.orphaned === IMPORT_SIZE, `import: ${result.created} created, ${result.orphaned} orphaned, ${result.failed} failed of ${IMPORT_SIZE}`);
  const { rows } = await ref.client.query<{ a: number; e: number }>(
    `SELECT (SELECT count(*)::int FROM "Annotation" WHERE "documentId" = $1) AS a, (SELECT count(*)::int FROM "AnnotationEvent" WHERE "documentId" = $1 AND type = 'CREATED') AS e`,
    [documentId],
  );
  expect(rows[0].a === IMPORT_SIZE && rows[0].e === IMPORT_SIZE, `import: ${rows[0].a} annotations and ${rows[0].e} CREATED events in the document, expected ${IMPORT_SIZE}`);
  return [await row("bulk import", `${IMPORT_SIZE.toLocaleString("en-US")} annotations (W3C, one document)`, 500, times, statements)];
}

let databaseUrl = "";

async function row(group: string, name: string, target: number, times: number[], statements: TStatement[], note?: string): Promise<TRow> {
  const plans = await checkPlans(databaseUrl, statements);
  for (const error of plans.errors) problems.push(`EXPLAIN failed for ${group} / ${name}: ${error}`);
  return { group, name, target, times, plans, roundTrips: statements.length, note };
}

const ms = (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString("en-US"));

function printTable(rows: TRow[]) {
  const table = rows.map((r) => {
    const p95 = r.times.length ? percentile(r.times, 95) : NaN;
    const met = r.times.length === 0 ? "—" : p95 <= r.target ? "yes" : "**no**";
    const whole = r.plans?.wholeScans.length ? `; Seq Scan on ${r.plans.wholeScans.join(", ")} keeping most of its rows` : "";
    const scans = r.plans?.seqScans.length ? `**Seq Scan on ${r.plans.seqScans.join(", ")}**` : `index (${r.plans?.planned ?? 0} planned)${whole}`;
    return [r.group, r.name, ms(percentile(r.times, 50)), ms(p95), ms(Math.max(...r.times)), `p95 ≤ ${r.target} ms`, met, String(r.roundTrips), scans + (r.note ? `; ${r.note}` : "")];
  });
  console.log(markdownTable(["what", "case", "p50 ms", "p95 ms", "max ms", "target", "met", "round trips", "plans"], table, new Set([0, 1, 5, 6, 8])));
}

export async function main(smoke: boolean) {
  try {
    const sizes = smoke ? SMOKE : FULL;
    const samples = smoke ? SMOKE_SAMPLES : FULL_SAMPLES;
    databaseUrl = await startBench({ shutdown, profile: "bench-scale", deadlineMs: DEADLINE_MS, build: false });
    log(`generating ${sizes.documents.toLocaleString("en-US")} documents and ${sizes.annotations.toLocaleString("en-US")} annotations with their events…`);
    const started = performance.now();
    const ws = await generateScaleWorkspace(databaseUrl, sizes, log);
    const generation = (performance.now() - started) / 1000;
    log(`generated in ${generation.toFixed(1)} s`);

    process.env.DATABASE_URL = databaseUrl;
    installQueryProbe();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    shutdown.add(() => client.end());
    const ref: TRef = { client, ws };
    const { rows: counts } = await client.query<{ a: string; e: string }>(
      `SELECT (SELECT count(*) FROM "Annotation" WHERE "workspaceId" = $1) AS a, (SELECT count(*) FROM "AnnotationEvent" WHERE "workspaceId" = $1) AS e`,
      [ws.workspaceId],
    );

    const rows: TRow[] = [];
    const section = async (name: string, run: () => Promise<TRow[]>) => {
      log(name);
      try {
        rows.push(...(await run()));
      } catch (error) {
        problems.push(`${name}: ${(error as Error).stack ?? String(error)}`);
      }
    };
    await section("filtered list", () => filteredList(ref, samples.query));
    await section("queue pages", () => queuePages(ref, samples.queue));
    await section("documents list", () => documentsList(ref, samples.documents));
    await section("dashboard", () => dashboard(ref, samples.dashboard));
    await section("bulk import", () => bulkImport(ref, samples.imports));

    console.log(
      `\nScale: ${Number(counts[0].a).toLocaleString("en-US")} annotations, ${Number(counts[0].e).toLocaleString("en-US")} events, ` +
        `${sizes.documents.toLocaleString("en-US")} documents, ${sizes.sources} sources; generated in ${generation.toFixed(1)} s. ` +
        `Samples: ${samples.query} per list case, ${samples.queue} per queue case, ${samples.documents} per documents-list case, ${samples.dashboard} dashboard, ${samples.imports} imports${smoke ? " (smoke: sizes too small to measure)" : ""}.\n`,
    );
    printTable(rows);
    console.log(
      "\nplans: EXPLAIN of every statement the case sent. **Seq Scan** marks a watched table (Annotation, AnnotationEvent, Document) read whole " +
        "to keep a fraction of it, which an index would have spared; a Seq Scan the planner expects to keep most of the table's rows " +
        "(the generated workspace holds nearly every document) is named after the index count and not held against the case.",
    );
    // The reference row is no query of the app's: its plans are shown, not held against it.
    const scans = rows.filter((r) => r.plans?.seqScans.length && !r.name.startsWith("reference"));
    if (scans.length > 0 && !smoke) problems.push(`${scans.length} queries read a table sequentially (see "plans")`);
    if (problems.length > 0) {
      console.error(`\n${problems.length} problem(s):\n${problems.map((p) => `- ${p}`).join("\n")}`);
      shutdown.exit(1);
      return;
    }
    shutdown.exit(0);
  } catch (error) {
    console.error(error);
    shutdown.exit(1);
  }
}
