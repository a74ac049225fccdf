import { createHmac } from 'node:crypto';
import { Telegraf } from 'telegraf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ControlRequestError, TelegramControlClient, TelegramEmulator } from './index.ts';

let emulator: TelegramEmulator;
let control: TelegramControlClient;

beforeAll(async () => {
  emulator = new TelegramEmulator();
  const { url } = await emulator.start();
  control = new TelegramControlClient(url);
});
beforeEach(async () => {
  await control.reset();
});
afterAll(async () => {
  await emulator.stop();
});

const botApi = () =>
  new Telegraf(emulator.defaultBot.token, { telegram: { apiRoot: emulator.url } }).telegram;

describe('Mini Apps', () => {
  it('keeps the menu button a bot sets, by chat and by default', async () => {
    const telegram = botApi();
    expect(await telegram.getChatMenuButton()).toEqual({ type: 'commands' });
    await telegram.setChatMenuButton({
      menuButton: { type: 'web_app', text: 'Open', web_app: { url: 'http://localhost:3000/app/' } },
    });
    expect(await telegram.getChatMenuButton()).toMatchObject({ type: 'web_app', text: 'Open' });
    await expect(
      telegram.setChatMenuButton({
        menuButton: { type: 'web_app', text: 'Open', web_app: { url: 'http://example.com/app/' } },
      }),
    ).rejects.toThrow(/BUTTON_URL_INVALID/);
    const user = await control.createUser({ firstName: 'Ann' });
    await telegram.setChatMenuButton({ chatId: user.id, menuButton: { type: 'commands' } });
    expect(await telegram.getChatMenuButton({ chatId: user.id })).toEqual({ type: 'commands' });
  });

  it('opens the menu button’s Mini App as a user, with init data signed as Telegram signs it', async () => {
    const telegram = botApi();
    await telegram.setChatMenuButton({
      menuButton: { type: 'web_app', text: 'Open', web_app: { url: 'https://tandem.example/app/' } },
    });
    const user = await control.createUser({ firstName: 'Ann', username: 'ann_player', languageCode: 'ru' });
    const { initData, url } = await control.openWebApp({ user: user.id });
    const fragment = new URLSearchParams(new URL(url).hash.slice(1));
    expect(url.startsWith('https://tandem.example/app/#')).toBe(true);
    expect(fragment.get('tgWebAppData')).toBe(initData);

    const params = new URLSearchParams(initData);
    const hash = params.get('hash');
    params.delete('hash');
    const check = [...params]
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join('\n');
    const secret = createHmac('sha256', 'WebAppData').update(emulator.defaultBot.token).digest();
    expect(createHmac('sha256', secret).update(check).digest('hex')).toBe(hash);
    expect(JSON.parse(params.get('user')!)).toMatchObject({
      id: user.id,
      username: 'ann_player',
      language_code: 'ru',
    });
  });

  it('refuses to open a Mini App the bot has not set, unless given its address', async () => {
    await botApi().setChatMenuButton({ menuButton: { type: 'default' } });
    const user = await control.createUser();
    await expect(control.openWebApp({ user: user.id })).rejects.toBeInstanceOf(ControlRequestError);
    const opened = await control.openWebApp({ user: user.id, url: 'http://localhost:1/app/', authDate: 1 });
    expect(new URLSearchParams(opened.initData).get('auth_date')).toBe('1');
  });
});
