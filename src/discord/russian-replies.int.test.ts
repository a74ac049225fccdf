import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBotHarness, startDiscordBotHarness } from '../../test/support/discord-bot-harness.ts';

let harness: DiscordBotHarness;
beforeAll(async () => {
  harness = await startDiscordBotHarness();
});
afterAll(async () => {
  await harness?.stop();
});

/**
 * A new member of the test guild, so each test starts with a player of its own; `locale` is the
 * language of their Discord app (en-US when not given).
 */
async function newMember(username: string, locale?: string): Promise<string> {
  const user = await harness.control.createUser({ username, locale });
  if (!user) throw new Error('the emulator created no user');
  await harness.control.addMember(harness.world.guildId, { userId: user.id });
  return user.id;
}

async function chooseLanguage(discordUserId: string, language: string | null): Promise<void> {
  const playerId = await harness.playerOf(discordUserId);
  await harness.tandem.db.pool.query('UPDATE players SET language = $2 WHERE id = $1', [playerId, language]);
}

describe("replies in the player's language on Discord", () => {
  it('a member whose Discord app speaks Russian gets /profile and /daily in Russian', async () => {
    const pavel = await newMember('pavel', 'ru');
    const profile = (await harness.runCommand(pavel, 'profile')).original?.content ?? '';
    expect(profile).toContain('👤 pavel');
    expect(profile).toContain('Монеты: 0');
    expect(profile).toContain('Серия ежедневных бонусов: пока нет, заберите бонус командой /daily');
    expect(profile).not.toMatch(/Coins|Daily streak|Achievements/);
    expect((await harness.runCommand(pavel, 'daily')).original?.content).toMatch(
      /^🎁 Ежедневный бонус: \+\d+ XP.*\nВозвращайтесь завтра, чтобы начать серию/,
    );
    // An app in British English, or in a language Tandem lacks, reads English.
    for (const [name, locale] of [
      ['george', 'en-GB'],
      ['hans', 'de'],
    ] as const) {
      const member = await newMember(name, locale);
      expect((await harness.runCommand(member, 'profile')).original?.content).toContain(
        'Daily streak: none yet',
      );
    }
  });

  it('a player who chose Russian gets /profile, /daily and refusals in Russian', async () => {
    const olga = await newMember('olga');
    // The emulator's clients report en-US: English until the player picks Russian.
    expect((await harness.runCommand(olga, 'profile')).original?.content).toContain('Daily streak: none yet');
    await chooseLanguage(olga, 'ru');

    const profile = (await harness.runCommand(olga, 'profile')).original?.content ?? '';
    expect(profile).toContain('👤 olga');
    expect(profile).toContain('Монеты: 0');
    expect(profile).toContain('Серия ежедневных бонусов: пока нет, заберите бонус командой /daily');
    expect(profile).toContain('Аккаунт Telegram ещё не привязан');
    expect(profile).not.toMatch(/Coins|Daily streak|Achievements/);

    const daily = (await harness.runCommand(olga, 'daily')).original?.content ?? '';
    expect(daily).toMatch(/^🎁 Ежедневный бонус: \+\d+ XP/);
    expect(daily).toMatch(/Теперь у вас \d+ XP и \d+ (монета|монеты|монет)\./);
    expect((await harness.runCommand(olga, 'daily')).original?.content).toMatch(
      /^Сегодняшний бонус уже получен\. Следующий будет доступен через /,
    );

    expect((await harness.runCommand(olga, 'sync')).original?.content).toMatch(
      /^✅ Ваш опыт и монеты совпадают с историей\.\n.+\nРанг: .+ · \d+ XP$/,
    );

    const wrongCode = await harness.runCommand(olga, 'link', { code: 'K7M2QX' });
    expect(wrongCode.original?.content).toMatch(/^Код устарел или неверен\. .*\(осталось 4 попытки\)\.$/);
    expect(wrongCode.ephemeral).toBe(true);
  });

  it('the /top a Russian reader asks for is in Russian; an English reader keeps English', async () => {
    const ivan = await newMember('ivan');
    await harness.runCommand(ivan, 'daily');
    await chooseLanguage(ivan, 'ru');
    expect((await harness.runCommand(ivan, 'top')).original?.content).toMatch(/^🏆 Лучшие игроки\n🥇 /);
    const emma = await newMember('emma');
    expect((await harness.runCommand(emma, 'top')).original?.content).toMatch(/^🏆 Top players\n🥇 /);
  });
});
