import { rankForXp } from '../economy/ranks.ts';
import { keptWhileAway, visibleOnBoardsSql } from '../leaderboard/board-visibility.ts';
import { readLeaderboardSettings } from '../leaderboard/save-leaderboard-settings.ts';
import type { PlayerReadDeps } from './load-profile.ts';

export interface LeaderboardRow {
  /** 1 for the leader. */
  position: number;
  playerId: string;
  displayName: string;
  xp: number;
  /** null when the player is below every active rank. */
  rankName: string | null;
}

/** The longest list a bot shows: beyond it a chat message gets too long to read. @defaultValue 25 */
export const maxLeaderboardSize = 25;

/**
 * `/top`: the players with the most XP. Merged accounts (always at zero), players who have not
 * earned anything yet, players hidden by /privacy and members away under a `hide` or `reset`
 * policy are left out, as on the public board (src/leaderboard/board-visibility.ts); ties go to the
 * older account, so the order is stable.
 * `limit` is clamped to 1-`maxLeaderboardSize`.
 */
export async function topPlayers(
  deps: PlayerReadDeps,
  options: {
    /** @defaultValue 10 */
    limit?: number;
  } = {},
): Promise<LeaderboardRow[]> {
  const requested =
    options.limit !== undefined && Number.isFinite(options.limit) ? Math.trunc(options.limit) : 10;
  const limit = Math.min(maxLeaderboardSize, Math.max(1, requested));
  const kept = keptWhileAway((await readLeaderboardSettings(deps)).value);
  const [catalog, { rows }] = await Promise.all([
    deps.catalog.get(),
    deps.db.pool.query<{ id: string; display_name: string; xp: number }>(
      `SELECT p.id, p.display_name, p.xp FROM players p
        WHERE ${visibleOnBoardsSql({ left: 2, banned: 3 })}
        ORDER BY p.xp DESC, p.created_at, p.id LIMIT $1`,
      [limit, kept.left, kept.banned],
    ),
  ]);
  return rows.map((row, index) => ({
    position: index + 1,
    playerId: row.id,
    displayName: row.display_name,
    xp: row.xp,
    rankName: rankForXp(row.xp, catalog.ranks)?.name ?? null,
  }));
}
