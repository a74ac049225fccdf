import { MessageType } from '../payloads/message.ts';
import { discordTimestamp } from '../payloads/timestamp.ts';
import { compareSnowflakes } from '../snowflake.ts';
import type { MessageRecord } from '../world/types.ts';
import { AuditLogEvent, recordAuditEntry } from './audit-log.ts';
import type { EmulatorContext } from './context.ts';
import type { ChangeActor } from './member-update.ts';
import { postMessage } from './messages.ts';

/** Pins a channel can hold (Discord: 50). */
export const MAX_PINS = 50;

/** A 51st pin in one channel (30003). */
export class TooManyPinsError extends Error {
  override name = 'TooManyPinsError';
  constructor(readonly channelId: string) {
    super(`Channel ${channelId} already holds ${MAX_PINS} pinned messages`);
  }
}

/** The channel's pinned messages, most recently pinned first (as Get Channel Pins lists them). */
export function pinnedMessages(ctx: EmulatorContext, channelId: string): MessageRecord[] {
  return ctx.world
    .channelMessages(channelId)
    .filter((message) => message.pinnedAt != null)
    .sort((a, b) => (b.pinnedAt ?? 0) - (a.pinnedAt ?? 0) || compareSnowflakes(b.id, a.id));
}

/** Pins in a guild go to its audit log: the target is the message's author, as on Discord. */
function auditPin(
  ctx: EmulatorContext,
  message: MessageRecord,
  actionType: number,
  actor: ChangeActor,
): void {
  if (!message.guildId) return;
  recordAuditEntry(
    ctx,
    ctx.world.requireGuild(message.guildId),
    {
      actionType,
      targetId: message.authorId,
      options: { channel_id: message.channelId, message_id: message.id },
    },
    actor,
  );
}

function announcePins(ctx: EmulatorContext, message: MessageRecord): void {
  const latest = pinnedMessages(ctx, message.channelId)[0];
  const data = {
    ...(message.guildId ? { guild_id: message.guildId } : {}),
    channel_id: message.channelId,
    last_pin_timestamp: latest?.pinnedAt != null ? discordTimestamp(latest.pinnedAt) : null,
  };
  const channel = ctx.world.requireChannel(message.channelId);
  const audiences = message.guildId
    ? [{ guildId: message.guildId }]
    : channel.recipientIds.filter((id) => ctx.world.users.get(id)?.bot).map((botUserId) => ({ botUserId }));
  for (const audience of audiences) ctx.events.dispatch({ event: 'CHANNEL_PINS_UPDATE', audience, data });
}

/**
 * Pins a message: CHANNEL_PINS_UPDATE, and the "pinned a message" system message (type 6) by
 * whoever pinned it, referencing the pinned message. Pinning a pinned message changes nothing.
 */
export function pinMessage(
  ctx: EmulatorContext,
  message: MessageRecord,
  actor: ChangeActor & { userId: string },
): void {
  if (message.pinnedAt != null) return;
  const pins = pinnedMessages(ctx, message.channelId);
  if (pins.length >= MAX_PINS) throw new TooManyPinsError(message.channelId);
  // Pin times stay distinct within a channel, so paging by `before` (a pin time) never skips one.
  message.pinnedAt = Math.max(ctx.now(), (pins[0]?.pinnedAt ?? 0) + 1);
  announcePins(ctx, message);
  postMessage(ctx, {
    channelId: message.channelId,
    authorId: actor.userId,
    type: MessageType.ChannelPinnedMessage,
    messageReference: {
      message_id: message.id,
      channel_id: message.channelId,
      ...(message.guildId ? { guild_id: message.guildId } : {}),
    },
  });
  ctx.events.record('message.pinned', { messageId: message.id, channelId: message.channelId, actor });
  auditPin(ctx, message, AuditLogEvent.MessagePin, actor);
}

/** Unpins a message (CHANNEL_PINS_UPDATE with the newest remaining pin); unpinning twice changes nothing. */
export function unpinMessage(
  ctx: EmulatorContext,
  message: MessageRecord,
  actor: ChangeActor & { userId: string },
): void {
  if (message.pinnedAt == null) return;
  message.pinnedAt = null;
  announcePins(ctx, message);
  ctx.events.record('message.unpinned', { messageId: message.id, channelId: message.channelId, actor });
  auditPin(ctx, message, AuditLogEvent.MessageUnpin, actor);
}
