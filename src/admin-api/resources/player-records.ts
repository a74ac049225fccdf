import { z } from 'zod';
import { rankForXp, xpRangeOfRank } from '../../economy/ranks.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { heldCoins } from '../../ledger/holds.ts';
import type { AdminApiDeps } from '../deps.ts';
import { filterSchema, flag, intValue, oneOrMany, searchText, uuidValue } from '../rest/filters.ts';
import { keysetPage } from '../rest/keyset-page.ts';
import type { KeysetSpec, ListQuery, ListSpec } from '../rest/list-query.ts';
import { recentLedger } from './ledger.ts';

/** Players as the panel lists and shows them: totals, derived rank, linked identities. */

const platforms = ['telegram', 'discord'] as const;

const playerFilter = filterSchema({
  id: oneOrMany(uuidValue),
  /** Display name or a platform username (contains), a platform user id or player id (exact). */
  q: searchText,
  /** A rank id: the players whose XP puts them at that rank now. */
  rank: intValue.optional(),
  /** Players with an identity on this platform. */
  platform: z.enum(platforms, { message: 'must be telegram or discord' }).optional(),
  /** Players with both identities (true) or at most one (false). */
  linked: flag,
  /**
   * Accounts merged into another by linking (always at zero): `true` lists only them, `false` only
   * live accounts. Unset, a list shows live accounts; fetching by id shows either.
   */
  merged: flag,
});
type PlayerFilter = z.output<typeof playerFilter>;

/**
 * Sorted by what an index orders: XP (the boards' (xp, id) index), the name ((display_name, id))
 * and the id. Every XP change rewrites the player's row into each index, so coins, streaks and
 * dates stay unsorted rather than taxing every event.
 */
export const playerList: ListSpec<PlayerFilter> & { keyset: KeysetSpec } = {
  sortable: {
    id: 'id',
    displayName: 'displayName',
    xp: 'xp',
    // Ranks follow XP, so ordering by rank is ordering by XP.
    rank: 'xp',
    rankName: 'xp',
  },
  defaultSort: { field: 'xp', order: 'desc' },
  filter: playerFilter,
  keyset: { keys: { id: 'uuid', displayName: 'text', xp: 'int', rank: 'int', rankName: 'int' }, id: 'uuid' },
};

const withIdentities = {
  identities: {
    select: { platform: true, platformUserId: true, username: true, syncEnabled: true, lastSyncAt: true },
    orderBy: { platform: 'asc' },
  },
} as const satisfies Prisma.PlayerInclude;
type PlayerRow = Prisma.PlayerGetPayload<{ include: typeof withIdentities }>;

/** How many names (so players) a search matches at most: a search names someone, it does not list the community. @defaultValue 1000 */
const maxSearchMatches = 1000;

// An exact platform user id or player id is an index probe, and when it names someone that is the
// answer. Matching ids first keeps the list in its index order instead of running an identities
// subquery per player read.
const exactSql = `
SELECT id FROM players WHERE id = $2::uuid
UNION SELECT player_id FROM identities WHERE platform IN ('telegram', 'discord') AND platform_user_id = $1`;

/**
 * Otherwise a part of a name: one LIKE over `player_names`, the display names and platform
 * usernames that triggers copy out of players and identities (migration player_name_search), whose
 * trigram index finds the rows containing a part with 3 letters or digits in a row. The names there
 * are folded to lower case, so LIKE on the folded part is the ILIKE this search always was. The
 * index lives there because the XP hot path (`UPDATE players SET xp = ...`) writes a new version
 * of the player's row into every index on players; it never names display_name, so it fires no
 * trigger and writes nothing here. $1 is a contains pattern (`containsPattern`).
 */
export const namesSql = `
SELECT DISTINCT player_id AS id
  FROM (SELECT player_id FROM player_names WHERE name LIKE lower($1) LIMIT ${maxSearchMatches}) AS matches`;

/**
 * A shorter part (`ad`, `#d`) has no trigram of its own, at most a word's first letter, whose
 * index entry lists a good share of all names: a scan of the narrow table is cheaper, stopping at
 * the cap when the part is common and reading every name once when nobody has it (the bounded
 * worst case). COLLATE "C" keeps the planner off the index, which is on the column's own
 * collation; it changes no match, as LIKE compares bytes under any deterministic collation.
 */
export const shortNamesSql = `
SELECT DISTINCT player_id AS id
  FROM (SELECT player_id FROM player_names WHERE name COLLATE "C" LIKE lower($1) LIMIT ${maxSearchMatches}) AS matches`;

