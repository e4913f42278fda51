import { describe, expect, it, vi } from "vitest";
import { setChain } from "@/lib/annotations/chain";
import { deleteAnnotation } from "@/lib/annotations/mutations";
import { documentAnnotations, listAnnotations } from "@/lib/annotations/queries";
import { ZSetChain, type TAnnotation } from "@/lib/annotations/schemas";
import { postComment } from "@/lib/comments/mutations";
import { db } from "@/lib/db";
import { removeEvidence } from "@/lib/evidence/mutations";
import { updateSource } from "@/lib/sources/mutations";
import { addEvidenceTo, create, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { listAnnotationsJson } from "./list-cache";

// The cache builds a list with documentAnnotations; counting its calls tells a kept list from a
// rebuilt one. listAnnotations calls the module's own binding, so it is not counted.
vi.mock("@/lib/annotations/queries", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/annotations/queries")>();
  return { ...actual, documentAnnotations: vi.fn(actual.documentAnnotations) };
});
const builds = () => vi.mocked(documentAnnotations).mock.calls.length;

const TEXT = "Khojaly, 26 February 1992. Memorial reported 613 killed; Newsweek quoted the same figure.";

/** The API's list as a client reads it. */
async function apiList(userId: string, documentId: string, filters: { status?: "IN_PROGRESS"; sourceId?: string } = {}): Promise<TAnnotation[]> {
  return (JSON.parse(await listAnnotationsJson({ userId, documentId, ...filters })) as { annotations: TAnnotation[] }).annotations;
}

describe("the API's kept annotation list (real database)", () => {
  it("serves a second read from the kept list, and after every kind of change rebuilds it to what listAnnotations answers", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const reviewer = users.REVIEWER.id;
    const first = await create(reviewer, documentId, { start: 0, end: 7, source: { kind: "REPORT", title: "Memorial report" } });
    const second = await create(reviewer, documentId, { start: 45, end: 48 });
    /** After a change: the first read builds the list again, the next is served from the kept copy. */
    const sameAsFresh = async () => {
      const before = builds();
      const [rebuilt, fresh] = [await apiList(users.VIEWER.id, documentId), await listAnnotations({ userId: users.VIEWER.id, documentId })];
      expect(rebuilt).toEqual(fresh);
      expect(builds()).toBe(before + 1);
      expect(await apiList(users.VIEWER.id, documentId)).toEqual(fresh);
      expect(builds()).toBe(before + 1);
      return rebuilt;
    };

    expect((await sameAsFresh()).map((a) => a.id)).toEqual([first.id, second.id]);

    await update(reviewer, second.id, { version: 1, status: "IN_PROGRESS" });
    expect((await sameAsFresh())[1].status).toBe("IN_PROGRESS");

    const evidence = await addEvidenceTo(reviewer, first.id);
    expect((await sameAsFresh())[0].evidenceCount).toBe(1);
    await removeEvidence({ userId: reviewer, evidenceId: evidence.evidence.id });
    expect((await sameAsFresh())[0].evidenceCount).toBe(0);

    await postComment({ userId: reviewer, annotationId: second.id, input: { html: "<p>Which edition?</p>" } });
    const current = (await sameAsFresh())[1];
    expect(current.commentCount).toBe(1);

    const sourceId = first.source!.id;
    await setChain({ userId: reviewer, annotationId: second.id, input: ZSetChain.parse({ version: current.version, hops: [{ sourceId, locator: "p. 9" }] }) });
    expect((await sameAsFresh())[1].chain).toEqual([{ sourceId, title: "Memorial report", label: "Memorial report", locator: "p. 9", note: "" }]);

    // Changes outside the annotations' own rows: the source's title (shown on the annotation and in
    // the chain) and a person's name.
    await updateSource({ userId: users.EDITOR.id, sourceId, input: { version: first.source!.version, title: "Memorial: Khojaly report" } });
    const renamed = await sameAsFresh();
    expect(renamed[0].source?.title).toBe("Memorial: Khojaly report");
    expect(renamed[1].chain[0].title).toBe("Memorial: Khojaly report");
    // A field that only the label shows (the year) reaches the chain too.
    await updateSource({ userId: users.EDITOR.id, sourceId, input: { version: first.source!.version + 1, issued: "2003" } });
    expect((await sameAsFresh())[1].chain[0].label).toBe("2003 · Memorial");
    await db().user.update({ where: { id: reviewer }, data: { name: "Reviewer, renamed" } });
    expect((await sameAsFresh())[0].createdBy.name).toBe("Reviewer, renamed");

    // A write that goes around the app entirely is seen too: nothing depends on writers clearing it.
    await db().$executeRaw`UPDATE "Annotation" SET "note" = 'Edited in SQL' WHERE "id" = ${first.id}`;
    expect((await sameAsFresh())[0].note).toBe("Edited in SQL");

    await deleteAnnotation({ userId: reviewer, annotationId: first.id });
    expect((await sameAsFresh()).map((a) => a.id)).toEqual([second.id]);
  });

  it("keeps filtered lists apart and checks who asks on every call", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const draft = await create(users.REVIEWER.id, documentId, { start: 0, end: 7, source: { kind: "BOOK", title: "Black Garden" } });
    const checked = await create(users.REVIEWER.id, documentId, { start: 45, end: 48 });
    await update(users.REVIEWER.id, checked.id, { version: 1, status: "IN_PROGRESS" });

    const before = builds();
    for (let round = 0; round < 2; round++) {
      expect((await apiList(users.VIEWER.id, documentId)).map((a) => a.id)).toEqual([draft.id, checked.id]);
      expect((await apiList(users.VIEWER.id, documentId, { status: "IN_PROGRESS" })).map((a) => a.id)).toEqual([checked.id]);
      expect((await apiList(users.VIEWER.id, documentId, { sourceId: draft.source!.id })).map((a) => a.id)).toEqual([draft.id]);
      // Three lists built in the first round; the second round is served from the kept copies.
      expect(builds()).toBe(before + 3);
    }
    await expect(listAnnotationsJson({ userId: users.STRANGER.id, documentId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await db().membership.deleteMany({ where: { userId: users.VIEWER.id } });
    await expect(listAnnotationsJson({ userId: users.VIEWER.id, documentId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
