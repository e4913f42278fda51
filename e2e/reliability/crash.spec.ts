/**
 * Crashes under a write load. The suite's own PostgreSQL ("crash" profile) and `next start` on
 * port 3300 take 16 clients creating annotations through the API; mid-load the app server (in one
 * test) or the PostgreSQL postmaster (in the other) is killed with SIGKILL and started again.
 * Afterwards every create that was answered 201 exists with its CREATED event, no annotation
 * exists without an event, requests succeed again after the restart, and every request that failed
 * meanwhile failed visibly: a 503 or a refused/reset connection, never a 500 or a hang.
 */
import { expect, test } from "@playwright/test";
import pg from "pg";
import { markdownTable } from "../../bench/lib/table";
import { scriptClient } from "../../prisma/client";
import type { Database } from "../../scripts/lib/database";
import { suiteSize } from "../fixtures/suite";
import { startApp, type TAppProcess } from "./lib/app-process";
import { freshDatabase, profileDatabase, type TTestDatabase } from "./lib/database";
import { startLoad, type TLoadReport } from "./lib/load";
import { crashPostgres } from "./lib/postgres";
import { createApiToken } from "./lib/token";

const PORT = 3300;
const CLIENTS = 16;
/** Creates acknowledged before the first crash and after each restart (the proof that writes work again). */
const PER_PHASE = suiteSize({ full: 300, smoke: 40 });
/** Crash-and-restart cycles per test. */
const CYCLES = suiteSize({ full: 3, smoke: 1 });
/** How long PostgreSQL stays down, so that requests meet the outage. */
const OUTAGE_MS = suiteSize({ full: 3_000, smoke: 1_500 });
/** Writes must work again within this long after a restart. */
const RECOVERY_MS = 60_000;

type TWriter = { token: string; documentId: string; textLength: number };

let database: TTestDatabase;
/** The PostgreSQL server now running (the one started after a crash replaces the first); null while down. */
let server: Database | null = null;
let app: TAppProcess | null = null;
let writer: TWriter;

/** The demo editor's token and the longest demo document, on the crash database. */
async function prepareWriter(url: string): Promise<TWriter> {
  const client = scriptClient(url);
  try {
    const editor = await client.user.findUniqueOrThrow({ where: { email: "editor@example.com" }, select: { id: true } });
    const doc = await client.document.findFirstOrThrow({
      where: { deletedAt: null, workspace: { memberships: { some: { userId: editor.id } } } },
      orderBy: { length: "desc" },
      select: { id: true, length: true },
    });
    return { token: await createApiToken(client, editor.id, "crash load"), documentId: doc.id, textLength: doc.length };
  } finally {
    await client.$disconnect();
  }
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  database = await freshDatabase("crash");
  server = database;
  writer = await prepareWriter(database.url);
  app = await startApp({ databaseUrl: database.url, port: PORT });
});

