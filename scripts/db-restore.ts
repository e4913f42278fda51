/**
 * `npm run db:restore -- FILE [--clean | --force]`: restores a backup made by `npm run db:backup`
 * into the app's database (DATABASE_URL, else the embedded dev database). The database must be
 * empty: --clean drops everything in it first; --force restores a pg_dump archive on top of what
 * is there. The app role (DB_APP_ROLE, provenant_app) is created first when missing: roles belong
 * to the server, not the database, so no backup carries them, only the grants to them.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createShutdown, ensureDatabase } from "./lib/database";
import { backupFormat, dropEverything, ensureAppRole, findPgTool, logicalRestore, pgToolsSeen, publicObjectCount, serverMajor } from "./lib/pg-tools";

const shutdown = createShutdown();
const log = (message: string) => console.log(`[db:restore] ${message}`);
const USAGE = "usage: npm run db:restore -- FILE [--clean | --force]";

function shown(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

function restorePgDump(url: string, file: string, major: number, force: boolean) {
  const pgRestore = findPgTool("pg_restore", major);
  if (!pgRestore) throw new Error(`${file} is a pg_dump archive, and restoring it needs pg_restore ${major} or newer (${pgToolsSeen("pg_restore")})`);
  log(`pg_restore ${pgRestore.major} (${pgRestore.path})`);
  // Objects owned by whoever restores (the dump's owner may not exist here); grants kept.
  const args = ["--no-owner", ...(force ? [] : ["--exit-on-error"]), "--dbname", url, file];
  const result = spawnSync(pgRestore.path, args, { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`pg_restore failed (exit ${result.status ?? result.signal})${force ? "; with --force, errors about objects that exist already are expected" : ""}`);
}

async function main() {
  const args = process.argv.slice(2).filter((arg) => arg !== "--");
  const clean = args.includes("--clean");
  const force = args.includes("--force");
  const files = args.filter((arg) => !arg.startsWith("-"));
  if (files.length !== 1 || args.some((arg) => arg.startsWith("-") && arg !== "--clean" && arg !== "--force") || (clean && force)) throw new Error(USAGE);
  const file = path.resolve(files[0]);
  if (!fs.existsSync(file)) throw new Error(`no backup at ${file}`);
  const format = backupFormat(file);

  const database = await ensureDatabase({ profile: "dev" });
  shutdown.add(database.stop);
  const objects = await publicObjectCount(database.url);
  if (objects > 0 && clean) {
    log(`--clean: dropping the ${objects} tables and sequences in ${shown(database.url)}`);
    await dropEverything(database.url);
  } else if (objects > 0 && !(force && format === "pg_dump")) {
    throw new Error(
      `${shown(database.url)} is not empty (${objects} tables and sequences). Restore into an empty database, or pass --clean to drop everything in it first` +
        (format === "pg_dump" ? " (or --force to restore on top of it)." : "."),
    );
  }
  await ensureAppRole(database.url);
  const started = Date.now();
  if (format === "pg_dump") {
    restorePgDump(database.url, file, await serverMajor(database.url), force);
  } else {
    log(`logical backup: migrating ${shown(database.url)}, then loading the rows`);
    const counts = await logicalRestore(database.url, file, log);
    log(`${Object.keys(counts).length} tables, ${Object.values(counts).reduce((sum, n) => sum + n, 0)} rows loaded`);
  }
  log(`restored ${path.basename(file)} into ${shown(database.url)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  shutdown.exit(0);
}

main().catch((error) => {
  console.error(`[db:restore] failed: ${error instanceof Error ? error.message : String(error)}`);
  shutdown.exit(1);
});
