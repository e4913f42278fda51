-- Issue 18: sign-in limits on rate-limiter-flexible's PostgreSQL store replace the hand-written
-- LoginFailure log (its rows are only recent failures; dropping them lifts current locks).

-- DropTable
DROP TABLE "LoginFailure";

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");

