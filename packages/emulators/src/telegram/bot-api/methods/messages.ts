import { BotApiError } from '../../errors.ts';
import { formatText } from '../../formatting/format-text.ts';
import { isAdmin } from '../../world/objects.ts';
import { unixNow } from '../../world/world.ts';
import { applyEdit, messageToEdit, postBotMessage } from '../bot-message.ts';
import { chatForBot } from '../chat-access.ts';
import { readLinkPreviewOptions } from '../link-preview.ts';
import { readReplyMarkup } from '../reply-markup.ts';
import type { MethodCall, MethodTable } from './method.ts';

const maxTextLength = 4096;
const maxCaptionLength = 1024;

/** The text is read before the chat, as the Bot API server does: `{}` is "message text is empty". */
function sendMessage({ ctx, bot, params }: MethodCall) {
  const linkPreview = readLinkPreviewOptions(params);
  const raw = params.string('text') ?? '';
  const parseMode = params.string('parse_mode');
  const { text, entities } = formatText(raw, parseMode, params.entities('entities'));
  if (!text.trim()) throw BotApiError.badRequest('message text is empty');
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'post');
  if (text.length > maxTextLength) throw BotApiError.badRequest('message is too long');
  return postBotMessage(
    ctx,
    bot,
    params,
    chat,
    {
      text,
      ...(entities.length ? { entities } : {}),
      ...(linkPreview ? { link_preview_options: linkPreview } : {}),
    },
    { text: raw, parseMode },
  );
}

function editMessageText({ ctx, bot, params }: MethodCall) {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  const stored = messageToEdit(params, chat, bot);
  if (stored.message.text === undefined)
    throw BotApiError.badRequest('there is no text in the message to edit');
  const raw = params.string('text') ?? '';
  const parseMode = params.string('parse_mode');
  const { text, entities } = formatText(raw, parseMode, params.entities('entities'));
  if (!text.trim()) throw BotApiError.badRequest('message text is empty');
  if (text.length > maxTextLength) throw BotApiError.badRequest('message is too long');
  const linkPreview = readLinkPreviewOptions(params);
  const markup = readReplyMarkup(params);
  stored.source = { text: raw, parseMode };
  // Without reply_markup Telegram drops the inline keyboard: an edit must resend it to keep it.
  return applyEdit(
    ctx,
    bot,
    chat,
    stored,
    {
      text,
      entities: entities.length ? entities : undefined,
      link_preview_options: linkPreview,
      reply_markup: markup.inline,
    },
    true,
  );
}

function editMessageCaption({ ctx, bot, params }: MethodCall) {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  const stored = messageToEdit(params, chat, bot);
  if (stored.message.text !== undefined)
    throw BotApiError.badRequest('there is no caption in the message to edit');
  const raw = params.string('caption') ?? '';
  const { text, entities } = formatText(
    raw,
    params.string('parse_mode'),
    params.entities('caption_entities'),
  );
  if (text.length > maxCaptionLength) throw BotApiError.badRequest('message caption is too long');
  const markup = readReplyMarkup(params);
  return applyEdit(
    ctx,
    bot,
    chat,
    stored,
    {
      caption: text || undefined,
      caption_entities: entities.length ? entities : undefined,
      reply_markup: markup.inline,
    },
    true,
  );
}

function editMessageReplyMarkup({ ctx, bot, params }: MethodCall) {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  const stored = messageToEdit(params, chat, bot);
  const markup = readReplyMarkup(params);
  return applyEdit(ctx, bot, chat, stored, { reply_markup: markup.inline }, true);
}

/**
 * Bots delete their own messages anywhere, anyone's in private chats, and others' in groups only
 * as administrators.
 */
function deleteMessage({ ctx, bot, params }: MethodCall) {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  const messageId = params.int('message_id');
  if (messageId === undefined) throw BotApiError.badRequest('message identifier is not specified');
  const stored = chat.messages.get(messageId);
  if (!stored || stored.deletedAt !== undefined) throw BotApiError.badRequest('message to delete not found');
  const own = stored.sender.kind === 'bot' && stored.sender.botId === bot.id;
  if (!own && chat.type !== 'private' && !isAdmin(chat.members.get(bot.id))) {
    throw BotApiError.badRequest("message can't be deleted");
  }
  stored.deletedAt = unixNow();
  stored.deletedBy = bot.id;
  ctx.log.record({ type: 'bot.delete', botId: bot.id, chatId: chat.id, messageId });
  return true;
}

const chatActions = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

function sendChatAction({ ctx, bot, params }: MethodCall) {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'post');
  const action = params.string('action') ?? '';
  if (!chatActions.has(action)) throw BotApiError.badRequest('wrong parameter action in request');
  ctx.log.record({ type: 'bot.chat_action', botId: bot.id, chatId: chat.id, action });
  return true;
}

export const messageMethods: MethodTable = {
  sendMessage,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  sendChatAction,
};

export { maxCaptionLength };
