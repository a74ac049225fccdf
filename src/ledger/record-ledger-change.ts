import {
  IdempotencyConflictError,
  InsufficientBalanceError,
  NegativeXpError,
  PlayerMergedError,
  PlayerNotFoundError,
} from '../core/errors.ts';
import { type Queryable, statementFor } from '../db/queryable.ts';
import { progressIncrements } from '../economy/achievements.ts';
import type { EconomyChange } from './event-schemas.ts';

export interface RecordOutcome {
  /** false when the key had been recorded before: nothing changed, the first outcome is returned. */
  applied: boolean;
  key: string;
  playerId: string;
  eventId: string;
  ledgerEntryId: string;
  xpDelta: number;
  coinDelta: number;
  /** The player's totals right after this change. */
  xp: number;
  balance: number;
}

/**
 * One statement, hence one transaction: lock the player, append the ledger row (a key seen before
 * inserts nothing), move the totals to the row's "after" values and write the pending SyncEvent.
 * Locking the player first serialises concurrent changes of one player, so "after" values are exact.
 * A change that would take XP or the balance below zero inserts nothing and says which floor it
 * hit: an overdraft is an everyday refusal, decided here rather than by the CHECK constraints (which
 * stay as the last guard, but would log an ERROR in PostgreSQL for each refused request). The
 * achievement progress counters move in the same statement, so they too always match the ledger.
 */
const recordSql = `
WITH player AS (
  SELECT id, xp, balance FROM players WHERE id = $1 AND merged_into_id IS NULL FOR UPDATE
), entry AS (
  INSERT INTO ledger_entries
    (idempotency_key, player_id, type, source, xp_delta, coin_delta, xp_after, balance_after, reason, metadata)
  SELECT $2, player.id, $3::"EventType", $4::"EventSource", $5::int, $6::int,
         player.xp + $5::int, player.balance + $6::int, $7, $8::jsonb
    FROM player
   WHERE player.xp + $5::int >= 0 AND player.balance + $6::int >= 0
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id, xp_after, balance_after
), totals AS (
  UPDATE players SET xp = entry.xp_after, balance = entry.balance_after,
         messages = messages + $9::int, voice_minutes = voice_minutes + $10::int,
         games_won = games_won + $11::int, coins_earned = coins_earned + $12::int, updated_at = now()
    FROM entry WHERE players.id = $1
  RETURNING players.id
), event AS (
  INSERT INTO sync_events (idempotency_key, source, type, player_id, payload)
  SELECT $2, $4::"EventSource", $3::"EventType", $1,
         jsonb_build_object('ledgerEntryId', entry.id::text, 'xpDelta', $5::int, 'coinDelta', $6::int,
                            'xpAfter', entry.xp_after, 'balanceAfter', entry.balance_after, 'reason', $7::text)
    FROM entry
  RETURNING id
)
SELECT (SELECT count(*) FROM player)::int AS player_found,
       (SELECT player.xp + $5::int < 0 FROM player) AS xp_floor_hit,
       (SELECT player.balance + $6::int < 0 FROM player) AS balance_floor_hit,
       entry.id::text AS ledger_entry_id, entry.xp_after, entry.balance_after, event.id AS event_id
  FROM (SELECT 1) one
  LEFT JOIN entry ON true
  LEFT JOIN event ON true`;

const firstOutcomeSql = `
SELECT l.id::text AS ledger_entry_id, l.player_id, l.type, l.xp_delta, l.coin_delta, l.xp_after, l.balance_after,
       e.id AS event_id
  FROM ledger_entries l JOIN sync_events e ON e.idempotency_key = l.idempotency_key
 WHERE l.idempotency_key = $1`;

export interface RecordRow {
  player_found: number;
  xp_floor_hit: boolean | null;
  balance_floor_hit: boolean | null;
  ledger_entry_id: string | null;
  xp_after: number | null;
  balance_after: number | null;
  event_id: string | null;
  /** The key's first outcome when the statement already saw it (the group statement reads it). */
  first_outcome?: FirstOutcomeRow | null;
}

interface FirstOutcomeRow {
  ledger_entry_id: string;
  player_id: string;
  type: string;
  xp_delta: number;
  coin_delta: number;
  xp_after: number;
  balance_after: number;
  event_id: string;
}

export interface RecordOptions {
  /**
   * Inside a caller's transaction: the statement then runs under a savepoint, so a refused change
   * (an overdraft) leaves the transaction usable and a replay can still be answered. @defaultValue false
   */
  inTransaction?: boolean;
  /** The database's `namedStatements`: whether the statement may be prepared by name. @defaultValue true */
  namedStatements?: boolean;
}

