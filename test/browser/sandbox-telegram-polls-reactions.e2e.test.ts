import type { RunningEmulators } from '@tandem/emulators';
import { TelegramControlClient } from '@tandem/emulators/telegram';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { uiTimeoutMs } from '../support/panel-page.ts';
import { startTemporaryEmulators } from '../support/temporary-emulators.ts';

/**
 * The sandbox page's Telegram pane in the demo world's community group, the bot played by hand
 * through the Bot API: a person playing Ana posts there, votes in the bot's poll, reacts to it,
 * sees the bot pin it, and opens a Mini App from a web_app button in the private chat.
 */

let browser: Browser;
let context: BrowserContext;
let emulators: RunningEmulators;
let page: Page;

beforeAll(async () => {
  emulators = await startTemporaryEmulators('sandbox-polls');
  browser = await launchChromium();
  context = await browser.newContext();
  context.setDefaultTimeout(uiTimeoutMs);
  page = await context.newPage();
  await page.goto(emulators.sandboxUrl);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await emulators?.stop();
});

/** A Bot API call as the demo world's bot. */
async function asBot(method: string, params: object): Promise<{ message_id: number }> {
  const { token } = emulators.demo.telegram.bot;
  const response = await fetch(`${emulators.telegramUrl}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const body = (await response.json()) as { ok: boolean; result: { message_id: number } };
  expect(body.ok, `${method}: ${JSON.stringify(body)}`).toBe(true);
  return body.result;
}

describe("the sandbox page's Telegram pane", () => {
  it('posts in the group, votes in the bot’s poll, reacts, shows the pin and opens a web_app button', async () => {
    const { telegram } = emulators.demo;
    const group = telegram.group!;
    const ana = telegram.users.find((user) => user.username === 'ana_plays')!;
    const ben = telegram.users.find((user) => user.username === 'ben_builds')!;
    const control = new TelegramControlClient(emulators.telegramUrl);
    const pane = page.locator('#telegram');
    await pane.locator('#tg-user').selectOption(String(ana.id));
    await expect.poll(() => pane.locator('#tg-chat-choice option').count()).toBe(2);
    await pane.locator('#tg-chat-choice').selectOption(String(group.id));

    const input = pane.locator('.composer-input');
    await input.fill('who is in for a raid?');
    await input.press('Enter');
    await expect
      .poll(async () => (await control.messages(group.id)).at(-1))
      .toMatchObject({ from: { id: ana.id }, text: 'who is in for a raid?' });

    const poll = await asBot('sendPoll', {
      chat_id: group.id,
      question: 'When do we raid?',
      options: [{ text: 'Tonight' }, { text: 'Tomorrow' }],
      is_anonymous: false,
    });
    const bubble = pane.locator('.tg-row').filter({ hasText: 'When do we raid?' });
    await bubble.getByRole('button', { name: /Tonight/ }).click();
    await expect.poll(() => bubble.getByRole('button', { name: /Tonight/ }).textContent()).toBe('Tonight1');
    expect(await bubble.getByRole('button', { name: /Tonight/ }).getAttribute('aria-pressed')).toBe('true');
    const stored = async () =>
      (await control.messages(group.id)).find((m) => m.message_id === poll.message_id);
    expect(await stored()).toMatchObject({ pollVotes: { [ana.id]: [0] } });

    // Ben votes elsewhere: the count moves live.
    await control.votePoll({ from: ben.id, chatId: group.id, messageId: poll.message_id, optionIds: [1] });
    await expect.poll(() => bubble.getByRole('button', { name: /Tomorrow/ }).textContent()).toBe('Tomorrow1');
    expect(await bubble.locator('.tg-poll-footer').textContent()).toContain('2 votes');

    await bubble.locator('.tg-reaction.add').click();
    await bubble.getByRole('menuitem', { name: '🔥' }).click();
    await expect.poll(() => bubble.locator('.tg-reaction.own').textContent()).toBe('🔥 1');
    expect(await stored()).toMatchObject({
      reactions: { [`user:${ana.id}`]: [{ type: 'emoji', emoji: '🔥' }] },
    });
    await asBot('setMessageReaction', {
      chat_id: group.id,
      message_id: poll.message_id,
      reaction: [{ type: 'emoji', emoji: '🔥' }],
    });
    await expect.poll(() => bubble.locator('.tg-reaction.own').textContent()).toBe('🔥 2');

    await asBot('pinChatMessage', { chat_id: group.id, message_id: poll.message_id });
    const pinned = pane.locator('.tg-pinned');
    await expect.poll(() => pinned.textContent()).toContain('When do we raid?');
    await asBot('unpinChatMessage', { chat_id: group.id, message_id: poll.message_id });
    await pinned.waitFor({ state: 'detached' });

    // In the private chat, a web_app button opens its Mini App as Ana, init data signed.
    await pane.locator('#tg-chat-choice').selectOption('private');
    await input.fill('/start');
    await input.press('Enter');
    await expect
      .poll(() => pane.locator('.tg-row.from-user').allTextContents())
      .toEqual([expect.stringContaining('/start')]);
    await asBot('sendMessage', {
      chat_id: ana.id,
      text: 'Your shop',
      reply_markup: {
        inline_keyboard: [[{ text: 'Open the shop', web_app: { url: 'http://127.0.0.1:9/shop/' } }]],
      },
    });
    // Nothing listens there: the browser is handed a page for the Mini App's address.
    await context.route('http://127.0.0.1:9/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<h1>Shop</h1>' }),
    );
    const opening = context.waitForEvent('page');
    await pane.getByRole('button', { name: /Open the shop/ }).click();
    const app = await opening;
    await app.getByRole('heading', { name: 'Shop' }).waitFor();
    await expect.poll(() => app.url()).toMatch(/^http:\/\/127\.0\.0\.1:9\/shop\/#tgWebAppData=/);
    const initData = new URLSearchParams(
      new URLSearchParams(new URL(app.url()).hash.slice(1)).get('tgWebAppData')!,
    );
    expect(JSON.parse(initData.get('user')!)).toMatchObject({ id: ana.id, username: 'ana_plays' });
    await app.close();
  });
});
