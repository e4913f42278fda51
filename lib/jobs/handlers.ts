import "server-only";
import { abandonExportJob, CLEANUP_SCHEDULE, removeExpiredExports, runExportJob } from "@/lib/exports/jobs";
import { startJobWorkers } from "@/lib/jobs/queue";
import { abandonMergeJob, runMergeJob } from "@/lib/sources/merge";

/** What each queue does, when the scheduled ones run, and what a job given up leaves; every app instance runs them (instrumentation.ts). */
export function runBackgroundJobs(): Promise<void> {
  return startJobWorkers({
    handlers: {
      "workspace-export": async (job, { final }) => runExportJob({ jobId: String(job.data.exportId), origin: String(job.data.origin), final }),
      "source-merge": async (job, { final }) => runMergeJob({ mergeId: String(job.data.mergeId), final }),
      "export-cleanup": async () => void (await removeExpiredExports()),
    },
    schedules: { "export-cleanup": CLEANUP_SCHEDULE },
    abandon: {
      "workspace-export": (data) => abandonExportJob(String(data.exportId)),
      "source-merge": (data) => abandonMergeJob(String(data.mergeId)),
    },
  });
}
