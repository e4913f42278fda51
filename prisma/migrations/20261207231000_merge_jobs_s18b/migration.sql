-- A merge of a heavily cited source runs as a background job in batches, with its progress here
-- (lib/sources/merge.ts). Existing merges were done in one transaction: DONE.

-- CreateEnum
CREATE TYPE "MergeState" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "SourceMerge" ADD COLUMN     "done" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "error" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "state" "MergeState" NOT NULL DEFAULT 'DONE',
ADD COLUMN     "total" INTEGER NOT NULL DEFAULT 0;
