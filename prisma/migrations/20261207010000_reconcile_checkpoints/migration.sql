-- Reconcile verifies totals from per-player checkpoints onwards, an admin can ask for a full audit
-- that walks every player in pages, and cleanup finds expired link codes by an index.

-- AlterTable
ALTER TABLE "reconcile_runs" ADD COLUMN     "ledger_high_water" BIGINT,
ADD COLUMN     "totals_checked" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "reconcile_checkpoints" (
    "player_id" UUID NOT NULL,
    "entry_id" BIGINT NOT NULL DEFAULT 0,
    "xp" INTEGER NOT NULL DEFAULT 0,
    "balance" INTEGER NOT NULL DEFAULT 0,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "voice_minutes" INTEGER NOT NULL DEFAULT 0,
    "games_won" INTEGER NOT NULL DEFAULT 0,
    "coins_earned" INTEGER NOT NULL DEFAULT 0,
    "own_messages" INTEGER NOT NULL DEFAULT 0,
    "own_voice_minutes" INTEGER NOT NULL DEFAULT 0,
    "own_games_won" INTEGER NOT NULL DEFAULT 0,
    "own_coins_earned" INTEGER NOT NULL DEFAULT 0,
    "merged_into_id" UUID,
    "verified_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reconcile_checkpoints_pkey" PRIMARY KEY ("player_id")
);

-- CreateTable
CREATE TABLE "reconcile_audits" (
    "id" SERIAL NOT NULL,
    "requested_by" VARCHAR(100),
    "page_size" INTEGER NOT NULL,
    "after_player_id" UUID,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "players_checked" INTEGER NOT NULL DEFAULT 0,
    "totals_fixed" INTEGER NOT NULL DEFAULT 0,
    "chain_breaks" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "found" INTEGER NOT NULL DEFAULT 0,
    "findings" JSONB NOT NULL DEFAULT '[]',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "reconcile_audits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reconcile_audits_started_at_idx" ON "reconcile_audits"("started_at");

-- CreateIndex
CREATE INDEX "link_codes_expires_at_idx" ON "link_codes"("expires_at");
