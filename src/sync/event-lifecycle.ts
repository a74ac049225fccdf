import pg from 'pg';
import { CallBatcher } from '../db/call-batcher.ts';
import type { Queryable } from '../db/queryable.ts';
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
  /** When the event was recorded: its end-to-end latency runs from here. */
  recordedAt: Date;
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
  RETURNING id, idempotency_key, source, type, player_id, payload, attempts, created_at
)${playerColumns}`;

/**
 * Reads an event that is not completed yet, writing nothing: economy events take milliseconds of
 * database work, so they go from pending to completed in one write, which halves the commits on the
 * hottest path. Their attempt count is written with the outcome.
 */
const readSql = `
WITH claimed AS (
  SELECT id, idempotency_key, source, type, player_id, payload, attempts, created_at FROM sync_events
   WHERE id = $1 AND status <> 'completed'
)${playerColumns}`;

export async function claimEvent(
  db: Queryable,
  eventId: string,
  workerName: string,
): Promise<ClaimedEvent | null> {
  const { rows } = await db.query(claimSql, [eventId, workerName]);
  return rows[0] ? toClaimed(rows[0]) : null;
}

/**
 * Reads sent to the pool together (the economy worker's concurrent jobs) go as one statement: one
 * round trip and one plan for the batch instead of one per event.
 */
export const readManySql = readSql.replace('WHERE id = $1 AND', 'WHERE id = ANY($1::uuid[]) AND');

export async function readOpenEvent(db: Queryable, eventId: string): Promise<ClaimedEvent | null> {
  const batched = batchersOf(db);
  if (batched) return batched.reads.call(eventId);
  const { rows } = await db.query(readSql, [eventId]);
  return rows[0] ? toClaimed(rows[0]) : null;
}

async function readOpenEvents(
  pool: pg.Pool,
  eventIds: string[],
): Promise<Array<PromiseSettledResult<ClaimedEvent | null>>> {
  const { rows } = await pool.query(readManySql, [eventIds]);
  const byId = new Map(rows.map((row) => [row.id as string, toClaimed(row)]));
  return eventIds.map((id) => ({ status: 'fulfilled', value: byId.get(id) ?? null }));
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
    recordedAt: row.created_at,
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

export const completeSql = `
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

/**
 * Completions sent to the pool together go as one statement, hence one commit and one WAL flush for
 * the batch. Of several events of one player in a batch, the one that came last says what the
 * platforms reflect (as it would have by committing last), column by column.
 */
export const completeManySql = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::boolean[], $6::text[], $7::int[], $8::text[])
    WITH ORDINALITY AS i(id, telegram_xp, discord_xp, balance, sets_role, role_id, attempt, worker, ord)
), done AS (
  UPDATE sync_events e SET status = 'completed', processed_at = now(), updated_at = now(), error_message = NULL,
         attempts = greatest(e.attempts, input.attempt), processed_by = coalesce(input.worker, e.processed_by)
    FROM input WHERE e.id = input.id
  RETURNING e.player_id, input.*
), latest AS (
  SELECT player_id,
         (array_agg(telegram_xp ORDER BY ord DESC) FILTER (WHERE telegram_xp IS NOT NULL))[1] AS telegram_xp,
         (array_agg(discord_xp ORDER BY ord DESC) FILTER (WHERE discord_xp IS NOT NULL))[1] AS discord_xp,
         (array_agg(balance ORDER BY ord DESC) FILTER (WHERE balance IS NOT NULL))[1] AS balance,
         bool_or(sets_role) AS sets_role,
         (array_agg(role_id ORDER BY ord DESC) FILTER (WHERE sets_role))[1] AS role_id
    FROM done GROUP BY player_id
)
INSERT INTO sync_states (player_id, last_telegram_xp, last_discord_xp, last_balance, discord_rank_role_id, updated_at)
SELECT player_id, telegram_xp, discord_xp, balance, role_id, now() FROM latest
 -- Rows locked in one order, so batches of two worker processes never deadlock on each other.
 ORDER BY player_id
