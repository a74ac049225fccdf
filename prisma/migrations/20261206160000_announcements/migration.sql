-- A player's own choice to hear of their rank-ups and achievements by direct message (/announcements).
-- Turning it off silences their DMs only: the community's channels announce them either way.

-- AlterTable
ALTER TABLE "players" ADD COLUMN "announcement_dms" BOOLEAN NOT NULL DEFAULT true;
