import { describe, expect, it } from 'vitest';
import type { PlayerProfile } from '../players/load-profile.ts';
import { shippedTranslator } from '../texts/texts.ts';
import { dailyReply } from './daily.ts';
import { gameStartReply, guessReply } from './game.ts';
import { payoutReply } from './payout.ts';
import { profileReply } from './profile.ts';
import { topReply } from './top.ts';

const t = shippedTranslator('ru');
/** Russian groups thousands with a no-break space: 12 600. */
const nbsp = '\u00a0';

const alice: PlayerProfile = {
  playerId: '7b0c6a4e-1f0e-4b8e-9a53-2b2f4c1d9e01',
  displayName: 'Алиса',
  xp: 12_600,
  balance: 1_250,
  heldCoins: 0,
  rank: { id: 6, name: 'Застрельщик' },
  nextRank: { name: 'Рейдер', minXp: 13_800 },
  xpToNextRank: 1_200,
  progressPercent: 77,
  dailyStreak: 3,
  lastDailyAt: new Date('2026-11-22T08:00:00Z'),
  achievements: [
    { name: 'Первая победа', unlockedAt: new Date('2026-11-01T08:00:00Z') },
    { name: 'Болтун', unlockedAt: new Date('2026-11-02T08:00:00Z') },
  ],
  identities: { telegram: { username: 'alice' }, discord: { username: 'alice.gg' } },
};

