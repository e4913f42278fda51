import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createDocument } from "@/lib/documents/mutations";
import { listDocuments } from "@/lib/documents/queries";
import { createWorkspace } from "@/lib/workspaces/mutations";

describe("listDocuments (real database)", () => {
  it("orders by the latest change to a document or its annotations, and counts live annotations", async () => {
    const owner = await db().user.create({ data: { email: `${randomUUID()}@t.test`, name: "o", passwordHash: "x" }, select: { id: true } });
    const ws = await createWorkspace({ userId: owner.id, name: "Desk" });
    const older = await createDocument({ userId: owner.id, input: { workspaceId: ws.id, title: "Older", text: "Memorial reported 613 killed." } });
    await new Promise((r) => setTimeout(r, 20));
    await createDocument({ userId: owner.id, input: { workspaceId: ws.id, title: "Newer", text: "Newsweek, 16 March 1992." } });
    expect((await listDocuments({ userId: owner.id })).map((d) => d.title)).toEqual(["Newer", "Older"]);

    await new Promise((r) => setTimeout(r, 20));
    const base = { workspaceId: ws.id, documentId: older.id, documentRevision: 1, prefix: "", suffix: "", createdById: owner.id, updatedById: owner.id };
    await db().annotation.create({ data: { ...base, start: 0, end: 8, exact: "Memorial" } });
    await db().annotation.create({ data: { ...base, start: 18, end: 21, exact: "613", deletedAt: new Date() } });
    const listed = await listDocuments({ userId: owner.id });
    expect(listed.map((d) => d.title)).toEqual(["Older", "Newer"]);
    expect(listed[0].annotationCount).toBe(1);
    expect(listed[0].lastChangeAt.getTime()).toBeGreaterThan(listed[0].updatedAt.getTime());
  });
});
