import type { Queryable } from '../db/queryable.ts';
import { ledgerReasons } from '../economy/achievements.ts';

/**
 * Per-player checkpoints of what reconcile verified (table reconcile_checkpoints): a player's own
 * ledger rows up to `entry_id` add up to the checkpoint's figures. Verifying a player again then reads
 * only the rows after it, so a check costs what changed, not the player's whole history.
 *
 * A checkpoint is a filter, never the judge: a player it says drifted is verified again from the
 * whole ledger under the player's row lock (restore-totals.ts) before anything is reported or
 * restored, and that check writes a fresh checkpoint. So a checkpoint that missed a row (see
 * `lateRowMargin`) costs one full check of that player, never a false finding.
 */

export const earningReasons: readonly string[] = Object.values(ledgerReasons);

/**
 * The rows after a checkpoint are found by the (player_id, created_at) index, from the checkpoint's
 * time minus this margin: a row's created_at is its transaction's start, so a row committed after
 * the check by a transaction that had begun before it still falls inside. Only a transaction open
 * longer than this could hide a row from the next check, which then sees a mismatch and verifies the
 * player in full. No index is added to the ledger for this: recording pays nothing for reconcile.
 */
export const lateRowMargin = '1 hour';

/** What the rows of one player add up to, as the ledger and as the account (players row) says. */
export interface CheckedAccount {
  playerId: string;
  /** The account's totals and counters matched the ledger and every new row's chain held. */
  ok: boolean;
  /** The first row after the checkpoint whose xp_after/balance_after its predecessors do not explain. */
  brokenEntryId: string | null;
  /** The checkpoint's entry id before this check: chain breaks after it are new. */
  fromEntryId: string;
}

/**
 * Sums of the rows of every member of each account: the account itself and the players merged into
 * it (a merge points every absorbed player straight at the surviving account). XP and coins are each
 * row's own player's (a merge moves them with rows of their own); progress counters follow a merge
 * without rows, so the members' own progress adds up to the account's counters.
 * With `$4` (from scratch) checkpoints are ignored and every member's whole history is summed.
 */
/** A checkpoint written again: every column from the row being inserted. */
const replaceCheckpoint = `entry_id = EXCLUDED.entry_id, xp = EXCLUDED.xp, balance = EXCLUDED.balance,
    messages = EXCLUDED.messages, voice_minutes = EXCLUDED.voice_minutes,
    games_won = EXCLUDED.games_won, coins_earned = EXCLUDED.coins_earned,
    own_messages = EXCLUDED.own_messages, own_voice_minutes = EXCLUDED.own_voice_minutes,
    own_games_won = EXCLUDED.own_games_won, own_coins_earned = EXCLUDED.own_coins_earned,
    merged_into_id = EXCLUDED.merged_into_id, verified_at = EXCLUDED.verified_at`;

