import { Telegraf } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramEmulator } from './index.ts';

let strict: TelegramEmulator;
let lenient: TelegramEmulator;

beforeAll(async () => {
  strict = new TelegramEmulator({ allowLoopbackWebhooks: false });
  lenient = new TelegramEmulator();
  await Promise.all([strict.start(), lenient.start()]);
});

afterAll(async () => {
  await Promise.all([strict.stop(), lenient.stop()]);
});

function telegramOf(emulator: TelegramEmulator) {
  return new Telegraf(emulator.defaultBot.token, { telegram: { apiRoot: emulator.url } }).telegram;
}

describe('setWebhook URL checks', () => {
  it('takes https URLs on the ports Telegram delivers to', async () => {
    const telegram = telegramOf(strict);
    for (const url of [
      'https://bot.example.com/hook',
      'https://bot.example.com:8443/hook',
      'https://bot.example.com:88/hook',
      'https://bot.example.com:80/hook',
    ]) {
      expect(await telegram.setWebhook(url)).toBe(true);
      expect((await telegram.getWebhookInfo()).url).toBe(url);
    }
    await telegram.deleteWebhook();
  });

  it('refuses plain http and other ports with Telegram’s descriptions', async () => {
    const telegram = telegramOf(strict);
    await expect(telegram.setWebhook('http://bot.example.com/hook')).rejects.toMatchObject({
      response: {
        ok: false,
        error_code: 400,
        description: 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
      },
    });
    await expect(telegram.setWebhook('https://bot.example.com:3000/hook')).rejects.toMatchObject({
      response: {
        error_code: 400,
        description: 'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443',
      },
    });
    // Without the emulator's loopback allowance, a local address gets the same checks.
    await expect(telegram.setWebhook('http://127.0.0.1:3000/hook')).rejects.toMatchObject({
      response: { description: 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook' },
    });
    expect((await telegram.getWebhookInfo()).url).toBe('');
  });

  it('by default lets a bot under test take updates on a loopback http port, and only there', async () => {
    const telegram = telegramOf(lenient);
    for (const url of [
      'http://127.0.0.1:3000/hook',
      'http://localhost:9999/hook',
      'http://[::1]:4000/hook',
    ]) {
      expect(await telegram.setWebhook(url)).toBe(true);
    }
    await expect(telegram.setWebhook('http://10.0.0.5:3000/hook')).rejects.toMatchObject({
      response: { description: 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook' },
    });
    await telegram.deleteWebhook();
  });
});
