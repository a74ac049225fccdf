import type { MiddlewareFn } from 'telegraf';
import { chatTitle, membershipChange, orderOf } from '../telegram-chats/membership.ts';
import { followUpgrade, recordMembership, renameChat } from '../telegram-chats/telegram-chats.ts';
import type { TandemContext } from './tandem-context.ts';
import type { TelegramDeps } from './telegram-deps.ts';

/**
 * What Telegram posts in a group about the group itself (who joined or left, a new title or photo,
 * an upgrade, a pin): its sender changed the chat, they did not talk in it or use the bot.
 */
const chatServiceFields = [
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'new_chat_photo',
  'delete_chat_photo',
  'group_chat_created',
  'supergroup_chat_created',
  'channel_chat_created',
  'migrate_to_chat_id',
  'migrate_from_chat_id',
  'pinned_message',
  'message_auto_delete_timer_changed',
] as const;

/**
 * Keeps the list of groups and channels the bot is in (src/telegram-chats) current, for the panel's
 * Telegram chat pickers: the bot's own membership updates, renames and group upgrades. Runs before
 * the sender is resolved, and membership updates and the group's service messages stop here: the
 * admin who adds the bot, or a member who joins, is not playing yet, so no player is created for
 * them until they write, use a command or press a button. Other messages go on to the features.
 */
export function followBotChats(
  deps: Pick<TelegramDeps, 'db' | 'changes' | 'logger'>,
): MiddlewareFn<TandemContext> {
  return async (ctx, next) => {
    const update = ctx.update;
    // Nobody asked for this bookkeeping: a failed write is logged, never answered in the group.
    const keep = (write: Promise<unknown>) =>
      write.catch((error: unknown) =>
        deps.logger.error(
          { err: error, updateId: update.update_id },
          'Telegram group list not updated: it shows this chat as it was until Telegram reports its next change',
        ),
      );
    if ('my_chat_member' in update) {
      const change = membershipChange(update);
      if (change) await keep(recordMembership(deps, change));
      return;
    }
    const message = 'message' in update ? update.message : undefined;
    if (message && 'new_chat_title' in message) {
      await keep(
        renameChat(deps, {
          chatId: String(message.chat.id),
          title: chatTitle({ id: message.chat.id, title: message.new_chat_title }),
          ...orderOf(update.update_id, message.date),
        }),
      );
    }
    if (message && 'migrate_to_chat_id' in message) {
      await keep(
        followUpgrade(deps, {
          fromChatId: String(message.chat.id),
          toChatId: String(message.migrate_to_chat_id),
        }),
      );
    }
    if (message && 'migrate_from_chat_id' in message) {
      await keep(
        followUpgrade(deps, {
          fromChatId: String(message.migrate_from_chat_id),
          toChatId: String(message.chat.id),
        }),
      );
    }
    if (message && chatServiceFields.some((field) => field in message)) return;
    return next();
  };
}