test.afterAll(async () => {
  await app?.stop();
  // A server object whose postmaster was killed never stops (it waits for an exit already past).
  await server?.stop();
});

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A 503 (the app's answer when the database is away), or a connection the dead server refused or
 * cut, before or during the answer (a 201 whose body never came carries no id: not acknowledged).
 */
function acceptableFailure(outcome: string): boolean {
  return outcome.startsWith("503 ") || / body cut off /.test(outcome) || /^(ECONNREFUSED|ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED|SocketError)$/.test(outcome);
}

function printReport(title: string, report: TLoadReport, stored: number, durationMs: number) {
  const rows = [
    ["requests", String(report.requests)],
    ["acknowledged (201)", String(report.acknowledged.length)],
    ["stored (rows of this load)", String(stored)],
    ["committed, answer lost in the crash", String(stored - report.acknowledged.length)],
    ...Object.entries(report.failures).map(([outcome, count]) => [`failed: ${outcome}`, String(count)]),
    ["duration", `${(durationMs / 1000).toFixed(1)} s`],
  ];
  console.log(`\n${title}\n${markdownTable(["", "count"], rows, new Set([0]))}\n`);
}

/** Runs the load, crashes and restarts `CYCLES` times with `crashAndRestart`, then checks what the database holds. */
async function crashUnderLoad(title: string, tag: string, crashAndRestart: () => Promise<void>) {
  const started = Date.now();
  const load = startLoad({ baseUrl: `http://localhost:${PORT}`, ...writer, clients: CLIENTS, tag });
  let report: TLoadReport;
  try {
    await load.acknowledgedMore(PER_PHASE, RECOVERY_MS);
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      await crashAndRestart();
      // Requests after the restart succeed: the app (and its pool) recovered.
      await load.acknowledgedMore(PER_PHASE, RECOVERY_MS);
    }
  } finally {
    report = await load.stop();
  }

  const [{ stored }] = await query<{ stored: number }>(`SELECT count(*)::int AS stored FROM "Annotation" WHERE note LIKE $1`, [`${tag} %`]);
  printReport(title, report, stored, Date.now() - started);

  // Every acknowledged create is there, with its CREATED event.
  const lost = await query<{ id: string }>(
    `SELECT acked.id FROM unnest($1::text[]) AS acked(id)
     WHERE NOT EXISTS (SELECT 1 FROM "Annotation" a WHERE a.id = acked.id)
        OR NOT EXISTS (SELECT 1 FROM "AnnotationEvent" e WHERE e."annotationId" = acked.id AND e.type = 'CREATED')`,
    [report.acknowledged],
  );
  expect(lost.map((r) => r.id), "acknowledged creates missing or without their CREATED event").toEqual([]);
  expect(new Set(report.acknowledged).size, "each acknowledgement names its own annotation").toBe(report.acknowledged.length);
  // No annotation without its history: the row and its event commit together or not at all.
  const orphans = await query<{ id: string }>(
    `SELECT a.id FROM "Annotation" a LEFT JOIN "AnnotationEvent" e ON e."annotationId" = a.id AND e.type = 'CREATED' WHERE e.id IS NULL`,
  );
  expect(orphans.map((r) => r.id), "annotations without a CREATED event").toEqual([]);
  expect(stored).toBeGreaterThanOrEqual(report.acknowledged.length);
  // The crash did not go unnoticed by the load, and what failed failed visibly.
  const unacceptable = Object.entries(report.failures).filter(([outcome]) => !acceptableFailure(outcome));
  expect(unacceptable, `failures other than 503 or a refused/cut connection (500s, 4xx, hangs); the app logged:\n${app?.stderr().slice(-3_000)}`).toEqual([]);
}

test("kill -9 of the app server under a write load: acknowledged creates survive with their events; writes resume after restart", async () => {
  await crashUnderLoad(`App server SIGKILL under ${CLIENTS} writers (${CYCLES} cycle(s))`, `app-crash-${Date.now()}`, async () => {
    await app?.crash();
    app = null;
    app = await startApp({ databaseUrl: database.url, port: PORT });
  });
});

/** A live stream (SSE) of the document, read in the background into one string, as a browser tab would hold it open. */
function openLiveStream(documentId: string) {
  const abort = new AbortController();
  let text = "";
  const reading = (async () => {
    const response = await fetch(`http://localhost:${PORT}/api/v1/documents/${documentId}/live`, { headers: { Authorization: `Bearer ${writer.token}` }, signal: abort.signal });
    expect(response.status).toBe(200);
    const decoder = new TextDecoder();
    const reader = response.body?.getReader();
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) text += decoder.decode(chunk.value, { stream: true });
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) text += `\n[stream ended: ${String(error)}]`;
  });
  return {
    text: () => text,
    close: async () => {
      abort.abort();
      await reading;
    },
  };
}

test("kill -9 of the PostgreSQL postmaster under a write load: crash recovery keeps acknowledged creates; the app reconnects", async () => {
  // A reader kept open across the crash: the app's LISTEN connection must come back and replay.
  const live = openLiveStream(writer.documentId);
  await expect.poll(() => live.text(), { message: "the live stream is ready" }).toContain("event: ready");
  await crashUnderLoad(`PostgreSQL SIGKILL under ${CLIENTS} writers (${CYCLES} cycle(s), down ${OUTAGE_MS / 1000} s each)`, `pg-crash-${Date.now()}`, async () => {
    await crashPostgres(database.dataDir);
    server = null;
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    // The same data directory: PostgreSQL replays its WAL (crash recovery) before it accepts connections.
    server = await profileDatabase("crash");
    expect(server.url).toBe(database.url);
  });
  // A create after the restart reaches the stream opened before the crash.
  const after = await fetch(`http://localhost:${PORT}/api/v1/documents/${writer.documentId}/annotations`, {
    method: "POST",
    headers: { Authorization: `Bearer ${writer.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ start: 0, end: 5, note: "after the database crash" }),
  });
  expect(after.status).toBe(201);
  const { id } = (await after.json()) as { id: string };
  await expect.poll(() => live.text(), { message: "the event of a create after the restart on the live stream", timeout: 60_000 }).toContain(id);
  await live.close();
});