ON CONFLICT (player_id) DO UPDATE SET
  last_telegram_xp = coalesce(EXCLUDED.last_telegram_xp, sync_states.last_telegram_xp),
  last_discord_xp = coalesce(EXCLUDED.last_discord_xp, sync_states.last_discord_xp),
  last_balance = coalesce(EXCLUDED.last_balance, sync_states.last_balance),
  discord_rank_role_id = CASE WHEN (SELECT l.sets_role FROM latest l WHERE l.player_id = EXCLUDED.player_id)
                              THEN EXCLUDED.discord_rank_role_id ELSE sync_states.discord_rank_role_id END,
  updated_at = now()`;

interface Completion {
  eventId: string;
  reflected: Reflected;
  attempt?: Attempt;
}

/**
 * Marks the event completed with what the platforms now reflect. Resolves only once that has
 * committed: a job is never reported done to the queue before its event's completion is durable, so
 * a crash at any point leaves either a completed event (the job's rerun skips it) or an open one
 * (the rerun does it). Given the pool, it shares a statement with the completions sent with it.
 */
export async function completeEvent(
  db: Queryable,
  eventId: string,
  reflected: Reflected = {},
  attempt?: Attempt,
): Promise<void> {
  const batched = batchersOf(db);
  if (batched) return batched.completions.call({ eventId, reflected, attempt });
  const setsRole = reflected.discordRankRoleId !== undefined;
  await db.query(completeSql, [
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

async function completeEvents(
  pool: pg.Pool,
  completions: Completion[],
): Promise<Array<PromiseSettledResult<void>>> {
  if (completions.length === 1) {
    const [{ eventId, reflected, attempt }] = completions as [Completion];
    return Promise.allSettled([completeEvent(unbatched(pool), eventId, reflected, attempt)]);
  }
  const column = <T>(pick: (c: Completion) => T) => completions.map(pick);
  try {
    await pool.query(completeManySql, [
      column((c) => c.eventId),
      column((c) => c.reflected.telegramXp ?? null),
      column((c) => c.reflected.discordXp ?? null),
      column((c) => c.reflected.balance ?? null),
      column((c) => c.reflected.discordRankRoleId !== undefined),
      column((c) => c.reflected.discordRankRoleId ?? null),
      column((c) => c.attempt?.number ?? 0),
      column((c) => c.attempt?.workerName ?? null),
    ]);
    return completions.map(() => ({ status: 'fulfilled', value: undefined }));
  } catch {
    // Whatever failed the batch (a lost connection, a deadlock) is given to each completion alone,
    // so one event's trouble fails its own job only.
    return Promise.allSettled(
      completions.map((c) => completeEvent(unbatched(pool), c.eventId, c.reflected, c.attempt)),
    );
  }
}

/** The pool as a plain `Queryable`, which the functions above serve one call at a time. */
function unbatched(pool: pg.Pool): Queryable {
  return { query: pool.query.bind(pool) } as Queryable;
}

const batchers = new WeakMap<pg.Pool, ReturnType<typeof openBatchers>>();

function openBatchers(pool: pg.Pool) {
  return {
    reads: new CallBatcher((ids: string[]) => readOpenEvents(pool, ids)),
    completions: new CallBatcher((items: Completion[]) => completeEvents(pool, items), {
      exclusiveKeys: (c) => [c.eventId],
    }),
  };
}

/** Batching is for calls on the pool; a caller's transaction client runs each statement as it comes. */
function batchersOf(db: Queryable): ReturnType<typeof openBatchers> | null {
  if (!(db instanceof pg.Pool)) return null;
  let found = batchers.get(db);
  if (!found) {
    found = openBatchers(db);
    batchers.set(db, found);
  }
  return found;
}

/**
 * Records a failed attempt. `final` marks the event failed (no attempt left, or retrying cannot
 * help); otherwise it goes back to pending with the error, waiting for its retry. Answers the
 * event's type when this call is the one that marked it failed (not when it was failed already),
 * so a failure is counted once however many paths report it.
 */
export async function recordEventFailure(
  db: Queryable,
  eventId: string,
  error: string,
  final: boolean,
  attempt?: Attempt,
): Promise<{ newlyFailed: EventType | null }> {
  const { rows } = await db.query<{ type: EventType; was: string }>(
    `UPDATE sync_events e SET status = $2::"SyncStatus", error_message = $3, updated_at = now(),
            attempts = greatest(e.attempts, $4::int), processed_by = coalesce($5, e.processed_by)
       FROM (SELECT id, status AS was FROM sync_events WHERE id = $1 FOR UPDATE) before
      WHERE e.id = before.id AND before.was <> 'completed'
     RETURNING e.type, before.was`,
    [
      eventId,
      final ? 'failed' : 'pending',
      error.slice(0, 2000),
      attempt?.number ?? 0,
      attempt?.workerName ?? null,
    ],
  );
  const row = rows[0];
  return { newlyFailed: final && row && row.was !== 'failed' ? row.type : null };
}
