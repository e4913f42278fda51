/**
 * `npm run prisma -- <args>`: the Prisma CLI, offline (see scripts/lib/prisma-cli.ts).
 */
import { runPrisma } from "./lib/prisma-cli";

runPrisma(process.argv.slice(2), { stdio: "inherit" }).then(
  ({ code }) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
