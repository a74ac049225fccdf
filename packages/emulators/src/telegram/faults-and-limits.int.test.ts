import { setTimeout as sleep } from 'node:timers/promises';
import { TelegramError } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';

const fixture = useTelegramEmulator();

afterEach(async () => {
  await fixture.control.setLimits({ burst: 30, perChatPerSecond: 1, perGroupPerMinute: 20 });
});

describe('rate limits and injected faults', () => {
  it("surfaces a 429 storm as telegraf's TelegramError, and a bot that waits retry_after gets through", async () => {
    const errors: unknown[] = [];
    fixture.bot.command('daily', async (ctx) => {
      try {
        await ctx.reply('Daily reward: 10 coins');
      } catch (error) {
        if (!(error instanceof TelegramError) || error.code !== 429) throw error;
        errors.push(error.response);
        await sleep((error.parameters?.retry_after ?? 1) * 1000);
        await ctx.reply('Daily reward: 10 coins');
      }
    });
    await fixture.launch();
    await fixture.control.rateLimit({ durationMs: 30_000, count: 1, retryAfter: 1, method: 'sendMessage' });

    const user = await fixture.control.createUser({ firstName: 'Nia' });
    const sent = await fixture.control.sendCommand({ from: user.id, command: 'daily' });
    const reply = await fixture.control.waitFor({ types: ['bot.message'], since: sent.seq });

    expect(reply).toMatchObject({ message: { text: 'Daily reward: 10 coins' } });
    expect(errors).toEqual([
      {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    ]);
  });

  it("keeps polling through a 429 on getUpdates: telegraf's loop waits retry_after and polls again", async () => {
    const seen: string[] = [];
    fixture.bot.on('text', (ctx) => {
      seen.push(ctx.message.text);
    });
    await fixture.launch();
    const user = await fixture.control.createUser({ firstName: 'Oto' });
    await fixture.control.rateLimit({ durationMs: 30_000, count: 1, retryAfter: 1, method: 'getUpdates' });

    const first = await fixture.control.sendMessage({ from: user.id, text: 'first' });
    const delivered = await fixture.control.waitFor({ types: ['updates.delivered'], since: first.seq });
    await fixture.control.sendMessage({ from: user.id, text: 'second' });
    const resumed = await fixture.control.waitFor({ types: ['updates.delivered'], since: delivered.seq });
    await fixture.control.waitFor({ types: ['bot.poll'], since: resumed.seq });

    const polls = await fixture.control.log({ types: ['api.call'], since: delivered.seq });
    expect(polls.slice(0, 3)).toMatchObject([
      { method: 'getUpdates', ok: true },
      { method: 'getUpdates', ok: false, errorCode: 429, description: 'Too Many Requests: retry after 1' },
      { method: 'getUpdates', ok: true },
    ]);
    expect(seen).toEqual(['first', 'second']);
  });

  it('answers 429 with the seconds until the next slot when a bot floods a chat or a group', async () => {
    // Slower than Telegram's 1/s and 20/min, so a loaded machine cannot refill a slot mid-test.
    await fixture.control.setLimits({ burst: 3, perChatPerSecond: 0.25, perGroupPerMinute: 6 });
    const user = await fixture.control.createUser({ firstName: 'Pia' });
    await fixture.control.sendMessage({ from: user.id, text: 'hi' });
    const group = await fixture.control.createGroup({ title: 'Raid', members: [user.id] });
    const refusal = async (chatId: number) => {
      for (let n = 0; n < 3; n += 1) await fixture.bot.telegram.sendMessage(chatId, `update ${n}`);
      const error = await fixture.bot.telegram
        .sendMessage(chatId, 'one more')
        .catch((failure: unknown) => failure);
      if (!(error instanceof TelegramError)) throw new Error('expected a 429');
      return error.response;
    };

    const flooded = await refusal(user.id);
    expect(flooded).toMatchObject({ ok: false, error_code: 429 });
    expect(flooded.description).toBe(`Too Many Requests: retry after ${flooded.parameters?.retry_after}`);
    // The next slot is 4 s away (less the time the burst took).
    expect(flooded.parameters?.retry_after).toBeGreaterThanOrEqual(3);
    expect(flooded.parameters?.retry_after).toBeLessThanOrEqual(4);
    // In a group the per-minute limit is the tighter one: 6/min is a slot every 10 s.
    const groupFlooded = await refusal(group.id);
    expect(groupFlooded.parameters?.retry_after).toBeGreaterThanOrEqual(9);
    expect(groupFlooded.parameters?.retry_after).toBeLessThanOrEqual(10);
  });

  it('fails the next calls of a method with an injected 5xx, then recovers', async () => {
    const user = await fixture.control.createUser({ firstName: 'Quin' });
    await fixture.control.sendMessage({ from: user.id, text: 'hi' });
    await fixture.control.failNextCalls({ count: 1, method: 'sendMessage', status: 502 });

    const failure = await fixture.bot.telegram
      .sendMessage(user.id, 'rank up!')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TelegramError);
    expect((failure as TelegramError).response).toEqual({ error_code: 502, description: 'Bad Gateway' });
    await expect(fixture.bot.telegram.sendMessage(user.id, 'rank up!')).resolves.toMatchObject({
      text: 'rank up!',
    });
    expect((await fixture.control.faults()).serverErrors).toEqual([]);
  });
});
