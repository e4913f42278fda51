import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { codePointLength, sha256Hex } from "@/lib/documents/text";
import { exportDocumentFile, exportWorkspaceFile } from "@/lib/exports/download";
import {
  abandonExportJob,
  cancelExportJob,
  createExportJob,
  downloadExportJob,
  exportWorkspaceNowOrLater,
  getExportJob,
  KEEP_FOR_MS,
  removeExpiredExports,
  runExportJob,
  STALE_AFTER_MS,
} from "@/lib/exports/jobs";
import { MAX_RUNNING_EXPORTS, SYNC_EXPORT_MAX_DOCUMENTS, ZStartExport, type TExportJob } from "@/lib/exports/schemas";
import { ZReportQuery } from "@/lib/reports/schemas";
import { create, testWorkspace } from "@/lib/testing/annotation-fixtures";

const ORIGIN = "https://provenant.test";

/** The test workspace with `extra` more documents, each with one annotation. */
async function workspace(extra = 3) {
  const ws = await testWorkspace();
  await create(ws.users.REVIEWER.id, ws.documentId, { start: 0, end: 8, note: "=1+1" });
  for (let i = 0; i < extra; i++) {
    const text = `Document ${i} cites Memorial.`;
    const doc = await db().document.create({
      data: { workspaceId: ws.workspaceId, title: `Doc ${i}`, text, sha256: sha256Hex(text), length: codePointLength(text), createdById: ws.users.OWNER.id },
      select: { id: true },
    });
    await create(ws.users.REVIEWER.id, doc.id, { start: 0, end: 8 });
  }
  return ws;
}

const start = (userId: string, workspaceId: string, input: unknown) => createExportJob({ userId, workspaceId, input: ZStartExport.parse(input), origin: ORIGIN });

