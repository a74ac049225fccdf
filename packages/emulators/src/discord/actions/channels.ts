import { channelPayload } from '../payloads/guild.ts';
import type { ChannelRecord, ChannelTypeValue, GuildRecord } from '../world/types.ts';
import { AuditLogEvent, diffChanges, recordAuditEntry } from './audit-log.ts';
import type { EmulatorContext } from './context.ts';
import { updateGuild } from './guilds.ts';
import type { ChangeActor } from './member-update.ts';
import { leaveVoice } from './voice.ts';

/** A channel change Discord refuses as a whole (answered 50035 over REST, 400 on the control API). */
export class InvalidChannelChangeError extends Error {
  override name = 'InvalidChannelChangeError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ChannelFields {
  name?: string;
  type?: ChannelTypeValue;
  parentId?: string | null;
  topic?: string | null;
  position?: number;
  nsfw?: boolean;
  bitrate?: number;
  userLimit?: number;
}

const auditOf = (actor: ChangeActor | undefined): Record<string, unknown> => (actor ? { actor } : {});

/** A parent must be a category of the same guild; categories have no parent. */
function assertParent(
  ctx: EmulatorContext,
  guild: GuildRecord,
  type: ChannelTypeValue,
  parentId: string | null,
) {
  if (!parentId) return;
  if (type === 4)
    throw new InvalidChannelChangeError('parent_id', 'A category cannot have a parent category.');
  const parent = ctx.world.channels.get(parentId);
  if (parent?.type !== 4 || parent.guildId !== guild.id)
    throw new InvalidChannelChangeError('parent_id', 'parentId must be a category of this guild');
}

function dispatchChannel(ctx: EmulatorContext, event: string, channel: ChannelRecord, guildId: string): void {
  ctx.events.dispatch({ event, audience: { guildId }, data: channelPayload(ctx.world, channel) });
}

/** Each change's gateway event, the kind the control API's history records it as, and its audit log event. */
const announcements = {
  created: { gateway: 'CHANNEL_CREATE', record: 'channel.created', audit: AuditLogEvent.ChannelCreate },
  updated: { gateway: 'CHANNEL_UPDATE', record: 'channel.updated', audit: AuditLogEvent.ChannelUpdate },
  deleted: { gateway: 'CHANNEL_DELETE', record: 'channel.deleted', audit: AuditLogEvent.ChannelDelete },
} as const;

/** The channel fields the audit log tracks; voice fields only for voice channels. */
function channelAuditView(channel: ChannelRecord): Record<string, unknown> {
  return {
    name: channel.name,
    type: channel.type,
    topic: channel.topic,
    nsfw: channel.nsfw,
    parent_id: channel.parentId,
    position: channel.position,
    ...(channel.type === 2 || channel.type === 13
      ? { bitrate: channel.bitrate, user_limit: channel.userLimit }
      : {}),
  };
}

/** Tells the guild's bots (the gateway event) and the control API's history (with the audit actor). */
function announceChannel(
  ctx: EmulatorContext,
  change: keyof typeof announcements,
  channel: ChannelRecord,
  guildId: string,
  actor: ChangeActor | undefined,
  before: Record<string, unknown> | null,
): void {
  dispatchChannel(ctx, announcements[change].gateway, channel, guildId);
  const changes = diffChanges(before, change === 'deleted' ? null : channelAuditView(channel));
  if (change !== 'updated' || changes.length > 0) {
    const guild = ctx.world.requireGuild(guildId);
    recordAuditEntry(
      ctx,
      guild,
      { actionType: announcements[change].audit, targetId: channel.id, changes },
      actor,
    );
  }
  ctx.events.record(announcements[change].record, {
    guildId,
    channel: channelPayload(ctx.world, channel),
    ...auditOf(actor),
  });
}

