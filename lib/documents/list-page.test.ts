import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DOCUMENT_PAGE_SIZE, listDocumentPage } from "@/lib/documents/list-page";
import { ZDocumentListQuery, DOCUMENT_SORTS, type TDocumentListQuery } from "@/lib/documents/schemas";
import { testUser } from "@/lib/testing/annotation-fixtures";

const DAY = 86_400_000;

/** A workspace of 75 documents ("Doc 001"…), a third with annotations of mixed statuses, some deleted, changed at known times. */
async function listedWorkspace() {
  const user = await testUser();
  const workspace = await db().workspace.create({ data: { name: `List ${randomUUID().slice(0, 6)}`, memberships: { create: { userId: user.id, role: "VIEWER" } } } });
  const base = Date.UTC(2026, 0, 1);
  const docs = Array.from({ length: 75 }, (_, i) => ({
    id: randomUUID(),
    workspaceId: workspace.id,
    title: `Doc ${String(i + 1).padStart(3, "0")}`,
    text: "Memorial reported 613 killed.",
    sha256: "x",
    length: 29,
    createdById: user.id,
    updatedAt: new Date(base + ((i * 7) % 75) * DAY),
  }));
  await db().document.createMany({ data: docs });
  const statuses = ["UNVERIFIED", "VERIFIED", "IN_PROGRESS", "VERIFIED"] as const;
  const annotations = docs.flatMap((d, i) =>
    i % 3 !== 0
      ? []
      : Array.from({ length: 1 + (i % 4) }, (_, j) => ({
          workspaceId: workspace.id,
          documentId: d.id,
          documentRevision: 1,
          start: 0,
          end: 8,
          exact: "Memorial",
          prefix: "",
          suffix: " reported",
          status: statuses[(i + j) % 4],
          createdById: user.id,
          updatedById: user.id,
          updatedAt: new Date(base + (100 + i) * DAY),
          deletedAt: j === 1 ? new Date(base + (100 + i) * DAY) : null,
        })),
  );
  await db().annotation.createMany({ data: annotations });
  // More changes through an UPDATE (the trigger's other path): the live Verified annotations of Doc 004 deleted.
  const doc4 = docs[3].id;
  await db().annotation.updateMany({ where: { documentId: doc4, status: "VERIFIED", deletedAt: null }, data: { deletedAt: new Date(), updatedAt: new Date(base + 500 * DAY) } });
  return { user, workspace, docs };
}

/** The whole list in the order of `query`, computed here from the rows themselves. */
async function expectedOrder(workspaceId: string, query: TDocumentListQuery): Promise<string[]> {
  const docs = await db().document.findMany({ where: { workspaceId, deletedAt: null }, select: { id: true, title: true, updatedAt: true, annotations: { select: { status: true, deletedAt: true, updatedAt: true } } } });
  const dir = query.dir ?? (query.sort === "title" ? "asc" : "desc");
  const sign = dir === "asc" ? 1 : -1;
  const keyOf = (d: (typeof docs)[number]) => {
    const live = d.annotations.filter((a) => !a.deletedAt);
    if (query.sort === "annotations") return live.length;
    if (query.sort === "verified") return live.length === 0 ? (dir === "desc" ? -1 : 2) : live.filter((a) => a.status === "VERIFIED").length / live.length;
    return Math.max(d.updatedAt.getTime(), ...d.annotations.map((a) => a.updatedAt.getTime()));
  };
  const filtered = docs.filter((d) => d.title.toLowerCase().includes(query.q.toLowerCase()));
  if (query.sort === "title") return filtered.sort((a, b) => sign * a.title.localeCompare(b.title, "en")).map((d) => d.id);
  return filtered.sort((a, b) => sign * (keyOf(a) - keyOf(b)) || a.title.localeCompare(b.title, "en")).map((d) => d.id);
}

