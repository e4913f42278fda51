import { defineConfig } from "prisma/config";

// DATABASE_URL is provided by scripts/lib/database.ts (embedded PostgreSQL) or by the user.
// `prisma generate` needs no database, so a missing URL is only an error for migrate commands.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
