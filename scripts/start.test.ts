/**
 * `npm start` and Docker Compose: no demo accounts unless asked, and no start with an unsafe
 * session secret. Compose itself is not run here (a test machine need not have Docker); its file is
 * read and its `${VAR:-default}` substitution applied as Compose does, then handed to the
 * launcher's own decisions.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE_SECRET } from "../lib/auth/production-secret";
import { demoRequested, launcherSecretProblem } from "./lib/start-options";

const projectRoot = path.resolve(__dirname, "..");
const SECRET = "0123456789abcdef0123456789abcdef0123456789";

/** The app service's command and environment in docker-compose.yml, substituted from `shell`. */
function composeApp(shell: Record<string, string>): { command: string[]; environment: Record<string, string> } {
  const text = fs.readFileSync(path.join(projectRoot, "docker-compose.yml"), "utf8");
  const app = text.slice(text.indexOf("\n  app:\n"));
  const block = app.slice(0, app.indexOf("\n\n") < 0 ? undefined : app.indexOf("\n\n"));
  const substitute = (value: string) => value.replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, fallback: string) => shell[name] || fallback);
  const command = JSON.parse(/\n {4}command: (\[.*\])\n/.exec(block)![1]) as string[];
  const lines = block.slice(block.indexOf("\n    environment:\n") + 18).split("\n");
  const environment: Record<string, string> = {};
  for (const line of lines) {
    const entry = /^ {6}(\w+): (.*)$/.exec(line);
    if (!entry) break;
    environment[entry[1]] = substitute(entry[2].replace(/^"(.*)"$/, "$1"));
  }
  return { command, environment };
}

describe("npm start", () => {
  it("seeds the demo into a given database only with --demo or PROVENANT_DEMO=1", () => {
    expect(demoRequested(["node", "start.ts"], {})).toBe(false);
    expect(demoRequested(["node", "start.ts"], { PROVENANT_DEMO: "0" })).toBe(false);
    expect(demoRequested(["node", "start.ts", "--demo"], {})).toBe(true);
    expect(demoRequested(["node", "start.ts"], { PROVENANT_DEMO: "1" })).toBe(true);
  });

  it("refuses the example secret before it starts a database or a build", () => {
    const run = spawnSync(path.join(projectRoot, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
      cwd: projectRoot,
      encoding: "utf8",
      timeout: 60_000,
      // An address nothing listens on: were the check to pass, the launcher would fail there instead.
      env: { ...process.env, NEXTAUTH_SECRET: EXAMPLE_SECRET, DATABASE_URL: "postgresql://nobody@127.0.0.1:9/none" },
    });
    expect(run.stderr).toContain("[start] refusing to start: NEXTAUTH_SECRET is the example value from docker-compose.yml");
    expect(run.stdout).not.toContain("migrate");
    expect(run.status).toBe(1);
  });

  it("keeps its own generated secret when none is set, and refuses a short one", () => {
    expect(launcherSecretProblem({})).toBeNull();
    expect(launcherSecretProblem({ NEXTAUTH_SECRET: "short" })).toMatch(/5 characters long/);
    expect(launcherSecretProblem({ NEXTAUTH_SECRET: SECRET })).toBeNull();
  });
});

describe("docker compose up", () => {
  it("runs plain `npm start`: no demo accounts and no start until a real secret is given", () => {
    const { command, environment } = composeApp({});
    expect(command).toEqual(["npm", "start"]);
    expect(demoRequested(command, environment)).toBe(false);
    expect(launcherSecretProblem(environment)).toMatch(/example value/);
    expect(environment.DATABASE_URL).toMatch(/^postgresql:\/\/.*@db:5432\//);
  });

  it("adds the demo with PROVENANT_DEMO=1 and starts with the secret it is given", () => {
    const { command, environment } = composeApp({ PROVENANT_DEMO: "1", NEXTAUTH_SECRET: SECRET });
    expect(demoRequested(command, environment)).toBe(true);
    expect(environment.NEXTAUTH_SECRET).toBe(SECRET);
    expect(launcherSecretProblem(environment)).toBeNull();
  });

  it("builds an image whose own command does not add the demo either", () => {
    const dockerfile = fs.readFileSync(path.join(projectRoot, "Dockerfile"), "utf8");
    expect(/^CMD (.*)$/m.exec(dockerfile)?.[1]).toBe('["npm", "start"]');
  });
});