describe("listDocumentPage (real database)", () => {
  it("pages every sort, both ways, by keyset: forward through every page and back again gives the whole order", async () => {
    const { user, workspace } = await listedWorkspace();
    for (const sort of DOCUMENT_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const query = ZDocumentListQuery.parse({ sort, dir });
        const expected = await expectedOrder(workspace.id, query);
        const first = await listDocumentPage({ userId: user.id, query });
        expect(first.total).toBe(75);
        expect(first.previous).toBeUndefined();
        expect(first.documents.map((d) => d.id)).toEqual(expected.slice(0, DOCUMENT_PAGE_SIZE));
        const second = await listDocumentPage({ userId: user.id, query: ZDocumentListQuery.parse(first.next) });
        expect(second.documents.map((d) => d.id), `${sort} ${dir}`).toEqual(expected.slice(DOCUMENT_PAGE_SIZE));
        expect(second.next).toBeUndefined();
        const back = await listDocumentPage({ userId: user.id, query: ZDocumentListQuery.parse(second.previous) });
        expect(back.documents.map((d) => d.id), `${sort} ${dir} back`).toEqual(expected.slice(0, DOCUMENT_PAGE_SIZE));
        expect(back.previous).toBeUndefined();
        expect(back.next).toMatchObject({ after: expected[DOCUMENT_PAGE_SIZE - 1] });
      }
    }
  });

  it("shows the counts and latest change it sorted by, filters by title, and starts afresh from a cursor that is gone", async () => {
    const { user, docs } = await listedWorkspace();
    const page = await listDocumentPage({ userId: user.id, query: ZDocumentListQuery.parse({ sort: "annotations", q: "doc 00" }) });
    expect(page.total).toBe(9);
    // Doc 004: four annotations (two Verified), one deleted at first and both Verified ones deleted since: one live, none Verified.
    const doc4 = page.documents.find((d) => d.title === "Doc 004")!;
    expect(doc4).toMatchObject({ annotationCount: 1, verifiedCount: 0, lastChangeAt: new Date(Date.UTC(2026, 0, 1) + 500 * DAY) });
    expect(page.documents.map((d) => d.annotationCount)).toEqual([...page.documents.map((d) => d.annotationCount)].sort((a, b) => b - a));

    await db().document.update({ where: { id: docs[10].id }, data: { deletedAt: new Date() } });
    const gone = await listDocumentPage({ userId: user.id, query: ZDocumentListQuery.parse({ sort: "title", after: docs[10].id }) });
    expect(gone.documents[0].title).toBe("Doc 001");
    expect(gone.previous).toBeUndefined();
    expect(gone.total).toBe(74);

    const stranger = await testUser();
    expect(await listDocumentPage({ userId: stranger.id, query: ZDocumentListQuery.parse({}) })).toMatchObject({ total: 0, documents: [] });
  });

  it("keeps the sort keys equal to what the annotations say after inserts, updates and deletes", async () => {
    const { workspace, docs } = await listedWorkspace();
    await db().annotation.updateMany({ where: { workspaceId: workspace.id, status: "UNVERIFIED" }, data: { status: "VERIFIED" } });
    await db().annotation.deleteMany({ where: { documentId: docs[6].id } });
    const kept = await db().$queryRaw<{ documentId: string; live: number; verified: number }[]>`
      SELECT "documentId", sum(live)::int AS live, sum(verified)::int AS verified FROM "DocumentListKey" WHERE "workspaceId" = ${workspace.id} GROUP BY 1 HAVING sum(live) <> 0 OR sum(verified) <> 0 ORDER BY 1`;
    const actual = await db().$queryRaw<{ documentId: string; live: number; verified: number }[]>`
      SELECT "documentId", count(*)::int AS live, (count(*) FILTER (WHERE status = 'VERIFIED'))::int AS verified FROM "Annotation"
      WHERE "workspaceId" = ${workspace.id} AND "deletedAt" IS NULL GROUP BY 1 ORDER BY 1`;
    expect(kept).toEqual(actual);
  });
});
