import { createHash } from 'node:crypto';
import type { EmulatorContext } from '../context.ts';
import { ControlError, isBotApiError } from '../errors.ts';
import { detectEntities } from '../formatting/auto-entities.ts';
import { documentObject, storeFile } from '../media/input-file.ts';
import type * as Tg from '../types.ts';
import { embeddedMessage, userObject } from '../world/objects.ts';
import type { BotRecord, CallbackAnswer, ChatRecord } from '../world/records.ts';
import { assertMaySend, placeOfUser, requireBot } from './places.ts';
import {
  parseInput,
  pressButtonSchema,
  userCommandSchema,
  userMediaSchema,
  userMessageSchema,
} from './schemas.ts';
import { type PostedMessage, postUserMessage } from './user-messages.ts';

/** A 1x1 transparent PNG: the photo a user sends when the script gives no bytes. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** A user types text; Telegram marks commands, mentions, links and hashtags in it. */
export function sendUserMessage(ctx: EmulatorContext, raw: unknown): PostedMessage {
  const input = parseInput(userMessageSchema, raw);
  const { user, chat } = placeOfUser(ctx, input);
  assertMaySend(chat, user.id, 'can_send_messages');
  const entities = detectEntities(input.text);
  return postUserMessage(
    ctx,
    chat,
    userObject(user),
    { text: input.text, ...(entities.length ? { entities } : {}) },
    input.replyToMessageId,
  );
}

/** `/command args`, addressed to the bot (`/command@bot`) in groups when a bot is named. */
export function sendUserCommand(ctx: EmulatorContext, raw: unknown): PostedMessage {
  const input = parseInput(userCommandSchema, raw);
  const command = input.command.replace(/^\//, '');
  const inGroup = input.chatId !== undefined && input.chatId < 0;
  const addressed = input.addressed ?? (inGroup && input.bot !== undefined);
  const suffix = addressed ? `@${requireBot(ctx, input.bot).username}` : '';
  const text = `/${command}${suffix}${input.args ? ` ${input.args}` : ''}`;
  return sendUserMessage(ctx, {
    from: input.from,
    chatId: input.chatId,
    bot: input.bot,
    text,
    replyToMessageId: input.replyToMessageId,
  });
}

export function sendUserMedia(ctx: EmulatorContext, kind: 'photo' | 'document', raw: unknown): PostedMessage {
  const input = parseInput(userMediaSchema, raw);
  const { user, chat } = placeOfUser(ctx, input);
  assertMaySend(chat, user.id, kind === 'photo' ? 'can_send_photos' : 'can_send_documents');
  const bytes = input.contentBase64
    ? Buffer.from(input.contentBase64, 'base64')
    : kind === 'photo'
      ? tinyPng
      : Buffer.alloc(input.sizeBytes);
  const name = input.fileName ?? (kind === 'photo' ? 'photo.png' : 'file.bin');
  let file: ReturnType<typeof storeFile>;
  try {
    file = storeFile(ctx.files, kind, bytes, name, input.mimeType);
  } catch (error) {
    if (isBotApiError(error)) throw ControlError.invalid(`The ${kind} was refused: ${error.description}`);
    throw error;
  }
  const captionEntities = input.caption ? detectEntities(input.caption) : [];
  return postUserMessage(ctx, chat, userObject(user), {
    ...(kind === 'photo' ? { photo: file.photoSizes ?? [] } : { document: documentObject(file) }),
    ...(input.caption ? { caption: input.caption } : {}),
    ...(captionEntities.length ? { caption_entities: captionEntities } : {}),
  });
}

export interface PressedButton {
  callbackQuery: Tg.CallbackQuery;
  update?: Tg.Update;
  seq: number;
  /** With `waitForAnswerMs`: the bot's answerCallbackQuery, if it came in time. */
  answer?: CallbackAnswer;
}

/** A user presses an inline button under a bot's message: the bot gets a `callback_query`. */
export async function pressButton(ctx: EmulatorContext, raw: unknown): Promise<PressedButton> {
  const input = parseInput(pressButtonSchema, raw);
  const { user, chat } = placeOfUser(ctx, input);
  const stored = chat.messages.get(input.messageId);
  if (!stored || stored.deletedAt !== undefined) {
    throw ControlError.notFound(`No message ${input.messageId} in chat ${chat.id}`);
  }
  if (stored.sender.kind !== 'bot')
    throw ControlError.invalid(`Message ${input.messageId} was not sent by a bot`);
  const bot = requireBot(ctx, stored.sender.botId);
  const button = stored.message.reply_markup?.inline_keyboard
    .flat()
    .find((candidate) =>
      input.data !== undefined ? candidate.callback_data === input.data : candidate.text === input.text,
    );
  if (!button) {
    const wanted =
      input.data !== undefined ? `data ${JSON.stringify(input.data)}` : `text ${JSON.stringify(input.text)}`;
    throw ControlError.notFound(`Message ${input.messageId} has no inline button with ${wanted}`);
  }
  if (button.callback_data === undefined) {
    throw ControlError.invalid(
      `Button ${JSON.stringify(button.text)} opens a link or another action, not a callback`,
    );
  }
  const callbackQuery: Tg.CallbackQuery = {
    id: ctx.world.nextCallbackQueryId(),
    from: userObject(user),
    message: embeddedMessage(stored.message),
    chat_instance: chatInstance(bot, chat),
    data: button.callback_data,
  };
  ctx.world.callbacks.set(callbackQuery.id, {
    query: callbackQuery,
    botId: bot.id,
    chatId: chat.id,
    messageId: input.messageId,
  });
  const event = ctx.log.record({
    type: 'user.callback',
    chatId: chat.id,
    userId: user.id,
    botId: bot.id,
    callbackQuery,
  });
  const update = ctx.channels.enqueue(bot.id, { callback_query: callbackQuery });
  const pressed: PressedButton = { callbackQuery, update, seq: event.seq };
  if (input.waitForAnswerMs === undefined) return pressed;
  const answered = await ctx.log
    .waitFor(
      { types: ['bot.callback_answer'], since: event.seq, botId: bot.id },
      input.waitForAnswerMs,
      (answer) => answer.type === 'bot.callback_answer' && answer.callbackQueryId === callbackQuery.id,
    )
    .then(() => ctx.world.callbacks.get(callbackQuery.id)?.answer)
    .catch(() => undefined);
  return answered ? { ...pressed, answer: answered } : pressed;
}

/** Telegram's chat_instance: a stable opaque number per chat and bot. */
function chatInstance(bot: BotRecord, chat: ChatRecord): string {
  const digest = createHash('sha256').update(`${bot.id}:${chat.id}`).digest();
  return digest.readBigInt64BE(0).toString();
}
