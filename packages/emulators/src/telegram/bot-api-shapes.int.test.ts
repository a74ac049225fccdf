import { Telegraf } from 'telegraf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TelegramControlClient, TelegramEmulator } from './index.ts';

let emulator: TelegramEmulator;
let control: TelegramControlClient;
let token: string;

beforeAll(async () => {
  emulator = new TelegramEmulator();
  const { url } = await emulator.start();
  control = new TelegramControlClient(url);
  token = emulator.defaultBot.token;
});

beforeEach(async () => {
  await control.reset();
});

afterAll(async () => {
  await emulator.stop();
});

function post(method: string, params: Record<string, unknown> = {}) {
  return fetch(`${emulator.url}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
}

describe('Bot API answers on the wire', () => {
  it('labels every answer Content-Type application/json with no charset, as the Bot API server does', async () => {
    const answers = [
      await post('getMe'),
      await post('getChat', { chat_id: 424242 }),
      await fetch(`${emulator.url}/bot1:${'A'.repeat(35)}/getMe`),
      await post('noSuchMethod'),
      await fetch(`${emulator.url}/elsewhere`),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 400, 401, 404, 404]);
    for (const answer of answers) expect(answer.headers.get('content-type')).toBe('application/json');
  });

  it('sends Retry-After beside parameters.retry_after on a 429', async () => {
    await control.rateLimit({ durationMs: 30_000, count: 1, retryAfter: 7, method: 'getMe' });
    const answer = await post('getMe');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(await answer.json()).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
  });

  it("gives getMe every bot field Telegram returns, so telegraf's botInfo matches production", async () => {
    const bot = new Telegraf(token, { telegram: { apiRoot: emulator.url } });
    expect(await bot.telegram.getMe()).toEqual({
      id: emulator.defaultBot.id,
      is_bot: true,
      first_name: 'Emulator Bot',
      username: emulator.defaultBot.username,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: true,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
    });
  });

  it('answers getChat with the required ChatFullInfo fields, gifts accepted by users and not by groups', async () => {
    const bot = new Telegraf(token, { telegram: { apiRoot: emulator.url } });
    const user = await control.createUser({ firstName: 'Ines' });
    await control.sendCommand({ from: user.id, command: 'start' });
    const group = await control.createGroup({ title: 'Guild hall', members: [user.id] });

    const privateChat = await bot.telegram.getChat(user.id);
    expect(privateChat).toMatchObject({
      id: user.id,
      type: 'private',
      first_name: 'Ines',
      accent_color_id: 0,
      max_reaction_count: 11,
      accepted_gift_types: {
        unlimited_gifts: true,
        limited_gifts: true,
        unique_gifts: true,
        premium_subscription: true,
        gifts_from_channels: true,
      },
    });
    expect(privateChat).not.toHaveProperty('permissions');

    const groupChat = await bot.telegram.getChat(group.id);
    expect(groupChat).toMatchObject({
      id: group.id,
      type: 'supergroup',
      title: 'Guild hall',
      accepted_gift_types: {
        unlimited_gifts: false,
        limited_gifts: false,
        unique_gifts: false,
        premium_subscription: false,
        gifts_from_channels: false,
      },
      permissions: expect.objectContaining({ can_send_messages: true }),
    });
  });
});
