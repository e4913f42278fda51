-- Issue 18: the integrity of the two-person rule, accounts and sessions.

-- AlterTable: a session signed in at an older version is signed out (lib/auth/options.ts).
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 1;

-- AlterTable: the hop's workspace, filled from its annotation, so that composite foreign keys can
-- tie its source and its annotation to one workspace.
ALTER TABLE "ChainHop" ADD COLUMN     "workspaceId" TEXT;
UPDATE "ChainHop" h SET "workspaceId" = a."workspaceId" FROM "Annotation" a WHERE a.id = h."annotationId";
ALTER TABLE "ChainHop" ALTER COLUMN "workspaceId" SET NOT NULL;

-- AlterTable: tokens made before this stay without an expiry, as they were issued.
ALTER TABLE "ApiToken" ADD COLUMN     "expiresAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "Source_workspaceId_id_key" ON "Source"("workspaceId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Annotation_workspaceId_id_key" ON "Annotation"("workspaceId", "id");

-- Hand-added (Prisma cannot express an optional relation over a required and an optional column):
-- whatever cites a source cites one of its own workspace, whatever path writes it. Prisma's own
-- single-column foreign keys stay beside these and keep their delete rules; MATCH SIMPLE leaves a
-- null sourceId unchecked.
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_workspaceId_sourceId_fkey"
  FOREIGN KEY ("workspaceId", "sourceId") REFERENCES "Source"("workspaceId", "id") ON DELETE SET NULL ("sourceId") ON UPDATE CASCADE;
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_workspaceId_sourceId_fkey"
  FOREIGN KEY ("workspaceId", "sourceId") REFERENCES "Source"("workspaceId", "id") ON DELETE SET NULL ("sourceId") ON UPDATE CASCADE;
ALTER TABLE "ChainHop" ADD CONSTRAINT "ChainHop_workspaceId_sourceId_fkey"
  FOREIGN KEY ("workspaceId", "sourceId") REFERENCES "Source"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_workspaceId_annotationId_fkey"
  FOREIGN KEY ("workspaceId", "annotationId") REFERENCES "Annotation"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ChainHop" ADD CONSTRAINT "ChainHop_workspaceId_annotationId_fkey"
  FOREIGN KEY ("workspaceId", "annotationId") REFERENCES "Annotation"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-added: nothing cites a source merged away (Source."mergedIntoId" set). A new or changed
-- citation of a merged source is refused; a source still cited cannot be marked merged (the merge
-- moves its citations first, lib/sources/merge.ts). The citing side locks the source FOR SHARE, so
-- it waits for a merge of that source in progress (which holds it FOR UPDATE) and then reads it as
-- the merge left it; a merge waits for a citation in progress and then finds it.
CREATE FUNCTION provenant_cited_source_not_merged() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  merged_into text;
BEGIN
  SELECT "mergedIntoId" INTO merged_into FROM "Source" WHERE id = NEW."sourceId" FOR SHARE;
  IF merged_into IS NOT NULL THEN
    RAISE EXCEPTION 'source % was merged into %; cite that one', NEW."sourceId", merged_into
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, COLUMN = 'sourceId';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "Annotation_source_not_merged_insert" BEFORE INSERT ON "Annotation"
  FOR EACH ROW WHEN (NEW."sourceId" IS NOT NULL) EXECUTE FUNCTION provenant_cited_source_not_merged();
CREATE TRIGGER "Annotation_source_not_merged_update" BEFORE UPDATE OF "sourceId" ON "Annotation"
  FOR EACH ROW WHEN (NEW."sourceId" IS NOT NULL AND NEW."sourceId" IS DISTINCT FROM OLD."sourceId") EXECUTE FUNCTION provenant_cited_source_not_merged();
CREATE TRIGGER "Evidence_source_not_merged_insert" BEFORE INSERT ON "Evidence"
  FOR EACH ROW WHEN (NEW."sourceId" IS NOT NULL) EXECUTE FUNCTION provenant_cited_source_not_merged();
CREATE TRIGGER "Evidence_source_not_merged_update" BEFORE UPDATE OF "sourceId" ON "Evidence"
  FOR EACH ROW WHEN (NEW."sourceId" IS NOT NULL AND NEW."sourceId" IS DISTINCT FROM OLD."sourceId") EXECUTE FUNCTION provenant_cited_source_not_merged();
CREATE TRIGGER "ChainHop_source_not_merged_insert" BEFORE INSERT ON "ChainHop"
  FOR EACH ROW EXECUTE FUNCTION provenant_cited_source_not_merged();
CREATE TRIGGER "ChainHop_source_not_merged_update" BEFORE UPDATE OF "sourceId" ON "ChainHop"
  FOR EACH ROW WHEN (NEW."sourceId" IS DISTINCT FROM OLD."sourceId") EXECUTE FUNCTION provenant_cited_source_not_merged();

CREATE FUNCTION provenant_merged_source_uncited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "Annotation" WHERE "sourceId" = NEW.id)
     OR EXISTS (SELECT 1 FROM "Evidence" WHERE "sourceId" = NEW.id)
     OR EXISTS (SELECT 1 FROM "ChainHop" WHERE "sourceId" = NEW.id) THEN
    RAISE EXCEPTION 'source % is still cited: move its citations before marking it merged', NEW.id
      USING ERRCODE = 'foreign_key_violation', TABLE = 'Source', COLUMN = 'mergedIntoId';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "Source_merged_uncited" BEFORE UPDATE OF "mergedIntoId" ON "Source"
  FOR EACH ROW WHEN (NEW."mergedIntoId" IS NOT NULL AND OLD."mergedIntoId" IS NULL) EXECUTE FUNCTION provenant_merged_source_uncited();
