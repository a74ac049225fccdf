import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';
import { publicBoardPage } from '../leaderboard/public-board.ts';
import { saveLeaderboardSettings } from '../leaderboard/save-leaderboard-settings.ts';
import { topPlayers } from '../players/top-players.ts';

let t: TelegramBotUnderTest;

beforeAll(async () => {
  t = await openTelegramBotUnderTest();
  await saveLeaderboardSettings(t.tandem, { value: { public: true } });
});

afterAll(async () => {
  await t?.close();
});

type Button = { text: string; callback_data?: string };
const buttonsOf = (message: { reply_markup?: unknown }) =>
  ((message.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

async function onBoards(): Promise<string[]> {
  const top = (await topPlayers(t.tandem)).map((r) => r.displayName);
  expect((await publicBoardPage(t.tandem, {})).rows.map((r) => r.displayName)).toEqual(top);
  return top;
}

describe('/privacy on Telegram', () => {
  it('hides the player from /top and the public board with a button, and shows them again by command', async () => {
    const nina = t.newUser('Nina');
    await nina.command('profile');
    await t.tandem.db.pool.query('UPDATE players SET xp = 500 WHERE id = $1', [await nina.playerId()]);
    expect(await onBoards()).toContain('Nina');

    const shown = await nina.command('privacy');
    expect(shown.text).toBe("The leaderboards show you: /top and the community's public board.");
    const [hide] = buttonsOf(shown);
    expect(hide).toMatchObject({ text: 'Hide me', callback_data: 'privacy:hide' });
    const pressed = await nina.press(shown.message_id, 'privacy:hide');
    expect(pressed.text).toContain('Done: you are hidden from every leaderboard');
    expect(await onBoards()).not.toContain('Nina');
    expect((await nina.command('top')).text).not.toContain('Nina');

    const again = await nina.command('privacy');
    expect(again.text).toContain('You are hidden from the leaderboards');
    expect(buttonsOf(again)[0]).toMatchObject({ text: 'Show me', callback_data: 'privacy:show' });
    expect((await nina.command('privacy', 'show')).text).toContain('the leaderboards show you again');
    expect(await onBoards()).toContain('Nina');
  });

  it('speaks Russian to a Russian client and explains a choice it does not know', async () => {
    const olga = t.newUser('Ольга', { languageCode: 'ru' });
    expect((await olga.command('privacy')).text).toContain('Таблицы лидеров показывают вас');
    expect((await olga.command('privacy', 'скрыть')).text).toContain('Готово: вы скрыты');
    expect((await olga.command('privacy', 'maybe')).text).toBe(
      'Не понимаю «maybe». Наберите /privacy hide или /privacy show.',
    );
  });
});
