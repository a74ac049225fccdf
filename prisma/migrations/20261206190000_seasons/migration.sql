-- Seasons: boards of the XP gained in a window, read from the ledger by created_at (lifetime XP and
-- ranks untouched), and the winners each season's close recorded. The ledger index on
-- (player_id, created_at) answers "XP a player gained between two times" without a scan.

-- CreateEnum
CREATE TYPE "SeasonRecurrence" AS ENUM ('none', 'weekly', 'monthly');

-- CreateTable
CREATE TABLE "seasons" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "recurrence" "SeasonRecurrence" NOT NULL DEFAULT 'none',
    "winners" INTEGER NOT NULL DEFAULT 3,
    "rewards" JSONB NOT NULL DEFAULT '[]',
    "discord_role_id" VARCHAR(32),
    "closed_at" TIMESTAMPTZ(3),
    "announced_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seasons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "season_results" (
    "season_id" INTEGER NOT NULL,
    "place" INTEGER NOT NULL,
    "player_id" UUID NOT NULL,
    "xp_gained" INTEGER NOT NULL,
    "reward_xp" INTEGER NOT NULL DEFAULT 0,
    "reward_coins" INTEGER NOT NULL DEFAULT 0,
    "role_granted_at" TIMESTAMPTZ(3),

    CONSTRAINT "season_results_pkey" PRIMARY KEY ("season_id","place")
);

-- CreateIndex
CREATE INDEX "seasons_closed_at_ends_at_idx" ON "seasons"("closed_at", "ends_at");

-- CreateIndex
CREATE INDEX "ledger_entries_player_id_created_at_idx" ON "ledger_entries"("player_id", "created_at");

-- AddForeignKey
ALTER TABLE "season_results" ADD CONSTRAINT "season_results_season_id_fkey" FOREIGN KEY ("season_id") REFERENCES "seasons"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
