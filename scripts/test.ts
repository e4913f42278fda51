/**
 * `npm test`: lint, types, unit tests, then a production build served by `next start` and the
 * Playwright suite, all on a fresh embedded PostgreSQL (or DATABASE_URL when set). Ends with the
 * line "N passed, N failed" summed over the runners.
 */
import { announceNode } from "./lib/node-runtime";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { appEnv } from "./lib/app-env";
import { ensureBuild } from "./lib/build";
import { createShutdown, ensureDatabase, projectRoot } from "./lib/database";
import { runPrisma } from "./lib/prisma-cli";
import { runSeed } from "./lib/seed";

const shutdown = createShutdown();
const results = path.join(projectRoot, "test-results");
const bin = (name: string) => path.join(projectRoot, "node_modules", ".bin", name);
const tally = { passed: 0, failed: 0 };

function step(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: "inherit", env });
  const ok = result.status === 0;
  console.log(`=== ${name}: ${ok ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  return ok;
}

/** A step without a test count (lint, types, build) counts as one check. */
function check(name: string, command: string, args: string[], env?: NodeJS.ProcessEnv): boolean {
  const ok = step(name, command, args, env);
  tally[ok ? "passed" : "failed"]++;
  return ok;
}

function systemChromium(): boolean {
  return fs.existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium");
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function countVitest(file: string, ok: boolean) {
  const report = readJson(file) as { numPassedTests?: number; numFailedTests?: number } | null;
  if (!report) return void tally.failed++;
  tally.passed += report.numPassedTests ?? 0;
  tally.failed += (report.numFailedTests ?? 0) + (!ok && !report.numFailedTests ? 1 : 0);
}

function countPlaywright(file: string, ok: boolean) {
  const report = readJson(file) as { stats?: { expected?: number; unexpected?: number; flaky?: number } } | null;
  if (!report?.stats) return void tally.failed++;
  tally.passed += (report.stats.expected ?? 0) + (report.stats.flaky ?? 0);
  tally.failed += (report.stats.unexpected ?? 0) + (!ok && !report.stats.unexpected ? 1 : 0);
}

/**
 * `npm test -- --e2e [playwright args]` runs only the build and Playwright (with those args, e.g.
 * a spec file or `-g "title"`), for working on one spec; plain `npm test` runs everything.
 */
const e2eOnly = process.argv.includes("--e2e");
const playwrightArgs = e2eOnly ? process.argv.slice(process.argv.indexOf("--e2e") + 1) : [];
/** `npm test -- --unit [vitest args]`: only the unit tests, on the fresh test database. */
const unitOnly = process.argv.includes("--unit");
const vitestArgs = unitOnly ? process.argv.slice(process.argv.indexOf("--unit") + 1) : [];
/**
 * `npm run test:security` / `npm run test:reliability` (`--suite NAME`): only that Playwright project
 * (e2e/security, e2e/reliability), at full size. Plain `npm test` runs them at smoke size
 * (PV_SUITE=smoke: fewer fuzz runs and payload repeats, a shorter write load), then every bench in
 * its smoke size, so none of them can rot.
 */
const suiteIndex = process.argv.indexOf("--suite");
const suite = suiteIndex >= 0 ? process.argv[suiteIndex + 1] : null;
if (suite !== null && suite !== "security" && suite !== "reliability") throw new Error(`unknown suite ${suite}; use security or reliability`);
const e2eOnlyOrSuite = e2eOnly || suite !== null;

async function main() {
  announceNode();
  fs.rmSync(results, { recursive: true, force: true });
  fs.mkdirSync(results, { recursive: true });

  if (!e2eOnlyOrSuite && !unitOnly) {
    check("lint", bin("eslint"), [".", "--max-warnings=0"]);
    check("types", bin("tsc"), ["--noEmit"]);
  }

  const database = await ensureDatabase({ profile: "test", fresh: true });
  shutdown.add(database.stop);
  const migrate = await runPrisma(["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: database.url }, stdio: "inherit" });
  if (migrate.code !== 0) throw new Error("prisma migrate deploy failed on the test database");

  if (!e2eOnlyOrSuite) {
    const unitOk = step("unit (vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${path.join(results, "unit.json")}`, ...vitestArgs], {
      ...process.env,
      DATABASE_URL: database.url,
      ...(database.appUrl ? { DATABASE_APP_URL: database.appUrl } : {}),
    });
    countVitest(path.join(results, "unit.json"), unitOk);
  }

  if (unitOnly) {
    console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
    return shutdown.exit(tally.failed === 0 ? 0 : 1);
  }
  console.log("\n=== build ===");
  const built = ensureBuild();
  tally[built ? "passed" : "failed"]++;
  if (built) {
    if (!systemChromium()) step("install Playwright's Chromium (no system Chromium found)", bin("playwright"), ["install", "chromium"]);
    await runSeed(database.url);
    const port = Number(process.env.E2E_PORT ?? 3100);
    const args = suite ? ["test", `--project=${suite}`] : ["test", ...playwrightArgs];
    const e2eEnv = {
      ...appEnv({ databaseUrl: database.url, appDatabaseUrl: database.appUrl, port, secretName: "test" }),
      E2E_PORT: String(port),
      PV_SUITE: suite ? "full" : "smoke",
      // The import-from-URL specs serve pages from their own server on 127.0.0.1 (by that address only:
      // "localhost" stays refused as loopback, which a spec checks).
      PV_FETCH_ALLOW_HOSTS: "127.0.0.1",
    };
    const e2eOk = step(suite ? `${suite} (playwright)` : "e2e (playwright)", bin("playwright"), args, e2eEnv);
    countPlaywright(path.join(results, "e2e.json"), e2eOk);
    if (!e2eOnlyOrSuite) {
      // Each bench at its smoke size on its own database and port; a bench that fails counts as a failure.
      check("benches (smoke)", bin("tsx"), [path.join(projectRoot, "bench", "run.ts"), "--smoke"]);
    }
  }

  console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
  shutdown.exit(tally.failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(`[test] ${error instanceof Error ? error.stack : String(error)}`);
  console.log(`\n${tally.passed} passed, ${tally.failed + 1} failed`);
  shutdown.exit(1);
});