/** Records one validated change exactly once per key. Throws the engine's named errors. */
export async function recordLedgerChange(
  db: Queryable,
  change: EconomyChange,
  options: RecordOptions = {},
): Promise<RecordOutcome> {
  let row: RecordRow | undefined;
  const progress = progressIncrements(change);
  if (options.inTransaction) await db.query('SAVEPOINT record_ledger_change');
  try {
    const statement = statementFor('record-ledger-change', recordSql, options.namedStatements ?? true);
    const result = await db.query<RecordRow>(statement, [
      change.playerId,
      change.key,
      change.type,
      change.source,
      change.xpDelta,
      change.coinDelta,
      change.reason,
      JSON.stringify(change.metadata),
      progress.messages,
      progress.voiceMinutes,
      progress.gamesWon,
      progress.coinsEarned,
    ]);
    row = result.rows[0];
    if (options.inTransaction) await db.query('RELEASE SAVEPOINT record_ledger_change');
  } catch (error) {
    if (options.inTransaction) await db.query('ROLLBACK TO SAVEPOINT record_ledger_change');
    // A replayed debit can trip a CHECK before the duplicate key is noticed (the balance has moved
    // on since the first time): a key already recorded still answers with its first outcome.
    if (isCheckViolation(error) && (await keyRecorded(db, change.key))) return firstOutcome(db, change, true);
    throw translateConstraintError(error, change);
  }
  return outcomeOf(db, change, row);
}

/**
 * The outcome of a change from its row of the record statement (or of the batch's): applied, or
 * answered with the first outcome of its key, or refused with the engine's named error.
 */
export async function outcomeOf(
  db: Queryable,
  change: EconomyChange,
  row: RecordRow | undefined,
): Promise<RecordOutcome> {
  if (row?.ledger_entry_id && row.event_id) {
    return {
      applied: true,
      key: change.key,
      playerId: change.playerId,
      eventId: row.event_id,
      ledgerEntryId: row.ledger_entry_id,
      xpDelta: change.xpDelta,
      coinDelta: change.coinDelta,
      xp: row.xp_after ?? 0,
      balance: row.balance_after ?? 0,
    };
  }
  if (row?.first_outcome) return answerWithFirst(change, row.first_outcome);
  if (row?.balance_floor_hit || row?.xp_floor_hit) {
    // A replayed debit finds the balance moved on since its first run: it is answered, not refused.
    if (await keyRecorded(db, change.key)) return firstOutcome(db, change, true);
    if (row.balance_floor_hit) throw new InsufficientBalanceError(change.playerId, -change.coinDelta);
    throw new NegativeXpError(change.playerId);
  }
  return firstOutcome(db, change, row?.player_found === 1);
}

async function firstOutcome(
  db: Queryable,
  change: EconomyChange,
  playerFound: boolean,
): Promise<RecordOutcome> {
  // Planned at each call: a replay is rare next to a new key, and a plan kept from a new install's
  // first minutes (the ledger a few pages long) would scan the ledger once it has grown.
  const { rows } = await db.query<FirstOutcomeRow>(firstOutcomeSql, [change.key]);
  const first = rows[0];
  if (!first) {
    if (playerFound) throw new Error(`Ledger row for ${change.key} vanished while recording`);
    throw await missingPlayerError(db, change.playerId);
  }
  return answerWithFirst(change, first);
}

/** A key seen before is answered with its first outcome, if the change is the same one. */
function answerWithFirst(change: EconomyChange, first: FirstOutcomeRow): RecordOutcome {
  const same =
    first.player_id === change.playerId &&
    first.type === change.type &&
    first.xp_delta === change.xpDelta &&
    first.coin_delta === change.coinDelta;
  if (!same) throw new IdempotencyConflictError(change.key);
  return {
    applied: false,
    key: change.key,
    playerId: change.playerId,
    eventId: first.event_id,
    ledgerEntryId: first.ledger_entry_id,
    xpDelta: first.xp_delta,
    coinDelta: first.coin_delta,
    xp: first.xp_after,
    balance: first.balance_after,
  };
}

async function missingPlayerError(db: Queryable, playerId: string): Promise<Error> {
  const { rows } = await db.query<{ merged_into_id: string | null }>(
    'SELECT merged_into_id FROM players WHERE id = $1',
    [playerId],
  );
  const mergedInto = rows[0]?.merged_into_id;
  return mergedInto ? new PlayerMergedError(playerId, mergedInto) : new PlayerNotFoundError(playerId);
}

function isCheckViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23514';
}

async function keyRecorded(db: Queryable, key: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM ledger_entries WHERE idempotency_key = $1', [key]);
  return (rowCount ?? 0) > 0;
}

function translateConstraintError(error: unknown, change: EconomyChange): unknown {
  const constraint = (error as { constraint?: string }).constraint ?? '';
  if (constraint.includes('balance')) return new InsufficientBalanceError(change.playerId, -change.coinDelta);
  if (constraint.includes('xp_after') || constraint.includes('players_xp'))
    return new NegativeXpError(change.playerId);
  return error;
}
