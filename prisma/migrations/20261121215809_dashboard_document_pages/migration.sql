-- CreateIndex
CREATE INDEX "Document_workspaceId_deletedAt_title_id_idx" ON "Document"("workspaceId", "deletedAt", "title", "id");