export function createChannel(
  ctx: EmulatorContext,
  guild: GuildRecord,
  input: ChannelFields & { id?: string; name: string; type: ChannelTypeValue },
  actor?: ChangeActor,
): ChannelRecord {
  const channel: ChannelRecord = {
    id: input.id ?? ctx.ids.next(),
    type: input.type,
    guildId: guild.id,
    name: input.name,
    position: input.position ?? guild.channelIds.length,
    parentId: input.parentId ?? null,
    topic: input.topic ?? null,
    nsfw: input.nsfw ?? false,
    bitrate: input.bitrate ?? 64_000,
    userLimit: input.userLimit ?? 0,
    recipientIds: [],
    lastMessageId: null,
  };
  assertParent(ctx, guild, channel.type, channel.parentId);
  ctx.world.channels.set(channel.id, channel);
  guild.channelIds.push(channel.id);
  announceChannel(ctx, 'created', channel, guild.id, actor, null);
  return channel;
}

/**
 * Changes a guild channel and dispatches CHANNEL_UPDATE. Only text and announcement channels
 * may switch type, into each other, as on Discord.
 */
export function updateChannel(
  ctx: EmulatorContext,
  channel: ChannelRecord,
  changes: ChannelFields,
  actor?: ChangeActor,
): ChannelRecord {
  const guild = ctx.world.requireGuild(channel.guildId ?? '');
  if (changes.type !== undefined && changes.type !== channel.type) {
    const convertible = [0, 5];
    if (!convertible.includes(changes.type) || !convertible.includes(channel.type))
      throw new InvalidChannelChangeError('type', 'Only text and announcement channels can change type.');
  }
  const parentId = changes.parentId !== undefined ? changes.parentId : channel.parentId;
  assertParent(ctx, guild, channel.type, parentId);
  const before = channelAuditView(channel);
  if (changes.name !== undefined) channel.name = changes.name;
  if (changes.type !== undefined) channel.type = changes.type;
  if (changes.parentId !== undefined) channel.parentId = changes.parentId;
  if (changes.topic !== undefined) channel.topic = changes.topic;
  if (changes.position !== undefined) channel.position = changes.position;
  if (changes.nsfw !== undefined) channel.nsfw = changes.nsfw;
  if (changes.bitrate !== undefined) channel.bitrate = changes.bitrate;
  if (changes.userLimit !== undefined) channel.userLimit = changes.userLimit;
  announceChannel(ctx, 'updated', channel, guild.id, actor, before);
  return channel;
}

/**
 * Deletes a guild channel as Discord does: members in it leave voice, a deleted category's
 * channels lose their parent (CHANNEL_UPDATE each), the guild forgets it as AFK or system
 * channel (GUILD_UPDATE), then CHANNEL_DELETE. Its messages go with it.
 */
export function deleteChannel(ctx: EmulatorContext, channel: ChannelRecord, actor?: ChangeActor): void {
  const guild = ctx.world.requireGuild(channel.guildId ?? '');
  for (const state of [...guild.voiceStates.values()])
    if (state.channelId === channel.id) leaveVoice(ctx, guild, state.userId);
  for (const child of ctx.world.guildChannels(guild)) {
    if (child.parentId !== channel.id) continue;
    child.parentId = null;
    dispatchChannel(ctx, 'CHANNEL_UPDATE', child, guild.id);
  }
  const forgotten = {
    ...(guild.afkChannelId === channel.id ? { afkChannelId: null } : {}),
    ...(guild.systemChannelId === channel.id ? { systemChannelId: null } : {}),
  };
  if (Object.keys(forgotten).length > 0) updateGuild(ctx, guild, forgotten);
  ctx.world.channels.delete(channel.id);
  guild.channelIds = guild.channelIds.filter((id) => id !== channel.id);
  for (const message of ctx.world.messages.values())
    if (message.channelId === channel.id) message.deleted = true;
  announceChannel(ctx, 'deleted', channel, guild.id, actor, channelAuditView(channel));
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
