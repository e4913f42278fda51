/**
 * The scale bench's workspace, generated inside PostgreSQL (generate_series, INSERT … SELECT):
 * documents, sources, members, annotations with their events, as the app would have written them.
 *
 * Distributions: statuses from all seven (35 % unverified … 5 % source not found); sources skewed
 * (the first of a few hundred is cited by ~15 % of annotations, the last by ~0.1 %), 15 % citing
 * none; documents skewed too; 30 % unassigned, 6 % assigned to the bench's caller; verdicts 25 %
 * awaiting sign-off, 65 % confirmed, 10 % returned; created over 180 days in id order; 3 % deleted,
 * 1 % of documents deleted. Events: CREATED for each, UPDATED when its verdict was given,
 * SIGNED_OFF / SIGN_OFF_RETURNED, DELETED, in time order (the dashboard counts them).
 */
import pg from "pg";
import { ident } from "../../scripts/lib/pg-tools";

export type TScaleSizes = { documents: number; annotations: number; sources: number; reviewers: number };

export type TScaleWorkspace = { workspaceId: string; callerId: string; topSourceId: string; tailSourceId: string };

export const SCALE_WORKSPACE_ID = "scale-workspace";
/** The bench's caller: the demo EDITOR, a member of the generated workspace (so the sign-off tab is theirs too). */
export const CALLER_EMAIL = "editor@example.com";

const pad = (width: number) => `lpad(%s::text, ${width}, '0')`;
const docId = (expr: string) => `'scale-doc-' || ${pad(6).replace("%s", `(${expr})`)}`;
const sourceId = (expr: string) => `'scale-src-' || ${pad(4).replace("%s", `(${expr})`)}`;
const reviewerId = (expr: string) => `'scale-user-' || (${expr})`;

/**
 * Secondary indexes of the two big tables: dropped for the load and built again after it (several
 * times faster). Unique ones stay: composite foreign keys (workspaceId, id) reference them.
 */
