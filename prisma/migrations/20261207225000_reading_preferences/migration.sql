-- Issue 19: "Reflow lines" is remembered per person and document in the database, so the server renders the text that way at once.
-- CreateTable
CREATE TABLE "ReadingPreference" (
    "userId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "reflow" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReadingPreference_pkey" PRIMARY KEY ("userId","documentId")
);

-- CreateIndex
CREATE INDEX "ReadingPreference_documentId_idx" ON "ReadingPreference"("documentId");

-- AddForeignKey
ALTER TABLE "ReadingPreference" ADD CONSTRAINT "ReadingPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadingPreference" ADD CONSTRAINT "ReadingPreference_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

