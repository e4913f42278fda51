import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

/**
 * How the app logs in, for the pool and for the live listener alike. With DATABASE_APP_URL, as its
 * own login, which has only the app's grants (it cannot UPDATE or DELETE events: history is
 * append-only below the app) and cannot RESET ROLE to the owner. Without it (an older deployment),
 * as the owner of DATABASE_URL working as DB_APP_ROLE: the same grants, but a RESET ROLE undoes them.
 */
export function appConnection(): { connectionString: string; options?: string } {
  const config = env();
  if (config.DATABASE_APP_URL) return { connectionString: config.DATABASE_APP_URL };
  return { connectionString: config.DATABASE_URL, ...(config.DB_APP_ROLE ? { options: `-c role=${config.DB_APP_ROLE}` } : {}) };
}

function createClient() {
  const config = env();
  const adapter = new PrismaPg({
    ...appConnection(),
    max: config.DB_POOL_MAX,
    // Fail fast under overload instead of queueing forever.
    connectionTimeoutMillis: config.DB_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** The one Prisma client of the app (kept across hot reloads in development). */
export function db(): PrismaClient {
  if (!globalForPrisma.prisma) globalForPrisma.prisma = createClient();
  return globalForPrisma.prisma;
}

export type TTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * The columns of a Prisma select (its keys set to `true`) as an SQL list, optionally of a table
 * alias, for plain-SQL reads that give rows the shape Prisma would (its mapping of 2,000 rows cost
 * as much as the query).
 */
export function sqlColumns(select: Record<string, unknown>, alias?: string): Prisma.Sql {
  const prefix = alias ? `${alias}.` : "";
  return Prisma.raw(
    Object.entries(select)
      .filter(([, value]) => value === true)
      .map(([column]) => `${prefix}"${column}"`)
      .join(", "),
  );
}