describe("export jobs (real database)", () => {
  it("reports progress document by document, then holds the file for its owner", async () => {
    const ws = await workspace(3);
    const job = await start(ws.users.VIEWER.id, ws.workspaceId, { format: "csv" });
    expect(job).toMatchObject({ state: "RUNNING", done: 0, total: 4, fileName: "" });
    await expect(downloadExportJob({ userId: ws.users.VIEWER.id, jobId: job.id })).rejects.toMatchObject({ code: "CONFLICT", message: "The export is still running" });

    const seen: TExportJob[] = [];
    await runExportJob({
      jobId: job.id,
      origin: ORIGIN,
      progressEveryMs: 0,
      afterDocument: async () => void seen.push(await getExportJob({ userId: ws.users.VIEWER.id, jobId: job.id })),
    });
    // Each look sees what was written after the document before it.
    expect(seen.map((j) => [j.state, j.done, j.total])).toEqual([
      ["RUNNING", 0, 4],
      ["RUNNING", 0, 4],
      ["RUNNING", 1, 4],
      ["RUNNING", 2, 4],
      ["RUNNING", 3, 4],
    ]);
    const done = await getExportJob({ userId: ws.users.VIEWER.id, jobId: job.id });
    expect(done).toMatchObject({ state: "DONE", done: 4, total: 4, error: "" });
    expect(done.fileName).toMatch(/^desk-[a-z0-9]+-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = await downloadExportJob({ userId: ws.users.VIEWER.id, jobId: job.id });
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    const text = Buffer.from(file.body).toString("utf8");
    expect(text.startsWith("\uFEFFDocument,")).toBe(true);
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(5);
    expect(text).toContain(",'=1+1\r\n");
    await expect(cancelExportJob({ userId: ws.users.VIEWER.id, jobId: job.id })).rejects.toMatchObject({ code: "CONFLICT", message: "The export has already finished" });
  });

  it("stops at the next document when cancelled, and keeps no file", async () => {
    const ws = await workspace(4);
    const job = await start(ws.users.EDITOR.id, ws.workspaceId, { format: "json", statuses: ["UNVERIFIED"], comments: true });
    const reached: number[] = [];
    await runExportJob({
      jobId: job.id,
      origin: ORIGIN,
      progressEveryMs: 0,
      afterDocument: async (done) => {
        reached.push(done);
        if (done === 2) expect(await cancelExportJob({ userId: ws.users.EDITOR.id, jobId: job.id })).toMatchObject({ state: "CANCELLED" });
      },
    });
    expect(reached).toEqual([0, 1, 2]);
    const row = await db().exportJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ state: "CANCELLED", done: 1, result: null, fileName: "" });
    await expect(downloadExportJob({ userId: ws.users.EDITOR.id, jobId: job.id })).rejects.toMatchObject({ code: "CONFLICT", message: "The export was cancelled" });
    await expect(cancelExportJob({ userId: ws.users.EDITOR.id, jobId: job.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("is its owner's alone: another member or a stranger gets 404, and so does a former member", async () => {
    const ws = await workspace(1);
    const job = await start(ws.users.REVIEWER.id, ws.workspaceId, { format: "md" });
    for (const other of [ws.users.OWNER, ws.users.REVIEWER2, ws.users.STRANGER]) {
      await expect(getExportJob({ userId: other.id, jobId: job.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(downloadExportJob({ userId: other.id, jobId: job.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(cancelExportJob({ userId: other.id, jobId: job.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(start(ws.users.STRANGER.id, ws.workspaceId, { format: "csv" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await runExportJob({ jobId: job.id, origin: ORIGIN });
    await db().membership.deleteMany({ where: { workspaceId: ws.workspaceId, userId: ws.users.REVIEWER.id } });
    await expect(downloadExportJob({ userId: ws.users.REVIEWER.id, jobId: job.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses documents of another workspace, and more than three running at once", async () => {
    const ws = await workspace(0);
    const other = await testWorkspace();
    await expect(start(ws.users.OWNER.id, ws.workspaceId, { format: "csv", documents: [other.documentId] })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { documents: "Some of these documents are not in this workspace" },
    });
    const chosen = await start(ws.users.OWNER.id, ws.workspaceId, { format: "csv", documents: [ws.documentId] });
    expect(chosen.total).toBe(1);
    await start(ws.users.OWNER.id, ws.workspaceId, { format: "csv" });
    await start(ws.users.OWNER.id, ws.workspaceId, { format: "csv" });
    await expect(start(ws.users.OWNER.id, ws.workspaceId, { format: "csv" })).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("gives up on a job silent for ten minutes; the scheduled clean-up deletes finished jobs older than a day", async () => {
    const ws = await workspace(0);
    const stale = await start(ws.users.OWNER.id, ws.workspaceId, { format: "csv" });
    const old = await start(ws.users.OWNER.id, ws.workspaceId, { format: "csv" });
    await db().exportJob.update({ where: { id: stale.id }, data: { updatedAt: new Date(Date.now() - STALE_AFTER_MS - 1000) } });
    await db().exportJob.update({ where: { id: old.id }, data: { createdAt: new Date(Date.now() - KEEP_FOR_MS - 1000), state: "DONE" } });

    expect(await getExportJob({ userId: ws.users.OWNER.id, jobId: stale.id })).toMatchObject({ state: "FAILED", error: "The export stopped before it finished; start it again" });
    // The runner of a job given up on does not bring it back.
    await runExportJob({ jobId: stale.id, origin: ORIGIN });
    expect((await getExportJob({ userId: ws.users.OWNER.id, jobId: stale.id })).state).toBe("FAILED");

    expect(await removeExpiredExports()).toBeGreaterThanOrEqual(1);
    // A job silent too long is given up by the clean-up too, not only when someone reads it.
    const silent = await start(ws.users.EDITOR.id, ws.workspaceId, { format: "csv" });
    await db().exportJob.update({ where: { id: silent.id }, data: { updatedAt: new Date(Date.now() - STALE_AFTER_MS - 1000) } });
    await removeExpiredExports();
    expect(await db().exportJob.findUniqueOrThrow({ where: { id: silent.id }, select: { state: true } })).toEqual({ state: "FAILED" });
    // One whose runs stopped the server twice is given up with the reason in words.
    const poison = await start(ws.users.EDITOR.id, ws.workspaceId, { format: "csv" });
    await abandonExportJob(poison.id);
    expect(await getExportJob({ userId: ws.users.EDITOR.id, jobId: poison.id })).toMatchObject({
      state: "FAILED",
      error: "The export stopped the server running it twice; export fewer documents, or another format",
    });
    expect(await db().exportJob.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db().exportJob.findUnique({ where: { id: stale.id } })).not.toBeNull();
    // A day later the failed one goes too.
    await removeExpiredExports(new Date(Date.now() + KEEP_FOR_MS + 1000));
    expect(await db().exportJob.findUnique({ where: { id: stale.id } })).toBeNull();
  });

  it("each export is queued with its row, and the cap holds under parallel requests (a lock, not check-then-insert)", async () => {
    const ws = await workspace(0);
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => start(ws.users.EDITOR.id, ws.workspaceId, { format: "csv" })));
    const started = outcomes.filter((o) => o.status === "fulfilled");
    expect(started).toHaveLength(MAX_RUNNING_EXPORTS);
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(Array(8 - MAX_RUNNING_EXPORTS).fill("RATE_LIMITED"));
    expect(await db().exportJob.count({ where: { userId: ws.users.EDITOR.id, state: "RUNNING" } })).toBe(MAX_RUNNING_EXPORTS);
    const ids = started.map((o) => (o as PromiseFulfilledResult<TExportJob>).value.id);
    const queued = await db().$queryRaw<{ exportId: string }[]>`SELECT data->>'exportId' AS "exportId" FROM pgboss.job WHERE name = 'workspace-export' AND data->>'exportId' = ANY(${ids})`;
    expect(queued.map((q) => q.exportId).sort()).toEqual([...ids].sort());
  });

  it("a direct workspace export beyond the small size is a job instead of a file", async () => {
    const ws = await workspace(SYNC_EXPORT_MAX_DOCUMENTS);
    const query = ZReportQuery.parse({ format: "csv" });
    const later = await exportWorkspaceNowOrLater({ userId: ws.users.VIEWER.id, workspaceId: ws.workspaceId, origin: ORIGIN, query });
    expect(later).toEqual({ job: expect.objectContaining({ state: "RUNNING", total: SYNC_EXPORT_MAX_DOCUMENTS + 1, format: "csv" }) });
    const few = ZReportQuery.parse({ format: "csv", documents: ws.documentId });
    expect(await exportWorkspaceNowOrLater({ userId: ws.users.VIEWER.id, workspaceId: ws.workspaceId, origin: ORIGIN, query: few })).toEqual({ file: expect.objectContaining({ contentType: "text/csv; charset=utf-8" }) });
  });

  it("records a failure in words when the report cannot be made", async () => {
    const ws = await workspace(1);
    const job = await start(ws.users.OWNER.id, ws.workspaceId, { format: "csv" });
    await db().document.updateMany({ where: { workspaceId: ws.workspaceId }, data: { deletedAt: new Date() } });
    // The documents it was asked for are gone (all of them: an empty report is still a file).
    await runExportJob({ jobId: job.id, origin: ORIGIN });
    expect((await getExportJob({ userId: ws.users.OWNER.id, jobId: job.id })).state).toBe("DONE");
    const chosen = await db().exportJob.create({ data: { workspaceId: ws.workspaceId, userId: ws.users.OWNER.id, format: "csv", options: { documents: [ws.documentId], text: true, comments: false }, total: 1 } });
    await runExportJob({ jobId: chosen.id, origin: ORIGIN });
    await expect(downloadExportJob({ userId: ws.users.OWNER.id, jobId: chosen.id })).rejects.toMatchObject({ code: "CONFLICT", message: "The export failed: Document not found" });
  });
});

describe("direct exports (real database)", () => {
  const query = (params: Record<string, string>) => ZReportQuery.parse(params);

  it("any member may export a document or the workspace; a stranger gets 404", async () => {
    const ws = await workspace(1);
    const file = await exportDocumentFile({ userId: ws.users.VIEWER.id, documentId: ws.documentId, origin: ORIGIN, query: query({ format: "w3c" }) });
    expect(file.fileName).toMatch(/^doc-\d{4}-\d{2}-\d{2}\.w3c\.jsonld$/);
    expect(JSON.parse(String(file.body)).total).toBe(1);
    const all = await exportWorkspaceFile({ userId: ws.users.VIEWER.id, workspaceId: ws.workspaceId, origin: ORIGIN, query: query({ format: "json", text: "0" }) });
    const data = JSON.parse(String(all.body));
    expect(data.documents).toHaveLength(2);
    expect(data.documents.every((d: { text: unknown }) => d.text === null)).toBe(true);
    await expect(exportDocumentFile({ userId: ws.users.STRANGER.id, documentId: ws.documentId, origin: ORIGIN, query: query({ format: "csv" }) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportWorkspaceFile({ userId: ws.users.STRANGER.id, workspaceId: ws.workspaceId, origin: ORIGIN, query: query({ format: "csv" }) })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("needs a format, and a document export takes no documents", async () => {
    const ws = await workspace(0);
    await expect(exportDocumentFile({ userId: ws.users.OWNER.id, documentId: ws.documentId, origin: ORIGIN, query: query({}) })).rejects.toMatchObject({ code: "VALIDATION", fields: { format: "Choose a format" } });
    await expect(exportDocumentFile({ userId: ws.users.OWNER.id, documentId: ws.documentId, origin: ORIGIN, query: query({ format: "csv", documents: "x" }) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
