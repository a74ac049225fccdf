import { DiscordAPIError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { AnswerNotDeliveredError, sendWithin } from './send-within.ts';

const rateLimited = (retryAfter: number) =>
  new RateLimitError({
    timeToReset: retryAfter,
    limit: 1,
    method: 'POST',
    hash: 'Global(POST:/interactions/:id/:token/callback)',
    url: 'https://discord.test/api/v10/interactions/1/token/callback',
    route: '/interactions/:id/:token/callback',
    majorParameter: 'burst',
    global: false,
    retryAfter,
    sublimitTimeout: 0,
    scope: 'user',
  });

/** A send that fails with `failures` in turn, then answers 'answered'. */
function scripted(failures: unknown[]) {
  let attempts = 0;
  return {
    attempts: () => attempts,
    send: async () => {
      attempts++;
      const failure = failures.shift();
      if (failure) throw failure;
      return 'answered';
    },
  };
}

describe('sendWithin', () => {
  it('waits retry_after after a 429 and sends again while the deadline allows', async () => {
    const waits: number[] = [];
    const { send, attempts } = scripted([rateLimited(1_000)]);
    const answer = await sendWithin(send, Date.now() + 2_750, async (ms) => void waits.push(ms));
    expect(answer).toBe('answered');
    expect(waits).toEqual([1_000]);
    expect(attempts()).toBe(2);
  });

  it('gives up without waiting when the wait would end after the deadline', async () => {
    const waits: number[] = [];
    const { send, attempts } = scripted([rateLimited(5_000)]);
    const failure = await sendWithin(send, Date.now() + 2_750, async (ms) => void waits.push(ms)).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AnswerNotDeliveredError);
    expect(waits).toEqual([]);
    expect(attempts()).toBe(1);
  });

  it('reports an interaction that expired as an answer not delivered, and passes other errors on', async () => {
    const expired = new DiscordAPIError(
      { code: 10062, message: 'Unknown interaction' },
      10062,
      404,
      'POST',
      '/interactions/1/token/callback',
      {},
    );
    await expect(sendWithin(scripted([expired]).send, Date.now() + 2_750)).rejects.toBeInstanceOf(
      AnswerNotDeliveredError,
    );
    const refused = new DiscordAPIError(
      { code: 50013, message: 'Missing Permissions' },
      50013,
      403,
      'POST',
      '/x',
      {},
    );
    await expect(sendWithin(scripted([refused]).send, Date.now() + 2_750)).rejects.toBe(refused);
  });
});
