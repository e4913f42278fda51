import "server-only";
import { CLEANUP_SCHEDULE, removeExpiredExports, runExportJob } from "@/lib/exports/jobs";
import { startJobWorkers } from "@/lib/jobs/queue";
import { runMergeJob } from "@/lib/sources/merge";

/** What each queue does, and when the scheduled ones run; every app instance runs them (instrumentation.ts). */
export function runBackgroundJobs(): Promise<void> {
  return startJobWorkers(
    {
      "workspace-export": async (job, { final }) => runExportJob({ jobId: String(job.data.exportId), origin: String(job.data.origin), final }),
      "source-merge": async (job, { final }) => runMergeJob({ mergeId: String(job.data.mergeId), final }),
      "export-cleanup": async () => void (await removeExpiredExports()),
    },
    { "export-cleanup": CLEANUP_SCHEDULE },
  );
}
