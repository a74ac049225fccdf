-- Who a leaderboard may show: the player's own choice to hide (/privacy), and whether they left the
-- Discord server or were banned there (and when), which the `leaderboard` setting keeps or hides.
-- The partial index is the boards' order over the players a board can ever show, so the public
-- board reads one index range per page (keyset on xp, id) however many players there are.

-- CreateEnum
CREATE TYPE "PlayerDeparture" AS ENUM ('left', 'banned');

-- AlterTable
ALTER TABLE "players" ADD COLUMN "board_hidden" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "departure" "PlayerDeparture",
ADD COLUMN "departed_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "players_board_order_idx" ON "players" ("xp" DESC, "id")
    WHERE "merged_into_id" IS NULL AND "xp" > 0 AND NOT "board_hidden";
