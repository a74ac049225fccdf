import { userPayload } from '../payloads/user.ts';
import type { GuildRecord } from '../world/types.ts';
import { AuditLogEvent, recordAuditEntry } from './audit-log.ts';
import type { EmulatorContext } from './context.ts';
import type { ChangeActor } from './member-update.ts';
import { removeMember } from './membership.ts';
import { deleteMessage } from './messages.ts';

export class UnknownBanError extends Error {
  override name = 'UnknownBanError';
  constructor(
    readonly guildId: string,
    readonly userId: string,
  ) {
    super(`User ${userId} is not banned from guild ${guildId}`);
  }
}

export interface BanInput {
  reason?: string | null;
  /** Deletes the user's messages in the guild from this many seconds back (0-604800). @defaultValue 0 */
  deleteMessageSeconds?: number;
  /** Who banned, for the audit log. @defaultValue the guild owner, as a moderator */
  actor?: ChangeActor;
}

/** Deletes what the user wrote in the guild's channels within the last `seconds` (MESSAGE_DELETE each). */
function deleteRecentMessages(
  ctx: EmulatorContext,
  guild: GuildRecord,
  userId: string,
  seconds: number,
): void {
  if (seconds <= 0) return;
  const since = ctx.now() - seconds * 1000;
  for (const message of ctx.world.messages.values()) {
    if (message.deleted || message.guildId !== guild.id || message.authorId !== userId) continue;
    if (message.createdAt >= since) deleteMessage(ctx, message);
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
  input: BanInput = {},
): void {
  const user = ctx.world.requireUser(userId);
  guild.bans ??= new Map();
  if (guild.bans.has(userId)) return;
  const reason = input.reason ?? null;
  guild.bans.set(userId, { userId, reason });
  ctx.events.dispatch({
    event: 'GUILD_BAN_ADD',
    audience: { guildId: guild.id },
    data: { guild_id: guild.id, user: userPayload(user) },
  });
  ctx.events.record('member.banned', { guildId: guild.id, userId, reason, ...actorOf(input.actor) });
  const actor = input.actor ?? { userId: guild.ownerId, kind: 'moderator' as const, reason: null };
  recordAuditEntry(
    ctx,
    guild,
    { actionType: AuditLogEvent.MemberBanAdd, targetId: userId },
    { ...actor, reason },
  );
  if (guild.members.has(userId)) removeMember(ctx, guild, userId);
  deleteRecentMessages(ctx, guild, userId, input.deleteMessageSeconds ?? 0);
}

/** Lifts a ban (GUILD_BAN_REMOVE): the user may join again. */
export function unbanUser(
  ctx: EmulatorContext,
  guild: GuildRecord,
  userId: string,
  actor?: ChangeActor,
): void {
  const user = ctx.world.requireUser(userId);
  if (!guild.bans?.delete(userId)) throw new UnknownBanError(guild.id, userId);
  ctx.events.dispatch({
    event: 'GUILD_BAN_REMOVE',
    audience: { guildId: guild.id },
    data: { guild_id: guild.id, user: userPayload(user) },
  });
  ctx.events.record('member.unbanned', { guildId: guild.id, userId, ...actorOf(actor) });
  recordAuditEntry(ctx, guild, { actionType: AuditLogEvent.MemberBanRemove, targetId: userId }, actor);
}

/** Removes a member who may join again (GUILD_MEMBER_REMOVE), as Kick Members does. */
export function kickMember(
  ctx: EmulatorContext,
  guild: GuildRecord,
  userId: string,
  actor?: ChangeActor,
): void {
  ctx.world.requireMember(guild, userId);
  removeMember(ctx, guild, userId);
  ctx.events.record('member.kicked', { guildId: guild.id, userId, ...actorOf(actor) });
  recordAuditEntry(ctx, guild, { actionType: AuditLogEvent.MemberKick, targetId: userId }, actor);
}

function actorOf(actor: ChangeActor | undefined): Record<string, unknown> {
  return actor ? { actor } : {};
}
