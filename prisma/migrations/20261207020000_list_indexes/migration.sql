-- Admin lists page by key on what an index orders, and never scan a growing table per request.

-- The outbox newest first (the panel's default), and its keyset ties broken by id.
CREATE INDEX "sync_events_created_at_id_idx" ON "sync_events" ("created_at", "id");

-- The outbox search reads only events that ever failed: the only ones with an error message.
CREATE INDEX "sync_events_with_error_idx" ON "sync_events" ("created_at") WHERE "error_message" IS NOT NULL;

-- The ledger rows of one purchase or one transfer. Partial: only shop and transfer rows carry these
-- keys, so the message and voice rows that make up the ledger pay nothing for them.
CREATE INDEX "ledger_entries_purchase_idx" ON "ledger_entries" (("metadata" ->> 'purchaseId'))
  WHERE "metadata" ? 'purchaseId';
CREATE INDEX "ledger_entries_transfer_idx" ON "ledger_entries" (("metadata" ->> 'transferId'))
  WHERE "metadata" ? 'transferId';

-- Players by name, a page at a time.
CREATE INDEX "players_display_name_id_idx" ON "players" ("display_name", "id");

-- Shop purchases in time order, whatever their status.
CREATE INDEX "shop_purchases_created_at_id_idx" ON "shop_purchases" ("created_at", "id");

-- The ledger list's filters that pick out a few rows among the message and voice millions, each a
-- partial index of just those rows in time order: a filtered page is an index range, and the rows
-- that make up the ledger (message and voice XP) are in none of them. The reason is text, so a
-- bound value proves the predicate (an enum compared through a cast would not).
CREATE INDEX "ledger_entries_rare_reason_idx" ON "ledger_entries" ("reason", "created_at")
  WHERE "reason" NOT IN ('message', 'voice_minute');
CREATE INDEX "ledger_entries_debit_idx" ON "ledger_entries" ("created_at")
  WHERE "xp_delta" < 0 OR "coin_delta" < 0;
