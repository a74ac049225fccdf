import { z } from 'zod';
import { type MemberChange, updateMember } from '../../actions/member-update.ts';
import { leaveVoice, setVoiceState } from '../../actions/voice.ts';
import { discordErrors } from '../../errors.ts';
import { memberPayload } from '../../payloads/guild.ts';
import { compareSnowflakes } from '../../snowflake.ts';
import { canManageRole, hasPermission, highestRole, outranks, Permission } from '../../world/permissions.ts';
import type { GuildRecord } from '../../world/types.ts';
import { parseForm } from '../form-errors.ts';
import {
  type AuthenticatedBot,
  noContent,
  ok,
  param,
  type RestCall,
  type RouteDefinition,
} from '../rest-call.ts';
import { snowflake } from '../schemas/snowflake.ts';
import { assertBotHas, botActor, botAndGuildOf, type RouteDeps } from './route-deps.ts';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(1),
  after: snowflake.default('0'),
});

const searchQuery = z.object({
  query: z.string(),
  limit: z.coerce.number().int().min(1).max(1000).default(1),
});

const memberPatch = z.looseObject({
  roles: z.array(snowflake).nullish(),
  nick: z.string().max(32).nullish(),
  mute: z.boolean().nullish(),
  deaf: z.boolean().nullish(),
  channel_id: snowflake.nullish(),
  communication_disabled_until: z.iso.datetime({ offset: true }).nullish(),
});

const ownNickPatch = z.looseObject({ nick: z.string().max(32).nullish() });

/**
 * Guild members: get, paged list (ordered by user id), search, role add/remove and PATCH.
 * Role edits check Manage Roles and the hierarchy (50013), and fire GUILD_MEMBER_UPDATE.
 */
