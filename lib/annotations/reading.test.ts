import { describe, expect, it } from "vitest";
import { setChain } from "@/lib/annotations/chain";
import { postComment } from "@/lib/comments/mutations";
import { ZCreateComment } from "@/lib/comments/schemas";
import { db } from "@/lib/db";
import { addEvidenceTo, create, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { deleteAnnotation } from "./mutations";
import { listAnnotations } from "./queries";
import { readingAnnotations } from "./reading";
import { unpackAnnotations } from "./reading-wire";
import { ZSetChain } from "./schemas";

const TEXT = "Khojaly, 26 February 1992. Memorial reported 613 killed; Newsweek quoted the same figure.";

describe("reading-view annotations (real database)", () => {
  it("carry what listAnnotations returns, but the quote's context; 404 for a stranger", async () => {
    const { workspaceId, documentId, users } = await testWorkspace(TEXT);
    const document = { id: documentId, workspaceId, revision: 1, text: TEXT };
    const plain = await create(users.REVIEWER.id, documentId, { start: 30, end: 40 });
    const busy = await create(users.REVIEWER.id, documentId, { start: 0, end: 20, locator: "p. 2", note: "see report", source: { kind: "REPORT", title: "Memorial report" } });
    await addEvidenceTo(users.REVIEWER.id, busy.id);
    await update(users.EDITOR.id, busy.id, { version: 2, status: "VERIFIED", assigneeId: users.REVIEWER.id });
    await setChain({ userId: users.REVIEWER.id, annotationId: busy.id, input: ZSetChain.parse({ version: 3, hops: [{ sourceId: busy.source!.id, locator: "p. 9" }] }) });
    await postComment({ userId: users.REVIEWER.id, annotationId: plain.id, input: ZCreateComment.parse({ html: "<p>Is this right?</p>" }) });
    const gone = await create(users.REVIEWER.id, documentId, { start: 1, end: 2 });
    await deleteAnnotation({ userId: users.REVIEWER.id, annotationId: gone.id });

    const listed = await listAnnotations({ userId: users.VIEWER.id, documentId });
    const sources = new Map(listed.flatMap((a) => (a.source ? [[a.source.id, a.source] as const] : [])));
    const packed = await readingAnnotations({ userId: users.VIEWER.id, document });
    expect(unpackAnnotations(packed, TEXT, sources)).toEqual(listed.map(({ prefix, suffix, page, endPage, ...rest }) => (void prefix, void suffix, void page, void endPage, rest)));
    expect(listed.find((a) => a.id === busy.id)).toMatchObject({ evidenceCount: 1, chain: [{ locator: "p. 9" }], assignee: { id: users.REVIEWER.id } });
    expect(listed.find((a) => a.id === plain.id)?.commentCount).toBe(1);

    await expect(readingAnnotations({ userId: users.STRANGER.id, document })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await db().document.update({ where: { id: documentId }, data: { deletedAt: new Date() } });
    await expect(readingAnnotations({ userId: users.VIEWER.id, document })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
