import { createHmac } from 'node:crypto';
import { Telegraf } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { ControlRequestError } from './index.ts';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';

const fixture = useTelegramEmulator();

const botApi = () =>
  new Telegraf(fixture.emulator.defaultBot.token, { telegram: { apiRoot: fixture.url } }).telegram;

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
    const user = await fixture.control.createUser({ firstName: 'Ann' });
    await telegram.setChatMenuButton({ chatId: user.id, menuButton: { type: 'commands' } });
    expect(await telegram.getChatMenuButton({ chatId: user.id })).toEqual({ type: 'commands' });
  });

  it('opens the menu button’s Mini App as a user, with init data signed as Telegram signs it', async () => {
    const telegram = botApi();
    await telegram.setChatMenuButton({
      menuButton: { type: 'web_app', text: 'Open', web_app: { url: 'https://tandem.example/app/' } },
    });
    const user = await fixture.control.createUser({
      firstName: 'Ann',
      username: 'ann_player',
      languageCode: 'ru',
    });
    const { initData, url } = await fixture.control.openWebApp({ user: user.id });
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
    const secret = createHmac('sha256', 'WebAppData').update(fixture.emulator.defaultBot.token).digest();
    expect(createHmac('sha256', secret).update(check).digest('hex')).toBe(hash);
    expect(JSON.parse(params.get('user')!)).toMatchObject({
      id: user.id,
      username: 'ann_player',
      language_code: 'ru',
    });
  });

  it('refuses to open a Mini App the bot has not set, unless given its address', async () => {
    await botApi().setChatMenuButton({ menuButton: { type: 'default' } });
    const user = await fixture.control.createUser();
    await expect(fixture.control.openWebApp({ user: user.id })).rejects.toBeInstanceOf(ControlRequestError);
    const opened = await fixture.control.openWebApp({
      user: user.id,
      url: 'http://localhost:1/app/',
      authDate: 1,
    });
    expect(new URLSearchParams(opened.initData).get('auth_date')).toBe('1');
  });
});
