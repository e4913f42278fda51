import { describe, expect, it } from "vitest";
import { deleteAnnotation } from "@/lib/annotations/mutations";
import { signOffAnnotation } from "@/lib/annotations/sign-off";
import { ZSignOff } from "@/lib/annotations/schemas";
import { postComment } from "@/lib/comments/mutations";
import { db } from "@/lib/db";
import { codePointLength, sha256Hex } from "@/lib/documents/text";
import { loadDocumentReport, loadWorkspaceReport } from "@/lib/reports/load";
import type { TReportOptions } from "@/lib/reports/schemas";
import { addEvidenceTo, create, testWorkspace, update } from "@/lib/testing/annotation-fixtures";

const ORIGIN = "https://provenant.test";
const ALL: TReportOptions = { includeText: true, includeComments: false };

/*
 * "Memorial reported 613 killed in Khojaly."
 *  0       8        17 21                39
 */
async function setup() {
  const ws = await testWorkspace();
  const { OWNER, EDITOR, REVIEWER, REVIEWER2 } = ws.users;
  const figure = await create(REVIEWER.id, ws.documentId, { start: 18, end: 21, source: { kind: "REPORT", title: "Memorial report" }, locator: "p. 4" });
  await addEvidenceTo(REVIEWER.id, figure.id, { stance: "SUPPORTS", passage: "613 people were killed", url: "https://memo.example/report" });
  const verdict = await update(REVIEWER.id, figure.id, { version: 2, status: "VERIFIED" });
  await signOffAnnotation({ userId: EDITOR.id, annotationId: figure.id, input: ZSignOff.parse({ version: verdict.version, decision: "CONFIRM" }) });
  const word = await create(REVIEWER.id, ws.documentId, { start: 0, end: 8 });
  const phrase = await create(OWNER.id, ws.documentId, { start: 0, end: 17, sourceId: figure.source!.id });
  const orphan = await create(REVIEWER.id, ws.documentId, { start: 32, end: 39 });
  await db().annotation.update({ where: { id: orphan.id }, data: { orphaned: true } });
  const gone = await create(REVIEWER.id, ws.documentId, { start: 9, end: 17 });
  await deleteAnnotation({ userId: REVIEWER.id, annotationId: gone.id });
  await postComment({ userId: REVIEWER2.id, annotationId: word.id, input: { html: "<p>Which <strong>Memorial</strong>?</p>" } });
  return { ...ws, figure, word, phrase, orphan };
}