/** Whether the trigram index can find a part: pg_trgm makes trigrams of runs of letters and digits. */
export function hasTrigram(q: string): boolean {
  return /[\p{L}\p{N}]{3}/u.test(q);
}

/** `%q%` for LIKE, with q's own wildcards and escape character matched literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The players a search names: by player id, platform user id, or else part of a name or username. */
async function playersMatching(deps: AdminApiDeps, q: string): Promise<string[]> {
  const id = uuidValue.safeParse(q).success ? q : null;
  const exact = await deps.db.pool.query<{ id: string }>(exactSql, [q, id]);
  if (exact.rows.length > 0) return exact.rows.map((row) => row.id);
  const sql = hasTrigram(q) ? namesSql : shortNamesSql;
  const { rows } = await deps.db.pool.query<{ id: string }>(sql, [containsPattern(q)]);
  return rows.map((row) => row.id);
}

async function playerWhere(deps: AdminApiDeps, filter: PlayerFilter): Promise<Prisma.PlayerWhereInput> {
  const and: Prisma.PlayerWhereInput[] = [];
  if (filter.id) and.push({ id: { in: filter.id } });
  if (filter.q) and.push({ id: { in: await playersMatching(deps, filter.q) } });
  if (filter.platform) and.push({ identities: { some: { platform: filter.platform } } });
  if (filter.linked !== undefined) {
    const both = { AND: platforms.map((platform) => ({ identities: { some: { platform } } })) };
    and.push(filter.linked ? both : { NOT: both });
  }
  // A merged account is a zero row of a player who lives on elsewhere: out of the list unless asked
  // for, but a reference by id (the kept player's page links to it) still finds it.
  const merged = filter.merged ?? (filter.id ? undefined : false);
  if (merged !== undefined) and.push({ mergedIntoId: merged ? { not: null } : null });
  if (filter.rank !== undefined) {
    const range = xpRangeOfRank(filter.rank, (await deps.catalog.get()).ranks);
    and.push(
      range
        ? { xp: { gte: range.minXp, ...(range.belowXp === null ? {} : { lt: range.belowXp }) } }
        : { id: { in: [] } },
    );
  }
  return { AND: and };
}

async function playerRecords(deps: AdminApiDeps, rows: PlayerRow[]) {
  const { ranks } = await deps.catalog.get();
  return rows.map((row) => {
    const rank = rankForXp(row.xp, ranks);
    const { lastMessageXpAt: _cooldown, ...player } = row;
    return {
      ...player,
      rankId: rank?.id ?? null,
      rankName: rank?.name ?? null,
      linked: platforms.every((platform) => row.identities.some((i) => i.platform === platform)),
    };
  });
}

export async function listPlayers(deps: AdminApiDeps, query: ListQuery<PlayerFilter>) {
  const { player } = deps.db.prisma;
  const { rows, ...position } = await keysetPage(playerList, query, await playerWhere(deps, query.filter), {
    find: (args) => player.findMany({ ...args, include: withIdentities }),
    ids: (args) => player.findMany({ ...args, select: { id: true } }),
  });
  return { ...position, records: await playerRecords(deps, rows) };
}

/** One player with what their page shows: achievements, held coins, sync state, latest ledger rows. */
export async function showPlayer(deps: AdminApiDeps, playerId: string) {
  const row = await deps.db.prisma.player.findUnique({ where: { id: playerId }, include: withIdentities });
  if (!row) return null;
  const [[record], achievements, held, syncState, ledger, mergedFrom] = await Promise.all([
    playerRecords(deps, [row]),
    deps.db.prisma.playerAchievement.findMany({
      where: { playerId },
      orderBy: { unlockedAt: 'asc' },
      select: { unlockedAt: true, achievement: { select: { id: true, slug: true, name: true } } },
    }),
    heldCoins(deps.db.pool, playerId),
    deps.db.prisma.syncState.findUnique({ where: { playerId } }),
    recentLedger(deps, playerId),
    // The accounts linking folded into this one (their identities moved here with them).
    deps.db.prisma.player.findMany({
      where: { mergedIntoId: playerId },
      orderBy: { createdAt: 'asc' },
      select: { id: true, displayName: true, createdAt: true },
    }),
  ]);
  return {
    ...record!,
    heldCoins: held,
    achievements: achievements.map((a) => ({ ...a.achievement, unlockedAt: a.unlockedAt })),
    syncState,
    recentLedger: ledger,
    mergedFrom,
  };
}
