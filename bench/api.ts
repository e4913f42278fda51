/**
 * `npm run bench:api`: the JSON API under load, with autocannon against a production build (`next
 * start`, port 3210) on a fresh embedded PostgreSQL (profile `bench-api`, port 54359). Two scenarios,
 * each at 1, 8, 32 and 128 concurrent connections, authenticated as an API client would be (a
 * personal API token of the demo editor, `Authorization: Bearer pv_…`):
 *
 * - create: POST /api/v1/documents/:id/annotations, every request a distinct span of the 195 KB
 *   corpus document (a copy that starts empty), so each create anchors, inserts and records its event;
 * - list: GET /api/v1/documents/:id/annotations on a copy of that document with 2,000 annotations.
 *
 * Prints throughput, p50/p95/p99 latency (over every response, from autocannon's per-response
 * times) and errors: non-2xx by status, timeouts, connection errors, and 503s without Retry-After.
 * A 503 with Retry-After (the pool is saturated) is allowed; anything else non-2xx, a timeout or a
 * broken connection makes the bench exit non-zero. Afterwards it checks in the database that every
 * annotation created has exactly one CREATED event.
 *
 * `--smoke`: 1 and 8 connections, 2 s each, 200 annotations on the listed document.
 */
import type { IncomingHttpHeaders } from "node:http";
import os from "node:os";
import autocannon from "autocannon";
import { quoteSelector } from "../lib/anchoring/selectors";
import { needsEvidence, STATUSES } from "../lib/statuses";
import { createApiToken } from "./lib/api-token";
import { startBench, startServer } from "./lib/app-server";
import { generateSpans, seededRandom, type TSpan } from "./lib/spans";
import { markdownTable } from "./lib/table";
import { scriptClient } from "../prisma/client";
import { DEMO_WORKSPACE } from "../prisma/demo";
import { startBalancer } from "../scripts/lib/balancer";
import { createShutdown } from "../scripts/lib/database";

const SMOKE = process.argv.includes("--smoke");
const CONNECTIONS = SMOKE ? [1, 8] : [1, 8, 32, 128];
const DURATION_S = SMOKE ? 2 : 10;
const WARMUP_S = SMOKE ? 1 : 3;
const LIST_COUNT = SMOKE ? 200 : 2_000;
const PORT = 3210;
const BASE_URL = `http://localhost:${PORT}`;
/** The second app process and the balancer in front of both (scripts/lib/balancer.ts), for the 2-process row. */
const SECOND_PORT = PORT + 1;
const BALANCER_PORT = PORT + 2;
const BALANCED_URL = `http://localhost:${BALANCER_PORT}`;
const DOCUMENT_TITLE = "Khojaly Genocide (Presidential Library compilation)";
const EDITOR_EMAIL = "editor@example.com";
const SEED = 0x0a91_2026;
const INSERT_BATCH = 1_000;
/** Spans prepared for the creates; more than any run makes (a create takes ≥ 1 ms per connection). */
const CREATE_SPANS = SMOKE ? 20_000 : 200_000;
/** autocannon gives up on a response after this long and counts a timeout. */
const TIMEOUT_S = 10;
const WAIT_MS = 60_000;
/** The whole bench gives up (and cleans up) after this long. */
const DEADLINE_MS = 10 * 60_000;

/** issue 7, "Speed" 2: create at 32 concurrent clients; the list's target names no concurrency, so one client. */
const TARGETS = { create: { connections: 32, p95: 20 }, list: { connections: 1, p95: 50 } } as const;

type TScenario = "create" | "list";
type TRun = {
  scenario: TScenario;
  /** App processes behind the address loaded: 1 (next start itself), or 2 behind the balancer of `WORKERS=2 npm start`. */
  processes: number;
  connections: number;
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
  missingRetryAfter: number;
  timeouts: number;
  errors: number;
};
type TFixture = { token: string; listDocumentId: string; createDocumentId: string; text: string; length: number };

const shutdown = createShutdown();

function log(message: string) {
  process.stdout.write(`[bench] ${message}\n`);
}

// ---------------------------------------------------------------- data

