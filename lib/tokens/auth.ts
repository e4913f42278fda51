import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordTokenUse } from "@/lib/tokens/mutations";
import type { TTokenScope } from "@/lib/tokens/schemas";
import { hashToken, isTokenShaped } from "@/lib/tokens/secret";

/** Methods a READ token may use. */
const READ_METHODS = new Set(["GET", "HEAD"]);

/** The `Authorization` value when it carries a bearer token, else null (other schemes are not ours). */
export function bearerOf(authorization: string | null): string | null {
  // "Bearer" with nothing after it is still a (missing) token: 401, not the session.
  const match = authorization ? /^Bearer(?:[ \t]+(.*))?$/i.exec(authorization.trim()) : null;
  return match ? (match[1] ?? "").trim() : null;
}

export type TTokenCaller = {
  user: { id: string; email: string; name: string; mustChangePassword: boolean };
  tokenId: string;
  scope: TTokenScope;
};

/**
 * Who a bearer token belongs to, for a request with `method`: 401 for anything that is not a live
 * token (unknown, revoked or expired) (never a fallback to the session cookie), 403 for a READ token on a method that writes.
 * The token only says who is asking; what they may see and change is checked in lib/ as for the app.
 */
export async function authenticateToken(options: { token: string; method: string }): Promise<TTokenCaller> {
  const { token, method } = options;
  const invalid = new AppError("UNAUTHENTICATED", "This API token is not valid or has been revoked");
  if (!isTokenShaped(token)) throw invalid;
  const row = await tokenRow(hashToken(token));
  if (!row || row.revokedAt) throw invalid;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) throw new AppError("UNAUTHENTICATED", "This API token has expired");
  const user = { id: row.userId, email: row.email, name: row.name, mustChangePassword: row.mustChangePassword };
  if (user.mustChangePassword) throw new AppError("FORBIDDEN", "Choose a new password before continuing");
  // Writes at most once a minute per token (see recordTokenUse), not on every request.
  await recordTokenUse(row);
  if (row.scope === "READ" && !READ_METHODS.has(method.toUpperCase())) throw new AppError("FORBIDDEN", "This token can only read");
  return { user, tokenId: row.id, scope: row.scope };
}

type TTokenRow = {
  id: string;
  scope: TTokenScope;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  userId: string;
  email: string;
  name: string;
  mustChangePassword: boolean;
};

/**
 * The token and its holder in one round trip, by the hash on its unique index: the secret is never
 * compared, so timing reveals nothing. (Prisma would load the user with a second query: every API
 * request pays this, so it is one join.)
 */
async function tokenRow(hash: string): Promise<TTokenRow | null> {
  const rows = await db().$queryRaw<TTokenRow[]>`
    SELECT t.id, t.scope::text AS scope, t."lastUsedAt", t."revokedAt", t."expiresAt", u.id AS "userId", u.email, u.name, u."mustChangePassword"
    FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
    WHERE t.hash = ${hash}`;
  return rows[0] ?? null;
}
