import "server-only";
import { db } from "@/lib/db";

export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

/**
 * Sign-in throttling per (email, ip), kept in the database so it holds across app instances.
 * Locked when the last MAX_FAILURES failures all fall within WINDOW_MS and the latest is less than
 * LOCK_MS ago. Attempts refused while locked are not counted, so the lock ends LOCK_MS after the
 * failure that set it.
 */
export async function isLocked(email: string, ip: string, now = new Date()): Promise<boolean> {
  const recent = await db().loginFailure.findMany({
    where: { email, ip, createdAt: { gt: new Date(now.getTime() - WINDOW_MS - LOCK_MS) } },
    orderBy: { createdAt: "desc" },
    take: MAX_FAILURES,
    select: { createdAt: true },
  });
  if (recent.length < MAX_FAILURES) return false;
  const latest = recent[0].createdAt.getTime();
  const oldest = recent[MAX_FAILURES - 1].createdAt.getTime();
  return latest - oldest <= WINDOW_MS && now.getTime() - latest < LOCK_MS;
}

export async function recordFailure(email: string, ip: string): Promise<void> {
  const cutoff = new Date(Date.now() - WINDOW_MS - LOCK_MS);
  await db().$transaction([
    db().loginFailure.deleteMany({ where: { email, ip, createdAt: { lt: cutoff } } }),
    db().loginFailure.create({ data: { email, ip } }),
  ]);
}

export async function clearFailures(email: string, ip: string): Promise<void> {
  await db().loginFailure.deleteMany({ where: { email, ip } });
}
