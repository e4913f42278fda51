import "server-only";
import { requireMember, visibleDocuments } from "@/lib/access";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { exportWorkspaceFile, reportOptions } from "@/lib/exports/download";
import { renderExport, REPORT_PARTS, type TExportFile } from "@/lib/exports/registry";
import { MAX_RUNNING_EXPORTS, SYNC_EXPORT_MAX_DOCUMENTS, ZStartExport, type TExportJob, type TStartExportParsed } from "@/lib/exports/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { loadWorkspaceReport } from "@/lib/reports/load";
import type { TExportFormat, ZReportQuery } from "@/lib/reports/schemas";
import type { z } from "zod";
import { sendJob } from "@/lib/jobs/queue";

/**
 * Workspace-wide exports built in the background, as ExportJob rows that the browser polls for
 * progress (`done` of `total` documents read). The work runs on the job queue (lib/jobs/queue.ts):
 * any app instance takes it, and when the instance running it dies, another starts it again from
 * the first document. The runner writes progress at most every PROGRESS_EVERY_MS and stops at the
 * next document once the job is no longer RUNNING (cancelled, or given up as stale). A job that
 * made no progress for STALE_AFTER_MS (its retries spent) is FAILED when read. Finished jobs and
 * their files are deleted KEEP_FOR_MS later by a scheduled job (removeExpiredExports).
 */
const PROGRESS_EVERY_MS = 200;
export const STALE_AFTER_MS = 10 * 60 * 1000;
export const KEEP_FOR_MS = 24 * 60 * 60 * 1000;
/** How often the clean-up runs (cron, UTC). */
export const CLEANUP_SCHEDULE = "*/15 * * * *";