describe('replies in Russian', () => {
  it('/profile: every line in Russian, numbers written the Russian way', () => {
    expect(profileReply(t, alice)).toBe(
      [
        '👤 Алиса',
        `Ранг: Застрельщик · 12${nbsp}600 XP`,
        `Следующий: Рейдер, ещё 1${nbsp}200 XP`,
        '▰▰▰▰▰▰▰▰▱▱ 77%',
        `Монеты: 1${nbsp}250`,
        'Серия ежедневных бонусов: 3 дня 🔥',
        'Достижения: Болтун и Первая победа',
        'Связаны: Telegram @alice и Discord alice.gg',
      ].join('\n'),
    );
    const newcomer = profileReply(t, {
      ...alice,
      rank: null,
      xp: 0,
      dailyStreak: 0,
      heldCoins: 500,
      achievements: [],
      identities: { telegram: { username: null }, discord: null },
    });
    expect(newcomer).toContain('Ранг: пока нет · 0 XP');
    expect(newcomer).toContain(`Монеты: 1${nbsp}250 (ещё 500 отложено на выплаты и покупки)`);
    expect(newcomer).toContain('Серия ежедневных бонусов: пока нет, заберите бонус командой /daily');
    expect(newcomer).toContain('Достижения: пока нет');
    expect(newcomer).toContain('Аккаунт Discord ещё не привязан: отправьте /link');
  });

  it('/profile: the streak in days with the plural Russian needs', () => {
    const streak = (days: number) => profileReply(t, { ...alice, dailyStreak: days }).split('\n')[5];
    expect(streak(1)).toBe('Серия ежедневных бонусов: 1 день 🔥');
    expect(streak(2)).toBe('Серия ежедневных бонусов: 2 дня 🔥');
    expect(streak(5)).toBe('Серия ежедневных бонусов: 5 дней 🔥');
    expect(streak(11)).toBe('Серия ежедневных бонусов: 11 дней 🔥');
    expect(streak(21)).toBe('Серия ежедневных бонусов: 21 день 🔥');
  });

  it('/daily: reward, streak and totals, with coins and days in their plural forms', () => {
    const claim = (coins: number, streak: number) =>
      dailyReply(t, { ok: true, xp: 120, coins, streak, totals: { xp: 1_450, balance: coins } });
    expect(claim(1, 2)).toBe(
      [
        '🎁 Ежедневный бонус: +120 XP и +1 монета.',
        '🔥 2 дня подряд! Возвращайтесь завтра, чтобы не прервать серию.',
        `Теперь у вас 1${nbsp}450 XP и 1 монета.`,
      ].join('\n'),
    );
    expect(claim(2, 5)).toContain('+2 монеты.');
    expect(claim(2, 5)).toContain('🔥 5 дней подряд!');
    expect(claim(5, 11)).toContain('и 5 монет.');
    expect(claim(5, 11)).toContain('🔥 11 дней подряд!');
    expect(claim(11, 21)).toContain('и 11 монет.');
    expect(claim(11, 21)).toContain('🔥 21 день подряд!');
    expect(claim(21, 3)).toContain('и 21 монета.');
    expect(claim(0, 1)).toBe(
      [
        '🎁 Ежедневный бонус: +120 XP.',
        'Возвращайтесь завтра, чтобы начать серию: каждый день подряд приносит бонусный опыт.',
        `Теперь у вас 1${nbsp}450 XP и 0 монет.`,
      ].join('\n'),
    );
    const refused = {
      ok: false,
      reason: 'already_claimed',
      nextClaimAt: new Date('2026-11-23T00:00:00Z'),
    } as const;
    expect(dailyReply(t, refused, new Date('2026-11-22T18:47:30Z'))).toBe(
      'Сегодняшний бонус уже получен. Следующий будет доступен через 5 ч 13 мин.',
    );
    expect(dailyReply(t, refused)).toBe(
      'Сегодняшний бонус уже получен. Следующий будет доступен с 2026-11-23 00:00 UTC.',
    );
  });

  it('/top: the title and rows in Russian, names and ranks as the community wrote them', () => {
    const rows = ['Аня', 'Ben', 'Cat', 'Dan'].map((displayName, i) => ({
      position: i + 1,
      playerId: `p${i}`,
      displayName,
      xp: 20_000 - i * 5_000,
      rankName: i === 3 ? null : 'Рейдер',
    }));
    expect(topReply(t, rows)).toBe(
      [
        '🏆 Лучшие игроки',
        `🥇 Аня: 20${nbsp}000 XP · Рейдер`,
        `🥈 Ben: 15${nbsp}000 XP · Рейдер`,
        `🥉 Cat: 10${nbsp}000 XP · Рейдер`,
        `4. Dan: 5${nbsp}000 XP`,
      ].join('\n'),
    );
    expect(topReply(t, [])).toBe(
      'Пока никто не заработал опыт. Станьте первым: общайтесь, играйте или заберите бонус командой /daily!',
    );
  });

  it('the game and payouts count tries, games and coins in Russian', () => {
    const started = (tries: number, games: number) =>
      gameStartReply(t, { kind: 'started', maxNumber: 10, attemptsLeft: tries, gamesLeft: games });
    expect(started(1, 0)).toBe(
      '🎲 Я загадал число от 1 до 10.\nУ вас 1 попытка: присылайте догадку! (Это ваша последняя игра на сегодня.)',
    );
    expect(started(2, 1)).toContain('У вас 2 попытки: присылайте догадку! (Сегодня осталась ещё 1 игра.)');
    expect(started(5, 2)).toContain('У вас 5 попыток: присылайте догадку! (Сегодня осталось ещё 2 игры.)');
    expect(started(11, 5)).toContain('У вас 11 попыток');
    expect(started(21, 21)).toContain(
      'У вас 21 попытка: присылайте догадку! (Сегодня осталась ещё 21 игра.)',
    );
    expect(guessReply(t, { kind: 'higher', attemptsLeft: 2 })).toBe('Больше! ⬆️ Осталось 2 попытки.');
    expect(guessReply(t, { kind: 'lower', attemptsLeft: 1 })).toBe('Меньше! ⬇️ Осталась 1 попытка.');
    expect(
      guessReply(t, { kind: 'invalid', message: 'Send a whole number from 1 to 10.', maxNumber: 10 }),
    ).toBe('Пришлите целое число от 1 до 10.');
    const payout = {
      id: 'p',
      playerId: 'p',
      amount: 500,
      status: 'held' as const,
      note: null,
      decidedBy: null,
      decidedAt: null,
      version: 1,
      createdAt: new Date(),
    };
    expect(payoutReply(t, { payout, created: true, balance: 21 })).toBe(
      [
        '💸 Заявка на выплату принята: 500 монет отложено до решения администратора.',
        'Вы получите сообщение, как только её рассмотрят.',
        'Баланс: 21 монета.',
      ].join('\n'),
    );
  });
});
