import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/** A system Chromium when there is one (CHROMIUM_PATH, else /usr/bin/chromium); otherwise Playwright's own. */
function chromiumPath(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return fs.existsSync(candidate) ? candidate : undefined;
}

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      // This machine has no network beyond the package registries: keep Chromium from phoning home.
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    // The app's features, through the UI and the API.
    { name: "app", testIgnore: ["security/**", "reliability/**"], use: { ...devices["Desktop Chrome"] } },
    // `npm run test:security`: authorization matrix, origin checks, XSS corpus, headers, limits, fuzzing.
    { name: "security", testDir: "e2e/security", use: { ...devices["Desktop Chrome"] } },
    // `npm run test:reliability`: crashes under load, backup and restore, model-based API sequences.
    { name: "reliability", testDir: "e2e/reliability", fullyParallel: false, timeout: 300_000, use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    // scripts/test.ts has built the app and prepared the database; the server gets their env.
    // The same Node binary as this runner (Node 24 from node_modules/.bin), not whichever `node` is on the PATH.
    command: `${JSON.stringify(process.execPath)} node_modules/next/dist/bin/next start -p ${port}`,
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
