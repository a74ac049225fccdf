import { userPayload } from '../payloads/user.ts';
import type { GuildRecord } from '../world/types.ts';
import type { EmulatorContext } from './context.ts';
import { removeMember } from './membership.ts';

export class UnknownBanError extends Error {
  override name = 'UnknownBanError';
  constructor(
    readonly guildId: string,
    readonly userId: string,
  ) {
    super(`User ${userId} is not banned from guild ${guildId}`);
  }
}

/**
 * Bans a user, as a moderator or a bot with Ban Members does: GUILD_BAN_ADD (GuildModeration intent)
 * and, for a member, their removal (GUILD_MEMBER_REMOVE). Banning a banned user changes nothing.
 */
export function banUser(
  ctx: EmulatorContext,
  guild: GuildRecord,
  userId: string,
  input: { reason?: string | null } = {},
): void {
  const user = ctx.world.requireUser(userId);
  guild.bans ??= new Map();
  if (guild.bans.has(userId)) return;
  guild.bans.set(userId, { userId, reason: input.reason ?? null });
  ctx.events.dispatch({
    event: 'GUILD_BAN_ADD',
    audience: { guildId: guild.id },
    data: { guild_id: guild.id, user: userPayload(user) },
  });
  ctx.events.record('member.banned', { guildId: guild.id, userId, reason: input.reason ?? null });
  if (guild.members.has(userId)) removeMember(ctx, guild, userId);
}

/** Lifts a ban (GUILD_BAN_REMOVE): the user may join again. */
export function unbanUser(ctx: EmulatorContext, guild: GuildRecord, userId: string): void {
  const user = ctx.world.requireUser(userId);
  if (!guild.bans?.delete(userId)) throw new UnknownBanError(guild.id, userId);
  ctx.events.dispatch({
    event: 'GUILD_BAN_REMOVE',
    audience: { guildId: guild.id },
    data: { guild_id: guild.id, user: userPayload(user) },
  });
  ctx.events.record('member.unbanned', { guildId: guild.id, userId });
}