/**
 * Two copies of the corpus document in the demo workspace (one with LIST_COUNT annotations inserted
 * directly, one empty for the creates) and a READ_WRITE token of the demo editor, made in the
 * database as the token settings page would (only its hash is stored).
 */
async function createFixture(databaseUrl: string): Promise<TFixture> {
  const prisma = scriptClient(databaseUrl);
  try {
    const editor = await prisma.user.findUniqueOrThrow({ where: { email: EDITOR_EMAIL }, select: { id: true } });
    const original = await prisma.document.findFirstOrThrow({
      where: { title: DOCUMENT_TITLE, workspace: { name: DEMO_WORKSPACE } },
      select: { workspaceId: true, text: true, sha256: true, length: true },
    });
    const copy = (title: string) =>
      prisma.document.create({ data: { ...original, title: `${DOCUMENT_TITLE} (${title})`, createdById: editor.id }, select: { id: true, revision: true } });
    const listed = await copy(`bench-api, ${LIST_COUNT.toLocaleString("en-US")} annotations`);
    const created = await copy("bench-api, creates");

    // A third of the listed annotations cite a source, so the list joins sources as in real use.
    const sources = await prisma.source.findMany({ where: { workspaceId: original.workspaceId }, select: { id: true }, take: 10 });
    const spans = generateSpans(LIST_COUNT, original.length, seededRandom(SEED));
    const rows = spans.map((span, i) => ({
      workspaceId: original.workspaceId,
      documentId: listed.id,
      documentRevision: listed.revision,
      start: span.start,
      end: span.end,
      ...quoteSelector(original.text, span, original.length),
      status: span.status,
      sourceId: sources.length > 0 && i % 3 === 0 ? sources[i % sources.length].id : null,
      createdById: editor.id,
      updatedById: editor.id,
    }));
    for (let i = 0; i < rows.length; i += INSERT_BATCH) await prisma.annotation.createMany({ data: rows.slice(i, i + INSERT_BATCH) });

    const token = await createApiToken(prisma, editor.id, "bench-api");
    return { token, listDocumentId: listed.id, createDocumentId: created.id, text: original.text, length: original.length };
  } finally {
    await prisma.$disconnect();
  }
}

/** Every annotation on the create document has exactly one CREATED event (written in its transaction). */
async function checkCreates(databaseUrl: string, documentId: string): Promise<{ annotations: number; withoutEvent: number; extraEvents: number }> {
  const prisma = scriptClient(databaseUrl);
  try {
    const [row] = await prisma.$queryRaw<Array<{ annotations: bigint; without_event: bigint; extra: bigint }>>`
      SELECT count(*) AS annotations,
             count(*) FILTER (WHERE e.n IS NULL) AS without_event,
             count(*) FILTER (WHERE e.n > 1) AS extra
      FROM "Annotation" a
      LEFT JOIN (SELECT "annotationId", count(*) AS n FROM "AnnotationEvent" WHERE type = 'CREATED' GROUP BY "annotationId") e ON e."annotationId" = a.id
      WHERE a."documentId" = ${documentId}`;
    return { annotations: Number(row.annotations), withoutEvent: Number(row.without_event), extraEvents: Number(row.extra) };
  } finally {
    await prisma.$disconnect();
  }
}

// ---------------------------------------------------------------- load

/** Statuses a new annotation may have without evidence. */
const CREATE_STATUSES = STATUSES.filter((status) => !needsEvidence(status));

/** A request body per call, each a different span of the text (with its quote, as a client sends it). */
function createBodies(fixture: TFixture): () => string {
  const spans: TSpan[] = generateSpans(CREATE_SPANS, fixture.length, seededRandom(SEED + 1));
  const codePoints = Array.from(fixture.text);
  let next = 0;
  return () => {
    const span = spans[next++ % spans.length];
    const status = CREATE_STATUSES[next % CREATE_STATUSES.length];
    return JSON.stringify({ start: span.start, end: span.end, exact: codePoints.slice(span.start, span.end).join(""), status, note: `bench ${next}` });
  };
}

