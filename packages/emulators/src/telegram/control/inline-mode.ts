import { randomBytes } from 'node:crypto';
import { Params } from '../bot-api/params.ts';
import { readReplyMarkup } from '../bot-api/reply-markup.ts';
import type { EmulatorContext } from '../context.ts';
import { ControlError, isBotApiError } from '../errors.ts';
import { formatText } from '../formatting/format-text.ts';
import type * as Tg from '../types.ts';
import { botUserObject, userObject } from '../world/objects.ts';
import type { InlineAnswer, InlineQueryResult } from '../world/records.ts';
import { assertMaySend, placeOfUser, requireBot } from './places.ts';
import { chooseInlineResultSchema, inlineQuerySchema, parseInput } from './schemas.ts';
import { postUserMessage } from './user-messages.ts';

export interface TypedInlineQuery {
  inlineQuery: Tg.InlineQuery;
  update?: Tg.Update;
  seq: number;
  /** With `waitForAnswerMs`: the bot's answerInlineQuery, if it came in time. */
  answer?: InlineAnswer;
}

/** A user types `@bot query`: the bot gets an `inline_query`, if its inline mode is on. */
export async function typeInlineQuery(ctx: EmulatorContext, raw: unknown): Promise<TypedInlineQuery> {
  const input = parseInput(inlineQuerySchema, raw);
  const bot = requireBot(ctx, input.bot);
  const user = ctx.world.user(input.from);
  if (!user) throw ControlError.notFound(`No user ${input.from}; create one with POST /control/users`);
  if (bot.inlineMode === false) {
    throw ControlError.conflict(
      `@${bot.username} has inline mode off: the app sends no query (PATCH the bot)`,
    );
  }
  const inlineQuery: Tg.InlineQuery = {
    id: ctx.world.nextCallbackQueryId(),
    from: userObject(user),
    query: input.query,
    offset: input.offset,
    ...(input.chatType ? { chat_type: input.chatType } : {}),
  };
  ctx.world.inlineQueries.set(inlineQuery.id, { query: inlineQuery, botId: bot.id });
  const event = ctx.log.record({ type: 'user.inline_query', userId: user.id, botId: bot.id, inlineQuery });
  const update = ctx.channels.enqueue(bot.id, { inline_query: inlineQuery });
  const typed: TypedInlineQuery = { inlineQuery, update, seq: event.seq };
  if (input.waitForAnswerMs === undefined) return typed;
  const answer = await ctx.log
    .waitFor(
      { types: ['bot.inline_answer'], since: event.seq, botId: bot.id },
      input.waitForAnswerMs,
      (candidate) => candidate.type === 'bot.inline_answer' && candidate.inlineQueryId === inlineQuery.id,
    )
    .then(() => ctx.world.inlineQueries.get(inlineQuery.id)?.answer)
    .catch(() => undefined);
  return answer ? { ...typed, answer } : typed;
}

/**
 * The user taps one of the bot's results: its message goes to the chat from the user `via_bot`, and
 * the bot gets `chosen_inline_result` when its inline feedback is on (`inline_message_id` only when
 * the message has an inline keyboard, as Telegram sends it).
 */
export function chooseInlineResult(ctx: EmulatorContext, raw: unknown) {
  const input = parseInput(chooseInlineResultSchema, raw);
  const record = ctx.world.inlineQueries.get(input.inlineQueryId);
  if (!record) throw ControlError.notFound(`No inline query ${input.inlineQueryId}`);
  if (record.query.from.id !== input.from) {
    throw ControlError.invalid(
      `Inline query ${input.inlineQueryId} was typed by user ${record.query.from.id}`,
    );
  }
  if (!record.answer)
    throw ControlError.conflict(`The bot has not answered inline query ${input.inlineQueryId}`);
  const result = record.answer.results.find((candidate) => candidate.id === input.resultId);
  if (!result)
    throw ControlError.notFound(`The answer has no result with id ${JSON.stringify(input.resultId)}`);
  const bot = requireBot(ctx, record.botId);
  const { user, chat } = placeOfUser(ctx, { from: input.from, chatId: input.chatId, bot: bot.id });
  assertMaySend(chat, user.id, 'can_send_messages');
  const content = messageOfResult(result);
  const posted = postUserMessage(ctx, chat, userObject(user), { ...content, via_bot: botUserObject(bot) });
  const chosen: Tg.ChosenInlineResult = {
    result_id: result.id,
    from: userObject(user),
    ...(content.reply_markup ? { inline_message_id: randomBytes(18).toString('base64url') } : {}),
    query: record.query.query,
  };
  ctx.log.record({
    type: 'user.inline_result',
    userId: user.id,
    botId: bot.id,
    chatId: chat.id,
    chosenInlineResult: chosen,
  });
  const update =
    bot.inlineFeedback === false ? undefined : ctx.channels.enqueue(bot.id, { chosen_inline_result: chosen });
  return { chosenInlineResult: chosen, update, message: posted.message, seq: posted.seq };
}

export function inlineQueryStatus(ctx: EmulatorContext, id: string) {
  const record = ctx.world.inlineQueries.get(id);
  if (!record) throw ControlError.notFound(`No inline query ${id}`);
  return { inlineQuery: record.query, botId: record.botId, answer: record.answer ?? null };
}

/**
 * The message a result sends: its `input_message_content` text, else (photos) the photo with its
 * caption. Other media without input_message_content are not modelled.
 */
function messageOfResult(result: InlineQueryResult): Partial<Tg.Message> {
  const markup = inlineKeyboardOf(result);
  const content = result.input_message_content as Record<string, unknown> | undefined;
  if (content && typeof content.message_text === 'string') {
    const formatted = formatOrRefuse(content.message_text, content.parse_mode, content.entities);
    return {
      text: formatted.text,
      ...(formatted.entities.length ? { entities: formatted.entities } : {}),
      ...markup,
    };
  }
  if (result.type === 'photo' && !content) {
    const fileId = String(result.photo_file_id ?? `inline-photo-${result.id}`);
    const caption =
      typeof result.caption === 'string'
        ? formatOrRefuse(result.caption, result.parse_mode, result.caption_entities)
        : undefined;
    return {
      photo: [
        {
          file_id: fileId,
          file_unique_id: `u${result.id}`,
          width: Number(result.photo_width ?? 1),
          height: Number(result.photo_height ?? 1),
        },
      ],
      ...(caption ? { caption: caption.text } : {}),
      ...(caption?.entities.length ? { caption_entities: caption.entities } : {}),
      ...markup,
    };
  }
  throw ControlError.invalid(
    `The emulator sends text (input_message_content.message_text) and photo results; result ${result.id} is a ${result.type}`,
  );
}

function inlineKeyboardOf(result: InlineQueryResult): Pick<Tg.Message, 'reply_markup'> {
  if (result.reply_markup === undefined) return {};
  try {
    const markup = readReplyMarkup(new Params({ reply_markup: result.reply_markup }));
    return markup.inline ? { reply_markup: markup.inline } : {};
  } catch (error) {
    if (isBotApiError(error)) throw ControlError.invalid(`Result ${result.id}: ${error.description}`);
    throw error;
  }
}

function formatOrRefuse(text: string, parseMode: unknown, entities: unknown) {
  try {
    return formatText(text, typeof parseMode === 'string' ? parseMode : undefined, entities);
  } catch (error) {
    if (isBotApiError(error))
      throw ControlError.invalid(`The result's text was refused: ${error.description}`);
    throw error;
  }
}
