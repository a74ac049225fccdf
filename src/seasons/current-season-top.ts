import type { Database } from '../db/database.ts';
import { keptWhileAway } from '../leaderboard/board-visibility.ts';
import { readLeaderboardSettings } from '../leaderboard/save-leaderboard-settings.ts';
import { seasonStandings } from './season-standings.ts';

export interface SeasonTop {
  name: string;
  endsAt: Date;
  rows: Array<{ position: number; displayName: string; xp: number }>;
}

/**
 * `/top season`: the season running now (started, not ended; of several, the one ending first) and
 * its leaders by XP gained in it, or null when no season runs. `limit` is clamped to 1-25.
 */
export async function currentSeasonTop(
  deps: { db: Pick<Database, 'pool'> },
  limit = 10,
): Promise<SeasonTop | null> {
  const { rows } = await deps.db.pool.query<{ id: number; name: string; starts_at: Date; ends_at: Date }>(
    `SELECT id, name, starts_at, ends_at FROM seasons
      WHERE closed_at IS NULL AND starts_at <= now() AND ends_at > now()
      ORDER BY ends_at, id LIMIT 1`,
  );
  const season = rows[0];
  if (!season) return null;
  const kept = keptWhileAway((await readLeaderboardSettings(deps)).value);
  const standings = await seasonStandings(
    deps.db.pool,
    { id: season.id, startsAt: season.starts_at, endsAt: season.ends_at },
    kept,
    { limit: Math.min(25, Math.max(1, Math.trunc(limit))), offset: 0 },
  );
  return {
    name: season.name,
    endsAt: season.ends_at,
    rows: standings.map((s, index) => ({ position: index + 1, displayName: s.displayName, xp: s.xp })),
  };
}
