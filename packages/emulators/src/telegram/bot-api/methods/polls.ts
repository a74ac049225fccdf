import { BotApiError } from '../../errors.ts';
import { formatText } from '../../formatting/format-text.ts';
import type * as Tg from '../../types.ts';
import { newPollId, tallyPoll } from '../../world/polls.ts';
import { postBotMessage } from '../bot-message.ts';
import { chatForBot } from '../chat-access.ts';
import type { Params } from '../params.ts';
import { readReplyMarkup } from '../reply-markup.ts';
import type { MethodCall, MethodTable } from './method.ts';

const maxQuestionLength = 300;
const maxOptionLength = 100;
const maxExplanationLength = 200;
const minOptions = 2;
const maxOptions = 10;

/** `options`: InputPollOption objects, or plain strings as older clients (telegraf 4) send them. */
function readOptions(params: Params): Tg.PollOption[] {
  const options = params.json('options');
  if (options === undefined) throw BotApiError.badRequest('parameter "options" is required');
  if (!Array.isArray(options)) throw BotApiError.badRequest("can't parse options JSON object");
  if (options.length < minOptions) throw BotApiError.badRequest('poll must have at least 2 option');
  if (options.length > maxOptions) throw BotApiError.badRequest("poll can't have more than 10 options");
  return options.map((option: unknown) => {
    const input = (typeof option === 'string' ? { text: option } : (option ?? {})) as {
      text?: unknown;
      text_parse_mode?: unknown;
      text_entities?: unknown;
    };
    const raw = typeof input.text === 'string' ? input.text : '';
    const parseMode = typeof input.text_parse_mode === 'string' ? input.text_parse_mode : undefined;
    const { text, entities } = formatText(raw, parseMode, input.text_entities);
    if (!text.trim()) throw BotApiError.badRequest('poll options must be non-empty');
    if (text.length > maxOptionLength)
      throw BotApiError.badRequest('poll options length must not exceed 100');
    return { text, ...(entities.length ? { text_entities: entities } : {}), voter_count: 0 };
  });
}

function readQuestion(params: Params): Pick<Tg.Poll, 'question' | 'question_entities'> {
  const raw = params.string('question') ?? '';
  const { text, entities } = formatText(
    raw,
    params.string('question_parse_mode'),
    params.json('question_entities'),
  );
  if (!text.trim()) throw BotApiError.badRequest('poll question must be non-empty');
  if (text.length > maxQuestionLength)
    throw BotApiError.badRequest('poll question length must not exceed 300');
  return { question: text, ...(entities.length ? { question_entities: entities } : {}) };
}

/** A quiz names its correct option and may explain it; a regular poll may take several answers. */
function readKind(params: Params, optionCount: number): Partial<Tg.Poll> & Pick<Tg.Poll, 'type'> {
  const type = params.string('type') ?? 'regular';
  if (type !== 'regular' && type !== 'quiz') throw BotApiError.badRequest('poll type is invalid');
  if (type === 'regular') {
    return { type, allows_multiple_answers: params.bool('allows_multiple_answers') ?? false };
  }
  const correct = params.int('correct_option_id');
  if (correct === undefined || correct < 0 || correct >= optionCount) {
    throw BotApiError.badRequest('wrong correct option ID specified');
  }
  const explanation = formatText(
    params.string('explanation') ?? '',
    params.string('explanation_parse_mode'),
    params.json('explanation_entities'),
  );
  if (explanation.text.length > maxExplanationLength) throw BotApiError.badRequest('explanation is too long');
  return {
    type: 'quiz',
    allows_multiple_answers: false,
    correct_option_id: correct,
    ...(explanation.text ? { explanation: explanation.text } : {}),
    ...(explanation.entities.length ? { explanation_entities: explanation.entities } : {}),
  };
}

function sendPoll({ ctx, bot, params }: MethodCall) {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'post');
  const question = readQuestion(params);
  const options = readOptions(params);
  const kind = readKind(params, options.length);
  const openPeriod = params.int('open_period');
  if (openPeriod !== undefined && (openPeriod < 5 || openPeriod > 600)) {
    throw BotApiError.badRequest('open_period must be between 5 and 600');
  }
  const closeDate = params.int('close_date');
  const poll: Tg.Poll = {
    id: newPollId(),
    ...question,
    options,
    total_voter_count: 0,
    is_closed: params.bool('is_closed') ?? false,
    is_anonymous: params.bool('is_anonymous') ?? true,
    allows_multiple_answers: false,
    ...kind,
    ...(openPeriod !== undefined ? { open_period: openPeriod } : {}),
    ...(closeDate !== undefined ? { close_date: closeDate } : {}),
  };
  const message = postBotMessage(ctx, bot, params, chat, { poll });
  const stored = chat.messages.get(message.message_id);
  if (stored) stored.pollVotes = {};
  return message;
}

/** Closes a poll the bot sent; the poll's final state reaches the bot as a `poll` update. */
function stopPoll({ ctx, bot, params }: MethodCall): Tg.Poll {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  const messageId = params.int('message_id');
  if (messageId === undefined) throw BotApiError.badRequest('message identifier is not specified');
  const stored = chat.messages.get(messageId);
  if (!stored || stored.deletedAt !== undefined) {
    throw BotApiError.badRequest('message with poll to stop not found');
  }
  const current = stored.message.poll;
  if (!current) throw BotApiError.badRequest('message is not a poll');
  if (stored.sender.kind !== 'bot' || stored.sender.botId !== bot.id) {
    throw BotApiError.badRequest("poll can't be stopped");
  }
  if (current.is_closed) throw BotApiError.badRequest('poll has already been closed');
  const markup = readReplyMarkup(params);
  const poll = tallyPoll({ ...current, is_closed: true }, stored.pollVotes ?? {});
  const { reply_markup: _old, ...rest } = stored.message;
  stored.message = { ...rest, poll, ...(markup.inline ? { reply_markup: markup.inline } : {}) };
  ctx.log.record({ type: 'bot.poll_stopped', botId: bot.id, chatId: chat.id, poll });
  ctx.channels.enqueue(bot.id, { poll });
  return poll;
}

export const pollMethods: MethodTable = { sendPoll, stopPoll };
