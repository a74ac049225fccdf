import type { Context } from 'telegraf';

/**
 * The context every Tandem handler sees: telegraf's, plus the player behind `ctx.from`, set by the
 * player middleware (src/telegram/resolve-player.ts) before any feature runs.
 */
export interface TandemContext extends Context {
  playerId?: string;
}

/** The player behind this update; the player middleware guarantees it for updates with a sender. */
export function playerIdOf(ctx: TandemContext): string {
  if (!ctx.playerId) throw new Error(`Update ${ctx.update.update_id} has no resolved player`);
  return ctx.playerId;
}
