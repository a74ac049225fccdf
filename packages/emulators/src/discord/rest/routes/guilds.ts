import { discordErrors } from '../../errors.ts';
import { channelPayload, guildPayload, rolePayload, voiceStatePayload } from '../../payloads/guild.ts';
import { ok, param, type RouteDefinition } from '../rest-call.ts';
import { botAndGuildOf, type RouteDeps } from './route-deps.ts';

/** Guild, its roles, channels and voice states, for guilds the bot is in. */
export function guildRoutes(deps: RouteDeps): RouteDefinition[] {
  const { world } = deps.emulator;
  return [
    {
      method: 'get',
      path: '/guilds/:guildId',
      bucket: 'guilds',
      auth: 'bot',
      handler: (call) => {
        const { guild } = botAndGuildOf(deps, call);
        const counts =
          call.query.get('with_counts') === 'true'
            ? { approximate_member_count: guild.members.size, approximate_presence_count: 0 }
            : {};
        return ok({ ...guildPayload(world, guild), ...counts });
      },
    },
    {
      method: 'get',
      path: '/guilds/:guildId/roles',
      bucket: 'guilds',
      auth: 'bot',
      handler: (call) => {
        const { guild } = botAndGuildOf(deps, call);
        return ok(world.rolesByRank(guild).reverse().map(rolePayload));
      },
    },
    {
      method: 'get',
      path: '/guilds/:guildId/roles/member-counts',
      bucket: 'guilds',
      auth: 'bot',
      handler: (call) => {
        const { guild } = botAndGuildOf(deps, call);
        // Every role but @everyone, members with none counting 0.
        const counts: Record<string, number> = {};
        for (const role of guild.roles.values()) if (role.id !== guild.id) counts[role.id] = 0;
        for (const member of guild.members.values()) {
          for (const roleId of member.roles) if (roleId in counts) counts[roleId] = (counts[roleId] ?? 0) + 1;
        }
        return ok(counts);
      },
    },
    {
      method: 'get',
      path: '/guilds/:guildId/roles/:roleId',
      bucket: 'guilds',
      auth: 'bot',
      handler: (call) => {
        const { guild } = botAndGuildOf(deps, call);
        return ok(rolePayload(world.requireRole(guild, param(call, 'roleId'))));
      },
    },
    {
      method: 'get',
      path: '/guilds/:guildId/channels',
      bucket: 'guilds',
      auth: 'bot',
      handler: (call) => {
        const { guild } = botAndGuildOf(deps, call);
        return ok(world.guildChannels(guild).map((channel) => channelPayload(world, channel)));
      },
    },
    {
      method: 'get',
      path: '/guilds/:guildId/voice-states/:userId',
      bucket: 'guilds',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call);
        const userId = param(call, 'userId') === '@me' ? bot.user.id : param(call, 'userId');
        const state = guild.voiceStates.get(userId);
        // A member (or anyone) who is not connected has no voice state: 10065, not 10007.
        if (!state) throw discordErrors.unknownVoiceState();
        return ok(voiceStatePayload(world, guild, state));
      },
    },
  ];
}
