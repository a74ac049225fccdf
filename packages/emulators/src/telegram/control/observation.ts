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
  return [...chat.messages.values()]
    .filter((stored) => options.includeDeleted !== false || stored.deletedAt === undefined)
    .map(describeMessage);
}

/** A bot's account, delivery mode, pending updates and registered commands. */
export function botStatus(ctx: EmulatorContext, ref: number | string) {
  const bot = requireBot(ctx, ref);
  const { queue, webhook } = ctx.channels.for(bot.id);
  return {
    bot: describeBot(bot),
    webhook: webhook.info(),
    pendingUpdates: queue.pendingCount,
    polling: queue.isPolling,
    /** The button beside a private chat's message field, for chats without their own. */
    menuButton: menuButtonFor(bot),
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
