-- Who a leaderboard may show: the player's own choice to hide (/privacy), and whether they left the
-- Discord server or were banned there (and when), which the `leaderboard` setting keeps or hides.
-- The index is the boards' order (xp, then id), so a board page reads one index range and skips
-- the few players it may not show, however many players there are.

-- CreateEnum
CREATE TYPE "PlayerDeparture" AS ENUM ('left', 'banned');

-- AlterTable
ALTER TABLE "players" ADD COLUMN "board_hidden" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "departure" "PlayerDeparture",
ADD COLUMN "departed_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "players_board_order_idx" ON "players" ("xp" DESC, "id");
