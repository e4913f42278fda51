/**
 * Backup and restore round trip. A workspace is seeded in the "backup" profile's database (the demo
 * workspace, then annotations with their events, evidence, comments and mentions, a deleted
 * annotation, a token); `npm run db:backup` writes it to a file and `npm run db:restore` loads it
 * into the empty "restore" database, on another PostgreSQL server (so without the app role until
 * the restore makes it). Every table then has the same rows (count and checksum), the app role has
 * the same rights, and the app starts on the restored database: sign-in, reading, writing.
 */
import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { markdownTable } from "../../bench/lib/table";
import { scriptClient } from "../../prisma/client";
import { DEMO_PASSWORD } from "../../prisma/demo";
import { projectRoot, type Database } from "../../scripts/lib/database";
import { apiSignIn } from "../fixtures/factories";
import { suiteSize } from "../fixtures/suite";
import { startApp, type TAppProcess } from "./lib/app-process";
import { freshDatabase, profileDatabase } from "./lib/database";

const PORT = 3310;
const ANNOTATIONS = suiteSize({ full: 3_000, smoke: 200 });

const cleanup: Array<() => Promise<void>> = [];
test.afterEach(async () => {
  for (const task of cleanup.reverse()) await task().catch((error) => console.error(error));
  cleanup.length = 0;
});

