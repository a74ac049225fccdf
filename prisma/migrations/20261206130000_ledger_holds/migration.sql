-- Two-phase holds: coins set aside are a pending ledger entry, later posted (spent for good) or
-- voided (given back by a refund entry) by exactly one settlement. The ledger alone then tells held
-- coins from paid ones. Payout decisions are told to players through the outbox (payout_decision).
ALTER TYPE "EventType" ADD VALUE 'payout_decision';

-- CreateEnum
CREATE TYPE "HoldOutcome" AS ENUM ('posted', 'voided');

-- CreateTable
CREATE TABLE "ledger_holds" (
    "entry_id" BIGINT NOT NULL,
    "player_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_holds_pkey" PRIMARY KEY ("entry_id")
);

-- CreateTable
CREATE TABLE "ledger_hold_settlements" (
    "hold_id" BIGINT NOT NULL,
    "outcome" "HoldOutcome" NOT NULL,
    "refund_entry_id" BIGINT,
    "settled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_hold_settlements_pkey" PRIMARY KEY ("hold_id")
);

-- AlterTable
ALTER TABLE "payouts" ADD COLUMN "hold_id" BIGINT;

-- CreateIndex
CREATE INDEX "players_merged_into_id_idx" ON "players"("merged_into_id");

-- CreateIndex
CREATE INDEX "ledger_holds_player_id_idx" ON "ledger_holds"("player_id");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_hold_settlements_refund_entry_id_key" ON "ledger_hold_settlements"("refund_entry_id");

-- CreateIndex
CREATE UNIQUE INDEX "payouts_hold_id_key" ON "payouts"("hold_id");

-- AddForeignKey
ALTER TABLE "ledger_holds" ADD CONSTRAINT "ledger_holds_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "ledger_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_holds" ADD CONSTRAINT "ledger_holds_player_id_fkey" FOREIGN KEY ("player_id") REFERENCES "players"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_hold_settlements" ADD CONSTRAINT "ledger_hold_settlements_hold_id_fkey" FOREIGN KEY ("hold_id") REFERENCES "ledger_holds"("entry_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_hold_settlements" ADD CONSTRAINT "ledger_hold_settlements_refund_entry_id_fkey" FOREIGN KEY ("refund_entry_id") REFERENCES "ledger_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_hold_id_fkey" FOREIGN KEY ("hold_id") REFERENCES "ledger_holds"("entry_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A voided hold names the refund that gave its coins back; a posted one moved nothing.
ALTER TABLE "ledger_hold_settlements" ADD CONSTRAINT "ledger_hold_settlements_refund_when_voided"
  CHECK (("outcome" = 'voided') = ("refund_entry_id" IS NOT NULL));

-- Holds and settlements are the ledger too: append-only, a settlement is never edited or undone.
CREATE FUNCTION "ledger_holds_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: a hold is settled once, by a new row', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER "ledger_holds_append_only" BEFORE UPDATE OR DELETE ON "ledger_holds"
  FOR EACH ROW EXECUTE FUNCTION "ledger_holds_append_only"();
CREATE TRIGGER "ledger_hold_settlements_append_only" BEFORE UPDATE OR DELETE ON "ledger_hold_settlements"
  FOR EACH ROW EXECUTE FUNCTION "ledger_holds_append_only"();

-- Existing payouts, as they were recorded: each held its coins by a `payout_hold` debit naming the
-- payout in its metadata; an approved one left no ledger trace (posted now, when it was decided);
-- a declined one was refunded by a `payout_refund` entry naming the payout (voided by that refund).
INSERT INTO "ledger_holds" ("entry_id", "player_id", "created_at")
SELECT e."id", e."player_id", e."created_at"
  FROM "ledger_entries" e
 WHERE e."reason" = 'payout_hold' AND e."coin_delta" < 0;

UPDATE "payouts" p SET "hold_id" = e."id"
  FROM "ledger_entries" e
 WHERE e."reason" = 'payout_hold' AND e."coin_delta" < 0 AND e."metadata"->>'payoutId' = p."id"::text;

INSERT INTO "ledger_hold_settlements" ("hold_id", "outcome", "settled_at")
SELECT p."hold_id", 'posted', coalesce(p."decided_at", p."created_at")
  FROM "payouts" p
 WHERE p."status" = 'approved' AND p."hold_id" IS NOT NULL;

INSERT INTO "ledger_hold_settlements" ("hold_id", "outcome", "refund_entry_id", "settled_at")
SELECT p."hold_id", 'voided', r."id", coalesce(p."decided_at", r."created_at")
  FROM "payouts" p
  JOIN "ledger_entries" r ON r."reason" = 'payout_refund' AND r."metadata"->>'payoutId' = p."id"::text
 WHERE p."status" = 'declined' AND p."hold_id" IS NOT NULL;
