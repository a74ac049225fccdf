import { compareSnowflakes } from '../snowflake.ts';
import type { ChannelRecord, GuildRecord, RoleRecord } from './types.ts';

/** Permission bits (https://discord.com/developers/docs/topics/permissions). */
export const Permission = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewAuditLog: 1n << 7n,
  ViewChannel: 1n << 10n,
  ManageMessages: 1n << 13n,
  MentionEveryone: 1n << 17n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  MuteMembers: 1n << 22n,
  DeafenMembers: 1n << 23n,
  MoveMembers: 1n << 24n,
  UseVad: 1n << 25n,
  ChangeNickname: 1n << 26n,
  ManageNicknames: 1n << 27n,
  ManageRoles: 1n << 28n,
  ManageWebhooks: 1n << 29n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
  ModerateMembers: 1n << 40n,
  /** Split from Manage Messages in 2025; either lets a member pin (Discord still honours both). */
  PinMessages: 1n << 51n,
} as const;

export const ALL_PERMISSIONS = (1n << 53n) - 1n;

/** What a new guild's @everyone role allows: reading, talking, voice, slash commands. */
export const DEFAULT_EVERYONE_PERMISSIONS =
  Permission.CreateInstantInvite |
  Permission.AddReactions |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.Connect |
  Permission.Speak |
  Permission.UseVad |
  Permission.ChangeNickname |
  Permission.UseApplicationCommands |
  Permission.CreatePublicThreads |
  Permission.CreatePrivateThreads |
  Permission.SendMessagesInThreads;

/** A bot's own role when none is given: enough to post and to manage roles below it. */
export const DEFAULT_BOT_PERMISSIONS =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.ManageRoles |
  Permission.Connect;

/** True when `a` sits above `b` in the role list (higher position; on a tie the older role wins). */
export function outranks(a: RoleRecord, b: RoleRecord): boolean {
  if (a.position !== b.position) return a.position > b.position;
  return compareSnowflakes(a.id, b.id) < 0;
}

export function everyoneRole(guild: GuildRecord): RoleRecord {
  const role = guild.roles.get(guild.id);
  if (!role) throw new Error(`Guild ${guild.id} has no @everyone role`);
  return role;
}

/** The member's highest role; @everyone when they have none. */
export function highestRole(guild: GuildRecord, userId: string): RoleRecord {
  let top = everyoneRole(guild);
  for (const roleId of guild.members.get(userId)?.roles ?? []) {
    const role = guild.roles.get(roleId);
    if (role && outranks(role, top)) top = role;
  }
  return top;
}

/** Guild-level permissions (channel overwrites are not modelled). */
export function guildPermissions(guild: GuildRecord, userId: string): bigint {
  if (guild.ownerId === userId) return ALL_PERMISSIONS;
  let permissions = everyoneRole(guild).permissions;
  for (const roleId of guild.members.get(userId)?.roles ?? []) {
    permissions |= guild.roles.get(roleId)?.permissions ?? 0n;
  }
  return permissions & Permission.Administrator ? ALL_PERMISSIONS : permissions;
}

export function hasPermission(guild: GuildRecord, userId: string, permission: bigint): boolean {
  return (guildPermissions(guild, userId) & permission) === permission;
}

/**
 * Whether `userId` may give or take `role`: Manage Roles, and the role strictly below the
 * actor's highest role (the guild owner may do anything). Managed roles (a bot's own) can
 * never be assigned by hand.
 */
export function canManageRole(guild: GuildRecord, userId: string, role: RoleRecord): boolean {
  if (role.managed || role.id === guild.id) return false;
  if (guild.ownerId === userId) return true;
  if (!hasPermission(guild, userId, Permission.ManageRoles)) return false;
  return outranks(highestRole(guild, userId), role);
}

/**
 * Whether `actorId` may kick, ban or time out `targetId` in the guild: the owner may act on
 * anyone else; nobody may act on the owner; otherwise the actor's highest role must sit above
 * the target's. A user who is not a member has no roles, so only the owner check applies.
 */
export function outranksMember(guild: GuildRecord, actorId: string, targetId: string): boolean {
  if (targetId === guild.ownerId) return false;
  if (actorId === guild.ownerId || !guild.members.has(targetId)) return true;
  return outranks(highestRole(guild, actorId), highestRole(guild, targetId));
}

/** Public threads are seen by everyone in the guild; a private one by its members and those with Manage Threads. */
export function threadVisibleTo(guild: GuildRecord, channel: ChannelRecord, userId: string): boolean {
  if (!channel.thread || channel.type !== 12) return true;
  if (channel.thread.members.some((member) => member.userId === userId)) return true;
  return hasPermission(guild, userId, Permission.ManageThreads);
}
