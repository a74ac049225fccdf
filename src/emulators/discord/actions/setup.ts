import { randomBytes } from 'node:crypto';
import type { PrivilegedIntentName } from '../gateway/intents.ts';
import { PRIVILEGED_INTENTS } from '../gateway/intents.ts';
import { channelPayload, guildPayload, rolePayload } from '../payloads/guild.ts';
import { DEFAULT_EVERYONE_PERMISSIONS } from '../world/permissions.ts';
import type {
  ApplicationRecord,
  ChannelRecord,
  ChannelTypeValue,
  GuildRecord,
  RoleRecord,
  UserRecord,
} from '../world/types.ts';
import { UnknownEntityError } from '../world/unknown-entity-error.ts';
import type { EmulatorContext } from './context.ts';

/** Building the world: users, bots, guilds, roles, channels. Changes after READY are dispatched. */

export function createUser(
  ctx: EmulatorContext,
  input: {
    id?: string;
    username: string;
    globalName?: string | null;
    bot?: boolean;
    acceptsDirectMessages?: boolean;
  },
): UserRecord {
  const user: UserRecord = {
    id: input.id ?? ctx.ids.next(),
    username: input.username,
    globalName: input.globalName ?? null,
    bot: input.bot ?? false,
    acceptsDirectMessages: input.acceptsDirectMessages ?? true,
  };
  ctx.world.users.set(user.id, user);
  ctx.events.record('user.created', { user: { id: user.id, username: user.username, bot: user.bot } });
  return user;
}

