import "server-only";
import { db } from "@/lib/db";
import type { TApiToken } from "@/lib/tokens/schemas";

/** The most tokens the list shows: every live one (at most 50) and the latest revoked ones. */
const LIST_LIMIT = 200;

export const tokenSelect = { id: true, name: true, scope: true, prefix: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true } as const;

type TTokenRow = {
  id: string;
  name: string;
  scope: TApiToken["scope"];
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export function presentToken(row: TTokenRow): TApiToken {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    expired: row.expiresAt !== null && row.expiresAt.getTime() <= Date.now(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The member's own tokens, newest first, revoked ones included (marked). Nobody sees another's. */
export async function listTokens(options: { userId: string }): Promise<TApiToken[]> {
  const rows = await db().apiToken.findMany({
    where: { userId: options.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT,
    select: tokenSelect,
  });
  return rows.map(presentToken);
}
