-- CreateEnum
CREATE TYPE "DocumentFormat" AS ENUM ('TXT', 'MD', 'HTML', 'DOCX', 'PDF');

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "archivedUrl" TEXT,
ADD COLUMN     "authors" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "datePublished" TEXT,
ADD COLUMN     "format" "DocumentFormat" NOT NULL DEFAULT 'TXT',
ADD COLUMN     "language" TEXT,
ADD COLUMN     "metadataVersion" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "originalId" TEXT,
ADD COLUMN     "originalUrl" TEXT,
ADD COLUMN     "pageStarts" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "publisher" TEXT,
ADD COLUMN     "retrievedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DocumentFile" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mediaType" TEXT NOT NULL,
    "fileName" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DocumentFile_workspaceId_idx" ON "DocumentFile"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "Document_originalId_key" ON "Document"("originalId");

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_originalId_fkey" FOREIGN KEY ("originalId") REFERENCES "DocumentFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentFile" ADD CONSTRAINT "DocumentFile_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentFile" ADD CONSTRAINT "DocumentFile_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- An original file is kept byte-exact: the app may add and read it, never change it.
REVOKE UPDATE ON "DocumentFile" FROM provenant_app;