export function memberRoutes(deps: RouteDeps): RouteDefinition[] {
  const ctx = deps.emulator;
  const { world } = ctx;

  /** Listing members needs the GuildMembers privileged intent enabled for the bot (not just asked for). */
  function assertMembersIntent(bot: AuthenticatedBot): void {
    if (!bot.application.privilegedIntents.has('GuildMembers')) throw discordErrors.missingAccess();
  }

  function assertCanManage(guild: GuildRecord, bot: AuthenticatedBot, roleIds: readonly string[]): void {
    for (const roleId of roleIds) {
      if (!canManageRole(guild, bot.user.id, world.requireRole(guild, roleId)))
        throw discordErrors.missingPermissions();
    }
  }

  /** Nicknames and timeouts also need the target member below the bot. */
  function assertAbove(guild: GuildRecord, bot: AuthenticatedBot, userId: string, permission: bigint): void {
    assertBotHas(guild, bot, permission);
    if (userId === bot.user.id || guild.ownerId === bot.user.id) return;
    if (guild.ownerId === userId || !outranks(highestRole(guild, bot.user.id), highestRole(guild, userId))) {
      throw discordErrors.missingPermissions();
    }
  }

  function changeRole(call: RestCall, action: 'add' | 'remove') {
    const { bot, guild } = botAndGuildOf(deps, call);
    const userId = param(call, 'userId');
    world.requireMember(guild, userId);
    const roleId = param(call, 'roleId');
    world.requireRole(guild, roleId);
    assertCanManage(guild, bot, [roleId]);
    updateMember(
      ctx,
      guild,
      userId,
      action === 'add' ? { addRoles: [roleId] } : { removeRoles: [roleId] },
      botActor(call, bot),
    );
    return noContent();
  }

  return [
    {
      method: 'get',
      path: '/guilds/:guildId/members',
      bucket: 'member-list',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call);
        assertMembersIntent(bot);
        const { limit, after } = parseForm(listQuery, Object.fromEntries(call.query));
        const page = world
          .membersInOrder(guild)
          .filter((member) => compareSnowflakes(member.userId, after) > 0)
          .slice(0, limit);
        return ok(page.map((member) => memberPayload(member, world.requireUser(member.userId))));
      },
    },
    {
      method: 'get',
      path: '/guilds/:guildId/members/search',
      bucket: 'member-list',
      auth: 'bot',
      handler: (call) => {
        const { guild } = botAndGuildOf(deps, call);
        const { query, limit } = parseForm(searchQuery, Object.fromEntries(call.query));
        const needle = query.toLowerCase();
        const found = world
          .membersInOrder(guild)
          .filter((member) => {
            const user = world.requireUser(member.userId);
            return [user.username, user.globalName, member.nick].some((n) =>
              n?.toLowerCase().startsWith(needle),
            );
          })
          .slice(0, limit);
        return ok(found.map((member) => memberPayload(member, world.requireUser(member.userId))));
      },
    },
    {
      method: 'patch',
      path: '/guilds/:guildId/members/@me',
      bucket: 'member-edits',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call);
        const { nick } = parseForm(ownNickPatch, call.body ?? {});
        if (nick !== undefined) assertBotHas(guild, bot, Permission.ChangeNickname);
        const { member } = updateMember(
          ctx,
          guild,
          bot.user.id,
          nick !== undefined ? { nick: nick || null } : {},
          botActor(call, bot),
        );
        return ok(memberPayload(member, bot.user));
      },
    },
    {
      method: 'get',
      path: '/guilds/:guildId/members/:userId',
      bucket: 'member-reads',
      auth: 'bot',
      handler: (call) => {
        const { guild } = botAndGuildOf(deps, call);
        const userId = param(call, 'userId');
        return ok(memberPayload(world.requireMember(guild, userId), world.requireUser(userId)));
      },
    },
    {
      method: 'patch',
      path: '/guilds/:guildId/members/:userId',
      bucket: 'member-edits',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call);
        const userId = param(call, 'userId');
        const member = world.requireMember(guild, userId);
        const body = parseForm(memberPatch, call.body ?? {});
        const change: MemberChange = {};
        if (body.roles != null) {
          const next = body.roles.filter((id) => id !== guild.id);
          for (const roleId of next) world.requireRole(guild, roleId);
          const touched = [
            ...next.filter((id) => !member.roles.includes(id)),
            ...member.roles.filter((id) => !next.includes(id)),
          ];
          assertCanManage(guild, bot, touched);
          change.roles = next;
        }
        if (body.nick !== undefined) {
          assertAbove(guild, bot, userId, Permission.ManageNicknames);
          change.nick = body.nick || null;
        }
        if (body.mute != null) {
          assertBotHas(guild, bot, Permission.MuteMembers);
          change.mute = body.mute;
        }
        if (body.deaf != null) {
          assertBotHas(guild, bot, Permission.DeafenMembers);
          change.deaf = body.deaf;
        }
        // The docs: server mute and deafen "will throw a 400 if the user is not in a voice channel".
        if ((body.mute != null || body.deaf != null) && !guild.voiceStates.has(userId))
          throw discordErrors.notInVoice();
        if (body.communication_disabled_until !== undefined) {
          assertAbove(guild, bot, userId, Permission.ModerateMembers);
          // Nobody times out the owner or an administrator (403), even from above.
          if (
            body.communication_disabled_until !== null &&
            (guild.ownerId === userId || hasPermission(guild, userId, Permission.Administrator))
          )
            throw discordErrors.missingPermissions();
          change.communicationDisabledUntil =
            body.communication_disabled_until === null ? null : Date.parse(body.communication_disabled_until);
        }
        if (body.channel_id !== undefined) {
          assertBotHas(guild, bot, Permission.MoveMembers);
          if (!guild.voiceStates.has(userId)) throw discordErrors.notInVoice();
        }
        const { member: updated } = updateMember(ctx, guild, userId, change, botActor(call, bot));
        if (body.channel_id === null) leaveVoice(ctx, guild, userId);
        else if (body.channel_id !== undefined)
          setVoiceState(ctx, guild, userId, { channelId: body.channel_id });
        else if (body.mute != null || body.deaf != null) {
          setVoiceState(ctx, guild, userId, {
            ...(body.mute != null ? { mute: body.mute } : {}),
            ...(body.deaf != null ? { deaf: body.deaf } : {}),
          });
        }
        return ok(memberPayload(updated, world.requireUser(userId)));
      },
    },
    {
      method: 'put',
      path: '/guilds/:guildId/members/:userId/roles/:roleId',
      bucket: 'member-edits',
      auth: 'bot',
      handler: (call) => changeRole(call, 'add'),
    },
    {
      method: 'delete',
      path: '/guilds/:guildId/members/:userId/roles/:roleId',
      bucket: 'member-edits',
      auth: 'bot',
      handler: (call) => changeRole(call, 'remove'),
    },
  ];
}
