import { describe, expect, it } from 'vitest';
import { shippedTranslator } from '../texts/texts.ts';
import { dailyReply } from './daily.ts';
import { gameStartReply, guessReply } from './game.ts';
import { topReply } from './top.ts';

const t = shippedTranslator('en');

describe('dailyReply', () => {
  it('shows the reward, the streak and the new totals', () => {
    expect(
      dailyReply(t, { ok: true, xp: 120, coins: 50, streak: 3, totals: { xp: 1_450, balance: 1 } }),
    ).toBe(
      [
        '🎁 Daily bonus: +120 XP and +50 coins.',
        '🔥 3 days in a row! Come back tomorrow to keep the streak going.',
        'You now have 1,450 XP and 1 coin.',
      ].join('\n'),
    );
    expect(
      dailyReply(t, { ok: true, xp: 100, coins: 0, streak: 1, totals: { xp: 100, balance: 0 } }),
    ).toContain('Come back tomorrow to start a streak');
  });

  it('says when the next claim is ready', () => {
    const refused = {
      ok: false,
      reason: 'already_claimed',
      nextClaimAt: new Date('2026-11-23T00:00:00Z'),
    } as const;
    expect(dailyReply(t, refused, new Date('2026-11-22T18:47:30Z'))).toBe(
      "You've already claimed today's bonus. The next one is ready in 5h 13m.",
    );
    expect(dailyReply(t, refused)).toBe(
      "You've already claimed today's bonus. The next one is ready from 2026-11-23 00:00 UTC.",
    );
  });
});

describe('game replies', () => {
  it('starts, refuses a second round and stops at the limit', () => {
    expect(gameStartReply(t, { kind: 'started', maxNumber: 10, attemptsLeft: 3, gamesLeft: 1 })).toBe(
      "🎲 I'm thinking of a number from 1 to 10.\nYou have 3 tries: send your guess! (1 more game left today.)",
    );
    expect(gameStartReply(t, { kind: 'started', maxNumber: 10, attemptsLeft: 1, gamesLeft: 0 })).toContain(
      "You have 1 try: send your guess! (That's your last game for today.)",
    );
    expect(gameStartReply(t, { kind: 'already_playing', maxNumber: 10, attemptsLeft: 2 })).toBe(
      "You're already in a game: guess a number from 1 to 10 (2 tries left).",
    );
    expect(gameStartReply(t, { kind: 'limit_reached', limit: 10 })).toBe(
      "That's all 10 games for today. Come back tomorrow for more!",
    );
  });

  it('answers every kind of guess', () => {
    expect(guessReply(t, { kind: 'higher', attemptsLeft: 2 })).toBe('Higher! ⬆️ 2 tries left.');
    expect(guessReply(t, { kind: 'lower', attemptsLeft: 1 })).toBe('Lower! ⬇️ 1 try left.');
    expect(guessReply(t, { kind: 'won', xp: 50, coins: 10, totals: { xp: 550, balance: 2_010 } })).toBe(
      '🎉 You got it! +50 XP and +10 coins.\nYou now have 550 XP and 2,010 coins.',
    );
    expect(guessReply(t, { kind: 'lost', secret: 7 })).toBe(
      'Out of tries! The number was 7. Send /game to play again.',
    );
    expect(
      guessReply(t, { kind: 'invalid', message: 'Send a whole number from 1 to 10.', maxNumber: 10 }),
    ).toBe('Send a whole number from 1 to 10.');
    expect(guessReply(t, { kind: 'no_game' })).toBe('No game is running. Send /game to start one.');
  });
});

describe('topReply', () => {
  it('lists the leaders with medals, XP and rank', () => {
    const rows = ['Ann', 'Ben', 'Cat', 'Dan'].map((displayName, i) => ({
      position: i + 1,
      playerId: `p${i}`,
      displayName,
      xp: 20_000 - i * 5_000,
      rankName: i === 3 ? null : 'Raider',
    }));
    expect(topReply(t, rows)).toBe(
      [
        '🏆 Top players',
        '🥇 Ann: 20,000 XP · Raider',
        '🥈 Ben: 15,000 XP · Raider',
        '🥉 Cat: 10,000 XP · Raider',
        '4. Dan: 5,000 XP',
      ].join('\n'),
    );
    expect(topReply(t, [])).toContain('Nobody has earned XP yet');
  });
});
