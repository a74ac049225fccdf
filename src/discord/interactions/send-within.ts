import { DiscordAPIError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { TandemError } from '../../core/errors.ts';

/**
 * Discord forgets an interaction whose first response (the answer or the deferral) has not arrived
 * within 3 s of it; the margin covers the round trip of the response itself.
 */
export const firstResponseWindowMs = 3_000 - 250;

/**
 * How long an answer sent after a deferral (an edit of the "thinking..." message) may wait out
 * 429s in all. Its token lasts 15 minutes, but a player who waited this long has given up.
 */
export const deferredAnswerMaxWaitMs = 15_000;

/**
 * The routes whose 429s the bot handles itself (see sendWithin): discord.js would otherwise wait
 * out any retry_after, even one that ends after the interaction expired.
 */
export const selfPacedRoutes = ['/interactions', '/webhooks'];

/** Discord kept refusing an answer with 429 until its deadline, or the interaction expired first. */
export class AnswerNotDeliveredError extends TandemError {
  override name = 'AnswerNotDeliveredError';
  constructor(reason: string, options: { cause: unknown }) {
    super('upstream', reason, options);
  }
}

/**
 * Sends an interaction response, and again after each 429 once its retry_after has passed, as long
 * as the wait ends before `deadline` (epoch ms). A 429 means Discord did not carry the call out, so
 * a retry cannot answer twice. An interaction that expired meanwhile (Unknown interaction) is
 * reported the same way, as an answer that could not be delivered.
 */
export async function sendWithin<T>(
  send: () => Promise<T>,
  deadline: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction) {
        throw new AnswerNotDeliveredError('the interaction expired before its answer', { cause: error });
      }
      if (!(error instanceof RateLimitError)) throw error;
      const waitMs = Math.max(error.retryAfter, error.timeToReset, 1);
      if (Date.now() + waitMs > deadline) {
        throw new AnswerNotDeliveredError(`Discord asked to wait ${waitMs} ms, past the answer's deadline`, {
          cause: error,
        });
      }
      await sleep(waitMs);
    }
  }
}
