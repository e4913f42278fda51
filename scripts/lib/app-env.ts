/** The app server's environment and process, shared by the start, dev and test launchers. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { persistentSecret, projectRoot } from "./database";

export function appEnv(options: {
  databaseUrl: string;
  /** The app's own login (Database.appUrl); without it the app logs in as the owner of databaseUrl. */
  appDatabaseUrl?: string;
  port: number;
  secretName: string;
  mode?: "production" | "development";
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: options.mode ?? "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl,
    ...(options.appDatabaseUrl ? { DATABASE_APP_URL: options.appDatabaseUrl } : {}),
    PORT: String(options.port),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${options.port}`,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? persistentSecret(options.secretName),
  };
}

/** Runs `next <command> -p PORT`; the launcher's shutdown stops it and its exit ends the launcher. */
export function runNext(options: {
  command: "start" | "dev";
  env: NodeJS.ProcessEnv;
  shutdown: { add: (task: () => Promise<void>) => void; exit: (code: number) => void };
}): ChildProcess {
  const server = spawn(process.execPath, [path.join(projectRoot, "node_modules", "next", "dist", "bin", "next"), options.command, "-p", String(options.env.PORT)], {
    cwd: projectRoot,
    stdio: "inherit",
    env: options.env,
  });
  options.shutdown.add(async () => {
    if (server.exitCode === null) server.kill("SIGTERM");
  });
  server.on("exit", (code) => options.shutdown.exit(code ?? 0));
  return server;
}
