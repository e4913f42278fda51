/**
 * Next.js calls register() once when a server starts. The checks live in a Node-only module so the
 * Edge bundle of this file never sees process.exit. Every instance then runs the background jobs
 * (lib/jobs), unless PV_JOBS=0.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { guardForwardingHeaders, refuseUnsafeStart } = await import("@/lib/startup");
  refuseUnsafeStart();
  guardForwardingHeaders();
  if (process.env.NEXT_PHASE === "phase-production-build" || process.env.PV_JOBS === "0") return;
  const { runBackgroundJobs } = await import("@/lib/jobs/handlers");
  const start = () =>
    runBackgroundJobs().catch((error: unknown) => {
      console.error("[jobs] could not start the job workers; trying again in 5 s", error);
      setTimeout(start, 5_000).unref();
    });
  void start();
}
