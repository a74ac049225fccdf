import { memberPayload } from '../payloads/guild.ts';
import { emojiPayload } from '../payloads/reaction.ts';
import type { EmojiRecord, MessageRecord, ReactionRecord } from '../world/types.ts';
import type { EmulatorContext } from './context.ts';
import { audiencesOf } from './messages.ts';

/** Distinct emoji a message can carry (Discord: 20). */
export const MAX_REACTION_EMOJI = 20;

/** The emoji in a route is not one Discord knows (10014): not unicode, or a custom emoji of no guild here. */
export class UnknownEmojiError extends Error {
  override name = 'UnknownEmojiError';
  constructor(readonly raw: string) {
    super(`Unknown emoji ${raw}`);
  }
}

/** A 21st distinct emoji on one message (30010). */
export class TooManyReactionsError extends Error {
  override name = 'TooManyReactionsError';
  constructor(readonly messageId: string) {
    super(`Message ${messageId} already carries ${MAX_REACTION_EMOJI} different reactions`);
  }
}

// Pictographs, flags (regional indicators) and keycaps: what a unicode reaction is made of.
const UNICODE_EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

/**
 * Reads the `{emoji}` of a reaction route, already URL-decoded: a unicode emoji, or `name:id` for a
 * custom one. Guild emojis are not modelled, so every custom emoji is unknown, as an emoji of a
 * guild the bot is not in is on Discord.
 */
export function parseEmoji(raw: string): EmojiRecord {
  if (/^[\w~-]+:\d+$/.test(raw) || !UNICODE_EMOJI.test(raw) || raw.length > 32)
    throw new UnknownEmojiError(raw);
  return { id: null, name: raw };
}

function sameEmoji(a: EmojiRecord, b: EmojiRecord): boolean {
  return a.id === b.id && a.name === b.name;
}

export function reactionOf(message: MessageRecord, emoji: EmojiRecord): ReactionRecord | undefined {
  return message.reactions?.find((reaction) => sameEmoji(reaction.emoji, emoji));
}

/** The fields every reaction event shares. */
function reactionEventBase(message: MessageRecord): Record<string, unknown> {
  return {
    channel_id: message.channelId,
    message_id: message.id,
    ...(message.guildId ? { guild_id: message.guildId } : {}),
  };
}

function announceReaction(ctx: EmulatorContext, message: MessageRecord, event: string, data: object): void {
  for (const audience of audiencesOf(ctx, message)) {
    ctx.events.dispatch({ event, audience, data: data as Record<string, unknown> });
  }
}

/**
 * A user reacts (MESSAGE_REACTION_ADD with the reactor's member in guilds). Reacting twice with
 * the same emoji changes nothing, as on Discord.
 */
export function addReaction(
  ctx: EmulatorContext,
  message: MessageRecord,
  userId: string,
  emoji: EmojiRecord,
): void {
  const user = ctx.world.requireUser(userId);
  message.reactions ??= [];
  let reaction = reactionOf(message, emoji);
  if (reaction?.userIds.includes(userId)) return;
  if (!reaction) {
    if (message.reactions.length >= MAX_REACTION_EMOJI) throw new TooManyReactionsError(message.id);
    reaction = { emoji, userIds: [] };
    message.reactions.push(reaction);
  }
  reaction.userIds.push(userId);
  const member = message.guildId ? ctx.world.guilds.get(message.guildId)?.members.get(userId) : undefined;
  announceReaction(ctx, message, 'MESSAGE_REACTION_ADD', {
    user_id: userId,
    ...reactionEventBase(message),
    ...(member ? { member: memberPayload(member, user) } : {}),
    emoji: emojiPayload(emoji),
    message_author_id: message.authorId,
    burst: false,
    burst_colors: [],
    type: 0,
  });
  ctx.events.record('reaction.added', { messageId: message.id, userId, emoji });
}

/** A reaction is taken back (MESSAGE_REACTION_REMOVE); taking back one that is not there changes nothing. */
export function removeReaction(
  ctx: EmulatorContext,
  message: MessageRecord,
  userId: string,
  emoji: EmojiRecord,
): void {
  const reaction = reactionOf(message, emoji);
  if (!reaction?.userIds.includes(userId)) return;
  reaction.userIds = reaction.userIds.filter((id) => id !== userId);
  if (reaction.userIds.length === 0) message.reactions = message.reactions?.filter((r) => r !== reaction);
  announceReaction(ctx, message, 'MESSAGE_REACTION_REMOVE', {
    user_id: userId,
    ...reactionEventBase(message),
    emoji: emojiPayload(emoji),
    burst: false,
    type: 0,
  });
  ctx.events.record('reaction.removed', { messageId: message.id, userId, emoji });
}

/** Clears every reaction (MESSAGE_REACTION_REMOVE_ALL), even when there were none, as Discord does. */
export function removeAllReactions(ctx: EmulatorContext, message: MessageRecord): void {
  message.reactions = [];
  announceReaction(ctx, message, 'MESSAGE_REACTION_REMOVE_ALL', reactionEventBase(message));
  ctx.events.record('reaction.cleared', { messageId: message.id });
}

/** Clears one emoji's reactions (MESSAGE_REACTION_REMOVE_EMOJI); nothing happens when it had none. */
export function removeEmojiReactions(ctx: EmulatorContext, message: MessageRecord, emoji: EmojiRecord): void {
  const reaction = reactionOf(message, emoji);
  if (!reaction) return;
  message.reactions = message.reactions?.filter((r) => r !== reaction);
  announceReaction(ctx, message, 'MESSAGE_REACTION_REMOVE_EMOJI', {
    ...reactionEventBase(message),
    emoji: emojiPayload(emoji),
  });
  ctx.events.record('reaction.cleared', { messageId: message.id, emoji });
}
