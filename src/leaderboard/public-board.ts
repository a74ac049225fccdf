import { z } from 'zod';
import type { CatalogCache } from '../catalog/catalog.ts';
import { TandemError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import type { Database } from '../db/database.ts';
import { rankForXp } from '../economy/ranks.ts';
import { keptWhileAway, visibleOnBoardsSql } from './board-visibility.ts';
import { readLeaderboardSettings } from './save-leaderboard-settings.ts';

/** The most rows one page holds. @defaultValue 100 */
export const maxPerPage = 100;
/**
 * How deep the public board pages: beyond the first 10,000 places a page would scan that many index
 * entries for a board no one reads so far down. The bound keeps every page a short index range.
 */
export const maxBoardDepth = 10_000;

/** The community has not made its board public: answered as a 404, so an address reveals nothing. */
export class LeaderboardNotPublicError extends TandemError {
  override name = 'LeaderboardNotPublicError';
  constructor() {
    super('not_found', 'This community has no public leaderboard.');
  }
}

export const pageSchema = z
  .object({
    page: z.coerce
      .number({ message: 'page must be a whole number from 1' })
      .int('page must be a whole number from 1')
      .min(1, 'page must be a whole number from 1')
      .default(1),
    perPage: z.coerce
      .number({ message: `perPage must be a whole number from 1 to ${maxPerPage}` })
      .int(`perPage must be a whole number from 1 to ${maxPerPage}`)
      .min(1, `perPage must be a whole number from 1 to ${maxPerPage}`)
      .max(maxPerPage, `perPage must be a whole number from 1 to ${maxPerPage}`)
      .default(25),
  })
  .refine((p) => (p.page - 1) * p.perPage < maxBoardDepth, {
    path: ['page'],
    message: `the public board shows the first ${maxBoardDepth} places: ask for an earlier page`,
  });
export type BoardPageInput = z.input<typeof pageSchema>;

/** One place on the public board: what a visitor may see, never an id. */
export interface PublicBoardRow {
  /** 1 for the leader. */
  position: number;
  displayName: string;
  xp: number;
  /** null when the player is below every active rank. */
  rankName: string | null;
}

export interface PublicBoardPage {
  page: number;
  perPage: number;
  rows: PublicBoardRow[];
  /** Whether a next page has anyone on it. */
  hasMore: boolean;
}

/**
 * One page of the lifetime board as the public sees it: ordered by XP, ties by player id (a stable
 * order the board's index serves), only players the board may show (see board-visibility.ts).
 * Refused with LeaderboardNotPublicError while the community keeps its board private.
 */
export async function publicBoardPage(
  deps: { db: Pick<Database, 'pool'>; catalog: Pick<CatalogCache, 'get'> },
  input: BoardPageInput,
): Promise<PublicBoardPage> {
  const { page, perPage } = parseInput(pageSchema, input, 'leaderboard page');
  const settings = (await readLeaderboardSettings(deps)).value;
  if (!settings.public) throw new LeaderboardNotPublicError();
  const kept = keptWhileAway(settings);
  const offset = (page - 1) * perPage;
  const [catalog, { rows }] = await Promise.all([
    deps.catalog.get(),
    deps.db.pool.query<{ display_name: string; xp: number }>(boardPageSql, [
      kept.left,
      kept.banned,
      perPage + 1,
      offset,
    ]),
  ]);
  return {
    page,
    perPage,
    hasMore: rows.length > perPage,
    rows: rows.slice(0, perPage).map((row, index) => ({
      position: offset + index + 1,
      displayName: row.display_name,
      xp: row.xp,
      rankName: rankForXp(row.xp, catalog.ranks)?.name ?? null,
    })),
  };
}

export const boardPageSql = `SELECT p.display_name, p.xp FROM players p
  WHERE ${visibleOnBoardsSql({ left: 1, banned: 2 })}
  ORDER BY p.xp DESC, p.id LIMIT $3 OFFSET $4`;
