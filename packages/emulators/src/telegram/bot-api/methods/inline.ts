import { BotApiError } from '../../errors.ts';
import {
  isJsonObject,
  JsonFieldError,
  requiredObject,
  requiredString,
  withPrefix,
} from '../../json-fields.ts';
import { unixNow } from '../../world/world.ts';
import { readInlineResults } from '../inline-results.ts';
import type { Params } from '../params.ts';
import type { MethodCall, MethodTable } from './method.ts';

const staleQuery = 'query is too old and response timeout expired or query ID is invalid';
/** Telegram caches an answer for 300 seconds unless told otherwise. */
const defaultCacheSeconds = 300;

/** `button` above the results: a text with either a `start_parameter` or a `web_app`. */
function readResultsButton(params: Params): Record<string, unknown> | undefined {
  const button = params.json('button', "can't parse inline query results button JSON object");
  if (button === undefined) return undefined;
  return withPrefix("can't parse inline query results button", () => {
    if (!isJsonObject(button)) throw new JsonFieldError('InlineQueryResultsButton must be an Object');
    requiredString(button, 'text');
    if ('start_parameter' in button) requiredString(button, 'start_parameter');
    else if ('web_app' in button) requiredString(requiredObject(button, 'web_app'), 'url');
    else throw new JsonFieldError('InlineQueryResultsButton must have exactly one optional field');
    return button;
  });
}

/** The bot's one answer to an inline query: its results, recorded for the control API to read. */
function answerInlineQuery({ ctx, bot, params }: MethodCall): true {
  const id = params.string('inline_query_id') ?? '';
  const record = ctx.world.inlineQueries.get(id);
  // Telegram takes one answer per query, from the bot that got it.
  if (!record || record.botId !== bot.id || record.answer) throw BotApiError.badRequest(staleQuery);
  const results = readInlineResults(params.json('results', "can't parse inline query results JSON object"));
  const nextOffset = params.string('next_offset') ?? '';
  if (Buffer.byteLength(nextOffset) > 64) throw BotApiError.badRequest('next_offset is too long');
  const cacheTime = params.int('cache_time') ?? defaultCacheSeconds;
  if (cacheTime < 0) throw BotApiError.badRequest('cache_time must be non-negative');
  const button = readResultsButton(params);
  record.answer = {
    results,
    cacheTime,
    isPersonal: params.bool('is_personal') === true,
    nextOffset,
    ...(button ? { button } : {}),
    answeredAt: unixNow(),
  };
  ctx.log.record({ type: 'bot.inline_answer', botId: bot.id, inlineQueryId: id, answer: record.answer });
  return true;
}

export const inlineMethods: MethodTable = { answerInlineQuery };