function requestFor(scenario: TScenario, fixture: TFixture, onResponse: (status: number, headers: IncomingHttpHeaders) => void): autocannon.Request {
  const respond = (status: number, _body: string, _context: object, headers: IncomingHttpHeaders | undefined) => onResponse(status, headers ?? {});
  if (scenario === "list") return { method: "GET", path: `/api/v1/documents/${fixture.listDocumentId}/annotations`, onResponse: respond };
  const nextBody = createBodies(fixture);
  return {
    method: "POST",
    path: `/api/v1/documents/${fixture.createDocumentId}/annotations`,
    setupRequest: (request) => ({ ...request, body: nextBody() }),
    onResponse: respond,
  };
}

/** One autocannon run; the latency of every response is kept, so any percentile can be taken. */
function load(scenario: TScenario, fixture: TFixture, connections: number, seconds: number, processes = 1): Promise<TRun> {
  const run: TRun = { scenario, processes, connections, seconds, latencies: [], statuses: new Map(), missingRetryAfter: 0, timeouts: 0, errors: 0 };
  const onResponse = (status: number, headers: IncomingHttpHeaders) => {
    run.statuses.set(status, (run.statuses.get(status) ?? 0) + 1);
    if (status === 503 && !Object.keys(headers).some((name) => name.toLowerCase() === "retry-after")) run.missingRetryAfter++;
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: processes === 1 ? BASE_URL : BALANCED_URL,
        connections,
        duration: seconds,
        timeout: TIMEOUT_S,
        headers: { authorization: `Bearer ${fixture.token}`, "content-type": "application/json", accept: "application/json" },
        requests: [requestFor(scenario, fixture, onResponse)],
      },
      (error, result) => {
        if (error) return reject(error);
        run.seconds = result.duration;
        run.timeouts = result.timeouts;
        run.errors = result.errors - result.timeouts;
        resolve(run);
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => run.latencies.push(responseTime));
  });
}