/** A token shaped like Discord's: base64 user id, timestamp part, random signature. */
function makeBotToken(userId: string): string {
  const id = Buffer.from(userId).toString('base64url');
  return `${id}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

export function createBot(
  ctx: EmulatorContext,
  input: {
    username: string;
    userId?: string;
    applicationId?: string;
    token?: string;
    privilegedIntents?: readonly PrivilegedIntentName[];
  },
): { application: ApplicationRecord; user: UserRecord } {
  const user = createUser(ctx, { id: input.userId, username: input.username, bot: true });
  const application: ApplicationRecord = {
    // Applications created since 2020 share their id with their bot user.
    id: input.applicationId ?? user.id,
    name: input.username,
    botUserId: user.id,
    token: input.token ?? makeBotToken(user.id),
    privilegedIntents: new Set(input.privilegedIntents ?? PRIVILEGED_INTENTS),
    flags: 0,
    sessionStartsRemaining: 1000,
  };
  ctx.world.applications.set(application.id, application);
  ctx.events.record('bot.created', {
    applicationId: application.id,
    botUserId: user.id,
    privilegedIntents: [...application.privilegedIntents],
  });
  return { application, user };
}

export function createGuild(
  ctx: EmulatorContext,
  input: { id?: string; name: string; ownerId: string },
): GuildRecord {
  ctx.world.requireUser(input.ownerId);
  const id = input.id ?? ctx.ids.next();
  const everyone: RoleRecord = {
    id,
    guildId: id,
    name: '@everyone',
    color: 0,
    hoist: false,
    position: 0,
    permissions: DEFAULT_EVERYONE_PERMISSIONS,
    managed: false,
    mentionable: false,
    botUserId: null,
  };
  const guild: GuildRecord = {
    id,
    name: input.name,
    ownerId: input.ownerId,
    afkChannelId: null,
    afkTimeout: 300,
    systemChannelId: null,
    roles: new Map([[id, everyone]]),
    channelIds: [],
    members: new Map([
      [
        input.ownerId,
        {
          guildId: id,
          userId: input.ownerId,
          nick: null,
          roles: [],
          joinedAt: ctx.now(),
          deaf: false,
          mute: false,
          pending: false,
          communicationDisabledUntil: null,
        },
      ],
    ]),
    voiceStates: new Map(),
  };
  ctx.world.guilds.set(id, guild);
  ctx.events.record('guild.created', { guildId: id, name: guild.name, ownerId: guild.ownerId });
  return guild;
}

export function updateGuild(
  ctx: EmulatorContext,
  guild: GuildRecord,
  changes: {
    name?: string;
    afkChannelId?: string | null;
    afkTimeout?: number;
    systemChannelId?: string | null;
  },
): GuildRecord {
  for (const channelId of [changes.afkChannelId, changes.systemChannelId]) {
    if (channelId && !guild.channelIds.includes(channelId))
      throw new UnknownEntityError('channel', channelId);
  }
  if (changes.name !== undefined) guild.name = changes.name;
  if (changes.afkChannelId !== undefined) guild.afkChannelId = changes.afkChannelId;
  if (changes.afkTimeout !== undefined) guild.afkTimeout = changes.afkTimeout;
  if (changes.systemChannelId !== undefined) guild.systemChannelId = changes.systemChannelId;
  ctx.events.dispatch({
    event: 'GUILD_UPDATE',
    audience: { guildId: guild.id },
    data: guildPayload(ctx.world, guild),
  });
  ctx.events.record('guild.updated', { guildId: guild.id, changes });
  return guild;
}

/**
 * Puts a role at `position` (1 = just above @everyone) and renumbers the others 1..n, as Discord
 * keeps positions contiguous. Returns the roles whose position changed.
 */
function placeRole(
  ctx: EmulatorContext,
  guild: GuildRecord,
  role: RoleRecord,
  position: number,
): RoleRecord[] {
  const others = ctx.world
    .rolesByRank(guild)
    .reverse()
    .filter((r) => r.id !== guild.id && r.id !== role.id);
  const index = Math.max(0, Math.min(others.length, position - 1));
  others.splice(index, 0, role);
  const moved: RoleRecord[] = [];
  others.forEach((r, i) => {
    if (r.position !== i + 1) {
      r.position = i + 1;
      moved.push(r);
    }
  });
  return moved;
}

export function createRole(
  ctx: EmulatorContext,
  guild: GuildRecord,
  input: {
    id?: string;
    name: string;
    position?: number;
    permissions?: bigint;
    color?: number;
    hoist?: boolean;
    mentionable?: boolean;
    managedForBot?: string;
  },
): RoleRecord {
  const role: RoleRecord = {
    id: input.id ?? ctx.ids.next(),
    guildId: guild.id,
    name: input.name,
    color: input.color ?? 0,
    hoist: input.hoist ?? false,
    position: 0,
    permissions: input.permissions ?? 0n,
    managed: input.managedForBot !== undefined,
    mentionable: input.mentionable ?? false,
    botUserId: input.managedForBot ?? null,
  };
  guild.roles.set(role.id, role);
  // New roles land at position 1 on Discord, pushing the others up.
  const moved = placeRole(ctx, guild, role, input.position ?? 1).filter((r) => r.id !== role.id);
  ctx.events.dispatch({
    event: 'GUILD_ROLE_CREATE',
    audience: { guildId: guild.id },
    data: { guild_id: guild.id, role: rolePayload(role) },
  });
  for (const other of moved) dispatchRoleUpdate(ctx, guild, other);
  ctx.events.record('role.created', { guildId: guild.id, role: rolePayload(role) });
  return role;
}

export function updateRole(
  ctx: EmulatorContext,
  guild: GuildRecord,
  role: RoleRecord,
  changes: {
    name?: string;
    position?: number;
    permissions?: bigint;
    color?: number;
    hoist?: boolean;
    mentionable?: boolean;
  },
): RoleRecord {
  if (changes.name !== undefined) role.name = changes.name;
  if (changes.permissions !== undefined) role.permissions = changes.permissions;
  if (changes.color !== undefined) role.color = changes.color;
  if (changes.hoist !== undefined) role.hoist = changes.hoist;
  if (changes.mentionable !== undefined) role.mentionable = changes.mentionable;
  const moved =
    changes.position !== undefined && role.id !== guild.id
      ? placeRole(ctx, guild, role, changes.position)
      : [];
  dispatchRoleUpdate(ctx, guild, role);
  for (const other of moved) if (other.id !== role.id) dispatchRoleUpdate(ctx, guild, other);
  ctx.events.record('role.updated', { guildId: guild.id, role: rolePayload(role) });
  return role;
}

function dispatchRoleUpdate(ctx: EmulatorContext, guild: GuildRecord, role: RoleRecord): void {
  ctx.events.dispatch({
    event: 'GUILD_ROLE_UPDATE',
    audience: { guildId: guild.id },
    data: { guild_id: guild.id, role: rolePayload(role) },
  });
}

export function createChannel(
  ctx: EmulatorContext,
  guild: GuildRecord,
  input: {
    id?: string;
    name: string;
    type: ChannelTypeValue;
    parentId?: string | null;
    topic?: string | null;
    position?: number;
    userLimit?: number;
  },
): ChannelRecord {
  const channel: ChannelRecord = {
    id: input.id ?? ctx.ids.next(),
    type: input.type,
    guildId: guild.id,
    name: input.name,
    position: input.position ?? guild.channelIds.length,
    parentId: input.parentId ?? null,
    topic: input.topic ?? null,
    nsfw: false,
    bitrate: 64_000,
    userLimit: input.userLimit ?? 0,
    recipientIds: [],
    lastMessageId: null,
  };
  if (channel.parentId) {
    const parent = ctx.world.requireChannel(channel.parentId);
    if (parent.type !== 4 || parent.guildId !== guild.id)
      throw new Error('parentId must be a category of this guild');
  }
  ctx.world.channels.set(channel.id, channel);
  guild.channelIds.push(channel.id);
  ctx.events.dispatch({
    event: 'CHANNEL_CREATE',
    audience: { guildId: guild.id },
    data: channelPayload(ctx.world, channel),
  });
  ctx.events.record('channel.created', { guildId: guild.id, channel: channelPayload(ctx.world, channel) });
  return channel;
}

/** The DM channel between a bot and a user, created on first use as Discord does. */
export function openDmChannel(ctx: EmulatorContext, botUserId: string, userId: string): ChannelRecord {
  const existing = ctx.world.dmChannelBetween(botUserId, userId);
  if (existing) return existing;
  const channel: ChannelRecord = {
    id: ctx.ids.next(),
    type: 1,
    guildId: null,
    name: null,
    position: 0,
    parentId: null,
    topic: null,
    nsfw: false,
    bitrate: 0,
    userLimit: 0,
    recipientIds: [userId, botUserId],
    lastMessageId: null,
  };
  ctx.world.channels.set(channel.id, channel);
  return channel;
}
