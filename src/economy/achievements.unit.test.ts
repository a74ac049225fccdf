import { describe, expect, it } from 'vitest';
import {
  type AchievementRule,
  achievementRuleSchema,
  defaultAchievements,
  isAchieved,
  ledgerReasons,
  newlyUnlocked,
  type PlayerProgress,
  progressIncrements,
} from './achievements.ts';

const beginner: PlayerProgress = {
  xp: 0,
  rankPriority: null,
  dailyStreak: 0,
  gamesWon: 0,
  messages: 0,
  voiceMinutes: 0,
  coinsEarned: 0,
};

describe('achievementRuleSchema', () => {
  it('parses every kind of rule', () => {
    for (const { rule } of defaultAchievements) expect(achievementRuleSchema.parse(rule)).toEqual(rule);
  });

  it('rejects unknown kinds and missing or non-positive thresholds', () => {
    expect(achievementRuleSchema.safeParse({ kind: 'speedrun' }).success).toBe(false);
    expect(achievementRuleSchema.safeParse({ kind: 'messages' }).success).toBe(false);
    expect(achievementRuleSchema.safeParse({ kind: 'messages', count: 0 }).success).toBe(false);
    expect(achievementRuleSchema.safeParse({ kind: 'voice_hours', hours: 1.5 }).success).toBe(false);
  });
});

describe('isAchieved', () => {
  it.each<[AchievementRule, Partial<PlayerProgress>, Partial<PlayerProgress>]>([
    [{ kind: 'first_game' }, { gamesWon: 0 }, { gamesWon: 1 }],
    [{ kind: 'games_won', count: 25 }, { gamesWon: 24 }, { gamesWon: 25 }],
    [{ kind: 'daily_streak', days: 7 }, { dailyStreak: 6 }, { dailyStreak: 7 }],
    [{ kind: 'rank_reached', priority: 5 }, { rankPriority: 4 }, { rankPriority: 5 }],
    [{ kind: 'messages', count: 100 }, { messages: 99 }, { messages: 100 }],
    [{ kind: 'voice_hours', hours: 10 }, { voiceMinutes: 599 }, { voiceMinutes: 600 }],
    [{ kind: 'xp_reached', xp: 10_000 }, { xp: 9_999 }, { xp: 10_000 }],
    [{ kind: 'coins_earned', coins: 1_000 }, { coinsEarned: 999 }, { coinsEarned: 1_000 }],
  ])('%j: not one short of the threshold, yes at it', (rule, oneShort, exactly) => {
    expect(isAchieved(rule, { ...beginner, ...oneShort })).toBe(false);
    expect(isAchieved(rule, { ...beginner, ...exactly })).toBe(true);
  });

  it('counts a higher rank as reaching a lower one, and no rank as none', () => {
    expect(isAchieved({ kind: 'rank_reached', priority: 5 }, { ...beginner, rankPriority: 12 })).toBe(true);
    expect(isAchieved({ kind: 'rank_reached', priority: 1 }, beginner)).toBe(false);
  });
});

describe('newlyUnlocked', () => {
  const achievements = [
    { id: 1, rule: { kind: 'first_game' } as const, active: true },
    { id: 2, rule: { kind: 'messages', count: 100 } as const, active: true },
    { id: 3, rule: { kind: 'messages', count: 10 } as const, active: false },
    { id: 4, rule: { kind: 'daily_streak', days: 7 } as const, active: true },
  ];
  const progress = { ...beginner, gamesWon: 3, messages: 150, dailyStreak: 2 };

  it('returns the active achievements earned and not yet unlocked', () => {
    expect(newlyUnlocked(achievements, new Set([1]), progress).map((a) => a.id)).toEqual([2]);
    expect(newlyUnlocked(achievements, new Set(), progress).map((a) => a.id)).toEqual([1, 2]);
  });

  it('returns nothing once everything earned is unlocked', () => {
    expect(newlyUnlocked(achievements, new Set([1, 2]), progress)).toEqual([]);
  });
});

describe('defaultAchievements', () => {
  it('has unique slugs, non-negative rewards and covers the achievements players expect', () => {
    expect(new Set(defaultAchievements.map((a) => a.slug)).size).toBe(defaultAchievements.length);
    for (const a of defaultAchievements) {
      expect(a.rewardXp).toBeGreaterThanOrEqual(0);
      expect(a.rewardCoins).toBeGreaterThanOrEqual(0);
    }
    const rules = defaultAchievements.map((a) => a.rule);
    expect(rules).toContainEqual({ kind: 'first_game' });
    expect(rules).toContainEqual({ kind: 'daily_streak', days: 7 });
    expect(rules).toContainEqual({ kind: 'messages', count: 100 });
    expect(rules).toContainEqual({ kind: 'voice_hours', hours: 10 });
    expect(rules).toContainEqual({ kind: 'rank_reached', priority: 5 });
  });
});

describe('ledgerReasons', () => {
  it('names distinct reasons', () => {
    const values = Object.values(ledgerReasons);
    expect(new Set(values).size).toBe(values.length);
    expect(ledgerReasons).toMatchObject({
      message: 'message',
      voiceMinute: 'voice_minute',
      gameWin: 'game_win',
      daily: 'daily',
    });
  });
});

describe('progress counters kept with each ledger row', () => {
  it('count messages, voice minutes and wins, and sum coins earned from earnings only', () => {
    expect(progressIncrements({ reason: 'message', coinDelta: 0 })).toEqual({
      messages: 1,
      voiceMinutes: 0,
      gamesWon: 0,
      coinsEarned: 0,
    });
    expect(progressIncrements({ reason: 'game_win', coinDelta: 10 })).toMatchObject({
      gamesWon: 1,
      coinsEarned: 10,
    });
    expect(progressIncrements({ reason: 'voice_minute', coinDelta: 0 })).toMatchObject({ voiceMinutes: 1 });
    // A refunded payout hold or an admin grant is not an earning.
    expect(progressIncrements({ reason: 'payout_refund', coinDelta: 100 }).coinsEarned).toBe(0);
    expect(progressIncrements({ reason: 'daily', coinDelta: -5 }).coinsEarned).toBe(0);
  });
});
