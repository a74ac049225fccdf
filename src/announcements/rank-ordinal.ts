import type { RankDefinition } from '../economy/ranks.ts';

/** A rank's place among the active ranks, lowest first (1-based); 0 for a rank not among them. */
export function rankOrdinal(ranks: readonly RankDefinition[], rankId: number): number {
  const ordered = ranks
    .filter((rank) => rank.active)
    .sort((a, b) => a.minXp - b.minXp || a.priority - b.priority);
  return ordered.findIndex((rank) => rank.id === rankId) + 1;
}
