import type { Logger } from '../logging/logger.ts';
import type { RoleDriftPolicy } from '../roles/role-drift.ts';
import type { DiscordDeps } from './discord-deps.ts';

/** What every command and gateway handler of the Discord bot receives. */
export interface DiscordBotContext {
  deps: DiscordDeps;
  /** The bot's own logger (a child of `deps.logger`). */
  logger: Logger;
  /** The community's guild; null serves every guild the bot is in. */
  guildId: string | null;
  roleDriftPolicy: RoleDriftPolicy;
  /** The clock of commands and voice ticks (a parameter so tests can move it). */
  now(): Date;
}

/**
 * Whether an event from `guildId` concerns Tandem. With a configured guild, other guilds the bot
 * was invited to earn nothing and their roles are none of Tandem's business.
 */
export function isCommunityGuild(ctx: Pick<DiscordBotContext, 'guildId'>, guildId: string | null): boolean {
  if (guildId === null) return false;
  return ctx.guildId === null || ctx.guildId === guildId;
}