async function dropIndexes(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
     WHERE i.schemaname = 'public' AND i.tablename IN ('Annotation', 'AnnotationEvent') AND NOT x.indisprimary AND NOT x.indisunique`,
  );
  for (const row of rows) await client.query(`DROP INDEX ${ident(row.name)}`);
  return rows.map((r) => r.def);
}

async function members(client: pg.Client, sizes: TScaleSizes, callerId: string) {
  await client.query(
    `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
     SELECT ${reviewerId("g")}, 'scale-' || g || '@example.com', 'Reviewer ' || g, (SELECT "passwordHash" FROM "User" WHERE id = $1), now()
     FROM generate_series(1, $2::int) g`,
    [callerId, sizes.reviewers],
  );
  await client.query(`INSERT INTO "Workspace" (id, name, "requireSignOff", "updatedAt") VALUES ($1, 'Scale newsroom', true, now())`, [SCALE_WORKSPACE_ID]);
  // The demo users keep their roles; a fifth of the generated ones are editors, the rest reviewers.
  await client.query(
    `INSERT INTO "Membership" ("workspaceId", "userId", role)
     SELECT $1, u.id, CASE u.email WHEN 'owner@example.com' THEN 'OWNER' WHEN 'editor@example.com' THEN 'EDITOR'
                                   WHEN 'viewer@example.com' THEN 'VIEWER' ELSE 'REVIEWER' END::"Role"
     FROM "User" u WHERE u.email IN ('owner@example.com', 'editor@example.com', 'reviewer@example.com', 'viewer@example.com')
     UNION ALL
     SELECT $1, ${reviewerId("g")}, (CASE WHEN g % 5 = 0 THEN 'EDITOR' ELSE 'REVIEWER' END)::"Role" FROM generate_series(1, $2::int) g`,
    [SCALE_WORKSPACE_ID, sizes.reviewers],
  );
}

async function documentsAndSources(client: pg.Client, sizes: TScaleSizes, callerId: string) {
  await client.query(
    `INSERT INTO "Document" (id, "workspaceId", title, text, sha256, length, "createdById", "createdAt", "updatedAt", "deletedAt")
     SELECT ${docId("g")}, $1, 'Article ' || g || ' ' || left(md5(g::text), 8), t.text, md5(t.text || g), char_length(t.text), $2,
            now() - interval '200 days' + (g::float / $3::int) * interval '190 days', now() - interval '10 days' + (g::float / $3::int) * interval '9 days',
            CASE WHEN random() < 0.01 THEN now() - interval '5 days' END
     FROM generate_series(1, $3::int) g, (SELECT repeat('The minister said the figures had been checked twice. ', 40) AS text) t`,
    [SCALE_WORKSPACE_ID, callerId, sizes.documents],
  );
  await client.query(
    `INSERT INTO "Source" (id, "workspaceId", kind, title, "createdById", "updatedAt")
     SELECT ${sourceId("g")}, $1, (enum_range(NULL::"SourceKind"))[1 + g % 10], 'Source ' || g || ' ' || left(md5(g::text), 10), $2, now()
     FROM generate_series(1, $3::int) g`,
    [SCALE_WORKSPACE_ID, callerId, sizes.sources],
  );
}

/** The annotations: one pass over generate_series with a few random draws per row. */
async function annotations(client: pg.Client, sizes: TScaleSizes, callerId: string) {
  const { reviewers: R, annotations: N, documents: D, sources: S } = sizes;
  await client.query(
    `INSERT INTO "Annotation" (id, "workspaceId", "documentId", "documentRevision", start, "end", exact, prefix, suffix, "sourceId", status,
       version, "createdById", "updatedById", "createdAt", "updatedAt", "deletedAt", "assigneeId", "verdictById", "verdictAt", "signOff",
       "signedOffById", "signedOffAt", "onChecklist")
     SELECT id, $1, "documentId", 1, start, start + len, 'claim ' || n, 'said ', ' twice', "sourceId", status,
       1 + (verdict)::int + (sign_off IN ('CONFIRMED', 'RETURNED'))::int + (deleted)::int, author, author, created,
       created, CASE WHEN deleted THEN least(greatest(created, verdict_at, signed_at) + interval '1 day', now()) END,
       assignee, CASE WHEN verdict THEN verdict_by END, verdict_at, sign_off::"SignOffState",
       CASE WHEN sign_off IN ('CONFIRMED', 'RETURNED') THEN ${reviewerId(`1 + (floor(r_user * ${R})::int + 1) % ${R}`)} END, signed_at, r_len < 0.1
     FROM (
       SELECT *, CASE WHEN verdict THEN least(created + r_lag * interval '14 days', now()) END AS verdict_at,
              CASE WHEN NOT verdict THEN 'NONE' WHEN r_sign < 0.25 THEN 'AWAITING' WHEN r_sign < 0.9 THEN 'CONFIRMED' ELSE 'RETURNED' END AS sign_off
       FROM (
         SELECT *, status NOT IN ('UNVERIFIED', 'IN_PROGRESS') AS verdict, r_del < 0.03 AS deleted
         FROM (
           SELECT n, 'scale-ann-' || lpad(n::text, 7, '0') AS id,
             now() - interval '180 days' * (1 - n::float / ${N}) AS created,
             ${docId(`least(${D}, 1 + floor(${D} * power(random(), 1.3)))::int`)} AS "documentId",
             CASE WHEN r_src < 0.15 THEN NULL ELSE ${sourceId(`least(${S}, 1 + floor(${S} * power((r_src - 0.15) / 0.85, 3)))::int`)} END AS "sourceId",
             (CASE WHEN r_st < 0.35 THEN 'UNVERIFIED' WHEN r_st < 0.50 THEN 'IN_PROGRESS' WHEN r_st < 0.75 THEN 'VERIFIED'
                   WHEN r_st < 0.83 THEN 'PARTLY_VERIFIED' WHEN r_st < 0.88 THEN 'MISATTRIBUTED' WHEN r_st < 0.95 THEN 'CONTRADICTED'
                   ELSE 'SOURCE_NOT_FOUND' END)::"VerificationStatus" AS status,
             CASE WHEN r_asg < 0.30 THEN NULL WHEN r_asg < 0.36 THEN $2 ELSE ${reviewerId(`1 + floor((r_asg - 0.36) / 0.64 * ${R})::int % ${R}`)} END AS assignee,
             CASE WHEN r_user < 0.05 THEN $2 ELSE ${reviewerId(`1 + floor(r_user * ${R})::int % ${R}`)} END AS verdict_by,
             ${reviewerId(`1 + floor(r_user * ${R})::int % ${R}`)} AS author,
             floor(random() * 2000)::int AS start, 5 + floor(r_len * 100)::int AS len,
             r_user, r_len, r_lag, r_sign, r_sign2, r_del
           FROM (
             SELECT n, random() AS r_src, random() AS r_st, random() AS r_asg, random() AS r_user, random() AS r_len,
                    random() AS r_lag, random() AS r_sign, random() AS r_sign2, random() AS r_del
             FROM generate_series(1, ${N}) n
           ) draws
         ) shaped
       ) flagged
     ) timed
     CROSS JOIN LATERAL (SELECT CASE WHEN sign_off IN ('CONFIRMED', 'RETURNED') THEN least(now(), verdict_at + r_sign2 * interval '3 days') END AS signed_at) s`,
    [SCALE_WORKSPACE_ID, callerId],
  );
}

/** The events the app writes for those histories, inserted in time order so ids ascend with time. */
async function events(client: pg.Client) {
  const snapshot = `jsonb_build_object('start', start, 'end', "end", 'exact', exact, 'prefix', prefix, 'suffix', suffix, 'sourceId', "sourceId",
    'locator', '', 'attributionText', '', 'note', '', 'assigneeId', "assigneeId", 'onChecklist', "onChecklist")`;
  await client.query(
    `INSERT INTO "AnnotationEvent" ("annotationId", "workspaceId", "documentId", type, "actorId", version, before, after, "createdAt")
     SELECT * FROM (
       SELECT id, "workspaceId", "documentId", 'CREATED'::"AnnotationEventType", "createdById", 1, NULL::jsonb,
              ${snapshot} || jsonb_build_object('status', 'UNVERIFIED', 'signOff', 'NONE', 'verdictById', NULL), "createdAt"
       FROM "Annotation" WHERE "workspaceId" = $1
       UNION ALL
       SELECT id, "workspaceId", "documentId", 'UPDATED', "verdictById", 2, jsonb_build_object('status', 'UNVERIFIED', 'signOff', 'NONE', 'verdictById', NULL),
              jsonb_build_object('status', status, 'signOff', 'AWAITING', 'verdictById', "verdictById"), "verdictAt"
       FROM "Annotation" WHERE "workspaceId" = $1 AND "verdictAt" IS NOT NULL
       UNION ALL
       SELECT id, "workspaceId", "documentId", (CASE "signOff" WHEN 'CONFIRMED' THEN 'SIGNED_OFF' ELSE 'SIGN_OFF_RETURNED' END)::"AnnotationEventType",
              "signedOffById", 3, jsonb_build_object('signOff', 'AWAITING'), jsonb_build_object('signOff', "signOff", 'signedOffById', "signedOffById"), "signedOffAt"
       FROM "Annotation" WHERE "workspaceId" = $1 AND "signedOffAt" IS NOT NULL
       UNION ALL
       SELECT id, "workspaceId", "documentId", 'DELETED', "updatedById", version, NULL, ${snapshot} || jsonb_build_object('status', status, 'signOff', "signOff"), "deletedAt"
       FROM "Annotation" WHERE "workspaceId" = $1 AND "deletedAt" IS NOT NULL
     ) e ORDER BY 9`,
    [SCALE_WORKSPACE_ID],
  );
}

/**
 * Generates the workspace on the bench database (as its superuser) and returns the ids the bench
 * needs. Foreign-key triggers are off during the load (session_replication_role = replica): every
 * row refers to rows generated before it.
 */
export async function generateScaleWorkspace(url: string, sizes: TScaleSizes, log: (message: string) => void): Promise<TScaleWorkspace> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const caller = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [CALLER_EMAIL]);
    if (caller.rowCount !== 1) throw new Error(`${CALLER_EMAIL} is missing: is the demo seed in?`);
    const callerId = caller.rows[0].id;
    await client.query("SET synchronous_commit = off");
    await client.query("SET session_replication_role = replica");
    await client.query("SET maintenance_work_mem = '512MB'");
    await client.query("SET work_mem = '256MB'");
    await client.query("SELECT setseed(0.2026)");
    const indexes = await dropIndexes(client);
    const step = async (name: string, run: () => Promise<void>) => {
      const started = performance.now();
      await run();
      log(`  ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    };
    await step("members", () => members(client, sizes, callerId));
    await step("documents and sources", () => documentsAndSources(client, sizes, callerId));
    await step("annotations", () => annotations(client, sizes, callerId));
    await step("events", () => events(client));
    await step(`indexes (${indexes.length})`, async () => {
      for (const def of indexes) await client.query(def);
    });
    await client.query("SET session_replication_role = DEFAULT");
    // The dashboard's counts tables and the documents list's keys are kept by triggers, which the load ran without.
    await step("dashboard counts", async () => void (await client.query("SELECT provenant_recount_dashboard()")));
    await step("documents list keys", async () => void (await client.query("SELECT provenant_recount_document_keys()")));
    await step("vacuum analyze", async () => {
      for (const table of ["User", "Membership", "Document", "Source", "Annotation", "AnnotationEvent"]) await client.query(`VACUUM (ANALYZE) ${ident(table)}`);
    });
    return { workspaceId: SCALE_WORKSPACE_ID, callerId, topSourceId: "scale-src-0001", tailSourceId: `scale-src-${String(Math.floor(sizes.sources * 0.6)).padStart(4, "0")}` };
  } finally {
    await client.end();
  }
}
