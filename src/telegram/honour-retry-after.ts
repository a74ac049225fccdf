import { type MiddlewareFn, TelegramError } from 'telegraf';
import { TandemError } from '../core/errors.ts';
import type { Logger } from '../logging/logger.ts';
import type { TandemContext } from './tandem-context.ts';

/**
 * How long, in total, one Bot API call of an update's handler may wait out Telegram's 429s before
 * its message is given up. Telegram asks for about a second when a bot exceeds 30 messages/s and
 * for up to a minute in a busy group; the bound keeps one flooded chat from holding a polling batch
 * (telegraf fetches the next updates only once the whole batch is handled) for longer than that.
 */
export const defaultReplyMaxWaitMs = 15_000;

/** A call Telegram kept refusing with 429 past the wait bound: what it would have said is lost. */
export class ReplyNotDeliveredError extends TandemError {
  override name = 'ReplyNotDeliveredError';
  constructor(
    readonly method: string,
    readonly waitedMs: number,
    readonly retryAfterSeconds: number,
    options: { cause: unknown },
  ) {
    super(
      'upstream',
      `Telegram refused ${method} with 429 after ${waitedMs} ms of waiting and asked for ` +
        `${retryAfterSeconds} s more`,
      options,
    );
  }
}

/** Seconds Telegram asks to wait, when `error` is its 429 (Too Many Requests); else undefined. */
export function retryAfterOf(error: unknown): number | undefined {
  if (!(error instanceof TelegramError) || error.code !== 429) return undefined;
  const seconds = Number(error.parameters?.retry_after);
  // A 429 without a usable retry_after still means "not now": a second is Telegram's usual ask.
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 1;
}

export interface RetryAfterOptions {
  /** Total wait across the retries of one call. @defaultValue {@link defaultReplyMaxWaitMs} */
  maxWaitMs?: number;
  /** @defaultValue a timer */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs a Bot API call, and again after each 429 once its `retry_after` has passed, as long as the
 * waits add up to at most `maxWaitMs`. A 429 means Telegram did not carry the call out, so a retry
 * cannot send a message twice; any other failure (a 5xx, a lost connection, where the message may
 * have gone out) is thrown at once.
 */
export async function callHonouringRetryAfter<T>(
  method: string,
  call: () => Promise<T>,
  options: RetryAfterOptions = {},
): Promise<T> {
  const maxWaitMs = options.maxWaitMs ?? defaultReplyMaxWaitMs;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let waitedMs = 0;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const retryAfter = retryAfterOf(error);
      if (retryAfter === undefined) throw error;
      const waitMs = retryAfter * 1000;
      if (waitedMs + waitMs > maxWaitMs)
        throw new ReplyNotDeliveredError(method, waitedMs, retryAfter, { cause: error });
      await sleep(waitMs);
      waitedMs += waitMs;
    }
  }
}

/**
 * Every Bot API call an update's handler makes (answers, edits, button acknowledgements, the error
 * apology) waits out Telegram's 429s within the bound, so a burst of commands is answered a second
 * late instead of not at all. telegraf builds a new client per update, so the wrapping happens per
 * update, and this middleware goes first so that the error handler's calls are covered too.
 *
 * A retry sends the same payload again, which holds for the bot's JSON calls (it uploads no files,
 * whose streams could not be read twice).
 *
 * A call given up is logged at warn with what it would have sent. The player is not sent an
 * apology for it: Telegram refuses this chat right now, and what they asked for was done.
 */
export function honourRetryAfter(
  logger: Pick<Logger, 'warn'>,
  options: Pick<RetryAfterOptions, 'maxWaitMs'> = {},
): MiddlewareFn<TandemContext> {
  return async (ctx, next) => {
    const telegram = ctx.telegram;
    const callApi = telegram.callApi.bind(telegram);
    const updateId = ctx.update.update_id;
    telegram.callApi = ((method, payload, extra) =>
      callHonouringRetryAfter(method, () => callApi(method, payload, extra), options).catch((error) => {
        if (error instanceof ReplyNotDeliveredError) {
          logger.warn(
            { updateId, method, waitedMs: error.waitedMs, lost: lostContent(payload) },
            'Telegram kept rate-limiting an answer; it was not delivered',
          );
        }
        throw error;
      })) as typeof telegram.callApi;
    try {
      await next();
    } catch (error) {
      if (!(error instanceof ReplyNotDeliveredError)) throw error;
    }
  };
}

/** The part of a call's payload a person would have seen. */
function lostContent(payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null) return {};
  const { chat_id, text, caption, callback_query_id } = payload as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries({ chatId: chat_id, text, caption, callbackQueryId: callback_query_id }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}
