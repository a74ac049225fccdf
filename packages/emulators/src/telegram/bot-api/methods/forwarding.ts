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

/** The message a bot names in `from_chat_id` + `message_id`, with Telegram's refusals per mode. */
function sourceMessage(chat: ChatRecord, messageId: number | undefined, mode: Mode): StoredMessage {
  if (messageId === undefined) throw BotApiError.badRequest('message identifier is not specified');
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

function places({ ctx, bot, params }: MethodCall) {
  const target = chatForBot(ctx.world, bot, params.chatId(), 'post');
  const from = chatForBot(ctx.world, bot, params.chatId('from_chat_id'), 'read');
  return { target, from };
}

function forwardMessage(call: MethodCall): Tg.Message {
  const { ctx, bot, params } = call;
  const { target, from } = places(call);
  const stored = sourceMessage(from, params.int('message_id'), 'forward');
  const origin = originOf(ctx, from, stored.message);
  return postBotMessage(ctx, bot, params, target, { ...contentOf(stored.message), forward_origin: origin });
}

function copyMessage(call: MethodCall): Tg.MessageId {
  const { ctx, bot, params } = call;
  const { target, from } = places(call);
  const stored = sourceMessage(from, params.int('message_id'), 'copy');
  const copy = postBotMessage(ctx, bot, params, target, copyContent(stored.message, newCaption(params)));
  return { message_id: copy.message_id };
}

/** `message_ids`: 1-100 identifiers in strictly increasing order. */
function readMessageIds(params: Params): number[] {
  const ids = params.json('message_ids');
  if (ids === undefined) throw BotApiError.badRequest('parameter "message_ids" is required');
  if (!Array.isArray(ids) || !ids.every((id) => Number.isSafeInteger(id))) {
    throw BotApiError.badRequest("can't parse message_ids JSON array");
  }
  if (ids.length < 1 || ids.length > maxBatch) throw BotApiError.badRequest('too many messages to forward');
  if (ids.some((id, index) => index > 0 && id <= ids[index - 1])) {
    throw BotApiError.badRequest('message identifiers must be in a strictly increasing order');
  }
  return ids as number[];
}

/**
 * forwardMessages / copyMessages: messages that cannot be found or sent are skipped, as the Bot API
 * documents; albums stay albums. Answers the MessageIds of what was sent, in order.
 */
function sendBatch(call: MethodCall, mode: Mode): Tg.MessageId[] {
  const { ctx, bot, params } = call;
  const { target, from } = places(call);
  const ids = readMessageIds(params);
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
