import { z } from 'zod';
import { banUser, kickMember, unbanUser } from '../../actions/bans.ts';
import { discordErrors } from '../../errors.ts';
import { userPayload } from '../../payloads/user.ts';
import { compareSnowflakes } from '../../snowflake.ts';
import { outranksMember, Permission } from '../../world/permissions.ts';
import type { BanRecord, GuildRecord } from '../../world/types.ts';
import { parseForm } from '../form-errors.ts';
import { type AuthenticatedBot, noContent, ok, param, type RouteDefinition } from '../rest-call.ts';
import { snowflake } from '../schemas/snowflake.ts';
import { botActor, botAndGuildOf, type RouteDeps } from './route-deps.ts';

const banBody = z.looseObject({
  delete_message_seconds: z.number().int().min(0).max(604_800).optional(),
  /** Deprecated by Discord, still honoured: days instead of seconds. */
  delete_message_days: z.number().int().min(0).max(7).optional(),
});

const banListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
  before: snowflake.optional(),
  after: snowflake.optional(),
});

/**
 * Bans (Ban Members) and kicks (Kick Members) by a bot. Either needs the target below the bot's
 * highest role and not the owner (50013), as Discord's hierarchy rule says.
 */
export function moderationRoutes(deps: RouteDeps): RouteDefinition[] {
  const ctx = deps.emulator;
  const { world } = ctx;

  function assertOutranks(guild: GuildRecord, bot: AuthenticatedBot, userId: string): void {
    if (!outranksMember(guild, bot.user.id, userId)) throw discordErrors.missingPermissions();
  }

  const banPayload = (ban: BanRecord) => ({
    reason: ban.reason,
    user: userPayload(world.requireUser(ban.userId)),
  });

  return [
    {
      method: 'get',
      path: '/guilds/:guildId/bans',
      bucket: 'guilds',
      auth: 'bot',
      handler: (call) => {
        const { guild } = botAndGuildOf(deps, call, Permission.BanMembers);
        const { limit, before, after } = parseForm(banListQuery, Object.fromEntries(call.query));
        const bans = [...(guild.bans?.values() ?? [])].sort((a, b) => compareSnowflakes(a.userId, b.userId));
        // `before` pages backwards (the `limit` bans just below it); otherwise forwards from `after`.
        const page =
          before !== undefined && after === undefined
            ? bans.filter((ban) => compareSnowflakes(ban.userId, before) < 0).slice(-limit)
            : bans
                .filter((ban) => after === undefined || compareSnowflakes(ban.userId, after) > 0)
                .slice(0, limit);
        return ok(page.map(banPayload));
      },
    },
    {
      method: 'get',
      path: '/guilds/:guildId/bans/:userId',
      bucket: 'guilds',
      auth: 'bot',
      handler: (call) => {
        const { guild } = botAndGuildOf(deps, call, Permission.BanMembers);
        const ban = guild.bans?.get(param(call, 'userId'));
        if (!ban) throw discordErrors.unknownBan();
        return ok(banPayload(ban));
      },
    },
    {
      method: 'put',
      path: '/guilds/:guildId/bans/:userId',
      bucket: 'guild-bans',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call, Permission.BanMembers);
        const userId = param(call, 'userId');
        const body = parseForm(banBody, call.body ?? {});
        world.requireUser(userId);
        assertOutranks(guild, bot, userId);
        banUser(ctx, guild, userId, {
          reason: call.auditLogReason,
          deleteMessageSeconds: body.delete_message_seconds ?? (body.delete_message_days ?? 0) * 86_400,
          actor: botActor(call, bot),
        });
        return noContent();
      },
    },
    {
      method: 'delete',
      path: '/guilds/:guildId/bans/:userId',
      bucket: 'guild-bans',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call, Permission.BanMembers);
        if (!guild.bans?.has(param(call, 'userId'))) throw discordErrors.unknownBan();
        unbanUser(ctx, guild, param(call, 'userId'), botActor(call, bot));
        return noContent();
      },
    },
    {
      method: 'delete',
      path: '/guilds/:guildId/members/:userId',
      bucket: 'guild-bans',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call, Permission.KickMembers);
        const userId = param(call, 'userId');
        world.requireMember(guild, userId);
        assertOutranks(guild, bot, userId);
        kickMember(ctx, guild, userId, botActor(call, bot));
        return noContent();
      },
    },
  ];
}
