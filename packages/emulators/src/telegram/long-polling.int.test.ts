import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';
import { callBotApi } from './testing.ts';

const fixture = useTelegramEmulator();

function api<T = unknown>(method: string, params: Record<string, unknown> = {}) {
  return callBotApi<T>(fixture.url, fixture.emulator.defaultBot.token, method, params);
}

describe('long polling', () => {
  it("delivers a user's command to a telegraf bot and records its reply", async () => {
    const { bot } = fixture;
    bot.start((ctx) => ctx.reply(`Welcome, ${ctx.from.first_name}! Your code: ${ctx.payload}`));
    await fixture.launch();

    const user = await fixture.control.createUser({ firstName: 'Ana', username: 'ana_plays' });
    const sent = await fixture.control.sendCommand({ from: user.id, command: 'start', args: 'ref42' });
    expect(sent.message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    const reply = await fixture.control.waitFor({ types: ['bot.message'], chatId: user.id, since: sent.seq });

    expect(reply).toMatchObject({
      message: { text: 'Welcome, Ana! Your code: ref42', chat: { id: user.id } },
    });
    const messages = await fixture.control.messages(user.id);
    expect(messages.map((message) => [message.sender.kind, message.text])).toEqual([
      ['user', '/start ref42'],
      ['bot', 'Welcome, Ana! Your code: ref42'],
    ]);
    expect(messages[1]?.message_id).toBeGreaterThan(messages[0]?.message_id ?? Infinity);
  });

  it('answers a getUpdates parked with a 50 s timeout as soon as an update arrives', async () => {
    const user = await fixture.control.createUser({ firstName: 'Ben' });
    const parked = fixture.emulator.control.waitFor({ types: ['bot.poll'] });
    const poll = api<Update[]>('getUpdates', { timeout: 50 });
    await parked;
    const sent = await fixture.control.sendMessage({ from: user.id, text: 'hello' });

    const { status, body } = await poll;
    expect(status).toBe(200);
    expect(body.result).toEqual([{ update_id: sent.updates[0]?.update.update_id, message: sent.message }]);
  });

  it('keeps updates until a higher offset confirms them', async () => {
    const user = await fixture.control.createUser({ firstName: 'Cy' });
    await fixture.control.sendMessage({ from: user.id, text: 'one' });
    await fixture.control.sendMessage({ from: user.id, text: 'two' });

    const first = await api<Update.MessageUpdate[]>('getUpdates', { limit: 1 });
    const again = await api<Update.MessageUpdate[]>('getUpdates');
    expect(again.body.result?.map((update) => update.message)).toMatchObject([
      { text: 'one' },
      { text: 'two' },
    ]);
    const offset = (first.body.result?.[0]?.update_id ?? 0) + 1;
    const confirmed = await api<Update.MessageUpdate[]>('getUpdates', { offset });
    expect(confirmed.body.result?.map((update) => update.message)).toMatchObject([{ text: 'two' }]);
  });

  it('delivers the same update_id twice when duplication is injected', async () => {
    const { bot } = fixture;
    const seen: number[] = [];
    const twice = new Promise<void>((resolve) => {
      bot.on('message', (ctx) => {
        seen.push(ctx.update.update_id);
        if (seen.length === 2) resolve();
      });
    });
    await fixture.launch();
    await fixture.control.duplicateNextUpdates({ count: 1 });

    const user = await fixture.control.createUser({ firstName: 'Dee' });
    const sent = await fixture.control.sendMessage({ from: user.id, text: 'spin the wheel' });
    await twice;
    expect(seen).toEqual([sent.updates[0]?.update.update_id, sent.updates[0]?.update.update_id]);
  });

  it('ends a parked poll with 409 when another getUpdates comes in', async () => {
    const parked = fixture.emulator.control.waitFor({ types: ['bot.poll'] });
    const first = api('getUpdates', { timeout: 50 });
    await parked;
    const second = await api('getUpdates', { timeout: 0 });

    expect(second.status).toBe(200);
    expect(await first).toEqual({
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description:
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      },
    });
  });

  it('drops parked poll connections on request', async () => {
    const parked = fixture.emulator.control.waitFor({ types: ['bot.poll'] });
    const poll = api('getUpdates', { timeout: 50 });
    await parked;
    expect(await fixture.control.dropPolls()).toEqual({ dropped: [fixture.emulator.defaultBot.id] });
    await expect(poll).rejects.toThrow(/fetch failed/);
  });

  it('refuses getUpdates while a webhook is set', async () => {
    await api('setWebhook', { url: 'http://127.0.0.1:9/hook' });
    expect(await api('getUpdates')).toEqual({
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      },
    });
    expect(await api('deleteWebhook')).toEqual({
      status: 200,
      body: { ok: true, result: true, description: 'Webhook was deleted' },
    });
  });
});
