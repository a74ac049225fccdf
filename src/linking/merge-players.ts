import type pg from 'pg';
import { PlayerMergedError, PlayerNotFoundError } from '../core/errors.ts';
import type { Platform } from '../core/platforms.ts';
import type { RecordingTransaction } from '../ledger/engine.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import { joinPersons } from '../persons/persons.ts';
import { settleRankAfterMerge } from '../roles/rank-role-refresh.ts';
import { moveSeasonTallies } from '../seasons/season-tally.ts';
import { AlreadyLinkedError } from './errors.ts';
import { moveProgressCounters, moveTaskSubmissions } from './merge-progress.ts';

export interface LockedPlayer {
  id: string;
  xp: number;
  balance: number;
  mergedIntoId: string | null;
}

/**
 * Locks players in id order. Everything that locks two players goes through here, so two merges
 * touching the same pair in opposite roles queue up instead of deadlocking.
 */
export async function lockPlayers(client: pg.PoolClient, ids: readonly string[]): Promise<LockedPlayer[]> {
  const { rows } = await client.query<LockedPlayer>(
    `SELECT id, xp, balance, merged_into_id AS "mergedIntoId" FROM players
      WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [[...new Set(ids)]],
  );
  return rows;
}

/** What one call of mergePlayers moved from the absorbed account; all zero when it had nothing. */
export interface MergeMoved {
  xp: number;
  coins: number;
  /** Achievements the survivor did not have yet. */
  achievements: number;
  heldPayouts: number;
  /** Platforms whose identities moved to the survivor. */
  identities: Platform[];
  /** Task submissions now on the survivor (see moveTaskSubmissions). */
  submissions: number;
}

export interface MergeOutcome {
  /** false when the absorbed player had already been merged into the survivor: nothing changed. */
  applied: boolean;
  survivorId: string;
  absorbedId: string;
  moved: MergeMoved;
}

const nothingMoved: MergeMoved = {
  xp: 0,
  coins: 0,
  achievements: 0,
  heldPayouts: 0,
  identities: [],
  submissions: 0,
};

/**
 * Merges `absorbedId` into `survivorId` inside the caller's transaction, through the ledger: the
 * absorbed account's XP and coins leave it in `merge_out` entries and reach the survivor in
 * `merge_in` entries, so both accounts' totals stay equal to their ledger sums. Its identities,
 * achievements (a union), achievement progress counters, task submissions and held payouts move
 * to the survivor, the survivor keeps the longer daily streak, and the absorbed player is marked
 * merged so nothing can change it any more.
 *
 * Idempotent: the entries' keys name the absorbed player, which can be absorbed only once. A
 * second call finds it merged and changes nothing; and the amounts moved are read back from a
 * `merge_out` entry already recorded, so no order of retries can count anything twice.
 */
export async function mergePlayers(
  tx: RecordingTransaction,
  input: { survivorId: string; absorbedId: string },
): Promise<MergeOutcome> {
  const { survivorId, absorbedId } = input;
  if (survivorId === absorbedId) throw new Error('A player cannot be merged into itself');
  const locked = await lockPlayers(tx.client, [survivorId, absorbedId]);
  const survivor = locked.find((p) => p.id === survivorId);
  const absorbed = locked.find((p) => p.id === absorbedId);
  if (!survivor) throw new PlayerNotFoundError(survivorId);
  if (!absorbed) throw new PlayerNotFoundError(absorbedId);
  if (absorbed.mergedIntoId === survivorId) {
    return { applied: false, survivorId, absorbedId, moved: nothingMoved };
  }
  if (survivor.mergedIntoId) throw new PlayerMergedError(survivorId, survivor.mergedIntoId);
  if (absorbed.mergedIntoId) throw new PlayerMergedError(absorbedId, absorbed.mergedIntoId);
  await refuseTwoIdentitiesOnOnePlatform(tx.client, survivorId, absorbedId);

  const xp = await moveThroughLedger(tx, { survivorId, absorbedId, kind: 'xp', holding: absorbed.xp });
  const coins = await moveThroughLedger(tx, {
    survivorId,
    absorbedId,
    kind: 'coins',
    holding: absorbed.balance,
  });
  const achievements = await moveAchievements(tx.client, survivorId, absorbedId);
  // Achievement progress and task submissions follow the player, like the totals.
  await moveProgressCounters(tx.client, survivorId, absorbedId);
  const submissions = await moveTaskSubmissions(tx.client, survivorId, absorbedId);
  await moveSeasonTallies(tx.client, survivorId, absorbedId);
  const heldPayouts = await tx.client.query(
    `UPDATE payouts SET player_id = $1 WHERE player_id = $2 AND status = 'held' RETURNING id`,
    [survivorId, absorbedId],
  );
  const identities = await tx.client.query<{ platform: Platform }>(
    'UPDATE identities SET player_id = $1 WHERE player_id = $2 RETURNING platform',
    [survivorId, absorbedId],
  );
  // The longer streak and the later claim: a daily reward already taken today by either identity
  // is not offered again today. The survivor's /language choice stands; without one, the absorbed's.
  // DMs of announcements turned off on either account stay off (/announcements).
  // Hidden from the leaderboards (/privacy) if either account was; a departure from the Discord
  // server follows the Discord identity.
  await tx.client.query(
    `UPDATE players s SET daily_streak = GREATEST(s.daily_streak, a.daily_streak),
            last_daily_at = GREATEST(s.last_daily_at, a.last_daily_at),
            language = COALESCE(s.language, a.language),
            announcement_dms = s.announcement_dms AND a.announcement_dms,
            board_hidden = s.board_hidden OR a.board_hidden,
            departure = COALESCE(s.departure, a.departure),
            departed_at = CASE WHEN s.departure IS NULL THEN a.departed_at ELSE s.departed_at END,
            version = s.version + 1, updated_at = now()
       FROM players a WHERE s.id = $1 AND a.id = $2`,
    [survivorId, absorbedId],
  );
  await tx.client.query(
    `UPDATE players SET merged_into_id = $1, daily_streak = 0, version = version + 1, updated_at = now()
      WHERE id = $2 OR merged_into_id = $2`,
    [survivorId, absorbedId],
  );
  // Limits belong to the person: the absorbed account's person joins the survivor's.
  await joinPersons(tx.client, { survivorId, absorbedId });

  const moved: MergeMoved = {
    xp,
    coins,
    achievements,
    heldPayouts: heldPayouts.rowCount ?? 0,
    identities: identities.rows.map((r) => r.platform),
    submissions,
  };
  // The survivor's rank after the merge, set here rather than derived later from the merge_in
  // entry: putting accounts together is no rank-up to announce, and a Discord member that moved
  // gets the right role at once instead of the survivor's old one first.
  await settleRankAfterMerge(tx, { survivorId, absorbedId, xp: survivor.xp + xp, moved });
  return { applied: true, survivorId, absorbedId, moved };
}

/** The database would refuse it too (unique player+platform), but without saying who is in the way. */
async function refuseTwoIdentitiesOnOnePlatform(
  client: pg.PoolClient,
  survivorId: string,
  absorbedId: string,
): Promise<void> {
  const { rows } = await client.query<{ platform: Platform }>(
    `SELECT platform FROM identities WHERE player_id IN ($1, $2)
      GROUP BY platform HAVING count(DISTINCT player_id) > 1 LIMIT 1`,
    [survivorId, absorbedId],
  );
  const platform = rows[0]?.platform;
  if (platform) throw new AlreadyLinkedError('issuer', platform, platform);
}

/**
 * Moves one kind of total through the ledger. The amount is the `merge_out` entry's when one was
 * recorded before (a retry), otherwise what the absorbed account holds now. A change must move
 * something, so an empty total records nothing.
 */
async function moveThroughLedger(
  tx: RecordingTransaction,
  input: { survivorId: string; absorbedId: string; kind: 'xp' | 'coins'; holding: number },
): Promise<number> {
  const { survivorId, absorbedId, kind } = input;
  const outKey = buildIdempotencyKey({
    source: 'system',
    action: `merge_out_${kind}`,
    entity: absorbedId,
    playerId: absorbedId,
  });
  const inKey = buildIdempotencyKey({
    source: 'system',
    action: `merge_in_${kind}`,
    entity: absorbedId,
    playerId: survivorId,
  });
  const recorded = await tx.client.query<{ xp_delta: number; coin_delta: number }>(
    'SELECT xp_delta, coin_delta FROM ledger_entries WHERE idempotency_key = $1',
    [outKey],
  );
  const previous = recorded.rows[0];
  const amount = previous ? -(kind === 'xp' ? previous.xp_delta : previous.coin_delta) : input.holding;
  if (amount <= 0) return 0;
  const type = kind === 'xp' ? 'xp_change' : 'balance_change';
  const delta = (n: number) => (kind === 'xp' ? { xpDelta: n } : { coinDelta: n });
  // Negative XP is allowed for source system: a merge is the one non-admin reason to take it away.
  // A recorded merge_out is not sent again: its replay would be checked against today's (empty)
  // totals and refused before the duplicate key is noticed.
  if (!previous) {
    await tx.record({
      key: outKey,
      playerId: absorbedId,
      type,
      source: 'system',
      ...delta(-amount),
      reason: 'merge_out',
      metadata: { survivorId },
    });
  }
  await tx.record({
    key: inKey,
    playerId: survivorId,
    type,
    source: 'system',
    ...delta(amount),
    reason: 'merge_in',
    metadata: { absorbedId },
  });
  return amount;
}

/** The union of both accounts' achievements, each keeping its earlier unlock time. */
async function moveAchievements(client: pg.PoolClient, survivorId: string, absorbedId: string) {
  const { rows } = await client.query<{ inserted: boolean }>(
    `INSERT INTO player_achievements (player_id, achievement_id, unlocked_at)
     SELECT $1, achievement_id, unlocked_at FROM player_achievements WHERE player_id = $2
     ON CONFLICT (player_id, achievement_id)
       DO UPDATE SET unlocked_at = LEAST(player_achievements.unlocked_at, EXCLUDED.unlocked_at)
     RETURNING (xmax = 0) AS inserted`,
    [survivorId, absorbedId],
  );
  await client.query('DELETE FROM player_achievements WHERE player_id = $1', [absorbedId]);
  return rows.filter((r) => r.inserted).length;
}
