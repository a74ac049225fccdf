/**
 * Rank rules. A player's rank is derived from their XP and the admin-editable rank table; it is never
 * stored as a source of truth, so these functions are the only place that decides it.
 */

export interface RankDefinition {
  id: number;
  name: string;
  /** XP a player needs to hold this rank. */
  minXp: number;
  /** The Discord role that shows this rank; null when the rank has no role. */
  discordRoleId: string | null;
  /** Order of the ranks, 1 = lowest. Breaks ties between ranks with the same `minXp`. */
  priority: number;
  /** Inactive ranks are skipped: nobody holds them, but their roles are still Tandem's to manage. */
  active: boolean;
}

export interface RankProgress {
  current: RankDefinition | null;
  next: RankDefinition | null;
  /** XP earned since the current rank's threshold (since 0 when there is no current rank). */
  xpIntoRank: number;
  /** XP still missing to reach `next`; null at the top rank. */
  xpForNext: number | null;
  /** Integer 0-100 of the way from the current threshold to the next; 100 at the top rank. */
  percent: number;
}

/**
 * The seed rank table. Thresholds follow the cumulative XP of MEE6's level curve (5l² + 50l + 100 XP
 * per level) at roughly every 2.6 levels, rounded, so players who know those bots find familiar pacing:
 * a new rank within the first hour of chatting, the top one after months.
 */
export const defaultRanks: ReadonlyArray<{ name: string; minXp: number; priority: number }> = [
  { name: 'Newcomer', minXp: 0, priority: 1 },
  { name: 'Rookie', minXp: 500, priority: 2 },
  { name: 'Scout', minXp: 1_200, priority: 3 },
  { name: 'Adventurer', minXp: 2_900, priority: 4 },
  { name: 'Challenger', minXp: 4_700, priority: 5 },
  { name: 'Skirmisher', minXp: 8_500, priority: 6 },
  { name: 'Raider', minXp: 13_800, priority: 7 },
  { name: 'Ranger', minXp: 18_400, priority: 8 },
  { name: 'Vanguard', minXp: 27_000, priority: 9 },
  { name: 'Gladiator', minXp: 34_000, priority: 10 },
  { name: 'Knight', minXp: 46_500, priority: 11 },
  { name: 'Champion', minXp: 62_000, priority: 12 },
  { name: 'Warlord', minXp: 73_600, priority: 13 },
  { name: 'Paladin', minXp: 94_000, priority: 14 },
  { name: 'Elite', minXp: 110_000, priority: 15 },
  { name: 'Master', minXp: 136_000, priority: 16 },
  { name: 'Grandmaster', minXp: 166_000, priority: 17 },
  { name: 'Mythic', minXp: 189_000, priority: 18 },
  { name: 'Legend', minXp: 226_000, priority: 19 },
  { name: 'Immortal', minXp: 254_000, priority: 20 },
];

/** Active ranks lowest first: by threshold, then by priority, so the last qualifying entry is the rank held. */
export function activeRanksAscending(ranks: readonly RankDefinition[]): RankDefinition[] {
  return ranks.filter((rank) => rank.active).sort((a, b) => a.minXp - b.minXp || a.priority - b.priority);
}

/** The highest active rank whose `minXp` the player has reached (ties go to the higher priority). */
export function rankForXp(xp: number, ranks: readonly RankDefinition[]): RankDefinition | null {
  return activeRanksAscending(ranks).findLast((rank) => rank.minXp <= xp) ?? null;
}

/**
 * The XP of the players who hold `rankId`: from its threshold up to (not including) the next
 * higher threshold. Null when nobody can hold it (unknown, inactive, or outranked by a rank of the
 * same threshold and higher priority). For filtering players by rank in one indexed range.
 */
export function xpRangeOfRank(
  rankId: number,
  ranks: readonly RankDefinition[],
): { minXp: number; belowXp: number | null } | null {
  const ascending = activeRanksAscending(ranks);
  const index = ascending.findIndex((rank) => rank.id === rankId);
  const rank = ascending[index];
  if (!rank) return null;
  const higher = ascending.slice(index + 1);
  if (higher.some((other) => other.minXp === rank.minXp)) return null;
  return { minXp: rank.minXp, belowXp: higher[0]?.minXp ?? null };
}

/** Where a player stands between their rank and the next one, for `/rank` and profile cards. */
export function rankProgress(xp: number, ranks: readonly RankDefinition[]): RankProgress {
  const ascending = activeRanksAscending(ranks);
  const current = ascending.findLast((rank) => rank.minXp <= xp) ?? null;
  const nextThreshold = ascending.find((rank) => rank.minXp > xp)?.minXp;
  // Among ranks sharing the next threshold, the one the player will actually hold is the highest priority.
  const next =
    nextThreshold === undefined ? null : (ascending.findLast((rank) => rank.minXp === nextThreshold) ?? null);
  const base = current?.minXp ?? 0;
  const xpIntoRank = Math.max(0, xp - base);
  if (next === null) {
    return { current, next, xpIntoRank, xpForNext: null, percent: 100 };
  }
  const span = next.minXp - base;
  const percent = span <= 0 ? 0 : Math.min(99, Math.max(0, Math.floor((xpIntoRank / span) * 100)));
  return { current, next, xpIntoRank, xpForNext: next.minXp - xp, percent };
}

/**
 * Every Discord role that stands for a rank, inactive ranks included: these are the roles Tandem adds
 * and removes, so a role of a deactivated rank must still be withdrawn from players who hold it.
 */
export function rankRoleIds(ranks: readonly RankDefinition[]): Set<string> {
  const roleIds = new Set<string>();
  for (const rank of ranks) {
    if (rank.discordRoleId !== null) roleIds.add(rank.discordRoleId);
  }
  return roleIds;
}
