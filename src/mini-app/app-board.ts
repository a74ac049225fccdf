import type { PlayerReadDeps } from '../players/load-profile.ts';
import { maxLeaderboardSize, topPlayers } from '../players/top-players.ts';

/** One place on the Mini App's board: what another player may see of someone, never an id. */
export interface AppBoardRow {
  position: number;
  displayName: string;
  xp: number;
  rankName: string | null;
  /** The player looking at the board. */
  you: boolean;
}

/**
 * The board the Mini App shows: the bot's /top (same order, same visibility rules: /privacy,
 * departures, merged accounts), as long as a chat message allows, with the viewer's own row marked.
 */
export async function appLeaderboard(deps: PlayerReadDeps, viewerId: string): Promise<AppBoardRow[]> {
  const rows = await topPlayers(deps, { limit: maxLeaderboardSize });
  return rows.map(({ playerId, ...row }) => ({ ...row, you: playerId === viewerId }));
}
