import { z } from 'zod';

/**
 * Achievement rules. An achievement is unlocked once; these functions only say which ones a player's
 * progress has earned, the service records the unlock (idempotently) and pays the reward.
 */

const threshold = z.number().int().min(1);

export const achievementRuleSchema = z.discriminatedUnion('kind', [
  /** The player won their first game (lost games leave no ledger row, so wins are what we can count). */
  z.object({ kind: z.literal('first_game') }),
  z.object({ kind: z.literal('games_won'), count: threshold }),
  z.object({ kind: z.literal('daily_streak'), days: threshold }),
  /** Rank `priority` or higher held (rank priorities run 1 = lowest to 20). */
  z.object({ kind: z.literal('rank_reached'), priority: threshold }),
  z.object({ kind: z.literal('messages'), count: threshold }),
  z.object({ kind: z.literal('voice_hours'), hours: threshold }),
  z.object({ kind: z.literal('xp_reached'), xp: threshold }),
  z.object({ kind: z.literal('coins_earned'), coins: threshold }),
]);

export type AchievementRule = z.infer<typeof achievementRuleSchema>;

/**
 * The ledger `reason` values the economy writes for earnings. Progress counts are defined by ledger
 * rows with these reasons: `messages` counts `message` rows, `voiceMinutes` counts `voice_minute` rows
 * (one per minute bucket), `gamesWon` counts `game_win` rows, and `coinsEarned` sums the positive coin
 * deltas of rows whose reason is one of these (payout holds and refunds are not earnings).
 * `dailyStreak` is the account's streak. The account keeps these counts up to date in the same
 * statement that appends each row (`progressIncrements`), like its XP and balance totals.
 */
export const ledgerReasons = {
  message: 'message',
  voiceMinute: 'voice_minute',
  gameWin: 'game_win',
  daily: 'daily',
  task: 'task',
  achievement: 'achievement',
} as const;

export type LedgerReason = (typeof ledgerReasons)[keyof typeof ledgerReasons];

const earningReasons: ReadonlySet<string> = new Set(Object.values(ledgerReasons));

/** How one ledger row moves the account's progress counters (see `ledgerReasons`). */
export function progressIncrements(row: { reason: string; coinDelta: number }): {
  messages: number;
  voiceMinutes: number;
  gamesWon: number;
  coinsEarned: number;
} {
  return {
    messages: row.reason === ledgerReasons.message ? 1 : 0,
    voiceMinutes: row.reason === ledgerReasons.voiceMinute ? 1 : 0,
    gamesWon: row.reason === ledgerReasons.gameWin ? 1 : 0,
    coinsEarned: row.coinDelta > 0 && earningReasons.has(row.reason) ? row.coinDelta : 0,
  };
}

/** What a player has done so far, derived from the ledger (see `ledgerReasons`) and their account. */
export interface PlayerProgress {
  xp: number;
  /** Priority of the rank currently held; null when below every active rank. */
  rankPriority: number | null;
  dailyStreak: number;
  gamesWon: number;
  messages: number;
  voiceMinutes: number;
  coinsEarned: number;
}

export function isAchieved(rule: AchievementRule, progress: PlayerProgress): boolean {
  switch (rule.kind) {
    case 'first_game':
      return progress.gamesWon >= 1;
    case 'games_won':
      return progress.gamesWon >= rule.count;
    case 'daily_streak':
      return progress.dailyStreak >= rule.days;
    case 'rank_reached':
      return progress.rankPriority !== null && progress.rankPriority >= rule.priority;
    case 'messages':
      return progress.messages >= rule.count;
    case 'voice_hours':
      return progress.voiceMinutes >= rule.hours * 60;
    case 'xp_reached':
      return progress.xp >= rule.xp;
    case 'coins_earned':
      return progress.coinsEarned >= rule.coins;
  }
}

/** The active achievements the player has earned but not yet unlocked. */
export function newlyUnlocked<A extends { id: number; rule: AchievementRule; active: boolean }>(
  achievements: readonly A[],
  unlockedIds: ReadonlySet<number>,
  progress: PlayerProgress,
): A[] {
  return achievements.filter(
    (achievement) =>
      achievement.active && !unlockedIds.has(achievement.id) && isAchieved(achievement.rule, progress),
  );
}

export interface AchievementSeed {
  slug: string;
  name: string;
  description: string;
  rule: AchievementRule;
  rewardXp: number;
  rewardCoins: number;
}

/** Seeded on first start; admins edit, add or deactivate them afterwards. */
export const defaultAchievements: ReadonlyArray<AchievementSeed> = [
  {
    slug: 'first-win',
    name: 'First Victory',
    description: 'Win your first guess-the-number game.',
    rule: { kind: 'first_game' },
    rewardXp: 50,
    rewardCoins: 10,
  },
  {
    slug: 'game-veteran',
    name: 'Game Veteran',
    description: 'Win 25 games.',
    rule: { kind: 'games_won', count: 25 },
    rewardXp: 250,
    rewardCoins: 50,
  },
  {
    slug: 'week-streak',
    name: 'On Fire',
    description: 'Claim your daily reward 7 days in a row.',
    rule: { kind: 'daily_streak', days: 7 },
    rewardXp: 200,
    rewardCoins: 50,
  },
  {
    slug: 'month-streak',
    name: 'Unstoppable',
    description: 'Claim your daily reward 30 days in a row.',
    rule: { kind: 'daily_streak', days: 30 },
    rewardXp: 1_000,
    rewardCoins: 250,
  },
  {
    slug: 'chatterbox',
    name: 'Chatterbox',
    description: 'Earn XP from 100 messages.',
    rule: { kind: 'messages', count: 100 },
    rewardXp: 100,
    rewardCoins: 25,
  },
  {
    slug: 'voice-regular',
    name: 'Voice Regular',
    description: 'Spend 10 hours talking in voice channels.',
    rule: { kind: 'voice_hours', hours: 10 },
    rewardXp: 300,
    rewardCoins: 50,
  },
  {
    slug: 'rank-5',
    name: 'Challenger',
    description: 'Reach rank 5.',
    rule: { kind: 'rank_reached', priority: 5 },
    rewardXp: 0,
    rewardCoins: 100,
  },
  {
    slug: 'xp-10k',
    name: 'Ten Thousand',
    description: 'Reach 10,000 XP.',
    rule: { kind: 'xp_reached', xp: 10_000 },
    rewardXp: 0,
    rewardCoins: 200,
  },
  {
    slug: 'coin-collector',
    name: 'Coin Collector',
    description: 'Earn 1,000 coins in total.',
    rule: { kind: 'coins_earned', coins: 1_000 },
    rewardXp: 250,
    rewardCoins: 0,
  },
];
