import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { create, eventsOf, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { setChain } from "./chain";
import { listAnnotations } from "./queries";
import { ZSetChain } from "./schemas";

const TEXT = "According to the booklet “Khojaly Tragedy”, Memorial counted 613 dead.";

const put = (userId: string, annotationId: string, input: unknown) => setChain({ userId, annotationId, input: ZSetChain.parse(input) });

async function sources(workspaceId: string, userId: string) {
  const make = (title: string) => db().source.create({ data: { workspaceId, kind: "REPORT", title, createdById: userId }, select: { id: true, title: true } });
  return { booklet: await make("Khojaly Tragedy (booklet)"), memorial: await make("Memorial report"), extra: await make("Newsweek") };
}

describe("attribution chain (real database)", () => {
  it("replaces the ordered hops against the version; one CHAIN_SET event with both lists", async () => {
    const { workspaceId, documentId, users } = await testWorkspace(TEXT);
    const s = await sources(workspaceId, users.OWNER.id);
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 9 });

    const set = await put(users.REVIEWER.id, a.id, { version: 1, hops: [{ sourceId: s.booklet.id, locator: "p. 3" }, { sourceId: s.memorial.id, note: "as quoted" }] });
    expect(set).toMatchObject({ version: 2, chain: [
      { sourceId: s.booklet.id, title: s.booklet.title, locator: "p. 3", note: "" },
      { sourceId: s.memorial.id, title: s.memorial.title, locator: "", note: "as quoted" },
    ] });
    const replaced = await put(users.EDITOR.id, a.id, { version: 2, hops: [{ sourceId: s.extra.id }, { sourceId: s.booklet.id, locator: "p. 3" }, { sourceId: s.memorial.id, note: "as quoted" }] });
    expect(replaced.chain.map((h) => h.title)).toEqual(["Newsweek", "Khojaly Tragedy (booklet)", "Memorial report"]);
    expect(await db().chainHop.findMany({ where: { annotationId: a.id }, orderBy: { position: "asc" }, select: { position: true } })).toEqual([{ position: 0 }, { position: 1 }, { position: 2 }]);

    // The same chain again is no change; a stale version is 409 with the annotation as it stands.
    expect((await put(users.EDITOR.id, a.id, { version: 3, hops: replaced.chain.map(({ sourceId, locator, note }) => ({ sourceId, locator, note })) })).version).toBe(3);
    await expect(put(users.REVIEWER.id, a.id, { version: 2, hops: [] })).rejects.toMatchObject({ code: "CONFLICT", current: { version: 3, chain: replaced.chain } });
    // And the annotation's own PATCH sees the chain change.
    await expect(update(users.REVIEWER.id, a.id, { version: 2, note: "x" })).rejects.toMatchObject({ code: "CONFLICT" });

    const cleared = await put(users.REVIEWER.id, a.id, { version: 3, hops: [] });
    expect(cleared).toMatchObject({ version: 4, chain: [] });

    const events = await eventsOf(a.id);
    expect(events.map((e) => [e.type, e.version, e.actorId])).toEqual([
      ["CREATED", 1, users.REVIEWER.id], ["CHAIN_SET", 2, users.REVIEWER.id], ["CHAIN_SET", 3, users.EDITOR.id], ["CHAIN_SET", 4, users.REVIEWER.id],
    ]);
    expect(events[1].before).toEqual({ hops: [] });
    expect(events[1].after).toEqual({ hops: [{ sourceId: s.booklet.id, locator: "p. 3", note: "" }, { sourceId: s.memorial.id, locator: "", note: "as quoted" }] });
    expect(events[2].before).toEqual(events[1].after);
    expect(events[3].after).toEqual({ hops: [] });
  });

  it("refuses a foreign source (422 on the hop), more than 20 hops, VIEWER 403, stranger 404", async () => {
    const here = await testWorkspace(TEXT);
    const there = await testWorkspace(TEXT);
    const mine = await sources(here.workspaceId, here.users.OWNER.id);
    const foreign = await db().source.create({ data: { workspaceId: there.workspaceId, kind: "BOOK", title: "Elsewhere", createdById: there.users.OWNER.id } });
    const a = await create(here.users.REVIEWER.id, here.documentId, { start: 0, end: 9 });

    await expect(put(here.users.REVIEWER.id, a.id, { version: 1, hops: [{ sourceId: mine.booklet.id }, { sourceId: foreign.id }] })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { "hops.1.sourceId": "Choose a source of this workspace" },
    });
    expect(ZSetChain.safeParse({ version: 1, hops: Array.from({ length: 21 }, () => ({ sourceId: mine.booklet.id })) }).error?.issues[0]).toMatchObject({ path: ["hops"], message: "At most 20 hops" });
    expect(ZSetChain.safeParse({ version: 1, hops: [{ sourceId: mine.booklet.id, page: 3 }] }).error?.issues[0].code).toBe("unrecognized_keys");
    await expect(put(here.users.VIEWER.id, a.id, { version: 1, hops: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(put(here.users.STRANGER.id, a.id, { version: 1, hops: [] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await eventsOf(a.id)).toHaveLength(1);
    expect(await db().chainHop.count({ where: { annotationId: a.id } })).toBe(0);
  });

  it("the list carries evidence counts and chains for every annotation", async () => {
    const { workspaceId, documentId, users } = await testWorkspace(TEXT);
    const s = await sources(workspaceId, users.OWNER.id);
    const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 9 });
    const b = await create(users.REVIEWER.id, documentId, { start: 10, end: 20 });
    await put(users.REVIEWER.id, b.id, { version: 1, hops: [{ sourceId: s.booklet.id }, { sourceId: s.memorial.id }] });
    await db().evidence.createMany({
      data: [
        { workspaceId, annotationId: a.id, stance: "SUPPORTS", passage: "x", createdById: users.REVIEWER.id },
        { workspaceId, annotationId: a.id, stance: "CONTEXT", passage: "y", createdById: users.REVIEWER.id },
        { workspaceId, annotationId: a.id, stance: "CONTEXT", passage: "gone", createdById: users.REVIEWER.id, deletedAt: new Date() },
      ],
    });
    const list = await listAnnotations({ userId: users.VIEWER.id, documentId });
    expect(list.map((x) => [x.evidenceCount, x.chain.map((h) => h.title)])).toEqual([
      [2, []],
      [0, ["Khojaly Tragedy (booklet)", "Memorial report"]],
    ]);
  });
});
