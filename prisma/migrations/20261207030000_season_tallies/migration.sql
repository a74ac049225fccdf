-- Season boards read maintained tallies instead of summing the whole window of the ledger on every
-- request: the minute tick adds each season's new ledger entries to per-player tallies, and a board
-- adds only the entries recorded since.

-- CreateTable
CREATE TABLE "season_tallies" (
    "season_id" INTEGER NOT NULL,
    "player_id" UUID NOT NULL,
    "xp" INTEGER NOT NULL,

    CONSTRAINT "season_tallies_pkey" PRIMARY KEY ("season_id","player_id")
);

-- CreateTable
CREATE TABLE "season_tally_marks" (
    "season_id" INTEGER NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "through_entry_id" BIGINT,
    "seen_entry_id" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "season_tally_marks_pkey" PRIMARY KEY ("season_id")
);

-- CreateIndex
CREATE INDEX "season_tallies_board_idx" ON "season_tallies"("season_id", "xp" DESC, "player_id");

-- AddForeignKey
ALTER TABLE "season_tallies" ADD CONSTRAINT "season_tallies_season_id_fkey" FOREIGN KEY ("season_id") REFERENCES "seasons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "season_tally_marks" ADD CONSTRAINT "season_tally_marks_season_id_fkey" FOREIGN KEY ("season_id") REFERENCES "seasons"("id") ON DELETE CASCADE ON UPDATE CASCADE;
