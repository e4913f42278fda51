import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CLEANUP_SCHEDULE } from "@/lib/exports/jobs";
import { jobQueue, QUEUE_SCHEMA, sendJob, startJobWorkers, stopJobQueue } from "@/lib/jobs/queue";

afterAll(() => stopJobQueue());

describe("job queue (real database)", () => {
  const abandoned: unknown[] = [];

  it("runs on the schema the migrations created: the version this pg-boss expects, owned by the owner, not the app's role", async () => {
    const boss = await jobQueue();
    expect(await boss.schemaVersion()).toBe(46);
    expect(await boss.isInstalled()).toBe(true);
    const [{ owner, canCreate }] = await db().$queryRaw<{ owner: string; canCreate: boolean }[]>`
      SELECT pg_get_userbyid(nspowner) AS owner, has_schema_privilege(current_user, ${QUEUE_SCHEMA}, 'CREATE') AS "canCreate" FROM pg_namespace WHERE nspname = ${QUEUE_SCHEMA}`;
    expect(owner).not.toBe("provenant_app");
    expect(canCreate).toBe(false);
  });

  it("a job queued in a transaction that rolls back never exists; one committed runs, and a failure is retried", async () => {
    const marker = `t-${Date.now()}`;
    await expect(
      db().$transaction(async (tx) => {
        await sendJob(tx, "export-cleanup", { marker: `${marker}-rolled-back` });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    const seen: { marker: unknown; retryCount: number }[] = [];
    await stopJobQueue();
    await startJobWorkers({
      handlers: {
        "export-cleanup": async (job) => {
          seen.push({ marker: job.data.marker, retryCount: job.retryCount });
          if (job.retryCount === 0) throw new Error("first attempt fails");
        },
        "workspace-export": async () => {
          throw new Error("never run in this test");
        },
      },
      schedules: { "export-cleanup": CLEANUP_SCHEDULE },
      abandon: { "workspace-export": async (data) => void abandoned.push(data.marker) },
    });
    // The process that runs jobs runs the schedules too.
    expect((await (await jobQueue()).getSchedules()).map((s) => [s.name, s.cron])).toContainEqual(["export-cleanup", CLEANUP_SCHEDULE]);
    await db().$transaction((tx) => sendJob(tx, "export-cleanup", { marker }));
    await expect.poll(() => seen.filter((s) => s.marker === marker).map((s) => s.retryCount), { timeout: 15_000 }).toEqual([0, 1]);
    expect(seen.some((s) => s.marker === `${marker}-rolled-back`)).toBe(false);
  });

  it("a job whose instance died is run again at once; one whose instance died after an earlier attempt is given up", async () => {
    const boss = await jobQueue();
    const orphan = async (marker: string, retryCount: number) => {
      // Not due for an hour, so that no worker takes it before it is made to look taken.
      const id = (await boss.send("workspace-export", { marker, exportId: "none" }, { startAfter: 3600 }))!;
      // As an instance that took it and was killed leaves it: active, and no lease held.
      await db().$executeRaw`UPDATE pgboss.job SET state = 'active', started_on = now() - interval '5 seconds', retry_count = ${retryCount} WHERE id = ${id}::uuid`;
      return id;
    };
    const first = await orphan("died once", 0);
    const second = await orphan("died again", 1);
    const stateOf = async (id: string) => (await boss.getJobById("workspace-export", id))?.state;
    // "At once" is about a second (e2e/reliability/instances.spec.ts measures it); a busy test run gets longer.
    await expect.poll(() => stateOf(second), { timeout: 15_000 }).toBe("cancelled");
    expect(abandoned).toContain("died again");
    // The first is due again at once (and here its handler fails, so it waits for its retry with backoff).
    await expect.poll(async () => (await boss.getJobById("workspace-export", first))?.retryCount ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(abandoned).not.toContain("died once");
  });
});
