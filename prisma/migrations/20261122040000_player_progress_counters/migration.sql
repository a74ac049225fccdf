-- Achievement progress counters, kept by the statement that appends each ledger row, so checking an
-- achievement never scans a player's whole ledger.
ALTER TABLE "players" ADD COLUMN "messages" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "voice_minutes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "games_won" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "coins_earned" INTEGER NOT NULL DEFAULT 0;

-- Existing players: derive the counters from the ledger, the source of truth.
UPDATE "players" p SET
  "messages" = c.messages, "voice_minutes" = c.voice_minutes, "games_won" = c.games_won, "coins_earned" = c.coins_earned
FROM (
  SELECT player_id,
         count(*) FILTER (WHERE reason = 'message')::int AS messages,
         count(*) FILTER (WHERE reason = 'voice_minute')::int AS voice_minutes,
         count(*) FILTER (WHERE reason = 'game_win')::int AS games_won,
         coalesce(sum(coin_delta) FILTER (WHERE coin_delta > 0
           AND reason IN ('message', 'voice_minute', 'game_win', 'daily', 'task', 'achievement')), 0)::int AS coins_earned
    FROM "ledger_entries" GROUP BY player_id
) c
WHERE c.player_id = p.id;
