import { type RunningEmulators, startEmulators } from '@tandem/emulators';
import { DiscordControlClient } from '@tandem/emulators/discord';
import type { Browser, Page } from 'playwright-core';
import { Telegraf } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { uiTimeoutMs } from '../support/panel-page.ts';
import { freePort } from '../support/telegram-bot-under-test.ts';

/** The sandbox page in a real browser: people who speak Russian or English, made and shown by it. */

let browser: Browser;
let emulators: RunningEmulators;
let telegraf: Telegraf;
let polling: Promise<void>;
let page: Page;

beforeAll(async () => {
  emulators = await startEmulators({
    telegramPort: 0,
    discordPort: 0,
    sandboxPort: await freePort(),
    host: '127.0.0.1',
  });
  // Answers with the language the user's app reports: what a bot sees of the person made on the page.
  telegraf = new Telegraf(emulators.demo.telegram.bot.token, {
    telegram: { apiRoot: emulators.telegramUrl },
  });
  telegraf.on('text', (ctx) => ctx.reply(`language_code: ${ctx.from.language_code ?? 'none'}`));
  polling = telegraf.launch();
  polling.catch(() => {});
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(emulators.sandboxUrl);
});

afterAll(async () => {
  await page?.close();
  await browser?.close();
  telegraf?.stop('done');
  await polling?.catch(() => {});
  await emulators?.stop();
});

describe('the sandbox page and languages', () => {
  it('lists the demo people with their languages: one Russian speaker on each platform', async () => {
    const telegramUsers = page.locator('#telegram #tg-user option');
    await expect
      .poll(() => telegramUsers.allTextContents(), { timeout: uiTimeoutMs })
      .toEqual([
        'Ana Rivera (@ana_plays) · en',
        'Ben Okafor (@ben_builds) · en',
        'Вера Соколова (@vera_igraet) · ru',
      ]);
    const members = page.locator('#discord #dc-member option');
    await expect
      .poll(() => members.allTextContents(), { timeout: uiTimeoutMs })
      .toEqual([
        'tandemtestguild-owner · en-US',
        'alice · en-US',
        'bob · en-US',
        'carol · en-US',
        'dmitri · ru',
      ]);
  });

  it('creates a Telegram user whose app is in Russian, and the bot sees language_code ru', async () => {
    const pane = page.locator('#telegram');
    await pane.getByRole('button', { name: '+ New user' }).click();
    await pane.locator('input[name="firstName"]').fill('Катя');
    await pane.locator('select[name="languageCode"]').selectOption('ru');
    await pane.getByRole('button', { name: 'Create' }).click();
    await expect
      .poll(() => pane.locator('#tg-user option:checked').textContent(), { timeout: uiTimeoutMs })
      .toBe('Катя · ru');
    await pane.locator('.composer-input').fill('привет');
    await pane.locator('.composer-input').press('Enter');
    await expect
      .poll(() => pane.locator('.tg-chat').textContent(), { timeout: uiTimeoutMs })
      .toContain('language_code: ru');
  });

  it('creates a Discord member whose app is in Russian, who joins the guild with locale ru', async () => {
    const pane = page.locator('#discord');
    await pane.getByRole('button', { name: '+ New member' }).click();
    await pane.locator('input[name="username"]').fill('olga');
    await pane.locator('select[name="locale"]').selectOption('ru');
    await pane.getByRole('button', { name: 'Create' }).click();
    await expect
      .poll(() => pane.locator('#dc-member option:checked').textContent(), { timeout: uiTimeoutMs })
      .toBe('olga · ru');
    const control = new DiscordControlClient(emulators.discord.controlUrl);
    const guild = await control.guild(emulators.demo.discord.guildId);
    const olga = guild.members.find((member) => member.user.username === 'olga');
    expect(olga).toBeDefined();
    const { users } = (await control.state()) as { users: { id: string; locale: string }[] };
    expect(users.find((user) => user.id === olga?.user.id)?.locale).toBe('ru');
  });
});
