import { randomBytes } from 'node:crypto';
import { BotApiError } from '../../errors.ts';
import type * as Tg from '../../types.ts';
import { chatView, isServiceMessage } from '../../world/objects.ts';
import { freshPoll } from '../../world/polls.ts';
import type { ChatRecord, StoredMessage } from '../../world/records.ts';
import { type MessageContent, postBotMessage } from '../bot-message.ts';
import { chatForBot } from '../chat-access.ts';
import type { Params } from '../params.ts';
import { readCaption } from './media.ts';
import type { MethodCall, MethodTable } from './method.ts';

type Mode = 'forward' | 'copy';

const maxBatch = 100;

/**
 * The message a bot names in `from_chat_id` + `message_id`, with Telegram's refusals per mode. A
 * missing or unreadable id is 0 on the Bot API server, so it is simply not found.
 */
function sourceMessage(chat: ChatRecord, messageId: number, mode: Mode): StoredMessage {
  const stored = chat.messages.get(messageId);
  if (!stored || stored.deletedAt !== undefined) throw BotApiError.badRequest(`message to ${mode} not found`);
  if (isServiceMessage(stored.message)) {
    throw BotApiError.badRequest(`message can't be ${mode === 'forward' ? 'forwarded' : 'copied'}`);
  }
  return stored;
}

/** Who first sent a message: kept through forwards of forwards, as Telegram does. */
function originOf(ctx: MethodCall['ctx'], chat: ChatRecord, message: Tg.Message): Tg.MessageOrigin {
  if (message.forward_origin) return message.forward_origin;
  if (chat.type === 'channel') {
    return {
      type: 'channel',
      date: message.date,
      chat: chatView(ctx.world, chat),
      message_id: message.message_id,
    };
  }
  if (message.from) return { type: 'user', date: message.date, sender_user: message.from };
  return { type: 'chat', date: message.date, sender_chat: chatView(ctx.world, chat) };
}

/** What travels with a forward or copy: the content, not the envelope, keyboard or album. */
function contentOf(message: Tg.Message): MessageContent {
  const {
    message_id: _id,
    from: _from,
    chat: _chat,
    date: _date,
    edit_date: _edited,
    reply_to_message: _reply,
    reply_markup: _markup,
    media_group_id: _group,
    forward_origin: _origin,
    ...content
  } = message;
  return content;
}

type CaptionFields = Pick<MessageContent, 'caption' | 'caption_entities'>;

/**
 * A copy: the content without a link to the original, a copied poll being a new one. Its caption is
 * the original's, none (`remove_caption`), or a new one (copyMessage's `caption`).
 */
function copyContent(message: Tg.Message, caption: CaptionFields | 'keep' | 'remove'): MessageContent {
  const content = contentOf(message);
  if (content.poll) content.poll = freshPoll(content.poll);
  if (content.text !== undefined || caption === 'keep') return content;
  const { caption: _caption, caption_entities: _entities, ...rest } = content;
  return caption === 'remove' ? rest : { ...rest, ...caption };
}

function newCaption(params: Params): CaptionFields | 'keep' {
  if (!params.has('caption') && !params.has('caption_entities')) return 'keep';
  return readCaption(
    params.string('caption'),
    params.string('parse_mode'),
    params.entities('caption_entities'),
  ).fields;
}

/** Messages of one album stay one album in the target chat, under a new id. */
function albumIds(): (sourceGroupId: string | undefined) => string | undefined {
  const byOriginal = new Map<string, string>();
  return (sourceGroupId) => {
    if (sourceGroupId === undefined) return undefined;
    let id = byOriginal.get(sourceGroupId);
    if (!id) {
      id = (randomBytes(8).readBigUInt64BE(0) >> 1n).toString();
      byOriginal.set(sourceGroupId, id);
    }
    return id;
  };
}

/**
 * The Bot API server asks for `from_chat_id` before anything else, then finds the source message,
 * and only then looks at the target chat.
 */
function sourceChat({ ctx, bot, params }: MethodCall): ChatRecord {
  if (!params.has('from_chat_id')) throw BotApiError.badRequest('parameter "from_chat_id" is required');
  return chatForBot(ctx.world, bot, params.chatId('from_chat_id'), 'read');
}

