import type { RunningEmulators } from '@tandem/emulators';
import type { Browser } from 'playwright-core';
import { Telegraf } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, openAdminApiWorld } from '../support/admin-api-world.ts';
import { launchChromium } from '../support/chromium.ts';
import { uiTimeoutMs } from '../support/panel-page.ts';
import { startTemporaryEmulators } from '../support/temporary-emulators.ts';

/**
 * The sandbox page opens the bot's Mini App as the chosen Telegram user: the emulator signs the
 * init data with the bot's token, and Tandem's API takes it.
 */

let browser: Browser;
let emulators: RunningEmulators;
let world: AdminApiWorld;

beforeAll(async () => {
  emulators = await startTemporaryEmulators('sandbox-mini-app');
  const token = emulators.demo.telegram.bot.token;
  world = await openAdminApiWorld({ api: { telegramBotToken: token } });
  // What the Telegram bot does at start in the sandbox (src/telegram/start-telegram-bot.ts).
  await new Telegraf(token, { telegram: { apiRoot: emulators.telegramUrl } }).telegram.setChatMenuButton({
    menuButton: { type: 'web_app', text: 'Open the app', web_app: { url: `${world.url}/app/` } },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await world?.stop();
  await emulators?.stop();
});

describe('the sandbox page', () => {
  it('opens the Mini App as the chosen Telegram user', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(uiTimeoutMs);
    const page = await context.newPage();
    await page.goto(emulators.sandboxUrl);
    const ana = emulators.demo.telegram.users.find((user) => user.username === 'ana_plays')!;
    await page.locator('#telegram select').first().selectOption(String(ana.id));
    const opening = context.waitForEvent('page');
    await page.locator('#telegram').getByRole('button', { name: 'Open the app' }).click();
    const app = await opening;
    await app.getByRole('heading', { name: 'ana_plays' }).waitFor();
    await app.getByRole('heading', { name: 'Leaderboard' }).waitFor();
    expect(new URL(app.url()).pathname).toBe('/app/');
    const identity = await world.tandem.db.pool.query(
      `SELECT username FROM identities WHERE platform = 'telegram' AND platform_user_id = $1`,
      [String(ana.id)],
    );
    expect(identity.rows).toEqual([{ username: 'ana_plays' }]);
    await context.close();
  });
});
