import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramEmulator } from '../telegram/index.ts';
import { ControlApiError, telegramApi } from './api.js';

/** The calls the sandbox page makes when the played Telegram user is in a group, against a running emulator. */

const emulator = new TelegramEmulator();
let api: ReturnType<typeof telegramApi>;

beforeAll(async () => {
  const { url } = await emulator.start();
  api = telegramApi(`${url}/control`);
});

afterAll(async () => {
  await emulator.stop();
});

describe('api.js in a Telegram group', () => {
  it("reads the group's messages from everyone, posts text and addressed commands the bot receives, presses buttons", async () => {
    const { control, defaultBot: bot } = emulator;
    const ana = control.createUser({ firstName: 'Ana' });
    const ben = control.createUser({ firstName: 'Ben' });
    const group = control.createGroup({ title: 'Guild', members: [ana.id, ben.id], admins: [bot.id] });

    control.sendMessage({ from: ben.id, chatId: group.id, text: 'hi all' });
    const typed = await api.sendGroupMessage({ from: ana.id, chatId: group.id, text: '/top' });
    // Typed, a command goes out as written: plain `/top`, marked as a command.
    expect(typed.message).toMatchObject({
      chat: { id: group.id },
      from: { id: ana.id },
      text: '/top',
      entities: [{ type: 'bot_command', offset: 0, length: 4 }],
    });
    expect(typed.updates).toMatchObject([{ botId: bot.id }]);
    const picked = await api.sendGroupCommand({
      from: ana.id,
      chatId: group.id,
      bot: bot.id,
      command: 'top',
    });
    expect(picked.message).toMatchObject({ text: `/top@${bot.username}` });
    expect(picked.updates).toMatchObject([{ botId: bot.id }]);

    const answer = await fetch(`${emulator.url}/bot${bot.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        chat_id: group.id,
        text: 'Top players',
        reply_markup: { inline_keyboard: [[{ text: 'Next', callback_data: 'top:2' }]] },
      }),
    });
    const { result: sent } = (await answer.json()) as { result: { message_id: number } };
    const pressed = await api.pressGroupButton({
      from: ben.id,
      chatId: group.id,
      messageId: sent.message_id,
      data: 'top:2',
    });
    expect(pressed).toMatchObject({ callbackQuery: { from: { id: ben.id }, data: 'top:2' } });

    const messages = await api.groupMessages(group.id);
    expect(messages.map((message) => [message.from, message.text])).toEqual([
      [expect.objectContaining({ id: ben.id }), 'hi all'],
      [expect.objectContaining({ id: ana.id }), '/top'],
      [expect.objectContaining({ id: ana.id }), `/top@${bot.username}`],
      [expect.objectContaining({ id: bot.id, is_bot: true }), 'Top players'],
    ]);
  });

  it('refuses a user who is not in the group, saying so', async () => {
    const { control } = emulator;
    const cleo = control.createUser({ firstName: 'Cleo' });
    const group = control.createGroup({ title: 'Hall', members: [] });
    const refused = await api
      .sendGroupMessage({ from: cleo.id, chatId: group.id, text: 'let me in' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ControlApiError);
    expect(refused).toMatchObject({ status: 409, message: expect.stringContaining('not a member') });
    expect(await api.groupMessages(group.id)).toEqual([]);
  });
});
