import { Telegraf, TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';
import { callBotApi } from './testing.ts';

const fixture = useTelegramEmulator();

function api(
  method: string,
  params: Record<string, unknown> = {},
  encoding?: 'json' | 'urlencoded' | 'query',
) {
  return callBotApi(fixture.url, fixture.emulator.defaultBot.token, method, params, encoding);
}

function badRequest(description: string) {
  return { status: 400, body: { ok: false, error_code: 400, description: `Bad Request: ${description}` } };
}

/** A user who has started the bot, so the bot may write to them. */
async function startedUser(firstName: string) {
  const user = await fixture.control.createUser({ firstName });
  await fixture.control.sendCommand({ from: user.id, command: 'start' });
  return user;
}

describe('Bot API refusals', () => {
  it('rejects an unknown token with 401, so bot.launch() fails', async () => {
    const bot = new Telegraf('123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {
      telegram: { apiRoot: fixture.url },
    });
    const failure = await bot.launch().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TelegramError);
    expect((failure as TelegramError).response).toEqual({
      ok: false,
      error_code: 401,
      description: 'Unauthorized',
    });
  });

  it('answers malformed JSON, an unknown method and a stray path in the Bot API shape', async () => {
    const malformed = await fetch(`${fixture.url}/bot${fixture.emulator.defaultBot.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"chat_id": 1,',
    });
    expect({ status: malformed.status, body: await malformed.json() }).toEqual(
      badRequest("can't parse JSON object"),
    );
    const notAnObject = await fetch(`${fixture.url}/bot${fixture.emulator.defaultBot.token}/getMe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1, 2]',
    });
    expect(notAnObject.status).toBe(400);
    const brokenMultipart = await fetch(
      `${fixture.url}/bot${fixture.emulator.defaultBot.token}/sendDocument`,
      {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data' },
        body: 'garbage',
      },
    );
    expect(await brokenMultipart.json()).toMatchObject({ ok: false, error_code: 400 });

    expect(await api('sendMessageNow')).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found: method not found' },
    });
    const stray = await fetch(`${fixture.url}/api/v1/anything`);
    expect({ status: stray.status, body: await stray.json() }).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found' },
    });
    // The emulator is still answering.
    expect((await api('GETME')).body).toMatchObject({ ok: true, result: { username: 'emulator_bot' } });
  });

  it('refuses missing and invalid parameters with Telegram’s descriptions', async () => {
    const user = await startedUser('Rae');
    expect(await api('sendMessage', { text: 'hi' })).toEqual(badRequest('chat_id is empty'));
    expect(await api('sendMessage', { chat_id: user.id })).toEqual(badRequest('message text is empty'));
    expect(await api('sendMessage', { chat_id: user.id, text: '   ' })).toEqual(
      badRequest('message text is empty'),
    );
    expect(await api('sendMessage', { chat_id: 424242, text: 'hi' })).toEqual(badRequest('chat not found'));
    expect(await api('sendMessage', { chat_id: user.id, text: 'x'.repeat(4097) })).toEqual(
      badRequest('message is too long'),
    );
    expect(
      await api('sendMessage', { chat_id: user.id, text: '5.5 coins', parse_mode: 'MarkdownV2' }),
    ).toEqual(
      badRequest(
        "can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
      ),
    );
    expect(
      await api('sendMessage', { chat_id: user.id, text: 'hi', reply_markup: '{"inline_keyboard":' }),
    ).toEqual(badRequest("can't parse reply keyboard markup JSON object"));
    expect(await api('editMessageText', { chat_id: user.id, message_id: 999, text: 'x' })).toEqual(
      badRequest('message to edit not found'),
    );
    expect(await api('deleteMessage', { chat_id: user.id, message_id: 999 })).toEqual(
      badRequest('message to delete not found'),
    );
    expect(await api('answerCallbackQuery', { callback_query_id: '1' })).toEqual(
      badRequest('query is too old and response timeout expired or query ID is invalid'),
    );
    expect(
      await api('sendMessage', { chat_id: user.id, text: 'hi', reply_parameters: { message_id: 999 } }),
    ).toEqual(badRequest('message to be replied not found'));

    const sent = await api('sendMessage', { chat_id: user.id, text: 'Level 2' });
    const messageId = (sent.body.result as { message_id: number }).message_id;
    expect(
      await api('editMessageText', { chat_id: user.id, message_id: messageId, text: 'Level 2' }),
    ).toEqual(
      badRequest(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      ),
    );
  });

  it('refuses a missing, zero, negative or non-numeric user id as "invalid user_id specified"', async () => {
    const user = await startedUser('Vic');
    const invalidUserId = badRequest('invalid user_id specified');
    expect(await api('getChatMember', { chat_id: user.id })).toEqual(invalidUserId);
    expect(await api('getChatMember', { chat_id: user.id, user_id: 0 })).toEqual(invalidUserId);
    expect(await api('getChatMember', { chat_id: user.id, user_id: -5 })).toEqual(invalidUserId);
    expect(await api('getChatMember', { chat_id: user.id, user_id: 'Vic' })).toEqual(invalidUserId);
    expect((await api('getChatMember', { chat_id: user.id, user_id: String(user.id) })).status).toBe(200);
    // Menu buttons belong to private chats, so chat_id is read as a user id there.
    expect(await api('getChatMenuButton', { chat_id: -1001 })).toEqual(
      badRequest('invalid chat_id specified'),
    );
    expect(await api('setChatMenuButton', { chat_id: '@guild' })).toEqual(
      badRequest('invalid chat_id specified'),
    );
  });

  it('reads parameters from urlencoded bodies and query strings as well as JSON', async () => {
    const user = await startedUser('Sol');
    const keyboard = { inline_keyboard: [[{ text: 'Open shop', callback_data: 'shop' }]] };
    const viaForm = await api(
      'sendMessage',
      { chat_id: String(user.id), text: 'form', reply_markup: keyboard },
      'urlencoded',
    );
    const viaQuery = await api('sendMessage', { chat_id: String(user.id), text: 'query' }, 'query');

    expect(viaForm.body.result).toMatchObject({ text: 'form', reply_markup: keyboard });
    expect(viaQuery.body.result).toMatchObject({ text: 'query', chat: { id: user.id, type: 'private' } });
    const ids = [viaForm, viaQuery].map(
      (answer) => (answer.body.result as { message_id: number }).message_id,
    );
    expect(ids[1]).toBe((ids[0] ?? 0) + 1);
  });

  it('forbids writing to users who never started the bot or who blocked it, and tells the bot they blocked it', async () => {
    const stranger = await fixture.control.createUser({ firstName: 'Tom' });
    expect(await api('sendMessage', { chat_id: stranger.id, text: 'hi' })).toEqual({
      status: 403,
      body: {
        ok: false,
        error_code: 403,
        description: "Forbidden: bot can't initiate conversation with a user",
      },
    });

    const fan = await startedUser('Uma');
    await fixture.control.blockBot(fan.id);
    expect(await api('sendMessage', { chat_id: fan.id, text: 'hi' })).toEqual({
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    });
    const updates = await api('getUpdates');
    expect(updates.body.result).toContainEqual(
      expect.objectContaining({
        my_chat_member: expect.objectContaining({
          old_chat_member: expect.objectContaining({ status: 'member' }),
          new_chat_member: expect.objectContaining({ status: 'kicked' }),
        }),
      }),
    );
  });
});
