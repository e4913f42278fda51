/** `npm run dev`: the dev database (embedded unless DATABASE_URL is set), migrations, demo seed, `next dev`. */
import { announceNode } from "./lib/node-runtime";
import { appEnv, runNext } from "./lib/app-env";
import { createShutdown, ensureDatabase } from "./lib/database";
import { runPrisma } from "./lib/prisma-cli";
import { printSignIns, runSeed } from "./lib/seed";

const shutdown = createShutdown();

async function main() {
  announceNode();
  const port = Number(process.env.PORT ?? 3000);
  const database = await ensureDatabase({ profile: "dev" });
  shutdown.add(database.stop);
  const env = appEnv({ databaseUrl: database.url, appDatabaseUrl: database.appUrl, port, secretName: "dev", mode: "development" });
  const migrate = await runPrisma(["migrate", "deploy"], { env, stdio: "inherit" });
  if (migrate.code !== 0) throw new Error("prisma migrate deploy failed");
  if (database.embedded) await runSeed(database.url);

  runNext({ command: "dev", env, shutdown });
  if (database.embedded) printSignIns(`http://localhost:${port}`);
}

main().catch((error) => {
  console.error(`[dev] ${error instanceof Error ? error.message : String(error)}`);
  shutdown.exit(1);
});
