import { preparedAs, type Queryable } from '../db/queryable.ts';
import type { EventSource, EventType } from '../ledger/event-schemas.ts';

export interface IdentityRef {
  platform: 'telegram' | 'discord';
  platformUserId: string;
  syncEnabled: boolean;
}

/** A claimed event with what its processor needs about the player, read in the same statement. */
export interface ClaimedEvent {
  id: string;
  idempotencyKey: string;
  source: EventSource;
  type: EventType;
  playerId: string;
  payload: unknown;
  attempts: number;
  player: {
    xp: number;
    balance: number;
    dailyStreak: number;
    mergedIntoId: string | null;
    messages: number;
    voiceMinutes: number;
    gamesWon: number;
    coinsEarned: number;
  };
  syncState: { lastRankId: number | null; discordRankRoleId: string | null };
  identities: IdentityRef[];
  unlockedAchievementIds: number[];
}

/** The player's current state, read with the event in the same statement. */
const playerColumns = `
SELECT c.*, p.xp, p.balance, p.daily_streak, p.merged_into_id,
       p.messages, p.voice_minutes, p.games_won, p.coins_earned,
       s.last_rank_id, s.discord_rank_role_id,
       coalesce((SELECT json_agg(json_build_object('platform', i.platform, 'platformUserId', i.platform_user_id,
                                                   'syncEnabled', i.sync_enabled))
                   FROM identities i WHERE i.player_id = c.player_id), '[]'::json) AS identities,
       coalesce((SELECT array_agg(achievement_id) FROM player_achievements WHERE player_id = c.player_id),
                '{}'::int[]) AS unlocked
  FROM claimed c
  JOIN players p ON p.id = c.player_id
  LEFT JOIN sync_states s ON s.player_id = c.player_id`;

/**
 * Marks the event processing (platform work can take a while: the admin shows who is on it) and
 * reads the player with it. Null when the event is already completed (a job that runs twice does
 * nothing the second time) or unknown.
 */
const claimSql = `
WITH claimed AS (
  UPDATE sync_events SET status = 'processing', attempts = attempts + 1, processed_by = $2, updated_at = now()
   WHERE id = $1 AND status <> 'completed'
  RETURNING id, idempotency_key, source, type, player_id, payload, attempts
)${playerColumns}`;

/**
 * Reads an event that is not completed yet, writing nothing: economy events take milliseconds of
 * database work, so they go from pending to completed in one write, which halves the commits on the
 * hottest path. Their attempt count is written with the outcome.
 */
const readSql = `
WITH claimed AS (
  SELECT id, idempotency_key, source, type, player_id, payload, attempts FROM sync_events
   WHERE id = $1 AND status <> 'completed'
)${playerColumns}`;

export async function claimEvent(
  db: Queryable,
  eventId: string,
  workerName: string,
): Promise<ClaimedEvent | null> {
  const { rows } = await db.query(preparedAs('claim-event', claimSql), [eventId, workerName]);
  return rows[0] ? toClaimed(rows[0]) : null;
}

export async function readOpenEvent(db: Queryable, eventId: string): Promise<ClaimedEvent | null> {
  const { rows } = await db.query(preparedAs('read-open-event', readSql), [eventId]);
  return rows[0] ? toClaimed(rows[0]) : null;
}

// biome-ignore lint/suspicious/noExplicitAny: a row of the two statements above
function toClaimed(row: any): ClaimedEvent {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    source: row.source,
    type: row.type,
    playerId: row.player_id,
    payload: row.payload,
    attempts: row.attempts,
    player: {
      xp: row.xp,
      balance: row.balance,
      dailyStreak: row.daily_streak,
      mergedIntoId: row.merged_into_id,
      messages: row.messages,
      voiceMinutes: row.voice_minutes,
      gamesWon: row.games_won,
      coinsEarned: row.coins_earned,
    },
    syncState: { lastRankId: row.last_rank_id, discordRankRoleId: row.discord_rank_role_id },
    identities: row.identities,
    unlockedAchievementIds: row.unlocked,
  };
}

/** What the platforms now reflect, recorded with the completion in one statement. */
export interface Reflected {
  telegramXp?: number;
  discordXp?: number;
  balance?: number;
  discordRankRoleId?: string | null;
}

/** Which attempt finished the event and where (for events read with `readOpenEvent`). */
export interface Attempt {
  number: number;
  workerName: string;
}

const completeSql = `
WITH done AS (
  UPDATE sync_events SET status = 'completed', processed_at = now(), updated_at = now(), error_message = NULL,
         attempts = greatest(attempts, $7::int), processed_by = coalesce($8, processed_by)
   WHERE id = $1
  RETURNING player_id
)
INSERT INTO sync_states (player_id, last_telegram_xp, last_discord_xp, last_balance, discord_rank_role_id, updated_at)
SELECT player_id, $2, $3, $4, $6, now() FROM done
ON CONFLICT (player_id) DO UPDATE SET
  last_telegram_xp = coalesce(EXCLUDED.last_telegram_xp, sync_states.last_telegram_xp),
  last_discord_xp = coalesce(EXCLUDED.last_discord_xp, sync_states.last_discord_xp),
  last_balance = coalesce(EXCLUDED.last_balance, sync_states.last_balance),
  discord_rank_role_id = CASE WHEN $5 THEN EXCLUDED.discord_rank_role_id ELSE sync_states.discord_rank_role_id END,
  updated_at = now()`;

export async function completeEvent(
  db: Queryable,
  eventId: string,
  reflected: Reflected = {},
  attempt?: Attempt,
): Promise<void> {
  const setsRole = reflected.discordRankRoleId !== undefined;
  await db.query(preparedAs('complete-event', completeSql), [
    eventId,
    reflected.telegramXp ?? null,
    reflected.discordXp ?? null,
    reflected.balance ?? null,
    setsRole,
    reflected.discordRankRoleId ?? null,
    attempt?.number ?? 0,
    attempt?.workerName ?? null,
  ]);
}

/**
 * Records a failed attempt. `final` marks the event failed (no attempt left, or retrying cannot
 * help); otherwise it goes back to pending with the error, waiting for its retry.
 */
export async function recordEventFailure(
  db: Queryable,
  eventId: string,
  error: string,
  final: boolean,
  attempt?: Attempt,
): Promise<void> {
  await db.query(
    `UPDATE sync_events SET status = $2::"SyncStatus", error_message = $3, updated_at = now(),
            attempts = greatest(attempts, $4::int), processed_by = coalesce($5, processed_by)
      WHERE id = $1 AND status <> 'completed'`,
    [
      eventId,
      final ? 'failed' : 'pending',
      error.slice(0, 2000),
      attempt?.number ?? 0,
      attempt?.workerName ?? null,
    ],
  );
}
