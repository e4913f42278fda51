-- DropIndex
DROP INDEX "Annotation_workspaceId_status_idx";

-- CreateTable
CREATE TABLE "DocumentStatusCount" (
    "workspaceId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "status" "VerificationStatus" NOT NULL,
    "signOff" "SignOffState" NOT NULL,
    "slot" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "DocumentStatusCount_pkey" PRIMARY KEY ("documentId","status","signOff","slot")
);

-- CreateTable
CREATE TABLE "SourceStatusCount" (
    "workspaceId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "status" "VerificationStatus" NOT NULL,
    "slot" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "SourceStatusCount_pkey" PRIMARY KEY ("workspaceId","sourceId","status","slot")
);

-- CreateTable
CREATE TABLE "EventWeekCount" (
    "workspaceId" TEXT NOT NULL,
    "week" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "EventWeekCount_pkey" PRIMARY KEY ("workspaceId","week","actorId","series","slot")
);

-- CreateIndex
CREATE INDEX "DocumentStatusCount_workspaceId_idx" ON "DocumentStatusCount"("workspaceId");

-- CreateIndex
CREATE INDEX "Annotation_workspaceId_status_deletedAt_createdAt_idx" ON "Annotation"("workspaceId", "status", "deletedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Annotation_workspaceId_sourceId_status_deletedAt_createdAt_idx" ON "Annotation"("workspaceId", "sourceId", "status", "deletedAt", "createdAt");

-- ---------------------------------------------------------------------------------------------
-- Dashboard counts kept by the database (lib/dashboard/queries.ts reads them instead of grouping
-- every annotation and event of a workspace). Statement-level triggers with transition tables: a
-- write of 2,000 rows adds one delta per group, not 2,000. A delta goes to the row of its slot
-- (the connection's pid mod 16), so concurrent writers on one document seldom wait on one row;
-- groups are upserted in key order, so two writers never lock rows in opposite orders.

-- Live annotations (deletedAt IS NULL) per document / source and state, added up by sign.
CREATE FUNCTION provenant_add_annotation_counts(ws TEXT[], doc TEXT[], src TEXT[], st "VerificationStatus"[], so "SignOffState"[], d INT[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO "DocumentStatusCount" ("workspaceId", "documentId", "status", "signOff", "slot", "n")
  SELECT w, dc, s, o, pg_backend_pid() % 16, sum(x)::int FROM unnest(ws, doc, st, so, d) AS t(w, dc, s, o, x)
  GROUP BY w, dc, s, o HAVING sum(x) <> 0 ORDER BY dc, s, o
  ON CONFLICT ("documentId", "status", "signOff", "slot") DO UPDATE SET "n" = "DocumentStatusCount"."n" + EXCLUDED."n";
  INSERT INTO "SourceStatusCount" ("workspaceId", "sourceId", "status", "slot", "n")
  SELECT w, coalesce(sc, ''), s, pg_backend_pid() % 16, sum(x)::int FROM unnest(ws, src, st, d) AS t(w, sc, s, x)
  GROUP BY w, coalesce(sc, ''), s HAVING sum(x) <> 0 ORDER BY w, coalesce(sc, ''), s
  ON CONFLICT ("workspaceId", "sourceId", "status", "slot") DO UPDATE SET "n" = "SourceStatusCount"."n" + EXCLUDED."n";
$$;

CREATE FUNCTION provenant_count_inserted_annotations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM provenant_add_annotation_counts(array_agg("workspaceId"), array_agg("documentId"), array_agg("sourceId"), array_agg("status"), array_agg("signOff"), array_agg(1))
  FROM new_rows WHERE "deletedAt" IS NULL;
  RETURN NULL;
END
$$;

CREATE FUNCTION provenant_count_updated_annotations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM provenant_add_annotation_counts(array_agg(w), array_agg(dc), array_agg(sc), array_agg(s), array_agg(o), array_agg(x))
  FROM (SELECT "workspaceId", "documentId", "sourceId", "status", "signOff", 1 FROM new_rows WHERE "deletedAt" IS NULL
        UNION ALL
        SELECT "workspaceId", "documentId", "sourceId", "status", "signOff", -1 FROM old_rows WHERE "deletedAt" IS NULL) AS t(w, dc, sc, s, o, x);
  RETURN NULL;
END
$$;

CREATE FUNCTION provenant_count_deleted_annotations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM provenant_add_annotation_counts(array_agg("workspaceId"), array_agg("documentId"), array_agg("sourceId"), array_agg("status"), array_agg("signOff"), array_agg(-1))
  FROM old_rows WHERE "deletedAt" IS NULL;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Annotation_count_insert" AFTER INSERT ON "Annotation" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION provenant_count_inserted_annotations();
CREATE TRIGGER "Annotation_count_update" AFTER UPDATE ON "Annotation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION provenant_count_updated_annotations();
CREATE TRIGGER "Annotation_count_delete" AFTER DELETE ON "Annotation" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION provenant_count_deleted_annotations();

-- What an event counts as on the dashboard: "CREATED" (made), "SIGNED_OFF", and a verdict event
-- under its status, or "RESUBMITTED" for a returned verdict put up again. Keep in step with
-- VERDICT_EVENT in lib/dashboard/queries.ts.
CREATE FUNCTION provenant_event_series(kind "AnnotationEventType", after JSONB) RETURNS TEXT[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array_remove(ARRAY[
    CASE WHEN kind = 'CREATED' THEN 'CREATED' END,
    CASE WHEN kind = 'SIGNED_OFF' THEN 'SIGNED_OFF' END,
    CASE WHEN kind IN ('CREATED', 'UPDATED')
          AND ((after->>'status') IN ('VERIFIED', 'PARTLY_VERIFIED', 'MISATTRIBUTED', 'CONTRADICTED', 'SOURCE_NOT_FOUND')
               OR (kind = 'UPDATED' AND after->>'signOff' = 'AWAITING' AND after->>'status' IS NULL))
         THEN coalesce(after->>'status', 'RESUBMITTED') END
  ], NULL)
$$;

CREATE FUNCTION provenant_count_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "EventWeekCount" ("workspaceId", "week", "actorId", "series", "slot", "n")
  SELECT e."workspaceId", date_trunc('week', e."createdAt"), e."actorId", s.series, pg_backend_pid() % 16, count(*)::int
  FROM new_rows e CROSS JOIN LATERAL unnest(provenant_event_series(e."type", e."after")) AS s(series)
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("workspaceId", "week", "actorId", "series", "slot") DO UPDATE SET "n" = "EventWeekCount"."n" + EXCLUDED."n";
  RETURN NULL;
END
$$;

CREATE TRIGGER "AnnotationEvent_count" AFTER INSERT ON "AnnotationEvent" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION provenant_count_events();

-- Every count from scratch: for this migration's existing rows, and for data loaded with triggers off.
CREATE FUNCTION provenant_recount_dashboard() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "DocumentStatusCount";
  DELETE FROM "SourceStatusCount";
  DELETE FROM "EventWeekCount";
  INSERT INTO "DocumentStatusCount" ("workspaceId", "documentId", "status", "signOff", "slot", "n")
  SELECT "workspaceId", "documentId", "status", "signOff", 0, count(*)::int FROM "Annotation" WHERE "deletedAt" IS NULL GROUP BY 1, 2, 3, 4;
  INSERT INTO "SourceStatusCount" ("workspaceId", "sourceId", "status", "slot", "n")
  SELECT "workspaceId", coalesce("sourceId", ''), "status", 0, count(*)::int FROM "Annotation" WHERE "deletedAt" IS NULL GROUP BY 1, 2, 3;
  INSERT INTO "EventWeekCount" ("workspaceId", "week", "actorId", "series", "slot", "n")
  SELECT e."workspaceId", date_trunc('week', e."createdAt"), e."actorId", s.series, 0, count(*)::int
  FROM "AnnotationEvent" e CROSS JOIN LATERAL unnest(provenant_event_series(e."type", e."after")) AS s(series)
  GROUP BY 1, 2, 3, 4;
$$;

SELECT provenant_recount_dashboard();

-- Live-update notices (lib/live/listener.ts): the same payload per event, in id order, from one
-- trigger call per statement instead of one per row (an import of 2,000 annotations wrote 2,000 calls).
CREATE FUNCTION provenant_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('provenant_events', json_build_object(
    'id', e.id::text, 'workspaceId', e."workspaceId", 'documentId', e."documentId",
    'annotationId', e."annotationId", 'type', e.type, 'actorId', e."actorId")::text)
  FROM (SELECT * FROM new_rows ORDER BY id) e;
  RETURN NULL;
END
$$;
DROP TRIGGER "AnnotationEvent_notify" ON "AnnotationEvent";
DROP FUNCTION provenant_notify_event();
CREATE TRIGGER "AnnotationEvent_notify" AFTER INSERT ON "AnnotationEvent" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION provenant_notify_events();
