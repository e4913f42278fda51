import { describe, expect, it } from "vitest";
import { signOffAnnotation } from "@/lib/annotations/sign-off";
import { db } from "@/lib/db";
import { cpSlice } from "@/lib/anchoring/code-points";
import { AppError } from "@/lib/errors";
import { create, eventsOf, testWorkspace, verdictByReviewer } from "@/lib/testing/annotation-fixtures";
import { createRevision } from "./mutations";

const TEXT = "Memorial reported 613 killed in Khojaly. The OCR saw саn bе here. Newsweek quoted it.";

async function revise(userId: string, documentId: string, baseRevision: number, text: string) {
  return createRevision({ userId, documentId, input: { baseRevision, text, reason: "OCR fix" } });
}

const spanOf = (text: string, quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });

describe("createRevision (real database)", () => {
  it("moves untouched annotations, flags changed ones and sends their verdict back to sign-off, with one event each, in the revision's transaction", async () => {
    const ws = await verdictByReviewer(TEXT); // VERIFIED "613 killed" (18-28), awaiting sign-off
    const { documentId, users } = ws;
    await signOffAnnotation({ userId: users.EDITOR.id, annotationId: ws.a.id, input: { decision: "CONFIRM", version: ws.a.version, reason: "" } });
    const ocr = await create(users.REVIEWER.id, documentId, spanOf(TEXT, "saw саn bе here"));
    const newsweek = await create(users.REVIEWER.id, documentId, spanOf(TEXT, "Newsweek"));
    const next = TEXT.replace("613", "618").replace("саn bе", "can be");

    const saved = await revise(users.EDITOR.id, documentId, 1, next);
    expect(saved.revision).toMatchObject({ number: 2, reason: "OCR fix", length: next.length });
    expect(saved.counts).toEqual({ unchanged: 0, shifted: 1, changed: 2, orphaned: 0 });

    const rows = await db().annotation.findMany({ where: { documentId }, orderBy: { start: "asc" } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const verdict = byId.get(ws.a.id)!;
    expect(verdict).toMatchObject({ needsRecheck: true, status: "VERIFIED", signOff: "AWAITING", signOffNote: "the text changed in revision 2", documentRevision: 2 });
    expect(verdict.exact).toBe("618 killed");
    expect(verdict.anchorSimilarity).toBeCloseTo(0.9);
    expect(cpSlice(next, verdict.start, verdict.end)).toBe(verdict.exact);
    expect(byId.get(ocr.id)).toMatchObject({ needsRecheck: true, exact: "saw can be here" });
    const moved = byId.get(newsweek.id)!;
    expect(moved).toMatchObject({ needsRecheck: false, exact: "Newsweek", start: next.indexOf("Newsweek") });

    expect((await eventsOf(ws.a.id)).at(-1)).toMatchObject({ type: "ANCHOR_CHANGED", actorId: users.EDITOR.id, version: verdict.version });
    expect((await eventsOf(newsweek.id)).at(-1)).toMatchObject({ type: "ANCHOR_SHIFTED", before: { start: TEXT.indexOf("Newsweek") }, after: { start: next.indexOf("Newsweek") } });
    const document = await db().document.findUniqueOrThrow({ where: { id: documentId } });
    expect(document).toMatchObject({ revision: 2, text: next });
    expect(await db().documentRevision.count({ where: { documentId } })).toBe(2);
  });

  it("orphans an annotation whose words are gone, flagged, its verdict back to sign-off", async () => {
    const ws = await verdictByReviewer(TEXT);
    const saved = await revise(ws.users.EDITOR.id, ws.documentId, 1, TEXT.replace(" 613 killed", ""));
    expect(saved.counts).toMatchObject({ orphaned: 1 });
    expect(await db().annotation.findUniqueOrThrow({ where: { id: ws.a.id } })).toMatchObject({ orphaned: true, needsRecheck: true, signOff: "AWAITING" });
    expect((await eventsOf(ws.a.id)).at(-1)).toMatchObject({ type: "ORPHANED", after: { orphaned: true, revision: 2 } });
  });

  it("refuses a save made on an older revision with 409 and the latest, and keeps the text as the first save left it", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const first = revise(users.EDITOR.id, documentId, 1, TEXT.replace("613", "485"));
    const second = revise(users.OWNER.id, documentId, 1, TEXT.replace("613", "335"));
    const results = await Promise.allSettled([first, second]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect(refused.reason).toMatchObject({ code: "CONFLICT", current: { revision: 2 } });
    expect(await db().documentRevision.count({ where: { documentId } })).toBe(2);
  });

  it("is for editors and owners of the document's workspace: 403 for a reviewer, 404 for a stranger; an unchanged text is refused", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    await expect(revise(users.REVIEWER.id, documentId, 1, TEXT + " More.")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(revise(users.STRANGER.id, documentId, 1, TEXT + " More.")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revise(users.EDITOR.id, documentId, 1, TEXT)).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("is append-only for the app's role: a revision cannot be changed or removed", async () => {
    const { documentId } = await testWorkspace(TEXT);
    await expect(db().documentRevision.updateMany({ where: { documentId }, data: { reason: "rewritten" } })).rejects.toThrow(/permission denied/i);
    await expect(db().documentRevision.deleteMany({ where: { documentId } })).rejects.toThrow(/permission denied/i);
  });
});

describe("an annotation made on an earlier revision (real database)", () => {
  it("is carried to the latest when no change touched its words, and refused with 409 when one did", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    await revise(users.EDITOR.id, documentId, 1, `A new first sentence. ${TEXT.replace("саn bе", "can be")}`);
    const newsweek = spanOf(TEXT, "Newsweek");
    const carried = await create(users.REVIEWER.id, documentId, { ...newsweek, revision: 1 });
    expect(carried).toMatchObject({ exact: "Newsweek", documentRevision: 2, start: newsweek.start + "A new first sentence. ".length });
    await expect(create(users.REVIEWER.id, documentId, { ...spanOf(TEXT, "саn bе"), revision: 1 })).rejects.toMatchObject({ code: "CONFLICT", current: { revision: 2 } });
    await expect(create(users.REVIEWER.id, documentId, { ...newsweek, revision: 7 })).rejects.toMatchObject({ code: "VALIDATION", fields: { revision: expect.any(String) } });
  });
});
