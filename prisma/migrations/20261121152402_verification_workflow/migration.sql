-- CreateEnum
CREATE TYPE "SignOffState" AS ENUM ('NONE', 'AWAITING', 'CONFIRMED', 'RETURNED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AnnotationEventType" ADD VALUE 'ASSIGNED';
ALTER TYPE "AnnotationEventType" ADD VALUE 'SIGNED_OFF';
ALTER TYPE "AnnotationEventType" ADD VALUE 'SIGN_OFF_RETURNED';
ALTER TYPE "AnnotationEventType" ADD VALUE 'COMMENTED';
ALTER TYPE "AnnotationEventType" ADD VALUE 'COMMENT_EDITED';
ALTER TYPE "AnnotationEventType" ADD VALUE 'COMMENT_DELETED';
ALTER TYPE "AnnotationEventType" ADD VALUE 'THREAD_RESOLVED';
ALTER TYPE "AnnotationEventType" ADD VALUE 'THREAD_REOPENED';

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "assigneeId" TEXT,
ADD COLUMN     "onChecklist" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "signOff" "SignOffState" NOT NULL DEFAULT 'NONE',
ADD COLUMN     "signOffNote" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "signedOffAt" TIMESTAMP(3),
ADD COLUMN     "signedOffById" TEXT,
ADD COLUMN     "threadResolvedAt" TIMESTAMP(3),
ADD COLUMN     "threadResolvedById" TEXT,
ADD COLUMN     "verdictAt" TIMESTAMP(3),
ADD COLUMN     "verdictById" TEXT;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "requireSignOff" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "annotationId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "editedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mention" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "commentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Mention_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Presence" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Presence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Comment_annotationId_createdAt_idx" ON "Comment"("annotationId", "createdAt");

-- CreateIndex
CREATE INDEX "Mention_userId_readAt_createdAt_idx" ON "Mention"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Mention_commentId_userId_key" ON "Mention"("commentId", "userId");

-- CreateIndex
CREATE INDEX "Presence_documentId_seenAt_idx" ON "Presence"("documentId", "seenAt");

-- CreateIndex
CREATE INDEX "Annotation_workspaceId_assigneeId_deletedAt_createdAt_idx" ON "Annotation"("workspaceId", "assigneeId", "deletedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Annotation_workspaceId_signOff_deletedAt_verdictAt_idx" ON "Annotation"("workspaceId", "signOff", "deletedAt", "verdictAt");

-- CreateIndex
CREATE INDEX "Annotation_workspaceId_deletedAt_createdAt_idx" ON "Annotation"("workspaceId", "deletedAt", "createdAt");

-- CreateIndex
CREATE INDEX "AnnotationEvent_workspaceId_id_idx" ON "AnnotationEvent"("workspaceId", "id");

-- CreateIndex
CREATE INDEX "AnnotationEvent_workspaceId_createdAt_idx" ON "AnnotationEvent"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_verdictById_fkey" FOREIGN KEY ("verdictById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_signedOffById_fkey" FOREIGN KEY ("signedOffById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The role the app works as (lib/db.ts sets it on each connection). It may read and write every
-- table but cannot UPDATE, DELETE or TRUNCATE events: history is append-only below the app.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'provenant_app') THEN
    CREATE ROLE provenant_app NOLOGIN;
  END IF;
END
$$;
GRANT provenant_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO provenant_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO provenant_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO provenant_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO provenant_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO provenant_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "AnnotationEvent" FROM provenant_app;
DO $$
BEGIN
  IF to_regclass('"_prisma_migrations"') IS NOT NULL THEN
    REVOKE ALL ON "_prisma_migrations" FROM provenant_app;
  END IF;
END
$$;

-- Live updates: each event is announced on commit to every app instance that LISTENs
-- (lib/live/listener.ts). The payload is small; listeners read the rest.
CREATE FUNCTION provenant_notify_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('provenant_events', json_build_object(
    'id', NEW.id::text, 'workspaceId', NEW."workspaceId", 'documentId', NEW."documentId",
    'annotationId', NEW."annotationId", 'type', NEW.type, 'actorId', NEW."actorId")::text);
  RETURN NEW;
END
$$;
CREATE TRIGGER "AnnotationEvent_notify" AFTER INSERT ON "AnnotationEvent"
  FOR EACH ROW EXECUTE FUNCTION provenant_notify_event();
