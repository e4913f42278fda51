/** A fresh embedded PostgreSQL of one profile for a reliability test: migrated, and seeded with the demo workspace. */
import path from "node:path";
import { dataRoot, ensureDatabase, type Database, type DbProfile } from "../../../scripts/lib/database";
import { runPrisma } from "../../../scripts/lib/prisma-cli";
import { runSeed } from "../../../scripts/lib/seed";

export type TTestDatabase = Database & { dataDir: string };

/** The data directory of a profile's embedded server (scripts/lib/database.ts names it pg-<profile>). */
export const dataDirOf = (profile: DbProfile) => path.join(dataRoot, `pg-${profile}`);

/**
 * ensureDatabase for a profile's own embedded server. The Playwright process carries the main test
 * database's DATABASE_URL, which would make ensureDatabase hand that one back instead.
 */
export async function profileDatabase(profile: DbProfile, options: { fresh?: boolean } = {}): Promise<Database> {
  const saved = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    return await ensureDatabase({ profile, fresh: options.fresh });
  } finally {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
  }
}

export async function freshDatabase(profile: DbProfile, options: { seed?: boolean } = {}): Promise<TTestDatabase> {
  const database = await profileDatabase(profile, { fresh: true });
  const migrate = await runPrisma(["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: database.url } });
  if (migrate.code !== 0) throw new Error(`prisma migrate deploy failed on the ${profile} database:\n${migrate.stdout}${migrate.stderr}`);
  if (options.seed !== false) await runSeed(database.url);
  return { ...database, dataDir: dataDirOf(profile) };
}
