import { describe, expect, it } from "vitest";
import { setChain } from "@/lib/annotations/chain";
import { ZSetChain } from "@/lib/annotations/schemas";
import { db } from "@/lib/db";
import { updateEvidence } from "@/lib/evidence/mutations";
import { ZUpdateEvidence } from "@/lib/evidence/schemas";
import { addEvidenceTo, create, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { mergeSource } from "./merge";

const TEXT = "Memorial reported 613 killed in Khojaly (Newsweek, 16 March 1992).";

/** A workspace with a live source, a duplicate merged into it, and another workspace's source. */
async function world() {
  const ws = await testWorkspace(TEXT);
  const other = await testWorkspace(TEXT);
  const make = (workspaceId: string, userId: string, title: string) =>
    db().source.create({ data: { workspaceId, kind: "REPORT", title, createdById: userId }, select: { id: true } });
  const kept = await make(ws.workspaceId, ws.users.OWNER.id, "Memorial report");
  const merged = await make(ws.workspaceId, ws.users.OWNER.id, "Memorial Human Rights Watch Center");
  await mergeSource({ userId: ws.users.EDITOR.id, sourceId: merged.id, intoId: kept.id });
  const foreign = await make(other.workspaceId, other.users.OWNER.id, "Memorial report (their desk)");
  return { ...ws, kept, merged, foreign };
}

const refused = (field: string) => ({ code: "VALIDATION", fields: { [field]: "Choose a source of this workspace" } });

describe("what cites a source cites a live source of its own workspace", () => {
  it("answers 422 on the field for a merged or foreign source, on create and update of annotations, evidence and chain hops", async () => {
    const w = await world();
    const a = await create(w.users.REVIEWER.id, w.documentId, { start: 0, end: 8, sourceId: w.kept.id });
    const item = await addEvidenceTo(w.users.REVIEWER.id, a.id, { stance: "SUPPORTS", sourceId: w.kept.id, passage: "613" });
    for (const sourceId of [w.merged.id, w.foreign.id]) {
      await expect(create(w.users.REVIEWER.id, w.documentId, { start: 9, end: 17, sourceId })).rejects.toMatchObject(refused("sourceId"));
      await expect(update(w.users.REVIEWER.id, a.id, { version: item.annotation.version, sourceId })).rejects.toMatchObject(refused("sourceId"));
      await expect(addEvidenceTo(w.users.REVIEWER.id, a.id, { stance: "SUPPORTS", sourceId, passage: "613" })).rejects.toMatchObject(refused("sourceId"));
      await expect(
        updateEvidence({ userId: w.users.REVIEWER.id, evidenceId: item.evidence.id, input: ZUpdateEvidence.parse({ version: item.evidence.version, sourceId }) }),
      ).rejects.toMatchObject(refused("sourceId"));
      await expect(
        setChain({ userId: w.users.REVIEWER.id, annotationId: a.id, input: ZSetChain.parse({ version: item.annotation.version, hops: [{ sourceId: w.kept.id }, { sourceId }] }) }),
      ).rejects.toMatchObject(refused("hops.1.sourceId"));
    }
    expect(await db().annotation.count({ where: { documentId: w.documentId } })).toBe(1);
    expect(await db().annotation.findUniqueOrThrow({ where: { id: a.id }, select: { sourceId: true, version: true } })).toEqual({ sourceId: w.kept.id, version: item.annotation.version });
  });

  it("is enforced by the database for writes made around the app", async () => {
    const w = await world();
    const a = await create(w.users.REVIEWER.id, w.documentId, { start: 0, end: 8, sourceId: w.kept.id });
    const item = await addEvidenceTo(w.users.REVIEWER.id, a.id, { stance: "SUPPORTS", sourceId: w.kept.id, passage: "613" });
    await setChain({ userId: w.users.REVIEWER.id, annotationId: a.id, input: ZSetChain.parse({ version: item.annotation.version, hops: [{ sourceId: w.kept.id }] }) });
    const foreignKey = /foreign key|merged into/i;
    for (const sourceId of [w.merged.id, w.foreign.id]) {
      await expect(db().$executeRaw`UPDATE "Annotation" SET "sourceId" = ${sourceId} WHERE id = ${a.id}`).rejects.toThrow(foreignKey);
      await expect(db().$executeRaw`UPDATE "Evidence" SET "sourceId" = ${sourceId} WHERE id = ${item.evidence.id}`).rejects.toThrow(foreignKey);
      await expect(db().$executeRaw`UPDATE "ChainHop" SET "sourceId" = ${sourceId} WHERE "annotationId" = ${a.id}`).rejects.toThrow(foreignKey);
      await expect(db().$executeRaw`
        INSERT INTO "Annotation" ("id", "workspaceId", "documentId", "documentRevision", "start", "end", "exact", "prefix", "suffix", "sourceId", "status", "createdById", "updatedById", "updatedAt")
        SELECT gen_random_uuid()::text, "workspaceId", "documentId", 1, 9, 17, 'reported', '', '', ${sourceId}, 'UNVERIFIED', "createdById", "createdById", now()
        FROM "Annotation" WHERE id = ${a.id}`).rejects.toThrow(foreignKey);
    }
    // A hop or an item cannot claim another workspace than its annotation's either.
    const otherWorkspace = (await db().source.findUniqueOrThrow({ where: { id: w.foreign.id }, select: { workspaceId: true } })).workspaceId;
    await expect(db().$executeRaw`UPDATE "ChainHop" SET "workspaceId" = ${otherWorkspace}, "sourceId" = ${w.foreign.id} WHERE "annotationId" = ${a.id}`).rejects.toThrow(foreignKey);
    await expect(db().$executeRaw`UPDATE "Evidence" SET "workspaceId" = ${otherWorkspace}, "sourceId" = NULL WHERE id = ${item.evidence.id}`).rejects.toThrow(foreignKey);
    // A source still cited cannot be marked merged: its citations move first.
    await expect(db().$executeRaw`UPDATE "Source" SET "mergedIntoId" = ${w.merged.id} WHERE id = ${w.kept.id}`).rejects.toThrow(/still cited/);
    expect(await db().annotation.findUniqueOrThrow({ where: { id: a.id }, select: { sourceId: true } })).toEqual({ sourceId: w.kept.id });
  });
});
