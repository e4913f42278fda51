/**
 * The Prisma CLI, run offline through the schema engine bridge (scripts/prisma-engine/bridge.mjs).
 *
 * Needs a PostgreSQL superuser URL in DATABASE_URL (postgresql://postgres:postgres@host:port/postgres);
 * every database created here gets a unique name and is dropped afterwards.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { bridgePath, prismaEnv, runPrisma } from "../lib/prisma-cli";

const serverUrl = process.env.DATABASE_URL;
const projectRoot = path.resolve(__dirname, "..", "..");
const runId = `${process.pid}_${randomBytes(3).toString("hex")}`;
const tempDirs: string[] = [];
const databases: string[] = [];

const SCHEMA = `
generator client {
  provider = "prisma-client"
  output   = "../generated/prisma"
}

datasource db {
  provider = "postgresql"
}

enum Role {
  OWNER
  EDITOR
}

model User {
  id        String   @id @default(cuid())
  email     String   @unique
  role      Role     @default(EDITOR)
  createdAt DateTime @default(now())
  posts     Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String @db.VarChar(200)
  author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)
  authorId String

  @@index([authorId])
}
`;

// Semicolons inside a dollar-quoted body, a string literal and a comment.
const PLPGSQL_MIGRATION = `-- Normalise emails; keep them lower-case
CREATE OR REPLACE FUNCTION normalise_email() RETURNS trigger AS $$
DECLARE
  cleaned text;
BEGIN
  cleaned := lower(trim(NEW.email));
  IF cleaned = '' THEN
    RAISE EXCEPTION 'empty email; refusing';
  END IF;
  NEW.email := cleaned;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER user_normalise_email BEFORE INSERT OR UPDATE ON "User"
  FOR EACH ROW EXECUTE FUNCTION normalise_email();
`;

function databaseUrl(name: string): string {
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

function newDatabaseName(label: string): string {
  const name = `bridge_test_${runId}_${label}`;
  databases.push(name);
  return name;
}

/** A throwaway project: prisma.config.ts + schema, resolving packages from this repository. */
function makeProject(schema = SCHEMA): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prisma-bridge-"));
  tempDirs.push(dir);
  fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  fs.mkdirSync(path.join(dir, "prisma"));
  fs.writeFileSync(path.join(dir, "prisma", "schema.prisma"), schema);
  fs.writeFileSync(
    path.join(dir, "prisma.config.ts"),
    `import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
`,
  );
  return dir;
}

async function prisma(dir: string, args: string[], url?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url ?? "" };
  const result = await runPrisma(args, { cwd: dir, env });
  return { ...result, output: result.stdout + result.stderr };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const shadowDatabases = async () =>
  (await query<{ datname: string }>(serverUrl!, "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'")).map(
    (row) => row.datname,
  );

function writeMigration(dir: string, name: string, sql: string) {
  fs.mkdirSync(path.join(dir, "prisma", "migrations", name), { recursive: true });
  fs.writeFileSync(path.join(dir, "prisma", "migrations", name, "migration.sql"), sql);
}

