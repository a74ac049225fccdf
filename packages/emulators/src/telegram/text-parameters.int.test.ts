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
