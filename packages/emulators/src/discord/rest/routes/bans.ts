import { banUser, unbanUser } from '../../actions/bans.ts';
import { discordErrors } from '../../errors.ts';
import { Permission } from '../../world/permissions.ts';
import { noContent, param, type RouteDefinition } from '../rest-call.ts';
import { assertBotHas, botAndGuildOf, type RouteDeps } from './route-deps.ts';

/** A bot bans a user or lifts a ban: Ban Members is needed (50013 without), as on Discord. */
export function banRoutes(deps: RouteDeps): RouteDefinition[] {
  const ctx = deps.emulator;
  return [
    {
      method: 'put',
      path: '/guilds/:guildId/bans/:userId',
      bucket: 'member-edits',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call);
        assertBotHas(guild, bot, Permission.BanMembers);
        banUser(ctx, guild, param(call, 'userId'), { reason: call.auditLogReason });
        return noContent();
      },
    },
    {
      method: 'delete',
      path: '/guilds/:guildId/bans/:userId',
      bucket: 'member-edits',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call);
        assertBotHas(guild, bot, Permission.BanMembers);
        if (!guild.bans?.has(param(call, 'userId'))) throw discordErrors.unknownBan();
        unbanUser(ctx, guild, param(call, 'userId'));
        return noContent();
      },
    },
  ];
}
