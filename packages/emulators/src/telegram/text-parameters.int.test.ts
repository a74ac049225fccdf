import { Telegraf, TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';
import { callBotApi } from './testing.ts';

const fixture = useTelegramEmulator();

function api(method: string, params: Record<string, unknown> = {}, encoding?: 'json' | 'urlencoded') {
  return callBotApi(fixture.url, fixture.emulator.defaultBot.token, method, params, encoding);
}

function botClient() {
  return new Telegraf(fixture.emulator.defaultBot.token, { telegram: { apiRoot: fixture.url } }).telegram;
}

async function startedUser(firstName: string) {
  const user = await fixture.control.createUser({ firstName });
  await fixture.control.sendCommand({ from: user.id, command: 'start' });
  return user;
}

describe('text parameters as the Bot API server reads them', () => {
  it('lets parse_mode win over explicit entities, and uses entities without one', async () => {
    const user = await startedUser('Ada');
    const telegram = botClient();
    const parsed = await telegram.sendMessage(user.id, '<b>Rank</b> up', {
      parse_mode: 'HTML',
      entities: [{ type: 'italic', offset: 0, length: 3 }],
    });
    expect(parsed).toMatchObject({ text: 'Rank up', entities: [{ type: 'bold', offset: 0, length: 4 }] });

    const explicit = await telegram.sendMessage(user.id, '<b>Rank</b>', {
      entities: [{ type: 'italic', offset: 0, length: 3 }],
    });
    expect(explicit).toMatchObject({
      text: '<b>Rank</b>',
      entities: [{ type: 'italic', offset: 0, length: 3 }],
    });
  });

  it('ignores entities it cannot read as a JSON array and refuses an unusable entity', async () => {
    const user = await startedUser('Bo');
    const unreadable = await api(
      'sendMessage',
      { chat_id: user.id, text: 'hi', entities: '[{' },
      'urlencoded',
    );
    expect(unreadable.body).toMatchObject({ ok: true, result: { text: 'hi' } });
    expect(unreadable.body.result).not.toHaveProperty('entities');

    const failure = await botClient()
      .sendMessage(user.id, 'hi', { entities: [{ type: 'text_link', offset: 0, length: 2 } as never] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TelegramError);
    expect((failure as TelegramError).response).toEqual({
      ok: false,
      error_code: 400,
      description: `Bad Request: can't parse MessageEntity: Can't find field "url"`,
    });
  });
});

describe('link preview options', () => {
  it('carries the options a bot sets back in the message, and the older disable_web_page_preview', async () => {
    const user = await startedUser('Cy');
    const telegram = botClient();
    const sent = await telegram.sendMessage(user.id, 'See https://example.com/shop', {
      link_preview_options: { is_disabled: false, url: 'https://example.com/shop', prefer_small_media: true },
    });
    expect(sent.link_preview_options).toEqual({ url: 'https://example.com/shop', prefer_small_media: true });

    const plain = await telegram.sendMessage(user.id, 'No options');
    expect(plain).not.toHaveProperty('link_preview_options');

    const legacy = await api('sendMessage', {
      chat_id: user.id,
      text: 'https://example.com',
      disable_web_page_preview: true,
    });
    expect(legacy.body.result).toMatchObject({ link_preview_options: { is_disabled: true } });

    const edited = await telegram.editMessageText(
      user.id,
      sent.message_id,
      undefined,
      'Now https://example.com',
      {
        link_preview_options: { show_above_text: true },
      },
    );
    expect(edited).toMatchObject({ link_preview_options: { show_above_text: true } });
  });

  it('refuses options that are not a JSON object or have a field of the wrong type', async () => {
    const user = await startedUser('Di');
    const badRequest = (description: string) => ({
      status: 400,
      body: { ok: false, error_code: 400, description: `Bad Request: ${description}` },
    });
    expect(
      await api('sendMessage', { chat_id: user.id, text: 'hi', link_preview_options: '{' }, 'urlencoded'),
    ).toEqual(badRequest("can't parse link preview options JSON object"));
    expect(await api('sendMessage', { chat_id: user.id, text: 'hi', link_preview_options: [true] })).toEqual(
      badRequest('object expected as link preview options'),
    );
    expect(
      await api('sendMessage', {
        chat_id: user.id,
        text: 'hi',
        link_preview_options: { is_disabled: 'yes' },
      }),
    ).toEqual(badRequest('field "is_disabled" must be of type Boolean'));
  });

  it('reads the text before the chat, so an empty call is "message text is empty"', async () => {
    expect(await api('sendMessage')).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: message text is empty' },
    });
  });
});

describe('bot settings objects as the Bot API server reads them', () => {
  const refusal = async (method: string, params: Record<string, unknown>) =>
    (await api(method, params)).body.description;

  it('reads setMyCommands commands and scope with the server’s refusals', async () => {
    const telegram = botClient();
    await telegram.setMyCommands([{ command: 'balance', description: 'Your coins' }]);
    // No commands at all sets an empty list.
    expect(await api('setMyCommands')).toMatchObject({ status: 200, body: { ok: true, result: true } });
    expect(await telegram.getMyCommands()).toEqual([]);

    expect(await refusal('setMyCommands', { commands: { command: 'x' } })).toBe(
      'Bad Request: expected an Array of BotCommand',
    );
    expect(await refusal('setMyCommands', { commands: [{ command: 'shop' }] })).toBe(
      `Bad Request: can't parse BotCommand: Can't find field "description"`,
    );
    expect(await refusal('getMyCommands', { scope: { type: 'everyone' } })).toBe(
      "Bad Request: can't parse BotCommandScope: Unsupported type specified",
    );
    expect(await refusal('getMyCommands', { scope: { type: 'chat' } })).toBe(
      `Bad Request: can't parse BotCommandScope: Can't find field "chat_id"`,
    );
    expect(
      await refusal('getMyCommands', { scope: { type: 'chat_member', chat_id: -1001, user_id: 0 } }),
    ).toBe("Bad Request: can't parse BotCommandScope: Invalid user_id specified");
    expect(await refusal('getMyCommands', { scope: '{' })).toBe(
      "Bad Request: can't parse BotCommandScope JSON object",
    );
  });

  it('reads default administrator rights and menu buttons with the server’s refusals', async () => {
    expect(await refusal('setMyDefaultAdministratorRights', { rights: [true] })).toBe(
      "Bad Request: can't parse ChatAdministratorRights: ChatAdministratorRights must be an Object",
    );
    expect(await refusal('setMyDefaultAdministratorRights', { rights: { can_pin_messages: 'yes' } })).toBe(
      `Bad Request: can't parse ChatAdministratorRights: Field "can_pin_messages" must be of type Boolean`,
    );
    expect(await refusal('setChatMenuButton', { menu_button: { type: 'shop' } })).toBe(
      "Bad Request: can't parse menu button: MenuButton has unsupported type",
    );
    expect(await refusal('setChatMenuButton', { menu_button: { type: 'web_app', text: 'Shop' } })).toBe(
      `Bad Request: can't parse menu button: Can't find field "web_app"`,
    );
  });
});
