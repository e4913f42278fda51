import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { presentToken, tokenSelect } from "@/lib/tokens/queries";
import { DEFAULT_TOKEN_LIFETIME_DAYS, MAX_LIVE_TOKENS, type TApiToken, type TCreateToken, type TCreatedToken } from "@/lib/tokens/schemas";
import { generateToken, hashToken, tokenPrefix } from "@/lib/tokens/secret";

/** A token's "last used" is written at most this often, so a busy script does not write on every request. */
export const LAST_USED_GRANULARITY_MS = 60_000;

const DAY_MS = 24 * 60 * 60 * 1000;
const expiresAt = (days: number | null) => (days === null ? null : new Date(Date.now() + days * DAY_MS));

/**
 * Creates a token for the member, expiring after the days chosen (never, only when chosen); the
 * answer is the only place the token itself ever appears.
 */
export async function createToken(options: { userId: string; input: TCreateToken }): Promise<TCreatedToken> {
  const { userId, input } = options;
  const token = generateToken();
  const row = await db().$transaction(async (tx) => {
    // Two creations at once must not both pass the limit: hold the member's row while counting.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
    const live = await tx.apiToken.count({ where: { userId, revokedAt: null } });
    if (live >= MAX_LIVE_TOKENS) {
      throw new AppError("VALIDATION", `You have ${MAX_LIVE_TOKENS} tokens, the most one may hold; revoke one you no longer use first`);
    }
    return tx.apiToken.create({
      data: {
        userId,
        name: input.name,
        scope: input.scope,
        hash: hashToken(token),
        prefix: tokenPrefix(token),
        expiresAt: expiresAt(input.expiresInDays === undefined ? DEFAULT_TOKEN_LIFETIME_DAYS : input.expiresInDays),
      },
      select: tokenSelect,
    });
  });
  return { ...presentToken(row), token };
}

/**
 * Revokes one of the member's own tokens at once (the next request with it gets 401). Another
 * member's token is "not found", as if it did not exist. Revoking a revoked token changes nothing.
 */
export async function revokeToken(options: { userId: string; tokenId: string }): Promise<TApiToken> {
  const { userId, tokenId } = options;
  await db().apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  const row = await db().apiToken.findFirst({ where: { id: tokenId, userId }, select: tokenSelect });
  if (!row) throw new AppError("NOT_FOUND", "No such token");
  return presentToken(row);
}

/** Notes that a token was used, unless that was noted less than a minute ago (one write a minute at most). */
export async function recordTokenUse(token: { id: string; lastUsedAt: Date | null }, now = new Date()): Promise<void> {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < LAST_USED_GRANULARITY_MS) return;
  const cutoff = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
  // The condition repeats the check in the database, so concurrent first requests write once.
  await db().apiToken.updateMany({
    where: { id: token.id, revokedAt: null, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: cutoff } }] },
    data: { lastUsedAt: now },
  });
}
