import type { EmulatorContext } from '../context.ts';
import { ControlError } from '../errors.ts';
import type * as Tg from '../types.ts';
import { chatView, isAdmin, isPresent, isServiceMessage, userObject } from '../world/objects.ts';
import { type ReactorKey, reactionCounts, reactionEmoji, setReactions } from '../world/reactions.ts';
import type { BotRecord, ChatRecord } from '../world/records.ts';
import { unixNow } from '../world/world.ts';
import { placeOfUser, requireBot } from './places.ts';
import { parseInput, reactSchema } from './schemas.ts';
import type { DeliveredUpdate } from './user-messages.ts';

export interface Reacted {
  messageId: number;
  oldReaction: Tg.ReactionType[];
  newReaction: Tg.ReactionType[];
  /** Bots that asked for `message_reaction` (or `message_reaction_count`) in `allowed_updates`. */
  updates: DeliveredUpdate[];
  seq: number;
}

/**
 * The bots that hear about reactions: in a private chat its bot, in a group or channel the bots that
 * are administrators there (Telegram's rule). Each still gets nothing unless it listed the kind in
 * `allowed_updates`: reactions are not among the default kinds.
 */
function reactionRecipients(ctx: EmulatorContext, chat: ChatRecord): BotRecord[] {
  if (chat.type === 'private') return chat.botId === undefined ? [] : [requireBot(ctx, chat.botId)];
  return [...chat.members.entries()].flatMap(([id, member]) => {
    const bot = member.isBot && isPresent(member) && isAdmin(member) ? ctx.world.bot(id) : undefined;
    return bot ? [bot] : [];
  });
}

/** A user sets their reactions on a message; bots get `message_reaction` or, anonymous, the new counts. */
export function reactToMessage(ctx: EmulatorContext, raw: unknown): Reacted {
  const input = parseInput(reactSchema, raw);
  const { user, chat } = placeOfUser(ctx, input);
  const stored = chat.messages.get(input.messageId);
  if (!stored || stored.deletedAt !== undefined) {
    throw ControlError.notFound(`No message ${input.messageId} in chat ${chat.id}`);
  }
  if (isServiceMessage(stored.message)) throw ControlError.invalid('Service messages take no reactions');
  const unknown = input.reaction.find((emoji) => !reactionEmoji.has(emoji));
  if (unknown !== undefined) {
    throw ControlError.invalid(`${JSON.stringify(unknown)} is not a reaction emoji the Bot API lists`);
  }
  const reaction: Tg.ReactionType[] = input.reaction.map((emoji) => ({ type: 'emoji', emoji }));
  const anonymous = input.anonymous ?? chat.type === 'channel';
  const reactor: ReactorKey = anonymous ? `anonymous:${user.id}` : `user:${user.id}`;
  const oldReaction = setReactions(stored, reactor, reaction);
  const recipients = reactionRecipients(ctx, chat);
  const event = ctx.log.record({
    type: 'user.reaction',
    chatId: chat.id,
    userId: user.id,
    botIds: recipients.map((bot) => bot.id),
    messageId: input.messageId,
    reaction,
    anonymous,
  });
  const base = { chat: chatView(ctx.world, chat), message_id: input.messageId, date: unixNow() };
  const body: Tg.UpdateBody = anonymous
    ? { message_reaction_count: { ...base, reactions: reactionCounts(stored) } }
    : {
        message_reaction: {
          ...base,
          user: userObject(user),
          old_reaction: oldReaction,
          new_reaction: reaction,
        },
      };
  const updates = recipients.flatMap((bot) => {
    const update = ctx.channels.enqueue(bot.id, body);
    return update ? [{ botId: bot.id, update }] : [];
  });
  return { messageId: input.messageId, oldReaction, newReaction: reaction, updates, seq: event.seq };
}
