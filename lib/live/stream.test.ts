import { afterAll, describe, expect, it } from "vitest";
import { sleep, until } from "@/lib/testing/wait";
import { db } from "@/lib/db";
import { create, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { liveHub } from "./listener";
import { listPresent, pruneStalePresence } from "./presence";
import { documentLiveScope, latestEventId, workspaceLiveScope } from "./queries";
import type { TLiveEvent, TPresentMember } from "./schemas";
import { lastEventIdOf, liveResponse } from "./stream";

const TEXT = "Memorial reported 613 killed in Khojaly.";

type TMessage = { event: string; id?: string; data: string };

/** Reads a Server-Sent Events body message by message, as EventSource would. */
function reader(response: Response) {
  const body = response.body!.getReader();
  const decoder = new TextDecoder();
  const messages: TMessage[] = [];
  let buffer = "";
  let done = false;
  void (async () => {
    for (;;) {
      const chunk = await body.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const message: TMessage = { event: "message", data: "" };
        let fields = 0;
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) continue;
          const [field, ...rest] = line.split(":");
          const value = rest.join(":").replace(/^ /, "");
          if (field === "event") message.event = value;
          else if (field === "id") message.id = value;
          else if (field === "data") message.data += value;
          else continue;
          fields++;
        }
        if (fields && message.data) messages.push(message);
      }
    }
    done = true;
  })();
  return {
    messages,
    events: () => messages.filter((m) => m.event === "message").map((m) => JSON.parse(m.data) as TLiveEvent),
    presence: () => messages.filter((m) => m.event === "presence").map((m) => JSON.parse(m.data) as TPresentMember[]),
    ready: () => messages.some((m) => m.event === "ready"),
    closed: () => done,
  };
}


function open(options: { userId: string; documentId: string; lastEventId?: string; heartbeatMs?: number; header?: boolean }) {
  const abort = new AbortController();
  const url = `http://test/api/v1/documents/${options.documentId}/live${options.lastEventId && !options.header ? `?lastEventId=${options.lastEventId}` : ""}`;
  const req = new Request(url, { signal: abort.signal, headers: options.lastEventId && options.header ? { "Last-Event-ID": options.lastEventId } : {} });
  const authorize = () => documentLiveScope({ userId: options.userId, documentId: options.documentId });
  return {
    abort: () => abort.abort(),
    start: async () => {
      const response = await liveResponse({ req, userId: options.userId, scope: await authorize(), lastEventId: lastEventIdOf(req), authorize, heartbeatMs: options.heartbeatMs });
      return { response, stream: reader(response) };
    },
  };
}

afterAll(async () => {
  await liveHub().stop();
});

