/** The benchmark's own database and production app server, cleaned up by the launcher's shutdown. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { appEnv } from "../../scripts/lib/app-env";
import { ensureBuild } from "../../scripts/lib/build";
import { ensureDatabase, projectRoot, type DbProfile } from "../../scripts/lib/database";
import { runPrisma } from "../../scripts/lib/prisma-cli";
import { runSeed } from "../../scripts/lib/seed";

type TShutdown = { add: (task: () => Promise<void>) => void; exit: (code: number) => void };

/** A fresh database of the given profile (default "bench"), migrated and seeded with the demo workspace; returns its URL. */
export async function prepareDatabase(shutdown: TShutdown, profile: DbProfile = "bench"): Promise<string> {
  const database = await ensureDatabase({ profile, fresh: true });
  shutdown.add(database.stop);
  const migrate = await runPrisma(["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: database.url } });
  if (migrate.code !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}${migrate.stderr}`);
  await runSeed(database.url);
  return database.url;
}

/**
 * The start every bench shares: gives up (through the shutdown, which cleans up) after `deadlineMs`,
 * builds when `.next` is not a build of this code (unless `build: false`: no app server), and prepares a fresh database of the profile.
 */
export async function startBench(options: { shutdown: TShutdown; profile?: DbProfile; deadlineMs: number; build?: boolean }): Promise<string> {
  setTimeout(() => {
    console.error(`[bench] gave up after ${options.deadlineMs / 60_000} minutes`);
    options.shutdown.exit(1);
  }, options.deadlineMs).unref();
  if (options.build !== false && !ensureBuild()) throw new Error("next build failed");
  return prepareDatabase(options.shutdown, options.profile);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The status of GET /login on the port, or null when nothing answers there. */
export async function loginStatus(port: number): Promise<number | null> {
  try {
    const response = await fetch(`http://localhost:${port}/login`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

/** Stops the server's whole process group, politely first. */
async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null || !server.pid) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  process.kill(-server.pid, "SIGTERM");
  if (await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)])) return;
  process.kill(-server.pid, "SIGKILL");
  await exited;
}

/** `next start -p PORT` on the bench database; resolves once /login answers 200. */
export async function startServer(options: { databaseUrl: string; port: number; waitMs: number; shutdown: TShutdown }): Promise<void> {
  const { databaseUrl, port, waitMs } = options;
  if ((await loginStatus(port)) !== null) throw new Error(`something already answers on port ${port}; stop it first`);
  const nextBin = path.join(projectRoot, "node_modules", "next", "dist", "bin", "next");
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
    cwd: projectRoot,
    env: appEnv({ databaseUrl, port, secretName: "bench" }),
    stdio: ["ignore", "ignore", "pipe"],
    detached: true, // its own process group, so stopping it stops its children too
  });
  let stderr = "";
  server.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
  options.shutdown.add(() => stopServer(server));

  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}:\n${stderr}`);
    if ((await loginStatus(port)) === 200) return;
    await sleep(250);
  }
  throw new Error(`next start did not answer /login within ${waitMs / 1000} s:\n${stderr}`);
}
