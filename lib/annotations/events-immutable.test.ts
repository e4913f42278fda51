import pg from "pg";
import { describe, expect, it } from "vitest";
import { appConnection, db } from "@/lib/db";
import { create, eventsOf, testWorkspace, update } from "@/lib/testing/annotation-fixtures";

/** An annotation with two events (created, then a note), and its events as stored. */
async function annotationWithHistory() {
  const { documentId, workspaceId, users } = await testWorkspace();
  const a = await create(users.REVIEWER.id, documentId, { start: 0, end: 8, note: "first" });
  await update(users.REVIEWER.id, a.id, { version: 1, note: "second" });
  const events = await eventsOf(a.id);
  expect(events.map((e) => e.type)).toEqual(["CREATED", "UPDATED"]);
  return { annotationId: a.id, documentId, workspaceId, events };
}

const PERMISSION_DENIED = /permission denied/i;

describe("AnnotationEvent is append-only for the app's database role", () => {
  it("the app's client works as provenant_app, not as the login role that migrates", async () => {
    const [{ role }] = await db().$queryRaw<{ role: string }[]>`SELECT current_user::text AS role`;
    expect(role).toBe("provenant_app");
  });

  it("the app's login cannot RESET ROLE or SET ROLE its way to the owner, and still cannot UPDATE events", async () => {
    const { annotationId, events } = await annotationWithHistory();
    const owner = decodeURIComponent(new URL(process.env.DATABASE_URL as string).username);
    // A connection exactly as the app's pool makes them (lib/db.ts), not one of the pool's, which this would spoil.
    const client = new pg.Client(appConnection());
    await client.connect();
    try {
      await client.query("RESET ROLE");
      const { rows } = await client.query<{ current: string; superuser: boolean }>(
        "SELECT current_user::text AS current, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser",
      );
      expect(rows[0]).toEqual({ current: "provenant_app", superuser: false });
      await expect(client.query(`SET ROLE ${client.escapeIdentifier(owner)}`)).rejects.toThrow(PERMISSION_DENIED);
      await expect(client.query(`UPDATE "AnnotationEvent" SET "version" = 99 WHERE id = $1`, [events[0].id])).rejects.toThrow(PERMISSION_DENIED);
    } finally {
      await client.end();
    }
    expect(await eventsOf(annotationId)).toEqual(events);
  });

  it("UPDATE of an event row is refused and the row stays as it was", async () => {
    const { annotationId, events } = await annotationWithHistory();
    const [first] = events;
    await expect(db().$executeRaw`UPDATE "AnnotationEvent" SET "version" = 99, "after" = '{"note":"rewritten"}' WHERE id = ${first.id}`).rejects.toThrow(PERMISSION_DENIED);
    await expect(db().annotationEvent.update({ where: { id: first.id }, data: { actorId: events[1].actorId, version: 99 } })).rejects.toThrow(PERMISSION_DENIED);
    await expect(db().annotationEvent.updateMany({ where: { annotationId }, data: { version: 99 } })).rejects.toThrow(PERMISSION_DENIED);
    expect(await eventsOf(annotationId)).toEqual(events);
  });

  it("DELETE of an event row is refused and the history stays whole", async () => {
    const { annotationId, events } = await annotationWithHistory();
    await expect(db().$executeRaw`DELETE FROM "AnnotationEvent" WHERE id = ${events[1].id}`).rejects.toThrow(PERMISSION_DENIED);
    await expect(db().annotationEvent.delete({ where: { id: events[0].id } })).rejects.toThrow(PERMISSION_DENIED);
    await expect(db().annotationEvent.deleteMany({ where: { annotationId } })).rejects.toThrow(PERMISSION_DENIED);
    expect(await eventsOf(annotationId)).toEqual(events);
  });

  it("TRUNCATE of the events table is refused", async () => {
    const { annotationId, events } = await annotationWithHistory();
    await expect(db().$executeRaw`TRUNCATE "AnnotationEvent"`).rejects.toThrow(PERMISSION_DENIED);
    await expect(db().$executeRaw`TRUNCATE "AnnotationEvent" CASCADE`).rejects.toThrow(PERMISSION_DENIED);
    expect(await eventsOf(annotationId)).toEqual(events);
  });

  it("inside a transaction too: the refusal rolls the whole change back", async () => {
    const { annotationId, events } = await annotationWithHistory();
    await expect(
      db().$transaction(async (tx) => {
        await tx.annotation.update({ where: { id: annotationId }, data: { note: "covered up" } });
        await tx.$executeRaw`DELETE FROM "AnnotationEvent" WHERE "annotationId" = ${annotationId}`;
      }),
    ).rejects.toThrow(PERMISSION_DENIED);
    expect(await eventsOf(annotationId)).toEqual(events);
    expect((await db().annotation.findUniqueOrThrow({ where: { id: annotationId } })).note).toBe("second");
  });

  // Foreign-key actions run as the table's owner, not as provenant_app, so a cascade from a
  // deleted annotation would bypass the REVOKE: the event's foreign key must refuse instead.
  it("hard-deleting an annotation that has events is refused, and its events stay", async () => {
    const { annotationId, events } = await annotationWithHistory();
    await expect(db().annotation.delete({ where: { id: annotationId } })).rejects.toThrow();
    expect(await eventsOf(annotationId)).toEqual(events);
  });

  it("hard-deleting its document or its workspace does not take the events with it", async () => {
    const { annotationId, documentId, workspaceId, events } = await annotationWithHistory();
    await expect(db().document.delete({ where: { id: documentId } })).rejects.toThrow();
    await expect(db().workspace.delete({ where: { id: workspaceId } })).rejects.toThrow();
    expect(await eventsOf(annotationId)).toEqual(events);
  });

  it("new events can still be appended", async () => {
    const { annotationId, events } = await annotationWithHistory();
    await update(events[0].actorId, annotationId, { version: 2, note: "third" });
    expect((await eventsOf(annotationId)).map((e) => e.type)).toEqual(["CREATED", "UPDATED", "UPDATED"]);
  });
});
