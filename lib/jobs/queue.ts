import "server-only";
import pg from "pg";
import { PgBoss, type JobWithMetadata } from "pg-boss";
import { appConnection, type TTx } from "@/lib/db";

/*
 * Background work on a PostgreSQL job queue (pg-boss, schema "pgboss", created by a migration as
 * the owner; the app's role only reads and writes its rows). Every app instance sends jobs and runs
 * them: a job waits in the table until some instance takes it, so it outlives the process that
 * started it.
 *
 * Leases. pg-boss marks a taken job `active`; an instance that dies mid-job leaves it so until its
 * expiry. To hand it over at once instead, the instance running a job holds a session advisory
 * lock keyed on the job's id, on a connection of its own: PostgreSQL drops the lock the moment that
 * session ends (a `kill -9` closes its socket). Every instance looks every RESCUE_EVERY_MS for
 * active jobs whose lock nobody holds, fails them and makes them due at once: whichever instance
 * polls first runs them again, once (a job that kills its instance twice is given up). A handler
 * that throws is retried with backoff. Retries are bounded per queue (retryLimit).
 */

export const QUEUE_SCHEMA = "pgboss";
/** How long a job may run on one attempt before pg-boss gives it up (a backstop: leases act first). */
const EXPIRE_SECONDS = 60 * 60;
const POLL_SECONDS = 0.5;
/** Jobs of one queue an instance runs at once (a per-instance figure: N instances run N times as many). */
export const JOBS_PER_INSTANCE = 2;
const RESCUE_EVERY_MS = 500;
/** A job just taken gets this long to take its lease before others may think its runner dead. */
const LEASE_GRACE_MS = 500;

export type TQueueName = "workspace-export" | "source-merge" | "export-cleanup";

type THandler = (job: JobWithMetadata<Record<string, unknown>>, attempt: { final: boolean }) => Promise<void>;

const QUEUE_OPTIONS = { retryLimit: 4, retryDelay: 1, retryBackoff: true, retryDelayMax: 60, expireInSeconds: EXPIRE_SECONDS } as const;

type TState = { boss?: Promise<PgBoss>; runner?: Promise<void>; leases?: Leases; workers?: boolean };
const state = globalThis as unknown as { pvJobs?: TState };
const jobs = (): TState => (state.pvJobs ??= {});

/** The queue's connection: the app's own login (or the owner working as the app's role), as the app's pool. */
function bossConfig(workers: boolean) {
  const { connectionString, options } = appConnection();
  return {
    connectionString,
    ...(options ? { options } : {}),
    schema: QUEUE_SCHEMA,
    max: 4,
    application_name: "provenant-jobs",
    // The schema is the migrations' (the app's role may not run DDL): refuse to start on another version.
    migrate: false,
    createSchema: false,
    // Only processes that run jobs supervise them and run the schedules.
    supervise: workers,
    schedule: workers,
    superviseIntervalSeconds: 5,
    reindex: false,
  } as const;
}

async function startBoss(workers: boolean): Promise<PgBoss> {
  const boss = new PgBoss(bossConfig(workers));
  boss.on("error", (error: unknown) => console.error("[jobs]", error));
  await boss.start();
  for (const name of ["workspace-export", "source-merge", "export-cleanup"] satisfies TQueueName[]) {
    await boss.createQueue(name, { ...QUEUE_OPTIONS, partition: false });
  }
  return boss;
}

/** The process's queue, started on first use (without workers unless startJobWorkers ran first). */
export function jobQueue(): Promise<PgBoss> {
  const s = jobs();
  if (!s.boss) {
    s.boss = startBoss(Boolean(s.workers)).catch((error: unknown) => {
      s.boss = undefined;
      throw error;
    });
  }
  return s.boss;
}

/**
 * Adds a job in the caller's transaction: it exists exactly when the rows that describe it commit
 * (an export's row, a merge's record), and not at all after a rollback.
 */
export async function sendJob(tx: TTx, name: TQueueName, data: Record<string, unknown>): Promise<string> {
  const boss = await jobQueue();
  const executeSql = async (text: string, values: unknown[] = []) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) });
  const id = await boss.send(name, data, { db: { executeSql } });
  if (!id) throw new Error(`the ${name} job was not queued`);
  return id;
}

type TOrphan = { id: string; name: TQueueName; retryCount: number; data: Record<string, unknown> };

