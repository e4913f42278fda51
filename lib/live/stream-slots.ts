import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { PRESENCE_TTL_SECONDS } from "@/lib/live/schemas";

/** Open live streams a member may hold at once, over every app instance (tabs, windows, scripts). */
export const MAX_STREAMS_PER_MEMBER = 5;

// Database time, in UTC like the columns Prisma writes; a row not refreshed by its heartbeat for
// the presence TTL belongs to a stream whose instance died, and stops counting.
const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
const STALE = Prisma.sql`${NOW} - make_interval(secs => ${PRESENCE_TTL_SECONDS})`;

/**
 * Takes one of the member's stream slots, or refuses with 429. A transaction-scoped advisory lock
 * per member makes count-then-insert atomic across instances: two streams opened at once cannot
 * both take the last slot.
 */
export async function claimStreamSlot(options: { userId: string; streamId: string }): Promise<void> {
  const { userId, streamId } = options;
  const open = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`live-streams:${userId}`}, 0))`;
    await tx.$executeRaw`DELETE FROM "LiveStream" WHERE "userId" = ${userId} AND "seenAt" < ${STALE}`;
    const [{ count }] = await tx.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM "LiveStream" WHERE "userId" = ${userId}`;
    if (count >= MAX_STREAMS_PER_MEMBER) return count;
    await tx.$executeRaw`INSERT INTO "LiveStream" ("id", "userId", "openedAt", "seenAt") VALUES (${streamId}, ${userId}, ${NOW}, ${NOW})`;
    return null;
  });
  if (open !== null) {
    throw new AppError(
      "RATE_LIMITED",
      `You have ${open} live connections open (at most ${MAX_STREAMS_PER_MEMBER}: tabs, windows or scripts); close one to follow this page live`,
    );
  }
}

/** On each heartbeat: the slot stays counted (and comes back if a stall let it be pruned). */
export async function refreshStreamSlot(options: { userId: string; streamId: string }): Promise<void> {
  await db().$executeRaw`
    INSERT INTO "LiveStream" ("id", "userId", "openedAt", "seenAt") VALUES (${options.streamId}, ${options.userId}, ${NOW}, ${NOW})
    ON CONFLICT ("id") DO UPDATE SET "seenAt" = ${NOW}`;
}

export async function releaseStreamSlot(streamId: string): Promise<void> {
  await db().$executeRaw`DELETE FROM "LiveStream" WHERE "id" = ${streamId}`;
}