/** Runs `npm run NAME -- ARGS` against `databaseUrl`, as a person would; returns its exit code and output. */
function npmRun(name: string, args: string[], databaseUrl: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", name, "--", ...args], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Annotations (half with an update, one deleted), their events, evidence, comments with mentions, a source and a token. */
async function seedWorkspace(url: string) {
  const client = scriptClient(url);
  try {
    const editor = await client.user.findUniqueOrThrow({ where: { email: "editor@example.com" }, select: { id: true } });
    const reviewer = await client.user.findUniqueOrThrow({ where: { email: "reviewer@example.com" }, select: { id: true } });
    const docs = await client.document.findMany({ where: { workspace: { memberships: { some: { userId: editor.id } } } }, select: { id: true, workspaceId: true, text: true } });
    const workspaceId = docs[0].workspaceId;
    const source = await client.source.create({
      data: { workspaceId, createdById: editor.id, kind: "BOOK", title: "Black Garden", authors: [{ family: "de Waal", given: "Thomas" }], aliases: ["de Waal 2003"] },
    });
    const annotations = Array.from({ length: ANNOTATIONS }, (_, i) => {
      const doc = docs[i % docs.length];
      const start = (i * 37) % (doc.text.length - 60);
      const exact = Array.from(doc.text).slice(start, start + 20).join("");
      return {
        id: `bk-annotation-${i}`,
        workspaceId,
        documentId: doc.id,
        documentRevision: 1,
        start,
        end: start + 20,
        exact,
        prefix: "",
        suffix: "",
        sourceId: i % 3 === 0 ? source.id : null,
        locator: i % 3 === 0 ? `p. ${i}` : "",
        status: i % 2 ? ("IN_PROGRESS" as const) : ("UNVERIFIED" as const),
        note: `Note ${i}: «quoted» — ${"x".repeat(i % 50)}\nsecond line 😀`,
        version: i % 2 ? 2 : 1,
        createdById: editor.id,
        updatedById: i % 2 ? reviewer.id : editor.id,
        deletedAt: i === 7 ? new Date() : null,
      };
    });
    await client.annotation.createMany({ data: annotations });
    await client.annotationEvent.createMany({
      data: annotations.flatMap((a) => [
        { annotationId: a.id, workspaceId, documentId: a.documentId, type: "CREATED" as const, actorId: editor.id, version: 1, after: { start: a.start, end: a.end, note: a.note } },
        ...(a.version === 2 ? [{ annotationId: a.id, workspaceId, documentId: a.documentId, type: "UPDATED" as const, actorId: reviewer.id, version: 2, before: { status: "UNVERIFIED" }, after: { status: "IN_PROGRESS" } }] : []),
      ]),
    });
    await client.evidence.createMany({
      data: annotations.filter((_, i) => i % 4 === 0).map((a, i) => ({ workspaceId, annotationId: a.id, sourceId: source.id, stance: "SUPPORTS" as const, passage: `Passage ${i}`, accessedOn: "2024-03-01", createdById: editor.id })),
    });
    for (const a of annotations.filter((_, i) => i % 10 === 0)) {
      const comment = await client.comment.create({ data: { workspaceId, annotationId: a.id, authorId: reviewer.id, html: `<p>Check <b>this</b> @editor</p>`, text: "Check this @editor" } });
      await client.mention.create({ data: { workspaceId, commentId: comment.id, userId: editor.id } });
    }
    await client.apiToken.create({ data: { userId: editor.id, name: "backup test", scope: "READ", hash: "0".repeat(64), prefix: "pv_0000000" } });
    // Counted in the database: the demo seeds annotations of its own (the texts' attributions).
    return { documentId: docs[0].id, liveInDocument: await client.annotation.count({ where: { documentId: docs[0].id, deletedAt: null } }) };
  } finally {
    await client.$disconnect();
  }
}

type TTableSum = { table: string; rows: number; md5: string };

/** Rows and an md5 of all of them (as JSON, in primary-key order) for every table, and every sequence's value. */
async function checksums(url: string): Promise<TTableSum[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string; key: string[] }>(`
      SELECT c.relname AS name, array_agg(a.attname::text ORDER BY k.ord) AS key
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND c.relkind = 'r' GROUP BY c.relname ORDER BY c.relname`);
    const sums: TTableSum[] = [];
    for (const { name, key } of tables.rows) {
      const order = key.map((column) => `t."${column}"`).join(", ");
      const { rows } = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(row_to_json(t)::text, E'\\n' ORDER BY ${order}), '')) AS md5 FROM "${name}" t`,
      );
      sums.push({ table: name, ...rows[0] });
    }
    const sequences = await client.query<{ name: string; value: string }>(`SELECT sequencename AS name, coalesce(last_value, 0)::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`);
    for (const s of sequences.rows) sums.push({ table: `sequence ${s.name}`, rows: 1, md5: s.value });
    return sums;
  } finally {
    await client.end();
  }
}

/** What the app role may do to the events and annotations tables (history stays append-only after a restore). */
async function appRoleRights(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`
      SELECT t AS "table", p AS privilege, has_table_privilege('provenant_app', format('%I', t), p) AS granted
      FROM unnest(ARRAY['AnnotationEvent', 'Annotation']) AS t, unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS p ORDER BY 1, 2`);
    return rows;
  } finally {
    await client.end();
  }
}

test("db:backup and db:restore round-trip a seeded workspace: same rows and checksums; the app runs on the restored database", async ({ playwright }, testInfo) => {
  test.setTimeout(suiteSize({ full: 600_000, smoke: 240_000 }));
  const source = await freshDatabase("backup");
  cleanup.push(source.stop);
  const seeded = await seedWorkspace(source.url);
  // Another server, empty: no tables and no app role until the restore.
  const target: Database = await profileDatabase("restore", { fresh: true });
  cleanup.push(target.stop);

  const file = testInfo.outputPath("provenant.dump");
  const backup = await npmRun("db:backup", [file], source.url);
  console.log(backup.output);
  expect(backup.code, backup.output).toBe(0);
  expect(backup.output).toContain("backup written to");

  const restore = await npmRun("db:restore", [file], target.url);
  console.log(restore.output);
  expect(restore.code, restore.output).toBe(0);

  const before = await checksums(source.url);
  const after = await checksums(target.url);
  console.log(`\n${markdownTable(["table", "rows", "md5 (source)", "same after restore"], before.map((s, i) => [s.table, String(s.rows), s.md5, after[i]?.md5 === s.md5 && after[i]?.rows === s.rows ? "yes" : "NO"]), new Set([0, 2]))}\n`);
  expect(after).toEqual(before);
  expect(before.find((s) => s.table === "Annotation")?.rows).toBe(ANNOTATIONS);
  expect(await appRoleRights(target.url)).toEqual(await appRoleRights(source.url));

  // A second restore into the now non-empty database is refused, with the way out named.
  const again = await npmRun("db:restore", [file], target.url);
  expect(again.code).not.toBe(0);
  expect(again.output).toContain("is not empty");
  expect(again.output).toContain("--clean");

  // The app on the restored database: sign in, read the document and its annotations, write.
  const app: TAppProcess = await startApp({ databaseUrl: target.url, port: PORT });
  cleanup.push(app.stop);
  const request = await playwright.request.newContext({ baseURL: app.url });
  cleanup.push(() => request.dispose());
  await apiSignIn(request, { email: "editor@example.com", password: DEMO_PASSWORD });
  const doc = await request.get(`/api/v1/documents/${seeded.documentId}`);
  expect(doc.status()).toBe(200);
  const listed = await request.get(`/api/v1/documents/${seeded.documentId}/annotations`);
  expect(listed.status()).toBe(200);
  expect((await listed.json()).annotations).toHaveLength(seeded.liveInDocument);
  const created = await request.post(`/api/v1/documents/${seeded.documentId}/annotations`, {
    data: { start: 0, end: 5, note: "after restore" },
    headers: { Origin: app.url }, // as the browser sends it on a write
  });
  expect(created.status(), await created.text()).toBe(201);
  const events = await request.get(`/api/v1/annotations/${(await created.json()).id}/events`);
  expect((await events.json()).events).toEqual([expect.objectContaining({ type: "CREATED", version: 1 })]);
});
