import type { RunningEmulators } from '@tandem/emulators';
import { TelegramControlClient } from '@tandem/emulators/telegram';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContentCache } from '../../src/content/content-cache.ts';
import { type RunningTelegramBot, startTelegramBot } from '../../src/telegram/start-telegram-bot.ts';
import { launchChromium } from '../support/chromium.ts';
import { uiTimeoutMs } from '../support/panel-page.ts';
import { openTestTandem, type TestTandem } from '../support/services.ts';
import { startTemporaryEmulators } from '../support/temporary-emulators.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * The sandbox page's Telegram pane in the demo world's community group, with Tandem's real bot
 * polling the emulator: a person plays Ana there, chats (earning message XP) and asks for /top.
 */

let browser: Browser;
let emulators: RunningEmulators;
let tandem: TestTandem;
let bot: RunningTelegramBot;
let page: Page;

beforeAll(async () => {
  emulators = await startTemporaryEmulators('sandbox-group');
  tandem = await openTestTandem();
  bot = await startTelegramBot(
    { ...tandem, content: createContentCache(tandem.db) },
    {
      token: emulators.demo.telegram.bot.token,
      apiRoot: emulators.telegramUrl,
      keyPrefix: tandem.prefix,
      // Only for the menu button: the pane shows it in the private chat, not in groups.
      miniAppUrl: 'http://127.0.0.1:9/app/',
    },
  );
  browser = await launchChromium();
  page = await browser.newPage();
  page.setDefaultTimeout(uiTimeoutMs);
  await page.goto(emulators.sandboxUrl);
});

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await bot?.stop();
  await tandem?.stop();
  await emulators?.stop();
});

const pane = () => ({
  chatChoice: page.locator('#telegram #tg-chat-choice'),
  chat: page.locator('#telegram .tg-chat'),
  input: page.locator('#telegram .composer-input'),
  appButton: page.locator('#telegram').getByRole('button', { name: 'Open the app' }),
});

async function say(text: string): Promise<void> {
  await pane().input.fill(text);
  await pane().input.press('Enter');
}

/** The text of the group's bubbles written by `author`. */
function bubblesBy(author: string) {
  return page.locator('#telegram .tg-row').filter({ has: page.locator('.tg-author', { hasText: author }) });
}

describe("the sandbox page's Telegram pane in a group", () => {
  it("shows the community group's messages from everyone, sends Ana's, and the bot answers /top there", async () => {
    const { telegram } = emulators.demo;
    const group = telegram.group!;
    const ana = telegram.users.find((user) => user.username === 'ana_plays')!;
    const ben = telegram.users.find((user) => user.username === 'ben_builds')!;
    const control = new TelegramControlClient(emulators.telegramUrl);
    await page.locator('#telegram #tg-user').selectOption(String(ana.id));
    await expect
      .poll(() => pane().chatChoice.locator('option').allTextContents())
      .toEqual([`Private chat with @${telegram.bot.username}`, `${group.title} (group)`]);
    // The Mini App is the private chat's menu button.
    await pane().appButton.waitFor();

    await pane().chatChoice.selectOption(String(group.id));
    await pane().appButton.waitFor({ state: 'hidden' });
    // The demo world's history: Ana added the bot to the group.
    const botName = (await control.world()).bots[0]!.first_name;
    await expect.poll(() => pane().chat.textContent()).toContain(`Ana Rivera added ${botName}`);

    await say('good game yesterday, everyone!');
    await expect
      .poll(() => bubblesBy('Ana Rivera').allTextContents())
      .toEqual([expect.stringContaining('good game yesterday, everyone!')]);
    const sent = await control.messages(group.id);
    expect(sent.at(-1)).toMatchObject({ from: { id: ana.id }, text: 'good game yesterday, everyone!' });

    // Another member writes from elsewhere: it arrives live, under their name.
    await control.sendMessage({ from: ben.id, chatId: group.id, text: 'same time tonight?' });
    await expect
      .poll(() => bubblesBy('Ben Okafor').allTextContents())
      .toEqual([expect.stringContaining('same time tonight?')]);

    // Ana's message earned message XP in the group: /top lists her.
    await waitFor(async () => {
      const { rows } = await tandem.db.pool.query(
        `SELECT 1 FROM ledger_entries l JOIN identities i ON i.player_id = l.player_id
          WHERE i.platform = 'telegram' AND i.platform_user_id = $1 AND l.reason = 'message'`,
        [String(ana.id)],
      );
      return rows.length === 1;
    }, "Ana's message XP");
    await say('/top');
    const botBubbles = page.locator('#telegram .tg-row.from-bot');
    await expect.poll(() => botBubbles.allTextContents()).toEqual([expect.stringContaining('Top players')]);
    expect(await botBubbles.first().locator('.tg-author').textContent()).toBe(`${botName}bot`);
    expect(await botBubbles.first().locator('.tg-text').textContent()).toMatch(/Ana|ana_plays/);

    // Picked from the command menu, a command is addressed to the bot, as Telegram's apps send it.
    await page.locator('#telegram').getByTitle('Bot commands').click();
    await page
      .locator('#telegram .command-menu')
      .getByRole('button', { name: /^\/top/ })
      .click();
    await expect
      .poll(() => bubblesBy('Ana Rivera').last().textContent())
      .toContain(`/top@${telegram.bot.username}`);
    await expect.poll(() => botBubbles.count()).toBe(2);

    // Back in the private chat: only Ana's conversation with the bot, and the menu button again.
    await pane().chatChoice.selectOption('private');
    await pane().appButton.waitFor();
    await expect.poll(() => pane().chat.textContent()).toContain('Ana has not written to the bot yet');
    expect(await pane().chat.textContent()).not.toContain('same time tonight?');
  });
});