const jobSelect = {
  id: true,
  workspaceId: true,
  userId: true,
  format: true,
  options: true,
  state: true,
  done: true,
  total: true,
  fileName: true,
  error: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.ExportJobSelect;
type TJobRow = Prisma.ExportJobGetPayload<{ select: typeof jobSelect }>;

function presentJob(row: TJobRow): TExportJob {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    format: row.format as TExportFormat,
    state: row.state,
    done: row.done,
    total: row.total,
    fileName: row.fileName,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the job was asked for, as stored in its `options` column. */
type TJobOptions = Omit<TStartExportParsed, "format">;

class Stopped extends Error {}

/**
 * Starts a workspace export for a member (VIEWER and up): checks the documents, records the job and
 * queues its work, in one transaction. 422 when a named document is not the workspace's, 429 with
 * MAX_RUNNING_EXPORTS of one's own still running: counted under a lock on the member taken in the
 * same transaction, so parallel requests cannot all pass the count.
 */
export async function createExportJob(options: { userId: string; workspaceId: string; input: TStartExportParsed; origin: string }): Promise<TExportJob> {
  const { userId, workspaceId, input } = options;
  await requireMember({ userId, workspaceId });
  await expireStale({ userId });
  const wanted = input.documents?.length ? [...new Set(input.documents)] : undefined;
  const total = await db().document.count({ where: { ...visibleDocuments(userId), workspaceId, ...(wanted ? { id: { in: wanted } } : {}) } });
  if (wanted && total !== wanted.length) throw new AppError("VALIDATION", "Some documents are not in this workspace", { documents: "Some of these documents are not in this workspace" });
  const { format, ...rest } = input;
  const jobOptions: TJobOptions = { ...rest, documents: wanted };
  const row = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('export-cap:' || ${userId}, 0))`;
    const running = await tx.exportJob.count({ where: { userId, state: "RUNNING" } });
    if (running >= MAX_RUNNING_EXPORTS) throw new AppError("RATE_LIMITED", `You have ${running} exports running: wait for one to finish, or cancel one`);
    const created = await tx.exportJob.create({ data: { workspaceId, userId, format, options: jobOptions, total }, select: jobSelect });
    await sendJob(tx, "workspace-export", { exportId: created.id, origin: options.origin });
    return created;
  });
  return presentJob(row);
}

/**
 * GET /api/v1/workspaces/:id/export: the file at once for a small export, else the same export as a
 * background job (counted against the member's cap like any other) for the caller to answer 202.
 */
export async function exportWorkspaceNowOrLater(options: {
  userId: string;
  workspaceId: string;
  origin: string;
  query: z.output<typeof ZReportQuery>;
}): Promise<{ file: TExportFile } | { job: TExportJob }> {
  const { userId, workspaceId, query } = options;
  const ids = query.documents?.length ? [...new Set(query.documents)] : undefined;
  const count = await db().document.count({ where: { ...visibleDocuments(userId), workspaceId, ...(ids ? { id: { in: ids } } : {}) } });
  if (count <= SYNC_EXPORT_MAX_DOCUMENTS || !query.format) return { file: await exportWorkspaceFile(options) };
  const input = ZStartExport.parse({ format: query.format, documents: ids, statuses: query.statuses, text: query.text, comments: query.comments });
  return { job: await createExportJob({ userId, workspaceId, input, origin: options.origin }) };
}

/** The scheduled clean-up: exports silent too long are given up, and finished ones deleted with their files KEEP_FOR_MS after they were started. */
export async function removeExpiredExports(now = new Date()): Promise<number> {
  await expireStale({});
  const { count } = await db().exportJob.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEEP_FOR_MS) }, state: { not: "RUNNING" } } });
  return count;
}

/**
 * Builds the job's file, a document at a time, and stores it. A failure is the job's FAILED state
 * with a message, or a throw for the queue to retry (see `final`). `afterDocument` and
 * `progressEveryMs` let tests step through it.
 */
export async function runExportJob(options: {
  jobId: string;
  origin: string;
  progressEveryMs?: number;
  afterDocument?: (done: number, total: number) => Promise<void>;
  /** False while the queue will try again: an unexpected failure (the database away) is thrown for a retry instead of failing the job. */
  final?: boolean;
}): Promise<void> {
  const every = options.progressEveryMs ?? PROGRESS_EVERY_MS;
  const id = options.jobId;
  try {
    const job = await db().exportJob.findUniqueOrThrow({ where: { id }, select: jobSelect });
    const asked = job.options as TJobOptions;
    let lastWrite = -Infinity;
    const report = await loadWorkspaceReport({
      userId: job.userId,
      workspaceId: job.workspaceId,
      documentIds: asked.documents,
      origin: options.origin,
      options: reportOptions(asked),
      parts: REPORT_PARTS[job.format as TExportFormat],
      onProgress: async (done, total) => {
        // Let requests waiting on this process in between documents.
        await new Promise((resolve) => setImmediate(resolve));
        await options.afterDocument?.(done, total);
        if (Date.now() - lastWrite >= every) {
          lastWrite = Date.now();
          const { count } = await db().exportJob.updateMany({ where: { id, state: "RUNNING" }, data: { done, total } });
          if (count === 0) throw new Stopped();
        } else if ((await db().exportJob.count({ where: { id, state: "RUNNING" } })) === 0) {
          throw new Stopped();
        }
      },
    });
    const file = await renderExport({ report, format: job.format as TExportFormat, name: report.workspace.name });
    const bytes = typeof file.body === "string" ? Buffer.from(file.body, "utf8") : file.body;
    const total = report.documents.length;
    // Only a job still running takes its file: one cancelled while rendering stays cancelled.
    await db().exportJob.updateMany({
      where: { id, state: "RUNNING" },
      data: { state: "DONE", done: total, total, result: new Uint8Array(bytes), fileName: file.fileName, contentType: file.contentType },
    });
  } catch (error) {
    if (error instanceof Stopped) return;
    if (!(error instanceof AppError) && options.final === false) throw error;
    if (!(error instanceof AppError)) console.error(`Export ${id} failed`, error);
    const message = error instanceof AppError ? error.message : "The export failed on our side; try again, or export fewer documents";
    await db()
      .exportJob.updateMany({ where: { id, state: "RUNNING" }, data: { state: "FAILED", error: message } })
      .catch((e: unknown) => console.error(`Export ${id}: could not record the failure`, e));
  }
}

/** An export whose runs stopped the server running it twice: FAILED, not tried again. */
export async function abandonExportJob(id: string): Promise<void> {
  await db().exportJob.updateMany({
    where: { id, state: "RUNNING" },
    data: { state: "FAILED", error: "The export stopped the server running it twice; export fewer documents, or another format" },
  });
}

/** RUNNING jobs with no progress for STALE_AFTER_MS died with their process: FAILED. */
async function expireStale(where: Prisma.ExportJobWhereInput) {
  await db().exportJob.updateMany({
    where: { ...where, state: "RUNNING", updatedAt: { lt: new Date(Date.now() - STALE_AFTER_MS) } },
    data: { state: "FAILED", error: "The export stopped before it finished; start it again" },
  });
}

/** One's own job, while one is still a member of its workspace; anyone else's is 404. */
async function ownJob(options: { userId: string; jobId: string }): Promise<TJobRow> {
  const where = { id: options.jobId, userId: options.userId };
  await expireStale(where);
  const row = await db().exportJob.findFirst({ where, select: jobSelect });
  if (!row) throw notFound("Export not found");
  await requireMember({ userId: options.userId, workspaceId: row.workspaceId }).catch(() => {
    throw notFound("Export not found");
  });
  return row;
}

export async function getExportJob(options: { userId: string; jobId: string }): Promise<TExportJob> {
  return presentJob(await ownJob(options));
}

const NOT_READY: Record<Exclude<TExportJob["state"], "DONE">, string> = {
  RUNNING: "The export is still running",
  CANCELLED: "The export was cancelled",
  FAILED: "The export failed",
};

/** The finished file; 409 while it runs, or when it was cancelled or failed. */
export async function downloadExportJob(options: { userId: string; jobId: string }): Promise<TExportFile> {
  const row = await ownJob(options);
  if (row.state !== "DONE") {
    throw new AppError("CONFLICT", row.state === "FAILED" && row.error ? `${NOT_READY.FAILED}: ${row.error}` : NOT_READY[row.state], undefined, { current: presentJob(row) });
  }
  const file = await db().exportJob.findUniqueOrThrow({ where: { id: row.id }, select: { result: true, contentType: true, fileName: true } });
  return { body: Buffer.from(file.result ?? new Uint8Array()), contentType: file.contentType, fileName: file.fileName };
}

/** Stops a running job at its next document; 409 with the job when it has already finished. */
export async function cancelExportJob(options: { userId: string; jobId: string }): Promise<TExportJob> {
  const row = await ownJob(options);
  const { count } = await db().exportJob.updateMany({ where: { id: row.id, state: "RUNNING" }, data: { state: "CANCELLED" } });
  const now = await db().exportJob.findUniqueOrThrow({ where: { id: row.id }, select: jobSelect });
  if (count === 0) throw new AppError("CONFLICT", "The export has already finished", undefined, { current: presentJob(now) });
  return presentJob(now);
}
