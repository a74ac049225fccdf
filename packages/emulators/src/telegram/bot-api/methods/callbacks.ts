import { BotApiError } from '../../errors.ts';
import { unixNow } from '../../world/world.ts';
import type { MethodCall, MethodTable } from './method.ts';

const invalidQuery = 'query is too old and response timeout expired or query ID is invalid';

/** Each callback query is answered once, by the bot it was sent to. */
function answerCallbackQuery({ ctx, bot, params }: MethodCall) {
  const id = params.string('callback_query_id');
  if (!id) throw BotApiError.badRequest('parameter "callback_query_id" is required');
  const record = ctx.world.callbacks.get(id);
  if (!record || record.botId !== bot.id || record.answer) throw BotApiError.badRequest(invalidQuery);
  const text = params.string('text');
  if (text !== undefined && text.length > 200) throw BotApiError.badRequest('MESSAGE_TOO_LONG');
  record.answer = {
    ...(text ? { text } : {}),
    showAlert: params.bool('show_alert') ?? false,
    ...(params.has('url') ? { url: params.string('url') } : {}),
    ...(params.has('cache_time') ? { cacheTime: params.int('cache_time') } : {}),
    answeredAt: unixNow(),
  };
  ctx.log.record({ type: 'bot.callback_answer', botId: bot.id, callbackQueryId: id, answer: record.answer });
  return true;
}

export const callbackMethods: MethodTable = { answerCallbackQuery };
