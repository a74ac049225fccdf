import type { PlayerRecord } from '../api/records.ts';

/** The rank name the API put on a player (as `rank.name` or `rankName`), or null when unranked. */
export function rankNameOf(player: Pick<PlayerRecord, 'rank' | 'rankName'> | undefined): string | null {
  return player?.rank?.name ?? player?.rankName ?? null;
}

export function initialsOf(name: string | undefined): string {
  const words = (name ?? '?').trim().split(/\s+/).filter(Boolean);
  return (
    words
      .slice(0, 2)
      .map((word) => word[0]?.toUpperCase() ?? '')
      .join('') || '?'
  );
}
