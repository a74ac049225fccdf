import { BotApiError } from '../../errors.ts';
import type * as Tg from '../../types.ts';
import { isServiceMessage } from '../../world/objects.ts';
import { isUsableReaction, setReactions } from '../../world/reactions.ts';
import { chatForBot } from '../chat-access.ts';
import type { MethodCall, MethodTable } from './method.ts';

/** Bots react as non-premium users do: one reaction a message at most. */
const maxBotReactions = 1;

/**
 * setMessageReaction: the bot's own reaction, replaced (an empty or missing `reaction` removes it).
 * Reactions set by bots reach no bot as an update, as on Telegram.
 */
function setMessageReaction({ ctx, bot, params }: MethodCall) {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  const messageId = params.int('message_id');
  const stored = messageId === undefined ? undefined : chat.messages.get(messageId);
  if (!stored || stored.deletedAt !== undefined) throw BotApiError.badRequest('message to react not found');
  const raw = params.json('reaction') ?? [];
  if (!Array.isArray(raw)) throw BotApiError.badRequest("can't parse reaction JSON object");
  if (raw.length > maxBotReactions) throw BotApiError.badRequest('REACTIONS_TOO_MANY');
  const reaction = raw as Tg.ReactionType[];
  if (
    isServiceMessage(stored.message) ||
    !reaction.every((r) => typeof r === 'object' && r !== null && isUsableReaction(r, stored))
  ) {
    throw BotApiError.badRequest('REACTION_INVALID');
  }
  setReactions(stored, `bot:${bot.id}`, reaction);
  ctx.log.record({
    type: 'bot.reaction',
    botId: bot.id,
    chatId: chat.id,
    messageId: stored.message.message_id,
    reaction,
    isBig: params.bool('is_big') ?? false,
  });
  return true;
}

export const reactionMethods: MethodTable = { setMessageReaction };
