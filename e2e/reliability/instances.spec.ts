/**
 * Two app instances (`next start` twice, ports A and B) on one PostgreSQL, as a deployment behind a
 * load balancer runs them. Within 2 s each: a change made through A reaches a browser connected to
 * B (live update); a list read through B right after a write through A is fresh; and an export
 * started through A, with the instance running it killed (SIGKILL) mid-way, is taken over by the
 * other (and then finishes there; either instance may have taken it from the queue). A
 * single instance killed mid-export and started again finishes it too: the job outlives its process.
 */
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { scriptClient } from "../../prisma/client";
import { startBalancer } from "../../scripts/lib/balancer";
import { bearer, createApiToken } from "./lib/token";
import { startApp, type TAppProcess } from "./lib/app-process";
import { freshDatabase, type TTestDatabase } from "./lib/database";

/** Apart from the crash suite's app (E2E_PORT + 200). */
const BASE_PORT = Number(process.env.E2E_PORT ?? 3000) + 300;
const WITHIN_2_S = 2_000;
/** Copies of the longest demo document in the workspace exported, so that the export is still running when its instance is killed. */
const EXPORT_DOCUMENTS = 40;
const DEMO_PASSWORD = "provenant-demo";

let database: TTestDatabase;
let a: TAppProcess | null = null;
let b: TAppProcess | null = null;
let token: string;
let documentId: string;
let textLength: number;

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  database = await freshDatabase("instances");
  const client = scriptClient(database.url);
  try {
    const editor = await client.user.findUniqueOrThrow({ where: { email: "editor@example.com" }, select: { id: true } });
    const doc = await client.document.findFirstOrThrow({
      where: { deletedAt: null, workspace: { memberships: { some: { userId: editor.id } } } },
      orderBy: { length: "desc" },
      select: { id: true, length: true, text: true, sha256: true },
    });
    ({ id: documentId, length: textLength } = doc);
    token = await createApiToken(client, editor.id, "instances");
    // A workspace large enough for an export to take a while.
    const big = await client.workspace.create({ data: { name: "Export load", memberships: { create: { userId: editor.id, role: "OWNER" } } }, select: { id: true } });
    await client.document.createMany({
      data: Array.from({ length: EXPORT_DOCUMENTS }, (_, i) => ({ workspaceId: big.id, title: `Copy ${i}`, text: doc.text, sha256: doc.sha256, length: doc.length, createdById: editor.id })),
    });
    process.env.PV_INSTANCES_EXPORT_WORKSPACE = big.id;
  } finally {
    await client.$disconnect();
  }
  [a, b] = await Promise.all([startApp({ databaseUrl: database.url, port: BASE_PORT }), startApp({ databaseUrl: database.url, port: BASE_PORT + 1 })]);
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.stop();
});

