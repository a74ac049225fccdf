import type { RankDefinition } from '../economy/ranks.ts';
import type { RankRoleMode } from './rank-role-settings.ts';

/**
 * Which rank roles a member of rank `current` holds in `mode`. Pure.
 * - `replace`: the current rank's role alone.
 * - `stack`: the roles of every active rank up to and including the current one, in the order the
 *   ranks are held (threshold, then priority), so a rank sharing the current threshold with a lower
 *   priority counts as below it. Inactive ranks are nobody's: their roles are always withdrawn.
 * No rank, no roles. Duplicates (two ranks sharing a role) are listed once.
 */
export function rankRoleIdsFor(
  ranks: readonly RankDefinition[],
  current: RankDefinition | null,
  mode: RankRoleMode,
): string[] {
  if (!current) return [];
  if (mode === 'replace') return current.discordRoleId ? [current.discordRoleId] : [];
  const held = ranks.filter(
    (rank) =>
      rank.active &&
      (rank.minXp < current.minXp || (rank.minXp === current.minXp && rank.priority <= current.priority)),
  );
  const ids = new Set(held.flatMap((rank) => (rank.discordRoleId ? [rank.discordRoleId] : [])));
  if (current.discordRoleId) ids.add(current.discordRoleId);
  return [...ids].sort();
}

/** The other mode, whose shape a member still has until a switch reaches them. */
export function otherRankRoleMode(mode: RankRoleMode): RankRoleMode {
  return mode === 'replace' ? 'stack' : 'replace';
}
