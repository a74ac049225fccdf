import { describe, expect, it } from 'vitest';
import type { PlayerProfile } from '../players/load-profile.ts';
import { shippedTranslator } from '../texts/texts.ts';
import { profileReply } from './profile.ts';

const t = shippedTranslator('en');

const alice: PlayerProfile = {
  playerId: '7b0c6a4e-1f0e-4b8e-9a53-2b2f4c1d9e01',
  displayName: 'Alice',
  xp: 12_600,
  balance: 1_250,
  heldCoins: 0,
  rank: { id: 6, name: 'Skirmisher' },
  nextRank: { name: 'Raider', minXp: 13_800 },
  xpToNextRank: 1_200,
  progressPercent: 77,
  dailyStreak: 3,
  lastDailyAt: new Date('2026-11-22T08:00:00Z'),
  achievements: [{ name: 'First win', unlockedAt: new Date('2026-11-01T08:00:00Z') }],
  identities: { telegram: { username: 'alice' }, discord: { username: 'alice.gg' } },
};

describe('profileReply', () => {
  it('shows rank, progress, coins, streak, achievements and links in short lines', () => {
    expect(profileReply(t, alice)).toBe(
      [
        '👤 Alice',
        'Rank: Skirmisher · 12,600 XP',
        'Next: Raider in 1,200 XP',
        '▰▰▰▰▰▰▰▰▱▱ 77%',
        'Coins: 1,250',
        'Daily streak: 3 days 🔥',
        'Achievements: First win',
        'Linked: Telegram @alice and Discord alice.gg',
      ].join('\n'),
    );
  });

  it('reads well for a newcomer: no rank, nothing held, nothing unlocked, one platform', () => {
    const reply = profileReply(t, {
      ...alice,
      xp: 0,
      balance: 0,
      rank: null,
      nextRank: { name: 'Newcomer', minXp: 10 },
      xpToNextRank: 10,
      progressPercent: 0,
      dailyStreak: 0,
      achievements: [],
      identities: { telegram: { username: null }, discord: null },
    });
    expect(reply).toContain('Rank: Unranked · 0 XP');
    expect(reply).toContain('▱▱▱▱▱▱▱▱▱▱ 0%');
    expect(reply).toContain('Daily streak: none yet, claim your /daily bonus');
    expect(reply).toContain('Achievements: none yet');
    expect(reply).toContain('Not linked with Discord yet: send /link to share your progress across both.');
  });

  it('shows held coins, the top rank and only the latest achievements', () => {
    const achievements = Array.from({ length: 7 }, (_, i) => ({
      name: `A${i + 1}`,
      unlockedAt: new Date(i),
    }));
    const reply = profileReply(t, {
      ...alice,
      heldCoins: 500,
      rank: { id: 20, name: 'Immortal' },
      nextRank: null,
      xpToNextRank: null,
      progressPercent: 100,
      achievements,
    });
    expect(reply).toContain('Top rank reached 👑');
    expect(reply).not.toContain('Next:');
    expect(reply).toContain('Coins: 1,250 (500 more set aside for payouts and purchases)');
    expect(reply).toContain('Achievements: A7, A6, A5, A4, A3 and 2 more');
  });
});

describe('profileReply during a boost', () => {
  const boosted = {
    ...alice,
    activeBoosts: [{ name: 'Double weekend', factor: 2, endsAt: new Date('2026-12-14T00:00:00Z') }],
  };

  it('names each active boost, its factor and its end, in both languages', () => {
    expect(profileReply(t, boosted)).toContain('🚀 Boost: Double weekend ×2 until 2026-12-14 00:00 UTC');
    expect(profileReply(shippedTranslator('ru'), boosted)).toContain(
      '🚀 Буст: Double weekend ×2 до 2026-12-14 00:00 UTC',
    );
  });
});