describe("loadDocumentReport (real database)", () => {
  it("numbers live annotations in text order with orphaned ones last, with evidence, summary and reviewers", async () => {
    const { documentId, workspaceId, users, figure, word, phrase, orphan } = await setup();
    const report = await loadDocumentReport({ userId: users.VIEWER.id, documentId, origin: ORIGIN, options: ALL });

    expect(report.workspace.id).toBe(workspaceId);
    const [doc] = report.documents;
    expect(doc).toMatchObject({ id: documentId, title: "Doc", url: `${ORIGIN}/documents/${documentId}`, text: "Memorial reported 613 killed in Khojaly.", revision: 1 });
    expect(doc.annotations.map((a) => [a.n, a.id, a.orphaned])).toEqual([
      [1, word.id, false],
      [2, phrase.id, false],
      [3, figure.id, false],
      [4, orphan.id, true],
    ]);
    const verified = doc.annotations[2];
    expect(verified).toMatchObject({ status: "VERIFIED", signOff: "CONFIRMED", verdictBy: { id: users.REVIEWER.id }, signedOffBy: { id: users.EDITOR.id }, locator: "p. 4" });
    expect(verified.evidence.map((e) => [e.passage, e.url])).toEqual([["613 people were killed", "https://memo.example/report"]]);
    // Comments only when asked.
    expect(doc.annotations.every((a) => a.comments.length === 0)).toBe(true);
    expect(doc.annotations[0].commentCount).toBe(1);

    expect(report.summary.total).toBe(4);
    expect(report.summary.byStatus).toMatchObject({ UNVERIFIED: 3, VERIFIED: 1, CONTRADICTED: 0 });
    expect(report.summary.sources.map((s) => [s.source.title, s.total, s.byStatus.VERIFIED, s.byStatus.UNVERIFIED])).toEqual([["Memorial report", 2, 1, 1]]);
    // The confirmed verdict is settled; the three unverified ones are open.
    expect(report.summary.openQuestions).toBe(3);
    // The commenter changed nothing about an annotation: not a reviewer.
    expect(report.reviewers.map((p) => p.id).sort()).toEqual([users.OWNER.id, users.EDITOR.id, users.REVIEWER.id].sort());
    expect(report.options).toEqual(ALL);
  });

  it("narrows to the asked statuses (renumbered), leaves out the text, and adds live comments when asked", async () => {
    const { documentId, users, figure, word } = await setup();
    const only = await loadDocumentReport({ userId: users.REVIEWER.id, documentId, origin: ORIGIN, options: { statuses: ["VERIFIED"], includeText: false, includeComments: false } });
    expect(only.documents[0].text).toBeNull();
    expect(only.documents[0].annotations.map((a) => [a.n, a.id])).toEqual([[1, figure.id]]);
    expect(only.summary).toMatchObject({ total: 1, openQuestions: 0 });
    expect(only.reviewers.map((p) => p.id).sort()).toEqual([users.EDITOR.id, users.REVIEWER.id].sort());

    const withComments = await loadDocumentReport({ userId: users.REVIEWER.id, documentId, origin: ORIGIN, options: { ...ALL, includeComments: true } });
    const commented = withComments.documents[0].annotations.find((a) => a.id === word.id)!;
    expect(commented.comments.map((c) => [c.html, c.author.id])).toEqual([["<p>Which <strong>Memorial</strong>?</p>", users.REVIEWER2.id]]);
  });

  it("carries the document's provenance, and each annotation's page in a paged document", async () => {
    const { documentId, workspaceId, users, figure, word, orphan } = await setup();
    // Three pages: "Memorial reported " (p. 1), "613 killed " (p. 2), "in Khojaly." (p. 3).
    await db().document.update({
      where: { id: documentId },
      data: {
        format: "PDF",
        pageStarts: [0, 18, 29],
        authors: ["Memorial Human Rights Centre"],
        publisher: "Memorial",
        datePublished: "1992-03",
        originalUrl: "https://memo.example/report.pdf",
        retrievedAt: new Date("2026-01-15T09:30:00.000Z"),
        language: "en",
        original: {
          create: { workspaceId, createdById: users.OWNER.id, bytes: Buffer.from("%PDF-1.7"), sha256: "ab".repeat(32), size: 8, mediaType: "application/pdf", fileName: "report.pdf" },
        },
      },
    });
    const [doc] = (await loadDocumentReport({ userId: users.VIEWER.id, documentId, origin: ORIGIN, options: ALL })).documents;
    expect(doc.provenance).toEqual({
      format: "pdf",
      pageStarts: [0, 18, 29],
      metadata: {
        authors: ["Memorial Human Rights Centre"],
        publisher: "Memorial",
        datePublished: "1992-03",
        originalUrl: "https://memo.example/report.pdf",
        retrievedAt: new Date("2026-01-15T09:30:00.000Z"),
        archivedUrl: null,
        language: "en",
      },
      metadataVersion: expect.any(Number),
      original: { sha256: "ab".repeat(32), size: 8, mediaType: "application/pdf", fileName: "report.pdf" },
    });
    const pages = (id: string) => doc.annotations.find((a) => a.id === id)!;
    expect(pages(word.id)).toMatchObject({ page: 1, endPage: 1 });
    expect(pages(figure.id)).toMatchObject({ page: 2, endPage: 2 });
    expect(pages(orphan.id)).toMatchObject({ page: 3, endPage: 3 });
  });

  it("is not found for someone outside the workspace", async () => {
    const { documentId, users } = await setup();
    await expect(loadDocumentReport({ userId: users.STRANGER.id, documentId, origin: ORIGIN, options: ALL })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("loadWorkspaceReport (real database)", () => {
  it("reads the chosen documents (all by default) by title and reports progress after each", async () => {
    const ws = await setup();
    const text = "Le Mond reported it.";
    const second = await db().document.create({
      data: { workspaceId: ws.workspaceId, title: "A second text", text, sha256: sha256Hex(text), length: codePointLength(text), createdById: ws.users.OWNER.id },
      select: { id: true },
    });
    await create(ws.users.REVIEWER.id, second.id, { start: 0, end: 7 });

    const progress: [number, number][] = [];
    const all = await loadWorkspaceReport({ userId: ws.users.VIEWER.id, workspaceId: ws.workspaceId, origin: ORIGIN, options: ALL, onProgress: (done, total) => void progress.push([done, total]) });
    expect(all.documents.map((d) => d.title)).toEqual(["A second text", "Doc"]);
    // Numbers start again in each document.
    expect(all.documents.map((d) => d.annotations.map((a) => a.n))).toEqual([[1], [1, 2, 3, 4]]);
    expect(all.summary.total).toBe(5);
    expect(progress).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);

    const chosen = await loadWorkspaceReport({ userId: ws.users.VIEWER.id, workspaceId: ws.workspaceId, documentIds: [ws.documentId], origin: ORIGIN, options: ALL });
    expect(chosen.documents.map((d) => d.id)).toEqual([ws.documentId]);
    expect(chosen.summary.total).toBe(4);
  });

  it("is not found for a non-member, and for a document of another workspace", async () => {
    const ws = await setup();
    const other = await testWorkspace();
    await expect(loadWorkspaceReport({ userId: ws.users.STRANGER.id, workspaceId: ws.workspaceId, origin: ORIGIN, options: ALL })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      loadWorkspaceReport({ userId: ws.users.OWNER.id, workspaceId: ws.workspaceId, documentIds: [ws.documentId, other.documentId], origin: ORIGIN, options: ALL }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
