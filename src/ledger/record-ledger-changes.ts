import type pg from 'pg';
import type { Queryable } from '../db/queryable.ts';
import { progressIncrements } from '../economy/achievements.ts';
import type { EconomyChange } from './event-schemas.ts';
import {
  outcomeOf,
  type RecordOptions,
  type RecordOutcome,
  type RecordRow,
  recordLedgerChange,
} from './record-ledger-change.ts';

/**
 * The record statement of `record-ledger-change.ts` for a group of changes at once, one row of
 * answer per change (in the group's order): one statement, one commit, one WAL flush for the group.
 * The group names each player and each key at most once (the caller sees to it), so every change
 * moves its player from the totals it locked, exactly as alone. Players are locked in id order, so
 * two groups (or a group and a single record) wait for each other rather than deadlock.
 */
export const recordManySql = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[],
                       $9::int[], $10::int[], $11::int[], $12::int[])
    WITH ORDINALITY AS i(player_id, key, type, source, xp_delta, coin_delta, reason, metadata,
                         messages, voice_minutes, games_won, coins_earned, ord)
), locked AS (
  -- By the ids alone, through the primary key: a join with input, or the merged condition beside
  -- the ids, may be planned as a read of every player. A merged account is locked too, and
  -- changes nothing.
  SELECT p.id, p.xp, p.balance, p.merged_into_id FROM players p
   WHERE p.id = ANY($1::uuid[])
   ORDER BY p.id FOR UPDATE
), player AS (
  SELECT id, xp, balance FROM locked WHERE merged_into_id IS NULL
), entry AS (
  INSERT INTO ledger_entries
    (idempotency_key, player_id, type, source, xp_delta, coin_delta, xp_after, balance_after, reason, metadata)
  SELECT i.key, p.id, i.type::"EventType", i.source::"EventSource", i.xp_delta, i.coin_delta,
         p.xp + i.xp_delta, p.balance + i.coin_delta, i.reason, i.metadata::jsonb
    FROM input i JOIN player p ON p.id = i.player_id
   WHERE p.xp + i.xp_delta >= 0 AND p.balance + i.coin_delta >= 0
   ORDER BY i.ord
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id, idempotency_key, player_id, xp_after, balance_after
), totals AS (
  UPDATE players SET xp = entry.xp_after, balance = entry.balance_after,
         messages = players.messages + i.messages, voice_minutes = players.voice_minutes + i.voice_minutes,
         games_won = players.games_won + i.games_won, coins_earned = players.coins_earned + i.coins_earned,
         updated_at = now()
    FROM entry JOIN input i ON i.key = entry.idempotency_key
   WHERE players.id = entry.player_id
  RETURNING players.id
), event AS (
  INSERT INTO sync_events (idempotency_key, source, type, player_id, payload)
  SELECT entry.idempotency_key, i.source::"EventSource", i.type::"EventType", entry.player_id,
         jsonb_build_object('ledgerEntryId', entry.id::text, 'xpDelta', i.xp_delta, 'coinDelta', i.coin_delta,
                            'xpAfter', entry.xp_after, 'balanceAfter', entry.balance_after, 'reason', i.reason)
    FROM entry JOIN input i ON i.key = entry.idempotency_key
   ORDER BY i.ord
  RETURNING id, idempotency_key
)
SELECT (p.id IS NOT NULL)::int AS player_found,
       p.xp + i.xp_delta < 0 AS xp_floor_hit,
       p.balance + i.coin_delta < 0 AS balance_floor_hit,
       entry.id::text AS ledger_entry_id, entry.xp_after, entry.balance_after, event.id AS event_id,
       -- A replayed key is answered afterwards by its own lookup (outcomeOf), as a single record's
       -- is: looked up here, in a join with the group's input, it may be planned as a scan of the
       -- whole ledger and outbox for every group.
       NULL::json AS first_outcome
  FROM input i
  LEFT JOIN player p ON p.id = i.player_id
  LEFT JOIN entry ON entry.idempotency_key = i.key
  LEFT JOIN event ON event.idempotency_key = i.key
 ORDER BY i.ord`;

/**
 * Records a group of validated changes in one statement; each gets the outcome it would have got
 * alone (applied, the first outcome of a key seen before, or its own named error). If the statement
 * fails as a whole (a CHECK one change trips, a lost connection), every change is recorded alone, so
 * one change's trouble fails only its own caller.
 */
export async function recordLedgerChanges(
  pool: pg.Pool,
  changes: readonly EconomyChange[],
  options: Pick<RecordOptions, 'namedStatements'> = {},
): Promise<Array<PromiseSettledResult<RecordOutcome>>> {
  const db: Queryable = pool;
  if (changes.length === 1) return Promise.allSettled([recordLedgerChange(db, changes[0]!, options)]);
  let rows: RecordRow[];
  try {
    const column = <T>(pick: (c: EconomyChange) => T) => changes.map(pick);
    const progress = changes.map(progressIncrements);
    const result = await db.query<RecordRow>(recordManySql, [
      column((c) => c.playerId),
      column((c) => c.key),
      column((c) => c.type),
      column((c) => c.source),
      column((c) => c.xpDelta),
      column((c) => c.coinDelta),
      column((c) => c.reason),
      column((c) => JSON.stringify(c.metadata)),
      progress.map((p) => p.messages),
      progress.map((p) => p.voiceMinutes),
      progress.map((p) => p.gamesWon),
      progress.map((p) => p.coinsEarned),
    ]);
    rows = result.rows;
  } catch {
    return Promise.allSettled(changes.map((change) => recordLedgerChange(db, change, options)));
  }
  return Promise.allSettled(changes.map((change, i) => outcomeOf(db, change, rows[i])));
}