function targetChat({ ctx, bot, params }: MethodCall): ChatRecord {
  return chatForBot(ctx.world, bot, params.chatId(), 'post');
}

/** `message_id` as the server reads it: text up to its first non-digit, a negative id being 0. */
function messageIdParam(params: Params): number {
  return params.clampedInt('message_id', { fallback: 0, min: 0, max: 2 ** 31 - 1 });
}

function forwardMessage(call: MethodCall): Tg.Message {
  const { ctx, bot, params } = call;
  const from = sourceChat(call);
  const stored = sourceMessage(from, messageIdParam(params), 'forward');
  const target = targetChat(call);
  const origin = originOf(ctx, from, stored.message);
  return postBotMessage(ctx, bot, params, target, { ...contentOf(stored.message), forward_origin: origin });
}

function copyMessage(call: MethodCall): Tg.MessageId {
  const { ctx, bot, params } = call;
  const from = sourceChat(call);
  const stored = sourceMessage(from, messageIdParam(params), 'copy');
  const target = targetChat(call);
  const copy = postBotMessage(ctx, bot, params, target, copyContent(stored.message, newCaption(params)));
  return { message_id: copy.message_id };
}

/**
 * `message_ids`: 1-100 positive identifiers (numbers or numeric strings) in strictly increasing
 * order, refused with the Bot API server's wording.
 */
function readMessageIds(params: Params): number[] {
  if (!params.has('message_ids')) throw BotApiError.badRequest('message identifiers are not specified');
  const ids = params.json('message_ids', "can't parse message_ids JSON object");
  if (!Array.isArray(ids)) throw BotApiError.badRequest('expected an Array of message identifiers');
  if (ids.length > maxBatch) throw BotApiError.badRequest('too many message identifiers specified');
  if (ids.length === 0) throw BotApiError.badRequest('message identifiers are not specified');
  const numbers = ids.map((id: unknown) => {
    if (typeof id !== 'number' && typeof id !== 'string')
      throw BotApiError.badRequest('message identifier must be a Number');
    const text = String(id);
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Math.abs(Number(text)) > 2 ** 31 - 1)
      throw BotApiError.badRequest("can't parse message identifier as Number");
    if (Number(text) <= 0) throw BotApiError.badRequest('invalid message identifier specified');
    return Number(text);
  });
  if (numbers.some((id, index) => index > 0 && id <= numbers[index - 1]!)) {
    throw BotApiError.badRequest('message identifiers must be in a strictly increasing order');
  }
  return numbers;
}

/**
 * forwardMessages / copyMessages: messages that cannot be found or sent are skipped, as the Bot API
 * documents; albums stay albums. Answers the MessageIds of what was sent, in order.
 */
function sendBatch(call: MethodCall, mode: Mode): Tg.MessageId[] {
  const { ctx, bot, params } = call;
  if (!params.has('from_chat_id')) throw BotApiError.badRequest('parameter "from_chat_id" is required');
  const ids = readMessageIds(params);
  const target = targetChat(call);
  const from = sourceChat(call);
  const groupFor = albumIds();
  const caption = params.bool('remove_caption') === true ? 'remove' : 'keep';
  return ids.flatMap((id) => {
    let stored: StoredMessage;
    try {
      stored = sourceMessage(from, id, mode);
    } catch {
      return [];
    }
    const groupId = groupFor(stored.message.media_group_id);
    const content =
      mode === 'forward'
        ? { ...contentOf(stored.message), forward_origin: originOf(ctx, from, stored.message) }
        : copyContent(stored.message, caption);
    const sent = postBotMessage(ctx, bot, params, target, {
      ...content,
      ...(groupId ? { media_group_id: groupId } : {}),
    });
    return [{ message_id: sent.message_id }];
  });
}

export const forwardingMethods: MethodTable = {
  forwardMessage,
  forwardMessages: (call) => sendBatch(call, 'forward'),
  copyMessage,
  copyMessages: (call) => sendBatch(call, 'copy'),
};
