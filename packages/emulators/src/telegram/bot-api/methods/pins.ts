import { BotApiError } from '../../errors.ts';
import { embeddedMessage } from '../../world/objects.ts';
import type { BotRecord, ChatRecord } from '../../world/records.ts';
import { postBotServiceMessage } from '../bot-message.ts';
import { chatForBot } from '../chat-access.ts';
import type { MethodCall, MethodTable } from './method.ts';

const notEnoughRights = 'not enough rights to manage pinned messages in the chat';

/**
 * Anyone pins in a private chat; in a group the bot must be the creator or an administrator with
 * `can_pin_messages`, in a channel one with `can_edit_messages`. (Groups whose members may all pin
 * are not emulated: a group's default permissions do not exist here.)
 */
function checkPinRights(bot: BotRecord, chat: ChatRecord): void {
  if (chat.type === 'private') return;
  const member = chat.members.get(bot.id);
  if (member?.status === 'creator') return;
  const right = chat.type === 'channel' ? 'can_edit_messages' : 'can_pin_messages';
  // An administrator added without naming rights holds every right of its chat's kind.
  const allowed =
    member?.status === 'administrator' && (member.rights ? member.rights[right] === true : true);
  if (!allowed) throw BotApiError.badRequest(notEnoughRights);
}

function pinChatMessage({ ctx, bot, params }: MethodCall) {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  checkPinRights(bot, chat);
  // A missing or unreadable id is 0 on the Bot API server: no such message.
  const messageId = params.clampedInt('message_id', { fallback: 0, min: 0, max: 2 ** 31 - 1 });
  const stored = chat.messages.get(messageId);
  if (!stored || stored.deletedAt !== undefined) throw BotApiError.badRequest('message to pin not found');
  const pinned = chat.pinnedMessageIds ?? [];
  if (pinned.at(-1) === messageId) return true;
  chat.pinnedMessageIds = [...pinned.filter((id) => id !== messageId), messageId];
  // Telegram announces a pin with a service message in groups and private chats, not in channels.
  if (chat.type !== 'channel') {
    postBotServiceMessage(ctx, bot, chat, { pinned_message: embeddedMessage(stored.message) });
  }
  return true;
}

/** Without `message_id` (or with 0), the most recently pinned message is unpinned. */
function unpinChatMessage({ ctx, bot, params }: MethodCall) {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  checkPinRights(bot, chat);
  const pinned = chat.pinnedMessageIds ?? [];
  const messageId =
    params.clampedInt('message_id', { fallback: 0, min: 0, max: 2 ** 31 - 1 }) || pinned.at(-1);
  if (messageId === undefined) return true;
  const stored = chat.messages.get(messageId);
  if (!stored || stored.deletedAt !== undefined) throw BotApiError.badRequest('message to unpin not found');
  chat.pinnedMessageIds = pinned.filter((id) => id !== messageId);
  ctx.log.record({ type: 'bot.unpin', botId: bot.id, chatId: chat.id, messageIds: [messageId] });
  return true;
}

function unpinAllChatMessages({ ctx, bot, params }: MethodCall) {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  checkPinRights(bot, chat);
  const messageIds = chat.pinnedMessageIds ?? [];
  chat.pinnedMessageIds = [];
  ctx.log.record({ type: 'bot.unpin', botId: bot.id, chatId: chat.id, messageIds });
  return true;
}

/** getChat's `pinned_message`: the most recently pinned message still in the chat. */
export function latestPinnedMessage(chat: ChatRecord) {
  const stored = [...(chat.pinnedMessageIds ?? [])]
    .reverse()
    .map((id) => chat.messages.get(id))
    .find((candidate) => candidate !== undefined && candidate.deletedAt === undefined);
  return stored ? embeddedMessage(stored.message) : undefined;
}

export const pinMethods: MethodTable = { pinChatMessage, unpinChatMessage, unpinAllChatMessages };
