import { channelPayload } from '../payloads/guild.ts';
import type { ChannelRecord, ChannelTypeValue, GuildRecord } from '../world/types.ts';
import type { EmulatorContext } from './context.ts';

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
