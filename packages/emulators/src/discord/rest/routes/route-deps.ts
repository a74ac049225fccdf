import type { EmulatorContext } from '../../actions/context.ts';
import type { ChangeActor } from '../../actions/member-update.ts';
import { discordErrors } from '../../errors.ts';
import { hasPermission } from '../../world/permissions.ts';
import type { GuildRecord } from '../../world/types.ts';
import { type AuthenticatedBot, param, type RestCall, requireBot } from '../rest-call.ts';

/** What route families need besides the world. */
export interface RouteDeps {
  emulator: EmulatorContext;
  gatewayUrl: () => string;
}

/** A guild the bot is in; 10004 when it does not exist, 50001 when the bot is not a member. */
export function guildOfBot(deps: RouteDeps, bot: AuthenticatedBot, guildId: string): GuildRecord {
  const guild = deps.emulator.world.requireGuild(guildId);
  if (!guild.members.has(bot.user.id)) throw discordErrors.missingAccess();
  return guild;
}

/**
 * The calling bot and the `:guildId` guild of its route, which it must be in; with `permission`,
 * one it must also hold there (403 50013 otherwise).
 */
export function botAndGuildOf(
  deps: RouteDeps,
  call: RestCall,
  permission?: bigint,
): { bot: AuthenticatedBot; guild: GuildRecord } {
  const bot = requireBot(call);
  const guild = guildOfBot(deps, bot, param(call, 'guildId'));
  if (permission !== undefined) assertBotHas(guild, bot, permission);
  return { bot, guild };
}

/** 403 50013 Missing Permissions unless the bot holds every bit of `permission` in the guild. */
export function assertBotHas(guild: GuildRecord, bot: AuthenticatedBot, permission: bigint): void {
  if (!hasPermission(guild, bot.user.id, permission)) throw discordErrors.missingPermissions();
}

/** The bot as the audit log names it, with the `X-Audit-Log-Reason` it sent. */
export function botActor(call: RestCall, bot: AuthenticatedBot): ChangeActor & { userId: string } {
  return { userId: bot.user.id, kind: 'bot', reason: call.auditLogReason };
}
