import type { LeaderboardSettings } from './leaderboard-settings.ts';

/**
 * The one rule of who a board shows, as a SQL condition on `players` (aliased `p`): not merged, some
 * XP, not hidden by the player's /privacy, and not away under a `hide`/`reset` policy. The first three
 * ride the index `players_board_order_idx` (xp, id); the rest are filtered as the scan goes.
 * `$left` and `$banned` are the parameter numbers that carry "kept while away" for each departure.
 */
export function visibleOnBoardsSql(params: { left: number; banned: number }): string {
  return `p.merged_into_id IS NULL AND p.xp > 0 AND NOT p.board_hidden
      AND (p.departure IS NULL
        OR (p.departure = 'left' AND $${params.left}::boolean)
        OR (p.departure = 'banned' AND $${params.banned}::boolean))`;
}

/** The values of the two parameters `visibleOnBoardsSql` names. */
export function keptWhileAway(settings: LeaderboardSettings): { left: boolean; banned: boolean } {
  return { left: settings.onLeave === 'keep', banned: settings.onBan === 'keep' };
}
