-- CreateEnum
CREATE TYPE "EvidenceStance" AS ENUM ('SUPPORTS', 'CONTRADICTS', 'CONTEXT');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AnnotationEventType" ADD VALUE 'EVIDENCE_ADDED';
ALTER TYPE "AnnotationEventType" ADD VALUE 'EVIDENCE_UPDATED';
ALTER TYPE "AnnotationEventType" ADD VALUE 'EVIDENCE_REMOVED';
ALTER TYPE "AnnotationEventType" ADD VALUE 'CHAIN_SET';
ALTER TYPE "AnnotationEventType" ADD VALUE 'SOURCE_MERGED';
ALTER TYPE "AnnotationEventType" ADD VALUE 'SOURCE_MERGE_UNDONE';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "SourceKind" ADD VALUE 'MAGAZINE_ARTICLE';
ALTER TYPE "SourceKind" ADD VALUE 'SPEECH';

-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "archivedUrl" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "doi" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "isbn" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "language" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "mergedIntoId" TEXT,
ADD COLUMN     "page" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "publisherPlace" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "SourceMerge" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "keptId" TEXT NOT NULL,
    "mergedId" TEXT NOT NULL,
    "movedAnnotationIds" TEXT[],
    "movedEvidenceIds" TEXT[],
    "movedChainHopIds" TEXT[],
    "addedAliases" TEXT[],
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),
    "undoneById" TEXT,

    CONSTRAINT "SourceMerge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "annotationId" TEXT NOT NULL,
    "sourceId" TEXT,
    "locator" TEXT NOT NULL DEFAULT '',
    "passage" TEXT NOT NULL DEFAULT '',
    "passageTranslation" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL DEFAULT '',
    "archivedUrl" TEXT NOT NULL DEFAULT '',
    "accessedOn" TEXT NOT NULL DEFAULT '',
    "stance" "EvidenceStance" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChainHop" (
    "id" TEXT NOT NULL,
    "annotationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "sourceId" TEXT NOT NULL,
    "locator" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ChainHop_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SourceMerge_workspaceId_createdAt_idx" ON "SourceMerge"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Evidence_annotationId_deletedAt_idx" ON "Evidence"("annotationId", "deletedAt");

-- CreateIndex
CREATE INDEX "Evidence_sourceId_idx" ON "Evidence"("sourceId");

-- CreateIndex
CREATE INDEX "ChainHop_sourceId_idx" ON "ChainHop"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "ChainHop_annotationId_position_key" ON "ChainHop"("annotationId", "position");

-- CreateIndex
CREATE INDEX "Source_workspaceId_doi_idx" ON "Source"("workspaceId", "doi");

-- CreateIndex
CREATE INDEX "Source_workspaceId_isbn_idx" ON "Source"("workspaceId", "isbn");

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChainHop" ADD CONSTRAINT "ChainHop_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChainHop" ADD CONSTRAINT "ChainHop_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