// ---------------------------------------------------------------- report

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const formatMs = (ms: number) => (Number.isNaN(ms) ? "–" : ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en-US"));

/** Non-2xx answers by status, e.g. "503×12 (Retry-After on all)". */
function nonSuccess(run: TRun): string {
  const parts = [...run.statuses].filter(([status]) => status < 200 || status > 299).map(([status, count]) => `${status}×${count}`);
  if (parts.length === 0) return "0";
  const retry = run.statuses.has(503) ? (run.missingRetryAfter === 0 ? " (503s all with Retry-After)" : ` (${run.missingRetryAfter} 503s WITHOUT Retry-After)`) : "";
  return parts.join(", ") + retry;
}

/** Anything but 2xx and 503-with-Retry-After, and any timeout or broken connection. */
function unexpected(run: TRun): number {
  const bad = [...run.statuses].filter(([status]) => (status < 200 || status > 299) && status !== 503).reduce((sum, [, count]) => sum + count, 0);
  return bad + run.missingRetryAfter + run.timeouts + run.errors;
}

function targetCell(run: TRun, p95: number): string {
  const target = TARGETS[run.scenario];
  if (run.connections !== target.connections) return "";
  // Smoke runs are small (200 annotations, 2 s): they show the bench works, not the figure.
  if (SMOKE) return `≤ ${target.p95} ms p95 (not judged in --smoke)`;
  return `≤ ${target.p95} ms p95: ${p95 <= target.p95 ? "met" : "MISSED"}`;
}

function resultRow(run: TRun): string[] {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  return [
    run.processes === 1 ? run.scenario : `${run.scenario}, ${run.processes} processes`,
    String(run.connections),
    sorted.length.toLocaleString("en-US"),
    Math.round(sorted.length / run.seconds).toLocaleString("en-US"),
    formatMs(percentile(sorted, 50)),
    formatMs(p95),
    formatMs(percentile(sorted, 99)),
    formatMs(sorted[sorted.length - 1] ?? NaN),
    nonSuccess(run),
    String(run.timeouts),
    String(run.errors),
    targetCell(run, p95),
  ];
}

const HEADERS = ["scenario", "connections", "responses", "req/s", "p50, ms", "p95, ms", "p99, ms", "max, ms", "non-2xx", "timeouts", "conn. errors", "target"];
const TEXT_COLUMNS = new Set([0, 8, 11]);

function printReport(runs: readonly TRun[], fixture: TFixture) {
  console.log(
    `\nAPI under load: autocannon ${DURATION_S} s per row after a ${WARMUP_S} s warm-up, next start (production build), ` +
      `${os.cpus().length} cores shared with PostgreSQL and autocannon; Bearer token of ${EDITOR_EMAIL}.\n` +
      `create: POST /api/v1/documents/:id/annotations, a distinct span of the ${fixture.length.toLocaleString("en-US")}-code-point document each; ` +
      `list: GET /api/v1/documents/:id/annotations with ${LIST_COUNT.toLocaleString("en-US")} annotations.\n`,
  );
  console.log(markdownTable(HEADERS, runs.map(resultRow), TEXT_COLUMNS));
  console.log(
    "\nLatency over every response (autocannon's per-response time). non-2xx: by status; a 503 must carry Retry-After " +
      "(the pool is saturated). Targets: issue 7, \"Speed\" 2.",
  );
}

// ---------------------------------------------------------------- main

async function measure(fixture: TFixture, scenario: TScenario): Promise<TRun[]> {
  log(`${scenario}: warm-up`);
  await load(scenario, fixture, 8, WARMUP_S);
  const runs: TRun[] = [];
  for (const connections of CONNECTIONS) {
    const run = await load(scenario, fixture, connections, DURATION_S);
    const p95 = percentile([...run.latencies].sort((a, b) => a - b), 95);
    log(`${scenario} × ${connections}: ${run.latencies.length} responses, p95 ${formatMs(p95)} ms, non-2xx ${nonSuccess(run)}`);
    runs.push(run);
  }
  return runs;
}

async function main() {
  const databaseUrl = await startBench({ shutdown, profile: "bench-api", deadlineMs: DEADLINE_MS });
  const fixture = await createFixture(databaseUrl);
  log(`inserted ${LIST_COUNT.toLocaleString("en-US")} annotations; token created`);
  await startServer({ databaseUrl, port: PORT, waitMs: WAIT_MS, shutdown });

  const runs = [...(await measure(fixture, "create")), ...(await measure(fixture, "list"))];
  // The same create load at 32 clients through a balancer over two app processes (`WORKERS=2 npm start`).
  await startServer({ databaseUrl, port: SECOND_PORT, waitMs: WAIT_MS, shutdown });
  const balancer = await startBalancer({ port: BALANCER_PORT, targets: [PORT, SECOND_PORT] });
  shutdown.add(balancer.close);
  await load("create", fixture, 8, WARMUP_S, 2);
  const twoProcesses = await load("create", fixture, TARGETS.create.connections, DURATION_S, 2);
  log(`create × ${TARGETS.create.connections}, 2 processes: p95 ${formatMs(percentile([...twoProcesses.latencies].sort((a, b) => a - b), 95))} ms`);
  // Right after the single-process create rows.
  runs.splice(runs.filter((run) => run.scenario === "create").length, 0, twoProcesses);
  printReport(runs, fixture);

  const created = await checkCreates(databaseUrl, fixture.createDocumentId);
  const createdOk = runs.filter((r) => r.scenario === "create").reduce((sum, r) => sum + [...r.statuses].filter(([s]) => s === 201).reduce((n, [, c]) => n + c, 0), 0);
  console.log(
    `\nCreates: ${createdOk.toLocaleString("en-US")} answered 201 (warm-up not counted); ${created.annotations.toLocaleString("en-US")} annotations on the document, ` +
      `${created.withoutEvent} without a CREATED event, ${created.extraEvents} with more than one.`,
  );
  const problems = runs.reduce((sum, run) => sum + unexpected(run), 0) + created.withoutEvent + created.extraEvents;
  const noSuccess = runs.filter((run) => ![...run.statuses.keys()].some((s) => s >= 200 && s <= 299));
  if (problems > 0 || noSuccess.length > 0) {
    console.error(`[bench] FAILED: ${problems} unexpected answers, timeouts or missing events; ${noSuccess.length} runs without a single success`);
    shutdown.exit(1);
    return;
  }
  shutdown.exit(0);
}

main().catch((error) => {
  console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
  shutdown.exit(1);
});
