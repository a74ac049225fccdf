import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';
import { seedDemoContent } from '../content/demo-content.ts';

const secretToken = 'tandem-webhook_secret-42';
let t: TelegramBotUnderTest;
let hookUrl: string;

beforeAll(async () => {
  hookUrl = `http://127.0.0.1:${await freePort()}/telegram/webhook`;
  t = await openTelegramBotUnderTest({
    webhook: { url: hookUrl, secretToken, port: Number(new URL(hookUrl).port), host: '127.0.0.1' },
  });
  await seedDemoContent(t.tandem.db.prisma);
});

afterAll(async () => {
  await t?.close();
});

function postUpdate(headers: Record<string, string>) {
  const update = {
    update_id: 1,
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: 990001, type: 'private', first_name: 'Mallory' },
      from: { id: 990001, is_bot: false, first_name: 'Mallory' },
      text: '/daily',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    },
  };
  return fetch(hookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(update),
  });
}

describe('webhook mode', () => {
  it('registers the webhook with its secret and answers commands and button presses', async () => {
    const info = await t.running.bot.telegram.getWebhookInfo();
    expect(info.url).toBe(hookUrl);
    const ana = t.newUser('Ana');
    expect((await ana.command('daily')).text).toContain('Daily bonus');

    const menu = await ana.command('start');
    const pressed = await t.emulator.control.pressButton({
      from: ana.id,
      messageId: menu.message_id,
      data: 'command:profile',
      waitForAnswerMs: 5000,
    });
    expect(pressed.answer).toBeDefined();
    const profile = await ana.answersSince(pressed.seq, 1);
    expect(profile[0]!.text).toContain('👤 Ana');
  });

  it('refuses a request with a wrong or missing secret and handles nothing', async () => {
    expect((await postUpdate({ 'x-telegram-bot-api-secret-token': 'not-the-secret' })).status).toBe(403);
    expect((await postUpdate({})).status).toBe(403);
    const identities = await t.tandem.db.prisma.identity.count({ where: { platformUserId: '990001' } });
    expect(identities).toBe(0);
  });

  it('holds updates Telegram posts with a stale secret, and gets them once the secret matches', async () => {
    await t.running.bot.telegram.setWebhook(hookUrl, { secret_token: 'a-stale-secret' });
    const ben = t.newUser('Ben');
    const sent = t.emulator.control.sendCommand({ from: ben.id, command: 'daily' });
    const failure = await t.emulator.control.waitFor({ types: ['webhook.failed'], since: sent.seq });
    expect(failure).toMatchObject({ error: 'Wrong response from the webhook: 403 Forbidden' });
    expect(await t.tandem.db.prisma.identity.count({ where: { platformUserId: String(ben.id) } })).toBe(0);

    await t.running.bot.telegram.setWebhook(hookUrl, { secret_token: secretToken });
    expect((await ben.answersSince(sent.seq, 1))[0]!.text).toContain('Daily bonus');
  });
});