afterAll(async () => {
  if (serverUrl) {
    for (const name of databases) {
      await query(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    }
  }
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("prisma-cli environment", () => {
  it("points the CLI at the bridge unless an engine is configured", () => {
    const env = prismaEnv({ ...process.env, PATH: "/usr/bin", PRISMA_SCHEMA_ENGINE_BINARY: undefined, PRISMA_MIGRATION_ENGINE_BINARY: undefined });
    expect(env.CHECKPOINT_DISABLE).toBe("1");
    expect(env.PRISMA_HIDE_UPDATE_MESSAGE).toBe("1");
    const native = fs.readdirSync(path.join(projectRoot, "node_modules", "@prisma", "engines")).some((f) => f.startsWith("schema-engine-"));
    if (!native) {
      expect(env.PRISMA_SCHEMA_ENGINE_BINARY).toBe(bridgePath);
      expect(env.PATH?.split(path.delimiter)[0]).toBe(path.dirname(process.execPath));
    }
    expect(prismaEnv({ ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/opt/schema-engine" }).PRISMA_SCHEMA_ENGINE_BINARY).toBe("/opt/schema-engine");
  });

  it("answers --version like the native engine", async () => {
    const { stdout } = await promisify(execFile)(bridgePath, ["--version"]);
    expect(stdout.trim()).toMatch(/^schema-engine-cli [0-9a-f]{40}$/);
  });

  it("runs `prisma generate` without downloading anything", async () => {
    const dir = makeProject();
    const result = await prisma(dir, ["generate"]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("Generated Prisma Client");
    expect(fs.existsSync(path.join(dir, "generated", "prisma", "client.ts"))).toBe(true);
  });
});

describe("prisma migrate through the bridge", () => {
  let dir: string;
  let devUrl: string;
  let shadowsBefore: string[];

  beforeAll(async () => {
    // npm test always provides one; without it these tests fail rather than silently not run.
    if (!serverUrl) throw new Error("DATABASE_URL must point at a PostgreSQL server (superuser) for these tests");
    dir = makeProject();
    devUrl = databaseUrl(newDatabaseName("dev"));
    shadowsBefore = await shadowDatabases();
  });

  it("migrate dev creates the database and the first migration, using a shadow database", async () => {
    const result = await prisma(dir, ["migrate", "dev", "--name", "init"], devUrl);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("Your database is now in sync with your schema.");

    const migrations = fs.readdirSync(path.join(dir, "prisma", "migrations")).filter((f) => f.endsWith("_init"));
    expect(migrations).toHaveLength(1);
    const sql = fs.readFileSync(path.join(dir, "prisma", "migrations", migrations[0], "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "Post"');
    expect(sql).toContain("ON DELETE CASCADE");

    const tables = await query<{ tablename: string }>(devUrl, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(tables.map((t) => t.tablename)).toEqual(["Post", "User", "_prisma_migrations"]);
    // The temporary shadow database is gone again.
    expect((await shadowDatabases()).filter((name) => !shadowsBefore.includes(name))).toEqual([]);
  }, 60_000);

  it("migrate dev applies a plpgsql migration with semicolons inside $$ and finds nothing left to do", async () => {
    writeMigration(dir, "20990101000000_normalise_email", PLPGSQL_MIGRATION);
    const result = await prisma(dir, ["migrate", "dev", "--name", "noop"], devUrl);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("20990101000000_normalise_email");
    expect(result.output).toContain("Your database is now in sync with your schema.");
    expect(fs.readdirSync(path.join(dir, "prisma", "migrations")).filter((f) => f.endsWith("_noop"))).toEqual([]);

    const [row] = await query<{ email: string }>(devUrl, `INSERT INTO "User" (id, email) VALUES ('u1', '  Ada@Example.ORG ') RETURNING email`);
    expect(row.email).toBe("ada@example.org");
    expect((await shadowDatabases()).filter((name) => !shadowsBefore.includes(name))).toEqual([]);
  }, 60_000);

  it("migrate deploy applies all migrations to a fresh database; migrate status follows", async () => {
    const prodUrl = databaseUrl(newDatabaseName("prod"));
    const deploy = await prisma(dir, ["migrate", "deploy"], prodUrl);
    expect(deploy.code, deploy.output).toBe(0);
    expect(deploy.output).toContain("Applying migration `20990101000000_normalise_email`");
    expect(deploy.output).toContain("All migrations have been successfully applied.");
    const applied = await query<{ migration_name: string }>(
      prodUrl,
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1",
    );
    expect(applied.map((m) => m.migration_name)).toHaveLength(2);

    const upToDate = await prisma(dir, ["migrate", "status"], prodUrl);
    expect(upToDate.code, upToDate.output).toBe(0);
    expect(upToDate.output).toContain("Database schema is up to date!");

    writeMigration(dir, "20990102000000_pending", 'ALTER TABLE "User" ADD COLUMN "nickname" TEXT;\n');
    const pending = await prisma(dir, ["migrate", "status"], prodUrl);
    expect(pending.code).not.toBe(0);
    expect(pending.output).toContain("Following migration have not yet been applied:");
    expect(pending.output).toContain("20990102000000_pending");
  }, 60_000);

  it("migrate deploy reports a failing migration as P3018", async () => {
    const failDir = makeProject();
    writeMigration(failDir, "20990101000000_broken", 'CREATE TABLE "A" (id int PRIMARY KEY);\nSELECT no_such_function();\n');
    const result = await prisma(failDir, ["migrate", "deploy"], databaseUrl(newDatabaseName("broken")));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("P3018");
    expect(result.output).toContain("Migration name: 20990101000000_broken");
    expect(result.output).toContain("Database error code: 42883");
  }, 60_000);

  it("migrate diff prints the SQL script", async () => {
    const result = await prisma(dir, ["migrate", "diff", "--from-empty", "--to-schema", "prisma/schema.prisma", "--script"], devUrl);
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain('CREATE TYPE "Role" AS ENUM');
    expect(result.stdout).toContain('CREATE TABLE "User"');
    expect(result.stdout).toContain('CREATE UNIQUE INDEX "User_email_key"');
  }, 60_000);

  it("migrate diff reads the live database (pg_catalog \"char\" columns included)", async () => {
    const result = await prisma(dir, ["migrate", "diff", "--from-config-datasource", "--to-empty", "--script"], devUrl);
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain('DROP CONSTRAINT "Post_authorId_fkey"');
    expect(result.stdout).toContain('DROP TABLE "public"."User"');
  }, 60_000);
});

describe("unreachable database", () => {
  const badUrl = "postgresql://postgres:postgres@127.0.0.1:1/nowhere";

  it("fails like the native engine with P1001 on can-connect", async () => {
    const result = await promisify(execFile)(bridgePath, ["--datasource", JSON.stringify({ url: badUrl }), "cli", "can-connect-to-database"], {
      env: prismaEnv(),
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    // The CLI skips the first line and parses every other line as JSON.
    const lines = result.stderr.trim().split("\n").slice(1).map((line) => JSON.parse(line));
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "ERROR", target: "schema_engine::logger", fields: expect.objectContaining({ error_code: "P1001" }) }),
    );
  });

  it("shows the CLI's normal P1001 message", async () => {
    const result = await prisma(makeProject(), ["migrate", "deploy"], badUrl);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("P1001: Can't reach database server at `127.0.0.1:1`");
    expect(result.output).not.toMatch(/Schema engine error|panic/i);
  }, 60_000);
});
