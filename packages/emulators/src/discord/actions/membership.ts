import { guildCreatePayload, memberPayload, rolePayload } from '../payloads/guild.ts';
import { userPayload } from '../payloads/user.ts';
import { DEFAULT_BOT_PERMISSIONS } from '../world/permissions.ts';
import type { GuildRecord, MemberRecord } from '../world/types.ts';
import type { EmulatorContext } from './context.ts';
import { createRole } from './roles.ts';
import { leaveVoice } from './voice.ts';

export class AlreadyMemberError extends Error {
  override name = 'AlreadyMemberError';
  constructor(
    readonly guildId: string,
    readonly userId: string,
  ) {
    super(`User ${userId} is already a member of guild ${guildId}`);
  }
}

/** A banned user cannot join again until the ban is lifted (Discord answers the invite with an error). */
export class BannedUserError extends Error {
  override name = 'BannedUserError';
  constructor(
    readonly guildId: string,
    readonly userId: string,
  ) {
    super(`User ${userId} is banned from guild ${guildId}`);
  }
}

/** Options for the role Discord creates for a bot when it joins (its "own role"). */
export interface BotRoleInput {
  name?: string;
  /** Role position; by default the top of the list, so the bot can manage every other role. */
  position?: number;
  permissions?: bigint;
}

/**
 * A user joins a guild. A bot also gets its managed role and a GUILD_CREATE; the other bots in
 * the guild get GUILD_MEMBER_ADD.
 */
export function addMember(
  ctx: EmulatorContext,
  guild: GuildRecord,
  input: { userId: string; roles?: string[]; nick?: string | null; botRole?: BotRoleInput },
): MemberRecord {
  const user = ctx.world.requireUser(input.userId);
  if (guild.members.has(user.id)) throw new AlreadyMemberError(guild.id, user.id);
  if (guild.bans?.has(user.id)) throw new BannedUserError(guild.id, user.id);
  const roles = [...new Set(input.roles ?? [])].filter((id) => id !== guild.id);
  for (const roleId of roles) ctx.world.requireRole(guild, roleId);
  if (user.bot) {
    const topPosition = Math.max(0, ...[...guild.roles.values()].map((r) => r.position)) + 1;
    const own = createRole(ctx, guild, {
      name: input.botRole?.name ?? user.username,
      position: input.botRole?.position ?? topPosition,
      permissions: input.botRole?.permissions ?? DEFAULT_BOT_PERMISSIONS,
      managedForBot: user.id,
    });
    roles.push(own.id);
  }
  const member: MemberRecord = {
    guildId: guild.id,
    userId: user.id,
    nick: input.nick ?? null,
    roles,
    joinedAt: ctx.now(),
    deaf: false,
    mute: false,
    pending: false,
    communicationDisabledUntil: null,
  };
  guild.members.set(user.id, member);
  if (user.bot) {
    ctx.events.dispatch({
      event: 'GUILD_CREATE',
      audience: { botUserId: user.id, guildId: guild.id },
      data: (view) => guildCreatePayload(ctx.world, guild, view),
    });
  }
  ctx.events.dispatch({
    event: 'GUILD_MEMBER_ADD',
    audience: { guildId: guild.id, exceptBotUserId: user.id },
    data: { guild_id: guild.id, ...memberPayload(member, user) },
  });
  ctx.events.record('member.added', { guildId: guild.id, member: memberPayload(member, user) });
  return member;
}

export function removeMember(ctx: EmulatorContext, guild: GuildRecord, userId: string): void {
  const user = ctx.world.requireUser(userId);
  ctx.world.requireMember(guild, userId);
  if (guild.voiceStates.has(userId)) leaveVoice(ctx, guild, userId);
  if (user.bot) {
    ctx.events.dispatch({
      event: 'GUILD_DELETE',
      audience: { botUserId: user.id, guildId: guild.id },
      data: { id: guild.id },
    });
  }
  guild.members.delete(userId);
  ctx.events.dispatch({
    event: 'GUILD_MEMBER_REMOVE',
    audience: { guildId: guild.id },
    data: { guild_id: guild.id, user: userPayload(user) },
  });
  for (const role of [...guild.roles.values()]) {
    if (role.botUserId !== userId) continue;
    guild.roles.delete(role.id);
    ctx.events.dispatch({
      event: 'GUILD_ROLE_DELETE',
      audience: { guildId: guild.id },
      data: { guild_id: guild.id, role_id: role.id },
    });
    ctx.events.record('role.deleted', { guildId: guild.id, role: rolePayload(role) });
  }
  ctx.events.record('member.removed', { guildId: guild.id, userId });
}
