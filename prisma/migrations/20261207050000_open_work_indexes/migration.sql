-- The dashboard and /metrics read what is open on every refresh: failed events and held coins. Both
-- are kept for good (failed events until cleanup's retention, holds forever), so each is read
-- through a structure holding only the open ones rather than through their whole history.

-- Failed events by when they failed, with their type: the count by type and the last hour's chart
-- are both read from this index alone. Partial, so completed events (the outbox's millions) are in
-- none of it; a row enters it only when it fails for good.
CREATE INDEX "sync_events_failed_idx" ON "sync_events" ("updated_at", "type") WHERE "status" = 'failed';

-- CreateTable
CREATE TABLE "ledger_open_holds" (
    "hold_id" BIGINT NOT NULL,

    CONSTRAINT "ledger_open_holds_pkey" PRIMARY KEY ("hold_id")
);

-- AddForeignKey
ALTER TABLE "ledger_open_holds" ADD CONSTRAINT "ledger_open_holds_hold_id_fkey" FOREIGN KEY ("hold_id") REFERENCES "ledger_holds"("entry_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Holds and settlements stay append-only; the open holds follow them by triggers, in the same
-- transaction as the hold or the settlement, whoever writes it.
CREATE FUNCTION "ledger_open_holds_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ledger_open_holds" ("hold_id") VALUES (NEW."entry_id") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER "ledger_holds_open" AFTER INSERT ON "ledger_holds"
  FOR EACH ROW EXECUTE FUNCTION "ledger_open_holds_add"();

CREATE FUNCTION "ledger_open_holds_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ledger_open_holds" WHERE "hold_id" = NEW."hold_id";
  RETURN NULL;
END
$$;
CREATE TRIGGER "ledger_hold_settlements_close" AFTER INSERT ON "ledger_hold_settlements"
  FOR EACH ROW EXECUTE FUNCTION "ledger_open_holds_remove"();

-- The holds open today.
INSERT INTO "ledger_open_holds" ("hold_id")
SELECT h."entry_id" FROM "ledger_holds" h
 WHERE NOT EXISTS (SELECT 1 FROM "ledger_hold_settlements" s WHERE s."hold_id" = h."entry_id");
