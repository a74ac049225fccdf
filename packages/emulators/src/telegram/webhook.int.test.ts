import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Markup, Telegraf } from 'telegraf';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TelegramControlClient, TelegramEmulator } from './index.ts';

const hookPath = '/telegram/hook';
const secret = 'right-secret_42';

let emulator: TelegramEmulator;
let control: TelegramControlClient;
let bot: Telegraf;
let server: Server;
let hookUrl: string;

beforeAll(async () => {
  emulator = new TelegramEmulator({ webhookRetry: { initialDelayMs: 20, maxDelayMs: 200 } });
  const { url } = await emulator.start();
  control = new TelegramControlClient(url);
});

beforeEach(async () => {
  await control.reset();
  bot = new Telegraf(emulator.defaultBot.token, { telegram: { apiRoot: emulator.url } });
  const app = express();
  app.post(hookPath, bot.webhookCallback(hookPath, { secretToken: secret }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${hookPath}`;
});

afterEach(async () => {
  await bot.telegram.deleteWebhook();
  await new Promise((resolve) => {
    server.close(resolve);
    server.closeAllConnections();
  });
});

afterAll(async () => {
  await emulator.stop();
});

describe('webhook delivery', () => {
  it('posts updates to an express webhookCallback and runs the method a reply body carries', async () => {
    bot.command('shop', (ctx) =>
      ctx.reply(
        'Pick an item',
        Markup.inlineKeyboard([Markup.button.callback('Sword (50 coins)', 'buy:sword')]),
      ),
    );
    bot.action('buy:sword', (ctx) => ctx.answerCbQuery('Sword bought!'));
    await bot.telegram.setWebhook(hookUrl, { secret_token: secret });

    const user = await control.createUser({ firstName: 'Eve' });
    const sent = await control.sendCommand({ from: user.id, command: 'shop' });
    const offer = await control.waitFor({ types: ['bot.message'], since: sent.seq });
    if (offer.type !== 'bot.message') throw new Error('expected the shop message');

    const pressed = await control.pressButton({
      from: user.id,
      messageId: offer.message.message_id,
      text: 'Sword (50 coins)',
      waitForAnswerMs: 5000,
    });
    expect(pressed.answer).toMatchObject({ text: 'Sword bought!', showAlert: false });
    // telegraf answered through the webhook response body, not with its own HTTP call.
    const calls = await control.log({ types: ['api.call'], since: pressed.seq });
    expect(calls).toContainEqual(
      expect.objectContaining({ method: 'answerCallbackQuery', via: 'webhook-reply', ok: true }),
    );
    expect((await bot.telegram.getWebhookInfo()).pending_update_count).toBe(0);
  });

  it('reports a webhook that refuses the secret, and delivers once the secret matches', async () => {
    const received: string[] = [];
    bot.on('message', (ctx) => {
      if ('text' in ctx.message) received.push(ctx.message.text);
    });
    await bot.telegram.setWebhook(hookUrl, { secret_token: 'wrong-secret' });
    const user = await control.createUser({ firstName: 'Finn' });
    const sent = await control.sendMessage({ from: user.id, text: 'anyone there?' });

    const failure = await control.waitFor({ types: ['webhook.failed'], since: sent.seq });
    // telegraf's filter passes a request with the wrong secret to express's next(): no route is left, so 404.
    expect(failure).toMatchObject({ error: 'Wrong response from the webhook: 404 Not Found' });
    const info = await bot.telegram.getWebhookInfo();
    expect(info).toMatchObject({
      url: hookUrl,
      pending_update_count: 1,
      last_error_message: 'Wrong response from the webhook: 404 Not Found',
    });
    expect(received).toEqual([]);

    const fixed = control.waitFor({ types: ['updates.delivered'] });
    await bot.telegram.setWebhook(hookUrl, { secret_token: secret });
    expect(await fixed).toMatchObject({ via: 'webhook', updateIds: [sent.updates[0]?.update.update_id] });
    expect(received).toEqual(['anyone there?']);
    expect(await bot.telegram.getWebhookInfo()).not.toHaveProperty('last_error_message');
  });

  it('delivers an injected duplicate to the webhook with the same update_id', async () => {
    const seen: number[] = [];
    const twice = new Promise<void>((resolve) => {
      bot.on('message', (ctx) => {
        seen.push(ctx.update.update_id);
        if (seen.length === 2) resolve();
      });
    });
    await bot.telegram.setWebhook(hookUrl, { secret_token: secret });
    await control.duplicateNextUpdates();

    const user = await control.createUser({ firstName: 'Gus' });
    const sent = await control.sendMessage({ from: user.id, text: 'claim daily reward' });
    await twice;
    const id = sent.updates[0]?.update.update_id;
    expect(seen).toEqual([id, id]);
  });
});
