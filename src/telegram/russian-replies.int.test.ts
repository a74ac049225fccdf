import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';

let t: TelegramBotUnderTest;

beforeAll(async () => {
  t = await openTelegramBotUnderTest();
});

afterAll(async () => {
  await t?.close();
});

describe("replies in the language of the player's Telegram client", () => {
  it('a player whose Telegram speaks Russian gets /profile and /daily in Russian', async () => {
    const olga = t.newUser('Ольга', { languageCode: 'ru' });
    const profile = (await olga.command('profile')).text;
    expect(profile).toContain('👤 Ольга');
    expect(profile).toContain('Ранг: ');
    expect(profile).toContain('Монеты: 0');
    expect(profile).toContain('Серия ежедневных бонусов: пока нет, заберите бонус командой /daily');
    expect(profile).toContain('Аккаунт Discord ещё не привязан');
    expect(profile).not.toMatch(/Coins|Daily streak|Achievements/);

    const daily = (await olga.command('daily')).text;
    expect(daily).toMatch(/^🎁 Ежедневный бонус: \+\d+ XP/);
    expect(daily).toContain('Возвращайтесь завтра, чтобы начать серию');
    expect(daily).toMatch(/Теперь у вас \d+ XP и \d+ (монета|монеты|монет)\./);
    expect((await olga.command('daily')).text).toMatch(
      /^Сегодняшний бонус уже получен\. Следующий будет доступен через (\d+ ч( \d+ мин)?|\d+ мин|меньше минуты)\.$/,
    );
  });

  it('a refusal is told in Russian too, and a regional tag counts as its language', async () => {
    const ivan = t.newUser('Иван', { languageCode: 'ru-RU' });
    expect((await ivan.command('payout', '5')).text).toMatch(
      /^Минимальная выплата: \d+ (монета|монеты|монет)\.$/,
    );
    expect((await ivan.command('link', 'nonsense-that-is-no-code')).text).toBe(
      'Это не похоже на код привязки: 6 букв или цифр, например K7M2QX',
    );
  });

  it('the menu, the link code, the game and the hints around commands are Russian as well', async () => {
    const vera = t.newUser('Вера', { languageCode: 'ru' });
    expect((await vera.command('start')).text).toMatch(/^👋 Привет, Вера! /);
    expect((await vera.command('link')).text).toMatch(
      /^🔗 Ваш код привязки: [A-Z0-9]{6}\nВ Discord используйте \/link с этим кодом в течение 10 минут\./,
    );
    expect((await vera.command('game')).text).toMatch(/^🎲 Я загадал число от 1 до \d+\./);
    expect((await vera.say('банан')).text).toMatch(/^Пришлите целое число от 1 до \d+\.$/);
    expect((await vera.command('dance')).text).toBe(
      'Я не знаю такой команды. Отправьте /help, чтобы узнать, что я умею.',
    );
    expect((await vera.command('payout')).text).toMatch(/^Укажите, сколько монет вывести/);
  });

  it('a player whose Telegram speaks English, or a language Tandem lacks, gets English', async () => {
    for (const languageCode of ['en', 'de', undefined]) {
      const player = t.newUser('Emma', { languageCode });
      expect((await player.command('profile')).text).toContain('Daily streak: none yet');
      expect((await player.command('daily')).text).toMatch(/^🎁 Daily bonus: \+\d+ XP/);
    }
  });
});