async function createThrough(app: TAppProcess, note: string): Promise<string> {
  const start = (note.length * 7919) % (textLength - 50);
  const response = await fetch(`${app.url}/api/v1/documents/${documentId}/annotations`, {
    method: "POST",
    headers: { ...bearer(token), "Content-Type": "application/json" },
    body: JSON.stringify({ start, end: start + 12, note }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function listThrough(app: TAppProcess): Promise<{ id: string; note: string }[]> {
  const response = await fetch(`${app.url}/api/v1/documents/${documentId}/annotations`, { headers: bearer(token) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { annotations: { id: string; note: string }[] }).annotations;
}

async function signInOn(page: Page, app: TAppProcess) {
  await page.goto(`${app.url}/login`);
  await page.getByLabel("Email").fill("editor@example.com");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/documents$/);
}

test("a change made through instance A reaches a browser connected to B within 2 s", async ({ page }) => {
  await signInOn(page, b!);
  await page.goto(`${b!.url}/documents/${documentId}`);
  const sidebar = page.getByRole("region", { name: "Annotations" });
  await expect(sidebar.locator(".live-status")).toHaveText("Live");
  const before = await sidebar.locator(".annotation-item").count();
  await createThrough(a!, `made through A at ${Date.now()}`);
  await expect(sidebar.locator(".annotation-item")).toHaveCount(before + 1, { timeout: WITHIN_2_S });
});

test("a list read through B right after a write through A is fresh", async () => {
  // B's kept list is warm first; the write through A must not leave it stale.
  await listThrough(b!);
  await listThrough(b!);
  const started = Date.now();
  const id = await createThrough(a!, `fresh list ${Date.now()}`);
  const ids = (await listThrough(b!)).map((row) => row.id);
  expect(ids).toContain(id);
  expect(Date.now() - started).toBeLessThan(WITHIN_2_S);
});

test("behind the balancer of WORKERS=2, a browser signs in, reads and follows live updates with its requests spread over both instances", async ({ page }) => {
  const balancer = await startBalancer({ port: BASE_PORT + 2, targets: [a!.port, b!.port] });
  try {
    const through = { port: BASE_PORT + 2, url: `http://localhost:${BASE_PORT + 2}` } as TAppProcess;
    await signInOn(page, through);
    expect(page.url()).toBe(`${through.url}/documents`);
    await page.goto(`${through.url}/documents/${documentId}`);
    const sidebar = page.getByRole("region", { name: "Annotations" });
    await expect(sidebar.locator(".live-status")).toHaveText("Live");
    const before = await sidebar.locator(".annotation-item").count();
    // Writes through each instance reach the page, whichever instance holds its stream.
    await createThrough(a!, `balanced A ${Date.now()}`);
    await createThrough(b!, `balanced B ${Date.now()}`);
    await expect(sidebar.locator(".annotation-item")).toHaveCount(before + 2, { timeout: WITHIN_2_S });
    // Every page load alternates instances: the session holds on both.
    for (let i = 0; i < 4; i++) {
      await page.goto(`${through.url}/documents`);
      expect(page.url()).toBe(`${through.url}/documents`);
    }
  } finally {
    await balancer.close();
  }
});

type TJob = { id: string; state: string; done: number; total: number };

async function jobThrough(app: TAppProcess, jobId: string): Promise<TJob> {
  const response = await fetch(`${app.url}/api/v1/exports/${jobId}`, { headers: bearer(token) });
  expect(response.status).toBe(200);
  return (await response.json()) as TJob;
}

/** Starts the big export through `app` and waits until it has read a document or more (it is under way there). */
async function exportUnderWay(app: TAppProcess): Promise<TJob> {
  const response = await fetch(`${app.url}/api/v1/workspaces/${process.env.PV_INSTANCES_EXPORT_WORKSPACE}/exports`, {
    method: "POST",
    headers: { ...bearer(token), "Content-Type": "application/json" },
    body: JSON.stringify({ format: "md" }),
  });
  expect(response.status).toBe(202);
  const { job } = (await response.json()) as { job: TJob };
  await expect.poll(async () => (await jobThrough(app, job.id)).done, { timeout: 30_000, intervals: [100] }).toBeGreaterThan(0);
  return job;
}

/** When the queue's current attempt of an export started, and which attempt it is. */
async function attemptOf(exportId: string) {
  const [row] = await query<{ retryCount: number; startedOn: Date | null; state: string }>(
    `SELECT retry_count AS "retryCount", started_on AS "startedOn", state::text FROM pgboss.job WHERE name = 'workspace-export' AND data->>'exportId' = $1`,
    [exportId],
  );
  return row;
}

/** The port of the instance whose lease session holds a lock (the one running the job: lib/jobs/queue.ts names it by port). */
async function runnerPort(): Promise<number | null> {
  const [row] = await query<{ name: string }>(
    `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE l.locktype = 'advisory' AND a.application_name LIKE 'provenant-leases:%'`,
  );
  return row ? Number(row.name.split(":")[1]) : null;
}

test("an export started through A finishes after the instance running it is killed: the other takes it over within 2 s", async () => {
  test.setTimeout(240_000);
  const job = await exportUnderWay(a!);
  // Either instance may have taken the job from the queue; the one running it is killed. Its lease
  // may follow its first progress by a moment (lib/jobs/queue.ts): waited for.
  await expect.poll(runnerPort, { timeout: 5_000, intervals: [50] }).not.toBeNull();
  const port = await runnerPort();
  expect([a!.port, b!.port]).toContain(port);
  const [victim, survivor] = port === a!.port ? [a!, b!] : [b!, a!];
  const killedAt = Date.now();
  await victim.crash();
  const takenOver = async () => {
    const attempt = await attemptOf(job.id);
    return attempt.state === "active" && attempt.retryCount > 0 && attempt.startedOn!.getTime() >= killedAt - 100 ? "taken over" : JSON.stringify(attempt);
  };
  await expect.poll(takenOver, { timeout: WITHIN_2_S, intervals: [100] }).toBe("taken over");
  expect(await runnerPort()).toBe(survivor.port);
  console.log(`
ran on port ${victim.port}; taken over by port ${survivor.port} ${(await attemptOf(job.id)).startedOn!.getTime() - killedAt} ms after the kill`);
  await expect.poll(async () => (await jobThrough(survivor, job.id)).state, { timeout: 180_000, intervals: [250] }).toBe("DONE");
  console.log(`finished ${Date.now() - killedAt} ms after the kill`);
  const file = await fetch(`${survivor.url}/api/v1/exports/${job.id}/download`, { headers: bearer(token) });
  expect(file.status).toBe(200);
  expect(file.headers.get("content-type")).toMatch(/^text\/markdown/);
  expect((await file.text()).match(/Copy \d+/g)?.length).toBeGreaterThanOrEqual(EXPORT_DOCUMENTS);
});

test("one instance killed mid-export and started again finishes the export", async () => {
  test.setTimeout(240_000);
  await Promise.all([a?.stop(), b?.stop()]);
  b = null;
  a = await startApp({ databaseUrl: database.url, port: BASE_PORT });
  const job = await exportUnderWay(a);
  await a.crash();
  a = await startApp({ databaseUrl: database.url, port: BASE_PORT });
  await expect.poll(async () => (await jobThrough(a!, job.id)).state, { timeout: 180_000, intervals: [250] }).toBe("DONE");
});
