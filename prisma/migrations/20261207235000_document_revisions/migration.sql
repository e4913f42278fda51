-- Issue 15: revisions of a document's text, never changed or deleted, and the re-anchoring they cause.
ALTER TYPE "AnnotationEventType" ADD VALUE 'ANCHOR_SHIFTED';
ALTER TYPE "AnnotationEventType" ADD VALUE 'ANCHOR_CHANGED';
ALTER TYPE "AnnotationEventType" ADD VALUE 'ORPHANED';
ALTER TYPE "AnnotationEventType" ADD VALUE 'RECHECKED';

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "anchorSimilarity" DOUBLE PRECISION,
ADD COLUMN     "needsRecheck" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "DocumentRevision" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    "format" "DocumentFormat" NOT NULL DEFAULT 'TXT',
    "pageStarts" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "originalId" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',
    "shifted" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "orphaned" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DocumentRevision_documentId_number_key" ON "DocumentRevision"("documentId", "number");

-- AddForeignKey
ALTER TABLE "DocumentRevision" ADD CONSTRAINT "DocumentRevision_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentRevision" ADD CONSTRAINT "DocumentRevision_originalId_fkey" FOREIGN KEY ("originalId") REFERENCES "DocumentFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentRevision" ADD CONSTRAINT "DocumentRevision_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Append-only, as the event table: the app role may read and add revisions, never change or remove one.
REVOKE UPDATE, DELETE, TRUNCATE ON "DocumentRevision" FROM provenant_app;

-- Every document so far is at its first recorded revision: its text as it stands.
INSERT INTO "DocumentRevision" ("id", "documentId", "workspaceId", "number", "text", "sha256", "length", "format", "pageStarts", "originalId", "reason", "createdById", "createdAt")
SELECT 'rev_' || d."id" || '_' || d."revision", d."id", d."workspaceId", d."revision", d."text", d."sha256", d."length", d."format", d."pageStarts", d."originalId", '', d."createdById", d."createdAt"
FROM "Document" d;

-- A document's first revision is written with it, whichever way it is created (the app, an import,
-- the demo seed, a bulk load): its text as created.
CREATE FUNCTION document_first_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DocumentRevision" ("id", "documentId", "workspaceId", "number", "text", "sha256", "length", "format", "pageStarts", "originalId", "reason", "createdById", "createdAt")
  VALUES ('rev_' || NEW."id" || '_' || NEW."revision", NEW."id", NEW."workspaceId", NEW."revision", NEW."text", NEW."sha256", NEW."length", NEW."format", NEW."pageStarts", NEW."originalId", '', NEW."createdById", NEW."createdAt");
  RETURN NULL;
END $$;
CREATE TRIGGER document_first_revision AFTER INSERT ON "Document" FOR EACH ROW EXECUTE FUNCTION document_first_revision();
