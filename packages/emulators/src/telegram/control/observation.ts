import { menuButtonFor } from '../bot-api/methods/menu-button.ts';
import type { EmulatorContext } from '../context.ts';
import { ControlError } from '../errors.ts';
import type { StoredMessage } from '../world/records.ts';
import { requireBot, requireChat } from './places.ts';
import { describeBot } from './world-control.ts';

/** A message as the control API shows it: the current version plus what the bot did to it. */
export function describeMessage(stored: StoredMessage) {
  return {
    ...stored.message,
    sender: stored.sender,
    ...(stored.source ? { source: stored.source } : {}),
    ...(stored.replyKeyboard ? { replyKeyboard: stored.replyKeyboard } : {}),
    edits: stored.edits,
    ...(stored.reactions ? { reactions: stored.reactions } : {}),
    ...(stored.pollVotes ? { pollVotes: stored.pollVotes } : {}),
    deleted: stored.deletedAt !== undefined,
    ...(stored.deletedAt !== undefined ? { deletedAt: stored.deletedAt, deletedBy: stored.deletedBy } : {}),
  };
}

/** Everything posted in a chat, oldest first, deleted messages included unless asked otherwise. */
export function listMessages(
  ctx: EmulatorContext,
  chatId: number,
  options: { bot?: number | string; includeDeleted?: boolean } = {},
) {
  const chat = requireChat(ctx, chatId, options.bot);
  // The chat's pins, in the order they were pinned (the last is the one Telegram shows on top).
  const pinned = chat.pinnedMessageIds ?? [];
  return [...chat.messages.values()]
    .filter((stored) => options.includeDeleted !== false || stored.deletedAt === undefined)
    .map((stored) => {
      const pinOrder = pinned.indexOf(stored.message.message_id);
      return { ...describeMessage(stored), ...(pinOrder >= 0 ? { pinOrder } : {}) };
    });
}

/**
 * A bot's account, delivery mode, pending updates, menu button and registered commands. With `user`,
 * the menu button is the one of that user's private chat (setChatMenuButton with their chat_id).
 */
export function botStatus(ctx: EmulatorContext, ref: number | string, options: { user?: number } = {}) {
  const bot = requireBot(ctx, ref);
  const { queue, webhook } = ctx.channels.for(bot.id);
  return {
    bot: describeBot(bot),
    webhook: webhook.info(),
    pendingUpdates: queue.pendingCount,
    polling: queue.isPolling,
    /** The button beside a private chat's message field: the user's chat's own, else the default. */
    menuButton: menuButtonFor(bot, options.user),
    commands: [...bot.commands.entries()].map(([key, commands]) => {
      const [scope, chatId, userId, languageCode] = key.split('|');
      return {
        scope: {
          type: scope,
          ...(chatId ? { chat_id: Number(chatId) || chatId } : {}),
          ...(userId ? { user_id: Number(userId) } : {}),
        },
        languageCode,
        commands,
      };
    }),
  };
}

export function callbackStatus(ctx: EmulatorContext, id: string) {
  const record = ctx.world.callbacks.get(id);
  if (!record) throw ControlError.notFound(`No callback query ${id}`);
  return {
    callbackQuery: record.query,
    botId: record.botId,
    chatId: record.chatId,
    answer: record.answer ?? null,
  };
}