/** The session advisory locks that show this process is alive and running a job. */
class Leases {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  readonly held = new Set<string>();

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      // Named after the instance's port, so an operator (and the two-instance test) sees which instance runs what.
      const client = new pg.Client({ ...appConnection(), application_name: `provenant-leases:${process.env.PORT ?? ""}` });
      client.on("error", () => {
        // The session and its locks are gone; the next use opens another (and the jobs it held may run twice: they are idempotent).
        if (this.client === client) this.client = null;
      });
      await client.connect();
      this.client = client;
      return client;
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }

  async close() {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  async take(jobId: string) {
    const client = await this.connection();
    this.held.add(jobId);
    await client.query("SELECT pg_advisory_lock(hashtextextended('pv-job:' || $1, 0))", [jobId]);
  }

  async release(jobId: string) {
    this.held.delete(jobId);
    await this.client?.query("SELECT pg_advisory_unlock(hashtextextended('pv-job:' || $1, 0))", [jobId]).catch(() => undefined);
  }

  /** Active jobs of these queues whose runner's session is gone (not this process's own). */
  async orphans(names: TQueueName[]): Promise<TOrphan[]> {
    const client = await this.connection();
    const { rows } = await client.query<TOrphan>(
      `SELECT id::text, name, retry_count AS "retryCount", data FROM ${QUEUE_SCHEMA}.job WHERE name = ANY($1) AND state = 'active' AND started_on < now() - make_interval(secs => $2)`,
      [names, LEASE_GRACE_MS / 1000],
    );
    const orphaned: TOrphan[] = [];
    for (const row of rows) {
      if (this.held.has(row.id)) continue;
      const [{ free }] = (await client.query<{ free: boolean }>("SELECT pg_try_advisory_lock(hashtextextended('pv-job:' || $1, 0)) AS free", [row.id])).rows;
      if (!free) continue;
      await client.query("SELECT pg_advisory_unlock(hashtextextended('pv-job:' || $1, 0))", [row.id]);
      orphaned.push(row);
    }
    return orphaned;
  }
}

/**
 * Runs the handlers in this process: JOBS_PER_INSTANCE jobs at a time per queue, each under a
 * lease, and the rescue of jobs whose runner died. `schedules` are cron expressions (UTC) per queue.
 * A job whose instance dies after an earlier attempt already failed or died is not run again (it
 * could be what kills them): it is cancelled and its queue's `abandon` records that in words.
 * Called once at start (instrumentation.ts), before anything sends a job; again is a no-op.
 */
export function startJobWorkers(options: {
  handlers: Partial<Record<TQueueName, THandler>>;
  schedules?: Partial<Record<TQueueName, string>>;
  abandon?: Partial<Record<TQueueName, (data: Record<string, unknown>) => Promise<void>>>;
}): Promise<void> {
  const { handlers, schedules = {}, abandon = {} } = options;
  const s = jobs();
  if (s.runner) return s.runner;
  // Before the queue starts: a process that runs jobs also supervises them and runs the schedules.
  s.workers = true;
  const leases = (s.leases = new Leases());
  s.runner = (async () => {
    const boss = await jobQueue();
    for (const [name, handler] of Object.entries(handlers) as [TQueueName, THandler][]) {
      await boss.work(name, { pollingIntervalSeconds: POLL_SECONDS, batchSize: 1, localConcurrency: JOBS_PER_INSTANCE, includeMetadata: true }, async ([job]) => {
        await leases.take(job.id);
        try {
          await handler(job as JobWithMetadata<Record<string, unknown>>, { final: job.retryCount >= job.retryLimit });
        } finally {
          await leases.release(job.id);
        }
      });
    }
    for (const [name, cron] of Object.entries(schedules) as [TQueueName, string][]) await boss.schedule(name, cron);
    const names = Object.keys(handlers) as TQueueName[];
    const rescue = async () => {
      if (jobs().leases !== leases) return;
      try {
        for (const orphan of await leases.orphans(names)) {
          if (orphan.retryCount >= 1) {
            await boss.cancel(orphan.name, orphan.id);
            await abandon[orphan.name]?.(orphan.data);
            continue;
          }
          // One attempt spent, but no backoff: the job did not fail, its instance died, so another may start it now.
          await boss.fail(orphan.name, orphan.id, { error: "the instance running it stopped" });
          await boss.update(orphan.name, undefined, { id: orphan.id, startAfter: new Date() });
        }
      } catch (error) {
        console.error("[jobs] rescue", error);
      }
      setTimeout(rescue, RESCUE_EVERY_MS).unref();
    };
    void rescue();
  })().catch((error: unknown) => {
    s.runner = undefined;
    throw error;
  });
  return s.runner;
}

/** Stops this process's queue (tests, shutdown): running jobs are left to the leases of others. */
export async function stopJobQueue(): Promise<void> {
  const s = jobs();
  const boss = s.boss;
  const leases = s.leases;
  s.boss = undefined;
  s.runner = undefined;
  s.leases = undefined;
  s.workers = undefined;
  await leases?.close();
  if (boss) await (await boss).stop({ graceful: false, close: true });
}