describe("live stream (real database)", () => {
  it("replays the events after Last-Event-ID in order, then streams new ones, with no repeats", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 18, end: 28 });
    const seen = await latestEventId({ userId: users.VIEWER.id, documentId });
    await update(users.REVIEWER.id, a.id, { version: 1, note: "one" });
    await update(users.REVIEWER.id, a.id, { version: 2, note: "two" });
    const b = await create(users.EDITOR.id, documentId, { start: 0, end: 8 });

    const connection = open({ userId: users.VIEWER.id, documentId, lastEventId: seen!, header: true });
    const { response, stream } = await connection.start();
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    // Events that land while the backlog is read go out once, after it.
    const during = update(users.REVIEWER.id, a.id, { version: 3, note: "three" });
    await until(stream.ready, "the stream to be ready");
    await during;
    await update(users.EDITOR.id, b.id, { version: 1, note: "after" });
    await until(() => stream.events().length === 5, "five events");
    await sleep(300);

    const events = stream.events();
    expect(events.map((e) => [e.type, e.annotationId])).toEqual([
      ["UPDATED", a.id],
      ["UPDATED", a.id],
      ["CREATED", b.id],
      ["UPDATED", a.id],
      ["UPDATED", b.id],
    ]);
    const ids = events.map((e) => BigInt(e.id));
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);
    expect(ids[0]).toBeGreaterThan(BigInt(seen!));
    // Each message's SSE id is the event's, for the browser's Last-Event-ID.
    expect(stream.messages.filter((m) => m.event === "message").map((m) => m.id)).toEqual(events.map((e) => e.id));
    expect(events[2]).toMatchObject({ actor: { id: users.EDITOR.id }, annotation: { id: b.id, exact: "Memorial" } });
    connection.abort();
    await until(stream.closed, "the stream to close");
  });

  it("takes ?lastEventId= when there is no header, the header first when both; refuses a malformed one", async () => {
    const req = (url: string, header?: string) => new Request(url, header ? { headers: { "Last-Event-ID": header } } : {});
    expect(lastEventIdOf(req("http://x/live?lastEventId=42"))).toBe("42");
    expect(lastEventIdOf(req("http://x/live?lastEventId=42", "57"))).toBe("57");
    expect(lastEventIdOf(req("http://x/live"))).toBeNull();
    expect(() => lastEventIdOf(req("http://x/live?lastEventId=abc"))).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
    expect(() => lastEventIdOf(req("http://x/live", "1; DROP"))).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
  });

  it("tells a document's streams who has it open, and who left", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const editorConnection = open({ userId: users.EDITOR.id, documentId });
    const editor = await editorConnection.start();
    await until(() => editor.stream.presence().some((p) => p.length === 1), "the editor's own presence");
    expect(editor.stream.presence().at(-1)).toEqual([expect.objectContaining({ id: users.EDITOR.id, role: "EDITOR" })]);

    const reviewerConnection = open({ userId: users.REVIEWER.id, documentId });
    const reviewer = await reviewerConnection.start();
    // The same member twice (two tabs) is listed once.
    const secondTab = open({ userId: users.REVIEWER.id, documentId });
    const tab = await secondTab.start();
    await until(() => (editor.stream.presence().at(-1)?.length ?? 0) === 2 && (tab.stream.presence().at(-1)?.length ?? 0) === 2, "both members");
    expect(editor.stream.presence().at(-1)!.map((p) => [p.id, p.role]).sort()).toEqual(
      [
        [users.EDITOR.id, "EDITOR"],
        [users.REVIEWER.id, "REVIEWER"],
      ].sort(),
    );

    secondTab.abort();
    reviewerConnection.abort();
    await until(() => editor.stream.presence().at(-1)?.length === 1, "the reviewer to leave");
    await until(reviewer.stream.closed, "the reviewer's stream to close");
    expect(await db().presence.count({ where: { documentId, userId: users.REVIEWER.id } })).toBe(0);
    editorConnection.abort();
    await until(editor.stream.closed, "the editor's stream to close");
  });

  it("ignores and prunes rows older than 45 s (a crashed instance's)", async () => {
    const { workspaceId, documentId, users } = await testWorkspace(TEXT);
    await db().$executeRaw`INSERT INTO "Presence" ("id", "workspaceId", "documentId", "userId", "seenAt")
      VALUES (${`stale-${documentId}`}, ${workspaceId}, ${documentId}, ${users.REVIEWER.id}, (now() AT TIME ZONE 'UTC') - interval '50 seconds')`;
    await db().$executeRaw`INSERT INTO "Presence" ("id", "workspaceId", "documentId", "userId", "seenAt")
      VALUES (${`fresh-${documentId}`}, ${workspaceId}, ${documentId}, ${users.EDITOR.id}, (now() AT TIME ZONE 'UTC') - interval '30 seconds')`;
    expect((await listPresent(documentId)).map((p) => p.id)).toEqual([users.EDITOR.id]);
    await pruneStalePresence();
    expect((await db().presence.findMany({ where: { documentId }, select: { id: true } })).map((r) => r.id)).toEqual([`fresh-${documentId}`]);
  });

  it("closes the stream of a member who is removed, at the next heartbeat; 404 for non-members from the start", async () => {
    const { workspaceId, documentId, users } = await testWorkspace(TEXT);
    await expect(documentLiveScope({ userId: users.STRANGER.id, documentId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(workspaceLiveScope({ userId: users.STRANGER.id, workspaceId })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const { stream } = await open({ userId: users.REVIEWER.id, documentId, heartbeatMs: 100 }).start();
    await until(stream.ready, "the stream to be ready");
    await sleep(250);
    expect(stream.closed()).toBe(false);
    await db().membership.delete({ where: { workspaceId_userId: { workspaceId, userId: users.REVIEWER.id } } });
    await until(stream.closed, "the removed member's stream to close");
    await until(() => liveHub().status().subscribers === 0, "the subscription to end");
  });

  it("a lower id that commits after the resume point is replayed; a backlog over 1,000 events or an hour old gets resync instead", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const a = await create(users.REVIEWER.id, documentId, { start: 18, end: 28 });
    // An event whose transaction took its id first and committed later (its time is its start's).
    const row = await db().annotationEvent.findFirstOrThrow({ where: { annotationId: a.id }, select: { workspaceId: true } });
    const lateId = (await db().$queryRaw<{ id: bigint }[]>`SELECT nextval(pg_get_serial_sequence('"AnnotationEvent"', 'id')) AS id`)[0].id;
    await update(users.REVIEWER.id, a.id, { version: 1, note: "committed first" });
    const seen = await latestEventId({ userId: users.VIEWER.id, documentId });
    await db().annotationEvent.create({
      data: { id: lateId, annotationId: a.id, workspaceId: row.workspaceId, documentId, type: "UPDATED", actorId: users.EDITOR.id, version: 2, after: {}, createdAt: new Date(Date.now() - 5000) },
    });
    const resumed = open({ userId: users.VIEWER.id, documentId, lastEventId: seen!, header: true });
    const { stream } = await resumed.start();
    await until(stream.ready, "the stream to be ready");
    // The late one (and the overlap's earlier events, which a client drops as seen): nothing after `seen`.
    expect(stream.events().map((e) => e.id)).toContain(lateId.toString());
    expect(stream.events().every((e) => BigInt(e.id) < BigInt(seen!))).toBe(true);
    resumed.abort();

    // An hour and more behind: resync, with the newest id to go on from.
    await db().annotationEvent.create({
      data: { annotationId: a.id, workspaceId: row.workspaceId, documentId, type: "UPDATED", actorId: users.EDITOR.id, version: 3, after: {}, createdAt: new Date(Date.now() - 61 * 60_000) },
    });
    const latest = await latestEventId({ userId: users.VIEWER.id, documentId });
    const old = open({ userId: users.VIEWER.id, documentId, lastEventId: seen!, header: true });
    const stale = await old.start();
    await until(stale.stream.ready, "the stream to be ready");
    expect(stale.stream.messages.filter((m) => m.event === "resync").map((m) => m.id)).toEqual([latest]);
    expect(stale.stream.events()).toEqual([]);
    old.abort();

    // Over 1,000 events behind, however recent.
    const many = Array.from({ length: 1001 }, (_, i) => ({ annotationId: a.id, workspaceId: row.workspaceId, documentId, type: "UPDATED" as const, actorId: users.EDITOR.id, version: 10 + i, after: {} }));
    const before = await latestEventId({ userId: users.VIEWER.id, documentId });
    await db().annotationEvent.createMany({ data: many });
    const far = open({ userId: users.VIEWER.id, documentId, lastEventId: before!, header: true });
    const behind = await far.start();
    await until(behind.stream.ready, "the stream to be ready");
    expect(behind.stream.messages.map((m) => m.event)).toContain("resync");
    expect(behind.stream.events()).toEqual([]);
    far.abort();
    // 1,000 behind is still a replay.
    const edge = (await db().annotationEvent.findMany({ where: { documentId }, orderBy: { id: "desc" }, skip: 1000, take: 1, select: { id: true } }))[0].id.toString();
    const near = open({ userId: users.VIEWER.id, documentId, lastEventId: edge, header: true });
    const replayed = await near.start();
    await until(replayed.stream.ready, "the stream to be ready");
    expect(replayed.stream.messages.map((m) => m.event)).not.toContain("resync");
    near.abort();
  });

  it("a member holds at most 5 streams, counted in the database: the 6th is refused with 429 until one closes", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const connections = Array.from({ length: 5 }, () => open({ userId: users.EDITOR.id, documentId }));
    const started = await Promise.all(connections.map((c) => c.start()));
    expect(await db().liveStream.count({ where: { userId: users.EDITOR.id } })).toBe(5);
    await expect(open({ userId: users.EDITOR.id, documentId }).start()).rejects.toMatchObject({ code: "RATE_LIMITED", message: expect.stringContaining("at most 5") });
    // Another member is not affected.
    const other = open({ userId: users.REVIEWER.id, documentId });
    await other.start();
    connections[0].abort();
    await until(started[0].stream.closed, "the first stream to close");
    for (let i = 0; i < 50 && (await db().liveStream.count({ where: { userId: users.EDITOR.id } })) > 4; i++) await sleep(20);
    const sixth = open({ userId: users.EDITOR.id, documentId });
    await sixth.start();
    // A stale row (its instance died) stops counting.
    await db().$executeRaw`UPDATE "LiveStream" SET "seenAt" = "seenAt" - interval '1 minute' WHERE "userId" = ${users.EDITOR.id}`;
    const seventh = open({ userId: users.EDITOR.id, documentId });
    await seventh.start();
    for (const c of [...connections.slice(1), sixth, seventh, other]) c.abort();
  });
});
