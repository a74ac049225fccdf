import { TandemError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import type { Database } from '../db/database.ts';
import { keptWhileAway } from '../leaderboard/board-visibility.ts';
import {
  type BoardPageInput,
  LeaderboardNotPublicError,
  type PublicBoardPage,
  pageSchema,
} from '../leaderboard/public-board.ts';
import { readLeaderboardSettings } from '../leaderboard/save-leaderboard-settings.ts';
import { seasonStandings } from './season-standings.ts';

export class SeasonNotFoundError extends TandemError {
  override name = 'SeasonNotFoundError';
  constructor(id: string) {
    super('not_found', `There is no season ${id}.`);
  }
}

/** A season as the public sees it. */
export interface PublicSeason {
  id: number;
  name: string;
  startsAt: string;
  endsAt: string;
  closed: boolean;
}

export interface PublicSeasonBoardPage extends Omit<PublicBoardPage, 'rows'> {
  season: PublicSeason;
  /** XP is what the player gained inside the season's window; no rank (ranks follow lifetime XP). */
  rows: Array<{ position: number; displayName: string; xp: number }>;
}

type Deps = { db: Pick<Database, 'pool'> };

async function requirePublic(deps: Deps) {
  const settings = (await readLeaderboardSettings(deps)).value;
  if (!settings.public) throw new LeaderboardNotPublicError();
  return settings;
}

function toPublic(row: { id: number; name: string; starts_at: Date; ends_at: Date; closed_at: Date | null }) {
  return {
    id: row.id,
    name: row.name,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    closed: row.closed_at !== null,
  };
}

const seasonColumns = 'id, name, starts_at, ends_at, closed_at';

/** The seasons that have started, latest first (the public list; a future season is not shown yet). */
export async function publicSeasons(deps: Deps): Promise<PublicSeason[]> {
  await requirePublic(deps);
  const { rows } = await deps.db.pool.query(
    `SELECT ${seasonColumns} FROM seasons WHERE starts_at <= now() ORDER BY starts_at DESC, id DESC LIMIT 50`,
  );
  return rows.map(toPublic);
}

/**
 * One page of a season's board: XP gained in its window, derived from the ledger, under the same
 * visibility rule and page bounds as the lifetime board. Not public → LeaderboardNotPublicError; an
 * unknown or not yet started season → SeasonNotFoundError.
 */
export async function publicSeasonBoardPage(
  deps: Deps,
  seasonId: string,
  input: BoardPageInput,
): Promise<PublicSeasonBoardPage> {
  const { page, perPage } = parseInput(pageSchema, input, 'leaderboard page');
  const settings = await requirePublic(deps);
  if (!/^\d{1,9}$/.test(seasonId)) throw new SeasonNotFoundError(seasonId);
  const { rows: found } = await deps.db.pool.query(
    `SELECT ${seasonColumns} FROM seasons WHERE id = $1 AND starts_at <= now()`,
    [Number(seasonId)],
  );
  const season = found[0];
  if (!season) throw new SeasonNotFoundError(seasonId);
  const offset = (page - 1) * perPage;
  const standings = await seasonStandings(
    deps.db.pool,
    { id: season.id, startsAt: season.starts_at, endsAt: season.ends_at },
    keptWhileAway(settings),
    { limit: perPage + 1, offset },
  );
  return {
    season: toPublic(season),
    page,
    perPage,
    hasMore: standings.length > perPage,
    rows: standings.slice(0, perPage).map((s, index) => ({
      position: offset + index + 1,
      displayName: s.displayName,
      xp: s.xp,
    })),
  };
}
