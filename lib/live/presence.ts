import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { PRESENCE_TTL_SECONDS, type TPresentMember } from "@/lib/live/schemas";
import type { TRole } from "@/lib/roles";

/*
 * Who has a document open: one Presence row per open document stream, kept fresh by the stream's
 * heartbeat. After each change `pg_notify('provenant_presence', documentId)` tells every app
 * instance (lib/live/listener.ts) to push the current list to that document's streams, so it works
 * behind a load balancer. Times are the database's, in UTC like the columns Prisma writes, so app
 * clocks do not matter.
 */

const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
const STALE = Prisma.sql`${NOW} - make_interval(secs => ${PRESENCE_TTL_SECONDS})`;

type TConnection = { connectionId: string; workspaceId: string; documentId: string; userId: string };

async function notify(documentId: string) {
  await db().$executeRaw`SELECT pg_notify('provenant_presence', ${documentId})`;
}

/** Removes a document's stale rows (a crashed instance leaves some); true when any went. */
async function pruneDocument(documentId: string): Promise<boolean> {
  const count = await db().$executeRaw`DELETE FROM "Presence" WHERE "documentId" = ${documentId} AND "seenAt" < ${STALE}`;
  return count > 0;
}

export async function joinPresence(c: TConnection): Promise<void> {
  await db().$executeRaw`
    INSERT INTO "Presence" ("id", "workspaceId", "documentId", "userId", "seenAt") VALUES (${c.connectionId}, ${c.workspaceId}, ${c.documentId}, ${c.userId}, ${NOW})
    ON CONFLICT ("id") DO UPDATE SET "seenAt" = ${NOW}`;
  await pruneDocument(c.documentId);
  await notify(c.documentId);
}

/** On each heartbeat: keeps this connection's row fresh (back if it was pruned during a stall) and prunes others' stale rows. */
export async function refreshPresence(c: TConnection): Promise<void> {
  const updated = await db().$executeRaw`UPDATE "Presence" SET "seenAt" = ${NOW} WHERE "id" = ${c.connectionId}`;
  if (updated === 0) return joinPresence(c);
  if (await pruneDocument(c.documentId)) await notify(c.documentId);
}

export async function leavePresence(c: Pick<TConnection, "connectionId" | "documentId">): Promise<void> {
  const count = await db().$executeRaw`DELETE FROM "Presence" WHERE "id" = ${c.connectionId}`;
  if (count > 0) await notify(c.documentId);
}

/** Stale rows of every document (nobody heartbeats documents nobody has open); each document's streams are told. */
export async function pruneStalePresence(): Promise<void> {
  const rows = await db().$queryRaw<{ documentId: string }[]>`DELETE FROM "Presence" WHERE "seenAt" < ${STALE} RETURNING "documentId"`;
  for (const documentId of new Set(rows.map((r) => r.documentId))) await notify(documentId);
}

/** The members who have the document open now, each once, by name; members who left the workspace are not shown. */
export async function listPresent(documentId: string): Promise<TPresentMember[]> {
  const rows = await db().$queryRaw<{ id: string; name: string; email: string; role: TRole }[]>`
    SELECT DISTINCT u."id", u."name", u."email", m."role"::text AS "role"
      FROM "Presence" p
      JOIN "User" u ON u."id" = p."userId"
      JOIN "Membership" m ON m."workspaceId" = p."workspaceId" AND m."userId" = p."userId"
     WHERE p."documentId" = ${documentId} AND p."seenAt" >= ${STALE}
     ORDER BY u."name", u."id"`;
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role }));
}
