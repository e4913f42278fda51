import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CLEANUP_SCHEDULE } from "@/lib/exports/jobs";
import { jobQueue, QUEUE_SCHEMA, sendJob, startJobWorkers, stopJobQueue } from "@/lib/jobs/queue";

afterAll(() => stopJobQueue());

describe("job queue (real database)", () => {
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
    await startJobWorkers(
      {
        "export-cleanup": async (job) => {
          seen.push({ marker: job.data.marker, retryCount: job.retryCount });
          if (job.retryCount === 0) throw new Error("first attempt fails");
        },
      },
      { "export-cleanup": CLEANUP_SCHEDULE },
    );
    // The process that runs jobs runs the schedules too.
    expect((await (await jobQueue()).getSchedules()).map((s) => [s.name, s.cron])).toContainEqual(["export-cleanup", CLEANUP_SCHEDULE]);
    await db().$transaction((tx) => sendJob(tx, "export-cleanup", { marker }));
    await expect.poll(() => seen.filter((s) => s.marker === marker).map((s) => s.retryCount), { timeout: 15_000 }).toEqual([0, 1]);
    expect(seen.some((s) => s.marker === `${marker}-rolled-back`)).toBe(false);
  });
});
