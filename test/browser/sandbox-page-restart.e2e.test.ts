import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulators, startEmulators } from '@tandem/emulators';
import type { Browser, Page } from 'playwright-core';
import { Telegraf } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { uiTimeoutMs } from '../support/panel-page.ts';
import { freePort } from '../support/telegram-bot-under-test.ts';

/**
 * The sandbox page left open while what serves it restarts (as `npm start` does): the page's own
 * port stays, the emulators come back on other ports with the world they kept.
 */

let browser: Browser;
let folder: string;
let sandboxPort: number;
let emulators: RunningEmulators | undefined;
let bot: { stop(): Promise<void> } | undefined;

/** A bot that echoes every text, long-polling the emulator: what the page calls "connected". */
function echoBot(running: RunningEmulators): { stop(): Promise<void> } {
  const telegraf = new Telegraf(running.demo.telegram.bot.token, {
    telegram: { apiRoot: running.telegramUrl },
  });
  telegraf.on('text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
  const launched = telegraf.launch();
  launched.catch(() => {});
  return {
    async stop() {
      telegraf.stop('restart');
      await launched.catch(() => {});
    },
  };
}

async function startAll(): Promise<RunningEmulators> {
  emulators = await startEmulators({
    telegramPort: 0,
    discordPort: 0,
    sandboxPort,
    host: '127.0.0.1',
    worldFile: join(folder, 'world.json'),
  });
  bot = echoBot(emulators);
  return emulators;
}

async function stopAll(): Promise<void> {
  await bot?.stop();
  await emulators?.stop();
  bot = undefined;
  emulators = undefined;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tandem-sandbox-page-'));
  sandboxPort = await freePort();
  browser = await launchChromium();
});

afterAll(async () => {
  await stopAll();
  await browser?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const telegram = (page: Page) => ({
  status: page.locator('#telegram .stream-status'),
  presence: page.locator('#telegram .presence'),
  chat: page.locator('#telegram .tg-chat'),
  input: page.locator('#telegram .composer-input'),
});

async function say(page: Page, text: string): Promise<void> {
  const pane = telegram(page);
  await pane.input.fill(text);
  await pane.input.press('Enter');
  await expect.poll(() => pane.chat.textContent(), { timeout: uiTimeoutMs }).toContain(`echo: ${text}`);
}

describe('an open sandbox page across a restart', () => {
  it('says it is disconnected while everything is down, then reconnects and shows the kept conversation', async () => {
    const first = await startAll();
    const page = await browser.newPage();
    await page.goto(first.sandboxUrl);
    const pane = telegram(page);
    await expect.poll(() => pane.status.getAttribute('data-status'), { timeout: uiTimeoutMs }).toBe('live');
    await expect.poll(() => pane.presence.textContent(), { timeout: uiTimeoutMs }).toBe('connected');
    await say(page, 'hello before the restart');

    const before = first.telegramUrl;
    await stopAll();
    // Nothing answers now: the header must not claim otherwise.
    await expect.poll(() => pane.presence.textContent(), { timeout: uiTimeoutMs }).toBe('disconnected');
    await expect
      .poll(() => page.locator('#discord .presence').textContent(), { timeout: uiTimeoutMs })
      .toBe('disconnected');
    expect(await pane.status.getAttribute('data-status')).not.toBe('live');

    const second = await startAll();
    expect(second.telegramUrl).not.toBe(before);
    // Back by itself, on the new ports, with the conversation the emulators kept.
    await expect
      .poll(() => pane.status.getAttribute('data-status'), { timeout: 3 * uiTimeoutMs })
      .toBe('live');
    await expect.poll(() => pane.presence.textContent(), { timeout: uiTimeoutMs }).toBe('connected');
    const shown = await pane.chat.textContent();
    expect(shown).toContain('hello before the restart');
    expect(shown).toContain('echo: hello before the restart');
    await say(page, 'hello after the restart');
    await expect
      .poll(() => page.locator('#discord .stream-status').getAttribute('data-status'), {
        timeout: uiTimeoutMs,
      })
      .toBe('live');
    await page.close();
  });
});
