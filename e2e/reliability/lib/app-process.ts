/**
 * A production app server (`next start`) of the reliability suite's own, on its own database and
 * port, that a test can kill like a crash (SIGKILL to its whole process group) and start again.
 * The build exists: `npm test` and `npm run test:reliability` build before Playwright starts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { loginStatus } from "../../../bench/lib/app-server";
import { appEnv } from "../../../scripts/lib/app-env";
import { projectRoot } from "../../../scripts/lib/database";

export type TAppProcess = {
  port: number;
  url: string;
  /** `kill -9` of next start and every process it started; resolves once it is gone. */
  crash: () => Promise<void>;
  /** A polite stop (SIGTERM, then SIGKILL after 5 s); harmless when already stopped. */
  stop: () => Promise<void>;
  /** The last 8 KB the server wrote to stderr (its logged errors), for failure messages. */
  stderr: () => string;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => server.once("exit", () => resolve()));
}

function killGroup(server: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (server.pid) process.kill(-server.pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** Starts `next start -p PORT` on `databaseUrl`; resolves once /login answers 200. */
export async function startApp(options: { databaseUrl: string; port: number; waitMs?: number }): Promise<TAppProcess> {
  const { databaseUrl, port } = options;
  if ((await loginStatus(port)) !== null) throw new Error(`something already answers on port ${port} (an app left by an earlier run?); stop it first`);
  const nextBin = path.join(projectRoot, "node_modules", "next", "dist", "bin", "next");
  const url = `http://localhost:${port}`;
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
    cwd: projectRoot,
    // Its own NEXTAUTH_URL: the Playwright process carries the main test server's.
    env: { ...appEnv({ databaseUrl, port, secretName: "test" }), NEXTAUTH_URL: url },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true, // its own process group, so a crash takes its children with it
  });
  let stderr = "";
  server.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-8_000)));

  const app: TAppProcess = {
    port,
    url,
    stderr: () => stderr,
    crash: async () => {
      killGroup(server, "SIGKILL");
      await exited(server);
    },
    stop: async () => {
      if (server.exitCode === null && server.signalCode === null) {
        killGroup(server, "SIGTERM");
        if (!(await Promise.race([exited(server).then(() => true), sleep(5_000).then(() => false)]))) {
          killGroup(server, "SIGKILL");
          await exited(server);
        }
      }
      // The port must be free before the next app takes it: whatever of the group still answers
      // there (a server process that outlived its launcher) is killed.
      for (const deadline = Date.now() + 5_000; (await loginStatus(port)) !== null && Date.now() < deadline; ) await sleep(100);
      if ((await loginStatus(port)) !== null) {
        killGroup(server, "SIGKILL");
        for (const deadline = Date.now() + 5_000; (await loginStatus(port)) !== null && Date.now() < deadline; ) await sleep(100);
      }
    },
  };

  const deadline = Date.now() + (options.waitMs ?? 60_000);
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}:\n${stderr}`);
    if ((await loginStatus(port)) === 200) return app;
    await sleep(100);
  }
  await app.stop();
  throw new Error(`next start did not answer /login within ${(options.waitMs ?? 60_000) / 1000} s:\n${stderr}`);
}
