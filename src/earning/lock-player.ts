import type pg from 'pg';
import { PlayerMergedError, PlayerNotFoundError } from '../core/errors.ts';

export interface LockedPlayer {
  xp: number;
  balance: number;
  dailyStreak: number;
  lastDailyAt: Date | null;
  /** The person this account belongs to, for the limits kept per person (src/persons/persons.ts). */
  personId: string;
}

/**
 * Locks a live player's row for the rest of the caller's transaction. Every ledger write takes the
 * same lock first, so a service holding it decides (daily claim, game round) on a row nobody can
 * change under it, and a double tap waits for the first tap's commit instead of racing it.
 */
export async function lockLivePlayer(client: pg.PoolClient, playerId: string): Promise<LockedPlayer> {
  const { rows } = await client.query<LockedPlayer & { mergedIntoId: string | null }>(
    `SELECT xp, balance, daily_streak AS "dailyStreak", last_daily_at AS "lastDailyAt",
            person_id AS "personId", merged_into_id AS "mergedIntoId"
       FROM players WHERE id = $1 FOR UPDATE`,
    [playerId],
  );
  const player = rows[0];
  if (!player) throw new PlayerNotFoundError(playerId);
  if (player.mergedIntoId) throw new PlayerMergedError(playerId, player.mergedIntoId);
  return player;
}
