import { TelegramEmulator } from '@tandem/emulators/telegram';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { createContentCache } from '../content/content-cache.ts';
import { startTelegramBot } from './start-telegram-bot.ts';

let tandem: TestTandem | undefined;
const stops: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  await tandem?.stop();
  tandem = undefined;
});

async function startWith(miniAppUrl: string) {
  tandem = await openTestTandem();
  const emulator = new TelegramEmulator();
  await emulator.start();
  stops.push(() => emulator.stop());
  const running = await startTelegramBot(
    { ...tandem, content: createContentCache(tandem.db) },
    { token: emulator.defaultBot.token, apiRoot: emulator.url, keyPrefix: tandem.prefix, miniAppUrl },
  );
  stops.push(() => running.stop());
  return { emulator, running };
}

describe('the Mini App menu button', () => {
  it('opens the Mini App, labelled in the community’s language, and the emulator opens it as a user', async () => {
    const { emulator, running } = await startWith('https://tandem.example/app/');
    expect(await running.bot.telegram.getChatMenuButton()).toEqual({
      type: 'web_app',
      text: 'Open the app',
      web_app: { url: 'https://tandem.example/app/' },
    });
    const user = emulator.control.createUser({ firstName: 'Ann' });
    const opened = emulator.control.openWebApp({ user: user.id });
    expect(opened.url).toMatch(/^https:\/\/tandem\.example\/app\/#tgWebAppData=/);
  });

  it('leaves the bot working with its command menu when Telegram refuses the address', async () => {
    const { running } = await startWith('http://tandem.example/app/');
    expect(running.receiving()).toBe(true);
    expect(await running.bot.telegram.getChatMenuButton()).toEqual({ type: 'commands' });
  });
});
