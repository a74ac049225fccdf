import type { Database } from '../db/database.ts';
import { keptWhileAway } from '../leaderboard/board-visibility.ts';
import { readLeaderboardSettings } from '../leaderboard/save-leaderboard-settings.ts';
import { maxLeaderboardSize } from '../players/top-players.ts';
import { SeasonNotFoundError } from '../seasons/public-season-board.ts';
import { seasonStandings } from '../seasons/season-standings.ts';

/** A season as the Mini App lists it. */
export interface AppSeason {
  id: number;
  name: string;
  startsAt: string;
  endsAt: string;
  /** Started and not yet ended: XP earned now counts on its board. */
  running: boolean;
}

/** One place on a season's board in the Mini App: XP gained in the season, never an id. */
export interface AppSeasonBoardRow {
  position: number;
  displayName: string;
  xp: number;
  /** The player looking at the board. */
  you: boolean;
}

type Deps = { db: Pick<Database, 'pool'> };

/** How many seasons the list holds: the latest ones, enough to scroll back through a year of weeks. */
export const maxAppSeasons = 60;

interface SeasonRow {
  id: number;
  name: string;
  starts_at: Date;
  ends_at: Date;
  running: boolean;
}

const seasonColumns = `id, name, starts_at, ends_at,
  (closed_at IS NULL AND starts_at <= now() AND ends_at > now()) AS running`;

function toAppSeason(row: SeasonRow): AppSeason {
  return {
    id: row.id,
    name: row.name,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    running: row.running,
  };
}

/**
 * The seasons that have started, running ones first, then the past ones latest first: the seasons
 * the public board lists, but for a signed-in player, so shown whether or not the community's
 * board is public (as the Mini App's lifetime board and the bot's /top are).
 */
export async function appSeasons(deps: Deps): Promise<AppSeason[]> {
  const { rows } = await deps.db.pool.query<SeasonRow>(
    `SELECT ${seasonColumns} FROM seasons WHERE starts_at <= now()
      ORDER BY running DESC, starts_at DESC, id DESC LIMIT $1`,
    [maxAppSeasons],
  );
  return rows.map(toAppSeason);
}

/**
 * A season's board in the Mini App: its leaders by XP gained in its window, under the boards'
 * visibility rule (/privacy, departures, merged accounts), as long as the bot's /top, with the
 * viewer's own row marked. A season not started (or unknown) is SeasonNotFoundError.
 */
export async function appSeasonBoard(
  deps: Deps,
  seasonId: string,
  viewerId: string,
): Promise<{ season: AppSeason; rows: AppSeasonBoardRow[] }> {
  if (!/^\d{1,9}$/.test(seasonId)) throw new SeasonNotFoundError(seasonId);
  const { rows: found } = await deps.db.pool.query<SeasonRow>(
    `SELECT ${seasonColumns} FROM seasons WHERE id = $1 AND starts_at <= now()`,
    [Number(seasonId)],
  );
  const season = found[0];
  if (!season) throw new SeasonNotFoundError(seasonId);
  const kept = keptWhileAway((await readLeaderboardSettings(deps)).value);
  const standings = await seasonStandings(
    deps.db.pool,
    { id: season.id, startsAt: season.starts_at, endsAt: season.ends_at },
    kept,
    { limit: maxLeaderboardSize, offset: 0 },
  );
  return {
    season: toAppSeason(season),
    rows: standings.map((s, index) => ({
      position: index + 1,
      displayName: s.displayName,
      xp: s.xp,
      you: s.playerId === viewerId,
    })),
  };
}
