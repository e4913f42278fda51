-- Issue 18: the documents list pages through keyset pages for every sort. Its sort keys that depend
-- on annotations (live count, Verified count, latest change) are kept by the database, as the
-- dashboard's counts are (migration scale_indexes): statement-level triggers add deltas to the row
-- of the writer's slot (pid mod 16), so concurrent writers on one document seldom wait on one row,
-- and the list sums a document's few slots instead of grouping its annotations.

-- CreateTable
CREATE TABLE "DocumentListKey" (
    "workspaceId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "live" INTEGER NOT NULL,
    "verified" INTEGER NOT NULL,
    "lastChangeAt" TIMESTAMP(3),

    CONSTRAINT "DocumentListKey_pkey" PRIMARY KEY ("documentId","slot")
);

-- CreateIndex
CREATE INDEX "DocumentListKey_workspaceId_idx" ON "DocumentListKey"("workspaceId");

CREATE FUNCTION provenant_add_document_keys(ws TEXT[], doc TEXT[], live INT[], verified INT[], changed TIMESTAMP(3)[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO "DocumentListKey" ("workspaceId", "documentId", "slot", "live", "verified", "lastChangeAt")
  SELECT w, dc, pg_backend_pid() % 16, sum(l)::int, sum(v)::int, max(c) FROM unnest(ws, doc, live, verified, changed) AS t(w, dc, l, v, c)
  GROUP BY w, dc ORDER BY dc
  ON CONFLICT ("documentId", "slot") DO UPDATE SET
    "live" = "DocumentListKey"."live" + EXCLUDED."live",
    "verified" = "DocumentListKey"."verified" + EXCLUDED."verified",
    "lastChangeAt" = GREATEST("DocumentListKey"."lastChangeAt", EXCLUDED."lastChangeAt");
$$;

CREATE FUNCTION provenant_key_inserted_annotations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM provenant_add_document_keys(array_agg("workspaceId"), array_agg("documentId"), array_agg(("deletedAt" IS NULL)::int),
    array_agg(("deletedAt" IS NULL AND "status" = 'VERIFIED')::int), array_agg("updatedAt"))
  FROM new_rows;
  RETURN NULL;
END
$$;

CREATE FUNCTION provenant_key_updated_annotations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM provenant_add_document_keys(array_agg(w), array_agg(dc), array_agg(l), array_agg(v), array_agg(c))
  FROM (SELECT "workspaceId", "documentId", ("deletedAt" IS NULL)::int, ("deletedAt" IS NULL AND "status" = 'VERIFIED')::int, "updatedAt" FROM new_rows
        UNION ALL
        SELECT "workspaceId", "documentId", -("deletedAt" IS NULL)::int, -("deletedAt" IS NULL AND "status" = 'VERIFIED')::int, NULL FROM old_rows) AS t(w, dc, l, v, c);
  RETURN NULL;
END
$$;

CREATE FUNCTION provenant_key_deleted_annotations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM provenant_add_document_keys(array_agg("workspaceId"), array_agg("documentId"), array_agg(-("deletedAt" IS NULL)::int),
    array_agg(-("deletedAt" IS NULL AND "status" = 'VERIFIED')::int), array_agg(NULL::timestamp(3)))
  FROM old_rows;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Annotation_list_key_insert" AFTER INSERT ON "Annotation" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION provenant_key_inserted_annotations();
CREATE TRIGGER "Annotation_list_key_update" AFTER UPDATE ON "Annotation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION provenant_key_updated_annotations();
CREATE TRIGGER "Annotation_list_key_delete" AFTER DELETE ON "Annotation" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION provenant_key_deleted_annotations();

-- The keys from the annotations themselves, for data loaded with the triggers off (the scale bench) and the rows already here.
CREATE FUNCTION provenant_recount_document_keys() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "DocumentListKey";
  INSERT INTO "DocumentListKey" ("workspaceId", "documentId", "slot", "live", "verified", "lastChangeAt")
  SELECT "workspaceId", "documentId", 0, count(*) FILTER (WHERE "deletedAt" IS NULL)::int,
         count(*) FILTER (WHERE "deletedAt" IS NULL AND "status" = 'VERIFIED')::int, max("updatedAt")
  FROM "Annotation" GROUP BY 1, 2;
$$;

SELECT provenant_recount_document_keys();
