/**
 * A production server with an unsafe session secret does not start: `next start` (the build
 * scripts/test.ts made) exits at once with the reason, before it serves a request.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { EXAMPLE_SECRET } from "../lib/auth/production-secret";

const projectRoot = path.resolve(__dirname, "..");
// Beside the suite's own server, on a port of this spec's own.
const port = Number(process.env.E2E_PORT ?? 3100) + 17;

/** Runs `next start` with `secret` (undefined: none) and waits for it to exit; null when it keeps serving. */
async function startWith(secret: string | undefined): Promise<{ code: number | null; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(port) };
  delete env.NEXTAUTH_SECRET;
  if (secret !== undefined) env.NEXTAUTH_SECRET = secret;
  const server = spawn(process.execPath, [path.join(projectRoot, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], { cwd: projectRoot, env });
  let stderr = "";
  server.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      server.kill("SIGKILL");
      resolve(null);
    }, 30_000);
    server.on("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, stderr };
}

test.describe.configure({ mode: "serial" });

test("next start refuses to run in production without NEXTAUTH_SECRET", async () => {
  const { code, stderr } = await startWith(undefined);
  expect(stderr).toContain("[provenant] refusing to start: NEXTAUTH_SECRET is not set.");
  expect(code).toBe(1);
});

test("next start refuses the example secret from docker-compose.yml", async () => {
  const { code, stderr } = await startWith(EXAMPLE_SECRET);
  expect(stderr).toContain("[provenant] refusing to start: NEXTAUTH_SECRET is the example value from docker-compose.yml");
  expect(code).toBe(1);
});
