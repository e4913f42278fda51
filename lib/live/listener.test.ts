import pg from "pg";
import { sleep, until } from "@/lib/testing/wait";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addEvidenceTo, create, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { deleteAnnotation } from "@/lib/annotations/mutations";
import { liveHub, type TLiveSubscriber } from "./listener";
import type { TLiveEvent } from "./schemas";

const TEXT = "Memorial reported 613 killed in Khojaly.";

/** A subscriber that keeps what it is given. */
function listen(scope: { workspaceId: string; documentId?: string }) {
  const events: TLiveEvent[] = [];
  const subscriber: TLiveSubscriber = { ...scope, onEvent: (e) => events.push(e) };
  const subscription = liveHub().subscribe(subscriber);
  return { events, ready: subscription.ready, unsubscribe: subscription.unsubscribe };
}


/** The login role (not the app's): it may terminate the listener's backend. */
async function admin() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  return client;
}

afterAll(async () => {
  await liveHub().stop();
});

describe("live listener (real database)", () => {
  it("delivers each committed event once to the subscribers of its document and workspace, read once for all", async () => {
    const here = await testWorkspace(TEXT);
    const there = await testWorkspace(TEXT);
    const otherDoc = await db().document.create({
      data: { workspaceId: here.workspaceId, title: "Other", text: TEXT, sha256: "x", length: TEXT.length, createdById: here.users.OWNER.id },
      select: { id: true },
    });
    const onDoc = listen({ workspaceId: here.workspaceId, documentId: here.documentId });
    const onWorkspace = listen({ workspaceId: here.workspaceId });
    const onOtherDoc = listen({ workspaceId: here.workspaceId, documentId: otherDoc.id });
    const elsewhere = listen({ workspaceId: there.workspaceId });
    await onDoc.ready;

    const a = await create(here.users.REVIEWER.id, here.documentId, { start: 18, end: 28, exact: "613 killed" });
    await until(() => onDoc.events.length === 1 && onWorkspace.events.length === 1, "the CREATED event");
    const [event] = onDoc.events;
    expect(event).toMatchObject({
      type: "CREATED",
      annotationId: a.id,
      documentId: here.documentId,
      workspaceId: here.workspaceId,
      actor: { id: here.users.REVIEWER.id, name: here.users.REVIEWER.name },
      annotation: { id: a.id, exact: "613 killed", version: 1, deletedAt: null, status: "UNVERIFIED" },
    });
    expect(event.id).toMatch(/^\d+$/);
    expect(new Date(event.createdAt).getTime()).not.toBeNaN();
    // One read per process, handed to every subscriber.
    expect(onWorkspace.events[0]).toBe(event);

    await addEvidenceTo(here.users.REVIEWER.id, a.id);
    await update(here.users.REVIEWER.id, a.id, { version: 2, status: "VERIFIED" });
    await deleteAnnotation({ userId: here.users.EDITOR.id, annotationId: a.id });
    await until(() => onDoc.events.length === 4, "four events");
    expect(onDoc.events.map((e) => e.type)).toEqual(["CREATED", "EVIDENCE_ADDED", "UPDATED", "DELETED"]);
    expect(onDoc.events.map((e) => Number(e.id))).toEqual([...onDoc.events.map((e) => Number(e.id))].sort((x, y) => x - y));
    // The annotation as read when delivered: the deleted one comes with deletedAt.
    expect(onDoc.events[3]).toMatchObject({ actor: { id: here.users.EDITOR.id }, annotation: { id: a.id, version: 4, deletedAt: expect.any(String) } });

    await sleep(300);
    expect(onDoc.events).toHaveLength(4);
    expect(onWorkspace.events).toHaveLength(4);
    expect(onOtherDoc.events).toHaveLength(0);
    expect(elsewhere.events).toHaveLength(0);

    onDoc.unsubscribe();
    await create(here.users.REVIEWER.id, here.documentId, { start: 0, end: 8 });
    await until(() => onWorkspace.events.length === 5, "the workspace's fifth event");
    expect(onDoc.events).toHaveLength(4);
    for (const s of [onWorkspace, onOtherDoc, elsewhere]) s.unsubscribe();
  });

  it("after the connection is killed, reconnects and delivers what was written meanwhile, once", async () => {
    const { workspaceId, documentId, users } = await testWorkspace(TEXT);
    const sub = listen({ workspaceId, documentId });
    await sub.ready;
    const a = await create(users.REVIEWER.id, documentId, { start: 18, end: 28 });
    await until(() => sub.events.length === 1, "the CREATED event");

    const before = liveHub().status();
    expect(before.state).toBe("listening");
    const client = await admin();
    try {
      await client.query("SELECT pg_terminate_backend($1)", [before.pid]);
      await until(() => liveHub().status().state !== "listening", "the hub to notice the drop");
      await update(users.REVIEWER.id, a.id, { version: 1, note: "written while the listener was down" });
      // Still down when it committed: the announcement went nowhere, the replay has to bring it.
      expect(liveHub().status().state).not.toBe("listening");
    } finally {
      await client.end();
    }

    await until(() => sub.events.length === 2, "the event written while down");
    expect(sub.events[1]).toMatchObject({ type: "UPDATED", annotation: { note: "written while the listener was down", version: 2 } });
    const after = liveHub().status();
    expect(after.state).toBe("listening");
    expect(after.pid).not.toBe(before.pid);

    // Live again, and nothing twice.
    await update(users.REVIEWER.id, a.id, { version: 2, note: "after the reconnect" });
    await until(() => sub.events.length === 3, "an event after the reconnect");
    await sleep(300);
    expect(sub.events.map((e) => e.annotation?.version)).toEqual([1, 2, 3]);
    expect(new Set(sub.events.map((e) => e.id)).size).toBe(3);
    sub.unsubscribe();
  });

  it("replays an event that took a lower id but committed during the drop", async () => {
    const { workspaceId, documentId, users } = await testWorkspace(TEXT);
    const sub = listen({ workspaceId, documentId });
    await sub.ready;
    const a = await create(users.REVIEWER.id, documentId, { start: 18, end: 28 });
    await until(() => sub.events.length === 1, "the CREATED event");

    const slow = await admin();
    const killer = await admin();
    try {
      // A transaction takes its event id, then a later one commits (and is announced) first.
      await slow.query("BEGIN");
      const { rows } = await slow.query<{ id: string }>(
        `INSERT INTO "AnnotationEvent" ("annotationId", "workspaceId", "documentId", "type", "actorId", "version", "after")
         VALUES ($1, $2, $3, 'CHAIN_SET', $4, 1, '{"hops": []}') RETURNING id::text`,
        [a.id, workspaceId, documentId, users.REVIEWER.id],
      );
      await update(users.REVIEWER.id, a.id, { version: 1, note: "committed first" });
      await until(() => sub.events.length === 2, "the later event");
      expect(BigInt(sub.events[1].id)).toBeGreaterThan(BigInt(rows[0].id));

      await killer.query("SELECT pg_terminate_backend($1)", [liveHub().status().pid]);
      await until(() => liveHub().status().state !== "listening", "the hub to notice the drop");
      await slow.query("COMMIT");
      await until(() => sub.events.length === 3, "the event committed during the drop");
      expect(sub.events[2]).toMatchObject({ id: rows[0].id, type: "CHAIN_SET" });
      await sleep(300);
      expect(sub.events).toHaveLength(3);
    } finally {
      await slow.end();
      await killer.end();
      sub.unsubscribe();
    }
  });
});
