import type { EmulatorContext } from '../context.ts';
import { BotApiError, type BotApiErrorBody, isBotApiError, PollDroppedError } from '../errors.ts';
import type { BotRecord } from '../world/records.ts';
import { methodsByName } from './methods/index.ts';
import { DescribedResult } from './methods/method.ts';
import { Params } from './params.ts';
import type { ApiRequestInput } from './read-request.ts';

export type BotApiBody = { ok: true; result: unknown; description?: string } | BotApiErrorBody;

export interface BotApiAnswer {
  status: number;
  body: BotApiBody;
}

export interface CallOptions {
  via: 'http' | 'webhook-reply';
  signal?: AbortSignal;
  /** Injected faults apply to calls over HTTP, not to methods run from a webhook reply. */
  applyFaults: boolean;
}

/**
 * Runs one Bot API call for a bot and turns every outcome into Telegram's answer shape; an
 * unexpected exception becomes a 500 plus an `emulator.error` event, never a crash.
 */
export async function callMethod(
  ctx: EmulatorContext,
  bot: BotRecord,
  methodName: string,
  readInput: () => Promise<ApiRequestInput>,
  options: CallOptions,
): Promise<BotApiAnswer> {
  const method = methodsByName.get(methodName.toLowerCase());
  let answer: BotApiAnswer;
  try {
    if (!method) throw BotApiError.notFound('method not found');
    const fault = options.applyFaults ? ctx.faults.errorFor(method.name) : undefined;
    if (fault) throw fault;
    const params = Params.from(await readInput());
    const signal = options.signal ?? new AbortController().signal;
    const outcome = await method.handler({ ctx, bot, params, signal });
    answer =
      outcome instanceof DescribedResult
        ? { status: 200, body: { ok: true, result: outcome.result, description: outcome.description } }
        : { status: 200, body: { ok: true, result: outcome } };
  } catch (error) {
    if (!isBotApiError(error)) {
      if (error instanceof PollDroppedError) throw error;
      ctx.log.record({
        type: 'emulator.error',
        message: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? error.stack : undefined,
      });
    }
    const refusal = isBotApiError(error) ? error : BotApiError.serverError(500);
    answer = { status: refusal.status, body: refusal.toBody() };
  }
  ctx.log.record({
    type: 'api.call',
    botId: bot.id,
    method: method?.name ?? methodName,
    via: options.via,
    ok: answer.body.ok,
    ...(answer.body.ok ? {} : { errorCode: answer.body.error_code, description: answer.body.description }),
  });
  return answer;
}

/** A webhook answered with `{method, ...params}`: Telegram runs it; the result goes nowhere. */
export async function executeWebhookReply(
  ctx: EmulatorContext,
  botId: number,
  body: Record<string, unknown>,
): Promise<void> {
  const bot = ctx.world.bot(botId);
  if (!bot) return;
  const { method, ...values } = body;
  await callMethod(ctx, bot, String(method), async () => ({ values, files: new Map() }), {
    via: 'webhook-reply',
    applyFaults: false,
  });
}
