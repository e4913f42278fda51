/**
 * `npm start`: database (embedded unless DATABASE_URL is set), migrations, demo seed (embedded, or
 * with --demo or PROVENANT_DEMO=1), a production build when there is none for this code, then
 * `next start`; with WORKERS=N, N `next start` processes on the ports after PORT behind a small
 * balancer on PORT (scripts/lib/balancer.ts). A NEXTAUTH_SECRET that production must refuse stops it
 * before anything starts.
 */
import { announceNode } from "./lib/node-runtime";
import { appEnv, runNext } from "./lib/app-env";
import { ensureBuild } from "./lib/build";
import { createShutdown, ensureDatabase } from "./lib/database";
import { runPrisma } from "./lib/prisma-cli";
import { printSignIns, runSeed } from "./lib/seed";
import { demoRequested, launcherSecretProblem } from "./lib/start-options";
import { startBalancer } from "./lib/balancer";
import { instancePorts, workerCount } from "./lib/workers";

const shutdown = createShutdown();

async function main() {
  announceNode();
  const secretProblem = launcherSecretProblem(process.env);
  if (secretProblem) throw new Error(`refusing to start: ${secretProblem}`);
  const demo = demoRequested(process.argv, process.env);
  const port = Number(process.env.PORT ?? 3000);
  const workers = workerCount(process.env);
  const database = await ensureDatabase({ profile: "dev" });
  shutdown.add(database.stop);

  const migrate = await runPrisma(["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: database.url }, stdio: "inherit" });
  if (migrate.code !== 0) throw new Error("prisma migrate deploy failed");
  const seeded = database.embedded || demo;
  if (seeded) await runSeed(database.url);
  else console.log("[seed] skipped: DATABASE_URL is set (use `npm start -- --demo` or PROVENANT_DEMO=1 to add the demo workspace)");

  if (!ensureBuild()) throw new Error("next build failed");

  const env = (instancePort: number) => appEnv({ databaseUrl: database.url, appDatabaseUrl: database.appUrl, port: instancePort, secretName: "dev" });
  if (workers === 1) {
    runNext({ command: "start", env: env(port), shutdown });
  } else {
    const ports = instancePorts(port, workers);
    // Every instance signs and checks sessions for the public address, the balancer's.
    for (const instancePort of ports) runNext({ command: "start", env: { ...env(instancePort), NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}` }, shutdown });
    const balancer = await startBalancer({ port, targets: ports });
    shutdown.add(balancer.close);
    console.log(`[start] ${workers} app processes on ports ${ports.join(", ")}, balanced on port ${port}`);
  }
  if (seeded) printSignIns(`http://localhost:${port}`);
}

main().catch((error) => {
  console.error(`\n[start] ${error instanceof Error ? error.message : String(error)}`);
  shutdown.exit(1);
});
