import type { EmulatorContext } from '../context.ts';
import { BotApiError } from '../errors.ts';
import type * as Tg from '../types.ts';
import { botUserObject, chatView, embeddedMessage } from '../world/objects.ts';
import type { BotRecord, ChatRecord, StoredMessage } from '../world/records.ts';
import { unixNow } from '../world/world.ts';
import type { Params } from './params.ts';
import { readReplyMarkup } from './reply-markup.ts';

/** What a message says or carries; who sent it, where and when are filled in on posting. */
export type MessageContent = Omit<Tg.Message, 'message_id' | 'from' | 'chat' | 'date' | 'reply_to_message'>;

/**
 * Posts a message from a bot after the checks every send method shares (reply target, markup,
 * flood limits), records it in the chat and the event log, and answers the Message.
 */
export function postBotMessage(
  ctx: EmulatorContext,
  bot: BotRecord,
  params: Params,
  chat: ChatRecord,
  content: MessageContent,
  source?: StoredMessage['source'],
): Tg.Message {
  const markup = readReplyMarkup(params);
  const replyTo = readReplyTarget(params, chat);
  const retryAfter = ctx.flood.take(bot.id, chat.id, chat.type !== 'private');
  if (retryAfter !== undefined) throw BotApiError.tooManyRequests(retryAfter);
  const message: Tg.Message = {
    message_id: ctx.world.nextMessageId(chat),
    from: botUserObject(bot),
    chat: chatView(ctx.world, chat),
    date: unixNow(),
    ...(replyTo ? { reply_to_message: embeddedMessage(replyTo.message) } : {}),
    ...content,
    ...(markup.inline ? { reply_markup: markup.inline } : {}),
  };
  chat.messages.set(message.message_id, {
    message,
    sender: { kind: 'bot', botId: bot.id },
    replyKeyboard: markup.keyboard,
    source,
    edits: [],
  });
  ctx.log.record({
    type: 'bot.message',
    botId: bot.id,
    chatId: chat.id,
    message,
    ...(markup.keyboard ? { replyKeyboard: markup.keyboard } : {}),
  });
  return message;
}

/**
 * A service message the bot's action produced (a pin): recorded and logged like its messages, but
 * outside flood control and without reply or markup parameters.
 */
export function postBotServiceMessage(
  ctx: EmulatorContext,
  bot: BotRecord,
  chat: ChatRecord,
  content: MessageContent,
): Tg.Message {
  const message: Tg.Message = {
    message_id: ctx.world.nextMessageId(chat),
    from: botUserObject(bot),
    chat: chatView(ctx.world, chat),
    date: unixNow(),
    ...content,
  };
  chat.messages.set(message.message_id, { message, sender: { kind: 'bot', botId: bot.id }, edits: [] });
  ctx.log.record({ type: 'bot.message', botId: bot.id, chatId: chat.id, message });
  return message;
}

/** `reply_parameters` (current) or `reply_to_message_id` (older bots, telegraf's `reply_to_message_id`). */
function readReplyTarget(params: Params, chat: ChatRecord): StoredMessage | undefined {
  const parameters = params.json('reply_parameters') as
    | { message_id?: unknown; allow_sending_without_reply?: unknown }
    | undefined;
  const messageId = parameters ? Number(parameters.message_id) : params.int('reply_to_message_id');
  if (messageId === undefined) return undefined;
  const allowMissing = parameters
    ? parameters.allow_sending_without_reply === true
    : params.bool('allow_sending_without_reply') === true;
  const target = chat.messages.get(messageId);
  if (target && target.deletedAt === undefined) return target;
  if (allowMissing) return undefined;
  throw BotApiError.badRequest('message to be replied not found');
}

/** A message the bot may edit: present, not deleted, its own. */
export function messageToEdit(params: Params, chat: ChatRecord, bot: BotRecord): StoredMessage {
  if (params.has('inline_message_id')) throw BotApiError.badRequest('MESSAGE_ID_INVALID');
  const messageId = params.int('message_id');
  if (messageId === undefined) throw BotApiError.badRequest('message identifier is not specified');
  const stored = chat.messages.get(messageId);
  if (!stored || stored.deletedAt !== undefined) throw BotApiError.badRequest('message to edit not found');
  if (stored.sender.kind !== 'bot' || stored.sender.botId !== bot.id) {
    throw BotApiError.badRequest("message can't be edited");
  }
  return stored;
}

const notModified =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

/** Applies an edit, keeping the previous version; refuses an edit that changes nothing, as Telegram does. */
export function applyEdit(
  ctx: EmulatorContext,
  bot: BotRecord,
  chat: ChatRecord,
  stored: StoredMessage,
  changes: Partial<Tg.Message>,
  removeMarkup: boolean,
): Tg.Message {
  const { reply_markup: _old, edit_date: _date, ...base } = stored.message;
  const next: Tg.Message = {
    ...base,
    ...changes,
    ...(removeMarkup || changes.reply_markup
      ? {}
      : stored.message.reply_markup
        ? { reply_markup: stored.message.reply_markup }
        : {}),
  };
  for (const key of Object.keys(next) as Array<keyof Tg.Message>) {
    if (next[key] === undefined) delete next[key];
  }
  if (editableContent(next) === editableContent(stored.message)) throw BotApiError.badRequest(notModified);
  stored.edits.push({ date: unixNow(), message: stored.message });
  stored.message = { ...next, edit_date: unixNow() };
  ctx.log.record({ type: 'bot.edit', botId: bot.id, chatId: chat.id, message: stored.message });
  return stored.message;
}

function editableContent(message: Tg.Message): string {
  const { text, entities, caption, caption_entities, reply_markup } = message;
  return JSON.stringify([text, entities, caption, caption_entities, reply_markup]);
}
