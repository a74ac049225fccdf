-- Limits belong to the person, not to the account of the moment: every account gets the person it
-- belongs to, and the person holds the daily streak and the cooldowns.
ALTER TABLE "players" ADD COLUMN "person_id" UUID NOT NULL DEFAULT gen_random_uuid();

-- CreateTable
CREATE TABLE "persons" (
    "id" UUID NOT NULL,
    "daily_streak" INTEGER NOT NULL DEFAULT 0,
    "last_daily_at" TIMESTAMPTZ(3),
    "last_message_xp_at" TIMESTAMPTZ(3),
    "last_voice_minute_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "persons_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "players_person_id_idx" ON "players"("person_id");

-- An account merged away by linking belongs to the person of the account it ended in (its own id).
-- Accounts detached by an earlier unlink cannot be traced back and stay persons of their own.
WITH RECURSIVE chain (id, root_id, depth) AS (
  SELECT id, id, 0 FROM "players" WHERE "merged_into_id" IS NULL
  UNION ALL
  SELECT p.id, c.root_id, c.depth + 1 FROM "players" p JOIN chain c ON p."merged_into_id" = c.id
   WHERE c.depth < 64
)
UPDATE "players" p SET "person_id" = chain.root_id FROM chain WHERE chain.id = p.id;

-- Today's daily claims, streaks and message cooldowns, as the accounts recorded them.
INSERT INTO "persons" ("id", "daily_streak", "last_daily_at", "last_message_xp_at")
SELECT "person_id", max("daily_streak"), max("last_daily_at"), max("last_message_xp_at")
  FROM "players" GROUP BY "person_id";