const checkSql = `
WITH account AS (
  SELECT p.id, p.xp, p.balance, p.messages, p.voice_minutes, p.games_won, p.coins_earned, p.merged_into_id
    FROM players p WHERE p.id = ANY($1::uuid[])
), member AS (
  SELECT a.id AS account_id, a.id AS member_id FROM account a
  UNION ALL
  SELECT a.id, m.id FROM account a JOIN players m ON m.merged_into_id = a.id
), own AS (
  SELECT mb.account_id, mb.member_id, coalesce(k.entry_id, 0) AS from_id,
         coalesce(r.last_id, k.entry_id, 0) AS entry_id,
         coalesce(k.xp, 0) + r.xp AS xp, coalesce(k.balance, 0) + r.coins AS balance,
         coalesce(k.own_messages, 0) + r.messages AS messages,
         coalesce(k.own_voice_minutes, 0) + r.voice_minutes AS voice_minutes,
         coalesce(k.own_games_won, 0) + r.games_won AS games_won,
         coalesce(k.own_coins_earned, 0) + r.coins_earned AS coins_earned,
         r.broken_id
    FROM member mb
    LEFT JOIN reconcile_checkpoints k ON k.player_id = mb.member_id AND NOT $4::boolean
    CROSS JOIN LATERAL (
      SELECT max(w.id) AS last_id,
             coalesce(sum(w.xp_delta), 0)::int AS xp, coalesce(sum(w.coin_delta), 0)::int AS coins,
             count(*) FILTER (WHERE w.reason = 'message')::int AS messages,
             count(*) FILTER (WHERE w.reason = 'voice_minute')::int AS voice_minutes,
             count(*) FILTER (WHERE w.reason = 'game_win')::int AS games_won,
             coalesce(sum(w.coin_delta) FILTER (WHERE w.coin_delta > 0 AND w.reason = ANY($2::text[])), 0)::int
               AS coins_earned,
             min(w.id) FILTER (WHERE w.xp_after <> coalesce(k.xp, 0) + w.run_xp
                                  OR w.balance_after <> coalesce(k.balance, 0) + w.run_coins) AS broken_id
        FROM (SELECT e.id, e.xp_delta, e.coin_delta, e.reason, e.xp_after, e.balance_after,
                     sum(e.xp_delta) OVER (ORDER BY e.id) AS run_xp,
                     sum(e.coin_delta) OVER (ORDER BY e.id) AS run_coins
                FROM ledger_entries e
               WHERE e.player_id = mb.member_id AND e.id > coalesce(k.entry_id, 0)
                 AND e.created_at >= coalesce(k.verified_at - $3::interval, '-infinity')) w
    ) r
), progress AS (
  SELECT account_id, sum(messages)::int AS messages, sum(voice_minutes)::int AS voice_minutes,
         sum(games_won)::int AS games_won, sum(coins_earned)::int AS coins_earned
    FROM own GROUP BY account_id
), verdict AS (
  SELECT a.*, o.from_id, o.entry_id, o.broken_id,
         o.messages AS own_messages, o.voice_minutes AS own_voice_minutes,
         o.games_won AS own_games_won, o.coins_earned AS own_coins_earned,
         o.broken_id IS NULL
           AND a.xp = o.xp AND a.balance = o.balance
           -- A merged account's rows count for the account it was merged into: its own counters are 0.
           AND a.messages = CASE WHEN a.merged_into_id IS NULL THEN g.messages ELSE 0 END
           AND a.voice_minutes = CASE WHEN a.merged_into_id IS NULL THEN g.voice_minutes ELSE 0 END
           AND a.games_won = CASE WHEN a.merged_into_id IS NULL THEN g.games_won ELSE 0 END
           AND a.coins_earned = CASE WHEN a.merged_into_id IS NULL THEN g.coins_earned ELSE 0 END AS ok
    FROM account a
    JOIN own o ON o.account_id = a.id AND o.member_id = a.id
    JOIN progress g ON g.account_id = a.id
), saved AS (
  INSERT INTO reconcile_checkpoints AS k
    (player_id, entry_id, xp, balance, messages, voice_minutes, games_won, coins_earned,
     own_messages, own_voice_minutes, own_games_won, own_coins_earned, merged_into_id, verified_at)
  SELECT id, entry_id, xp, balance, messages, voice_minutes, games_won, coins_earned,
         own_messages, own_voice_minutes, own_games_won, own_coins_earned, merged_into_id, now()
    FROM verdict WHERE ok
  ON CONFLICT (player_id) DO UPDATE SET ${replaceCheckpoint}
  -- Never back: a check that ran concurrently may have verified further already.
  WHERE k.entry_id <= EXCLUDED.entry_id
)
SELECT id AS "playerId", ok, broken_id::text AS "brokenEntryId", from_id::text AS "fromEntryId" FROM verdict`;

/**
 * Checks the accounts in one statement (one snapshot: a change writes its ledger row and the totals
 * in one statement, so one being recorded is never mistaken for drift), reading each member's rows
 * after its checkpoint, or the whole history with `fromScratch`. Advances the checkpoint of every
 * account that matched; returns every account found, matched or not. Takes no lock.
 */
