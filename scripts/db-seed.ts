/** `npm run db:seed`: adds the demo workspace where it is missing (idempotent). */
import { createShutdown, ensureDatabase } from "./lib/database";
import { runPrisma } from "./lib/prisma-cli";
import { printSignIns, runSeed } from "./lib/seed";

const shutdown = createShutdown();

async function main() {
  const database = await ensureDatabase({ profile: "dev" });
  shutdown.add(database.stop);
  const migrate = await runPrisma(["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: database.url }, stdio: "inherit" });
  if (migrate.code !== 0) throw new Error("prisma migrate deploy failed");
  await runSeed(database.url);
  printSignIns(`http://localhost:${process.env.PORT ?? 3000}`);
  shutdown.exit(0);
}

main().catch((error) => {
  console.error(`[db:seed] ${error instanceof Error ? error.message : String(error)}`);
  shutdown.exit(1);
});
