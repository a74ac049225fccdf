import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { callHonouringRetryAfter, ReplyNotDeliveredError, retryAfterOf } from './honour-retry-after.ts';

const tooManyRequests = (retryAfter?: number) =>
  new TelegramError({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    ...(retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } }),
  });

/** A call that fails with `failures` in turn, then answers 'sent'; records each attempt. */
function scripted(failures: unknown[]) {
  const attempts: number[] = [];
  return {
    attempts,
    call: async () => {
      attempts.push(attempts.length + 1);
      const failure = failures.shift();
      if (failure) throw failure;
      return 'sent';
    },
  };
}

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('retryAfterOf', () => {
  it("reads a 429's retry_after in seconds, a second when it is missing, nothing for other errors", () => {
    expect(retryAfterOf(tooManyRequests(7))).toBe(7);
    expect(retryAfterOf(tooManyRequests())).toBe(1);
    expect(retryAfterOf(new TelegramError({ error_code: 502, description: 'Bad Gateway' }))).toBeUndefined();
    expect(retryAfterOf(new Error('socket hang up'))).toBeUndefined();
  });
});

describe('callHonouringRetryAfter', () => {
  it('waits retry_after after each 429 and returns the answer that finally came', async () => {
    const { call, attempts } = scripted([tooManyRequests(1), tooManyRequests(3)]);
    const { waits, sleep } = recordingSleep();
    await expect(callHonouringRetryAfter('sendMessage', call, { maxWaitMs: 15_000, sleep })).resolves.toBe(
      'sent',
    );
    expect(waits).toEqual([1_000, 3_000]);
    expect(attempts).toHaveLength(3);
  });

  it('gives up, without waiting, once the next wait would pass the bound', async () => {
    const { call, attempts } = scripted([tooManyRequests(2), tooManyRequests(2), tooManyRequests(2)]);
    const { waits, sleep } = recordingSleep();
    const failure = await callHonouringRetryAfter('sendMessage', call, { maxWaitMs: 5_000, sleep }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ReplyNotDeliveredError);
    expect(failure).toMatchObject({ method: 'sendMessage', waitedMs: 4_000, retryAfterSeconds: 2 });
    expect(waits).toEqual([2_000, 2_000]);
    expect(attempts).toHaveLength(3);
  });

  it('throws any other failure at once: the message may have gone out', async () => {
    const badGateway = new TelegramError({ error_code: 502, description: 'Bad Gateway' });
    const { call, attempts } = scripted([badGateway]);
    const { waits, sleep } = recordingSleep();
    await expect(callHonouringRetryAfter('sendMessage', call, { sleep })).rejects.toBe(badGateway);
    expect(waits).toEqual([]);
    expect(attempts).toHaveLength(1);
  });
});
