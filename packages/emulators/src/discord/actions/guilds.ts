import { guildPayload } from '../payloads/guild.ts';
import { DEFAULT_LOCALE } from '../world/locales.ts';
import { DEFAULT_EVERYONE_PERMISSIONS } from '../world/permissions.ts';
import type { GuildRecord, RoleRecord } from '../world/types.ts';
import { UnknownEntityError } from '../world/unknown-entity-error.ts';
import type { EmulatorContext } from './context.ts';

export function createGuild(
  ctx: EmulatorContext,
  input: { id?: string; name: string; ownerId: string; preferredLocale?: string },
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
    preferredLocale: input.preferredLocale ?? DEFAULT_LOCALE,
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
    preferredLocale?: string;
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
  if (changes.preferredLocale !== undefined) guild.preferredLocale = changes.preferredLocale;
  ctx.events.dispatch({
    event: 'GUILD_UPDATE',
    audience: { guildId: guild.id },
    data: guildPayload(ctx.world, guild),
  });
  ctx.events.record('guild.updated', { guildId: guild.id, changes });
  return guild;
}