export async function checkAccounts(
  db: Queryable,
  playerIds: readonly string[],
  options: { fromScratch: boolean },
): Promise<CheckedAccount[]> {
  if (playerIds.length === 0) return [];
  const { rows } = await db.query<CheckedAccount>(checkSql, [
    playerIds,
    earningReasons,
    lateRowMargin,
    options.fromScratch,
  ]);
  return rows;
}

/**
 * Writes the checkpoint of a player from the whole ledger. Called under the player's row lock, right
 * after its totals were verified (and restored if they had drifted): the account's figures are then
 * the ledger's, and no row of the player can commit meanwhile.
 */
export async function writeFullCheckpoint(db: Queryable, playerId: string): Promise<void> {
  await db.query(
    `INSERT INTO reconcile_checkpoints AS k
       (player_id, entry_id, xp, balance, messages, voice_minutes, games_won, coins_earned,
        own_messages, own_voice_minutes, own_games_won, own_coins_earned, merged_into_id, verified_at)
     SELECT p.id, coalesce(o.last_id, 0), o.xp, o.coins, p.messages, p.voice_minutes, p.games_won, p.coins_earned,
            o.messages, o.voice_minutes, o.games_won, o.coins_earned, p.merged_into_id, now()
       FROM players p
      CROSS JOIN LATERAL (
        SELECT max(e.id) AS last_id, coalesce(sum(e.xp_delta), 0)::int AS xp,
               coalesce(sum(e.coin_delta), 0)::int AS coins,
               count(*) FILTER (WHERE e.reason = 'message')::int AS messages,
               count(*) FILTER (WHERE e.reason = 'voice_minute')::int AS voice_minutes,
               count(*) FILTER (WHERE e.reason = 'game_win')::int AS games_won,
               coalesce(sum(e.coin_delta) FILTER (WHERE e.coin_delta > 0 AND e.reason = ANY($2::text[])), 0)::int
                 AS coins_earned
          FROM ledger_entries e WHERE e.player_id = p.id) o
      WHERE p.id = $1
     ON CONFLICT (player_id) DO UPDATE SET ${replaceCheckpoint}`,
    [playerId, earningReasons],
  );
}

/** A ledger row whose "after" totals are not what the player's rows up to it add up to. */
export interface ChainBreak {
  entryId: string;
  /** What the rows up to it add up to. */
  expected: { xp: number; balance: number };
  /** What the row says. */
  actual: { xp: number; balance: number };
  /** Rows after `afterEntryId` that break the chain (the first one is described). */
  rows: number;
}

/**
 * The first row after `afterEntryId` whose xp_after/balance_after differ from the sums of the
 * player's rows up to it, from the whole history. A row recorded on top of drifted totals carries the
 * drift in its "after" values: the ledger keeps it (append-only), reconcile reports it.
 */
export async function firstChainBreak(
  db: Queryable,
  playerId: string,
  afterEntryId: string,
): Promise<ChainBreak | null> {
  const { rows } = await db.query<{
    id: string;
    xp_after: number;
    balance_after: number;
    xp: number;
    balance: number;
    broken: number;
  }>(
    `SELECT id::text, xp_after, balance_after, run_xp::int AS xp, run_coins::int AS balance,
            count(*) OVER ()::int AS broken
       FROM (SELECT id, xp_after, balance_after, sum(xp_delta) OVER w AS run_xp, sum(coin_delta) OVER w AS run_coins
               FROM ledger_entries WHERE player_id = $1 WINDOW w AS (ORDER BY id)) r
      WHERE id > $2::bigint AND (xp_after <> run_xp OR balance_after <> run_coins)
      ORDER BY id LIMIT 1`,
    [playerId, afterEntryId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    entryId: row.id,
    expected: { xp: row.xp, balance: row.balance },
    actual: { xp: row.xp_after, balance: row.balance_after },
    rows: row.broken,
  };
}
