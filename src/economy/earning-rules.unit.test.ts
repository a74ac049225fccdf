import { describe, expect, it } from 'vitest';
import {
  canStartGame,
  dailyClaim,
  defaultEconomySettings,
  type EconomySettings,
  economySettingsSchema,
  guess,
  type MessageXpInput,
  messageXp,
  minuteBucket,
  parseGuess,
  roleMultiplier,
  startGame,
  utcDay,
  type VoiceState,
  voiceMinuteEligible,
  voiceXpForMinutes,
} from './earning-rules.ts';

const settings = defaultEconomySettings;
const withSettings = (input: unknown): EconomySettings => economySettingsSchema.parse(input);
const at = (iso: string) => new Date(iso);

describe('economySettingsSchema', () => {
  it('fills every default from an empty object', () => {
    expect(settings).toEqual({
      message: {
        minXp: 15,
        maxXp: 25,
        cooldownSeconds: 60,
        minLength: 5,
        noXpChannelIds: [],
        noXpRoleIds: [],
      },
      voice: { xpPerMinute: 10, minMembers: 2, afkChannelId: null },
      daily: { baseXp: 100, baseCoins: 50, streakBonusXp: 10, maxStreakBonusDays: 7, graceHours: 48 },
      game: { winXp: 50, winCoins: 10, maxNumber: 10, maxAttempts: 3, dailyGameLimit: 10 },
      roleMultipliers: {},
      channelMultipliers: {},
      globalMultiplier: 1,
    });
  });

  it('keeps defaults for fields a partial section leaves out', () => {
    expect(withSettings({ message: { maxXp: 40 } }).message).toMatchObject({ minXp: 15, maxXp: 40 });
  });

  it('rejects minXp above maxXp with a message naming both', () => {
    const result = economySettingsSchema.safeParse({ message: { minXp: 30, maxXp: 20 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['message', 'minXp'],
      message: 'message.minXp must be less than or equal to message.maxXp',
    });
  });

  it.each([
    { message: { cooldownSeconds: 1.5 } },
    { message: { minXp: -1 } },
    { voice: { minMembers: 0 } },
    { game: { maxNumber: 1 } },
    { daily: { graceHours: 500 } },
    { roleMultipliers: { vip: 11 } },
    { roleMultipliers: { vip: -1 } },
  ])('rejects out-of-range value %j', (input) => {
    expect(economySettingsSchema.safeParse(input).success).toBe(false);
  });
});

describe('time buckets', () => {
  it('names the UTC day and minute', () => {
    expect(utcDay(at('2026-11-22T23:59:59.999Z'))).toBe('2026-11-22');
    expect(minuteBucket(at('2026-11-22T15:30:59.999Z'))).toBe('202611221530');
    expect(minuteBucket(at('2026-01-02T03:04:00+02:00'))).toBe('202601020104');
  });
});

describe('messageXp', () => {
  const base: MessageXpInput = {
    now: at('2026-11-22T12:00:00Z'),
    lastAwardAt: null,
    length: 20,
    channelId: 'general',
    roleIds: [],
    random: () => 0,
  };

  it('draws a whole number from 15 to 25 inclusive', () => {
    expect(messageXp({ ...base, random: () => 0 }, settings)).toEqual({ award: true, xp: 15 });
    expect(messageXp({ ...base, random: () => 0.5 }, settings)).toEqual({ award: true, xp: 20 });
    expect(messageXp({ ...base, random: () => 0.999_999 }, settings)).toEqual({ award: true, xp: 25 });
  });

  it('refuses within the 60 s cooldown and awards at exactly 60 s', () => {
    const lastAwardAt = at('2026-11-22T11:59:00.001Z');
    expect(messageXp({ ...base, lastAwardAt }, settings)).toEqual({ award: false, reason: 'cooldown' });
    expect(messageXp({ ...base, lastAwardAt: at('2026-11-22T11:59:00Z') }, settings).award).toBe(true);
  });

  it('refuses messages shorter than the minimum length', () => {
    expect(messageXp({ ...base, length: 4 }, settings)).toEqual({ award: false, reason: 'too_short' });
    expect(messageXp({ ...base, length: 5 }, settings).award).toBe(true);
  });

  it('refuses no-XP channels and roles', () => {
    const rules = withSettings({ message: { noXpChannelIds: ['bot-spam'], noXpRoleIds: ['muted'] } });
    expect(messageXp({ ...base, channelId: 'bot-spam' }, rules)).toEqual({
      award: false,
      reason: 'no_xp_channel',
    });
    expect(messageXp({ ...base, roleIds: ['member', 'muted'] }, rules)).toEqual({
      award: false,
      reason: 'no_xp_role',
    });
  });

  it('applies the highest multiplier among the member roles, rounded', () => {
    const rules = withSettings({ roleMultipliers: { booster: 1.5, vip: 2 } });
    expect(messageXp({ ...base, roleIds: ['booster', 'vip', 'other'] }, rules)).toEqual({
      award: true,
      xp: 30,
    });
    expect(messageXp({ ...base, roleIds: ['booster'], random: () => 0.1 }, rules)).toEqual({
      award: true,
      xp: 24, // 16 × 1.5
    });
    expect(messageXp({ ...base, roleIds: ['other'] }, rules)).toEqual({ award: true, xp: 15 });
  });

  it('treats a zero multiplier as a no-XP role', () => {
    const rules = withSettings({ roleMultipliers: { newbie: 0 } });
    expect(messageXp({ ...base, roleIds: ['newbie'] }, rules)).toEqual({
      award: false,
      reason: 'no_xp_role',
    });
  });
});

describe('roleMultiplier', () => {
  it('is 1 without configured roles and may be below 1 for a slowed role', () => {
    const rules = withSettings({ roleMultipliers: { slow: 0.5 } });
    expect(roleMultiplier([], rules)).toBe(1);
    expect(roleMultiplier(['slow', 'unconfigured'], rules)).toBe(0.5);
  });
});

describe('voice', () => {
  const talking: VoiceState = {
    selfMute: false,
    selfDeaf: false,
    serverMute: false,
    serverDeaf: false,
    channelId: 'lounge',
    membersInChannel: 2,
  };

  it('credits an unmuted, undeafened player with company outside the AFK channel', () => {
    expect(voiceMinuteEligible(talking, settings)).toEqual({ eligible: true });
  });

  it.each([
    [{ selfMute: true }, 'muted'],
    [{ serverMute: true }, 'muted'],
    [{ selfDeaf: true }, 'deafened'],
    [{ serverDeaf: true }, 'deafened'],
    [{ membersInChannel: 1 }, 'too_few_members'],
    [{ channelId: 'afk' }, 'afk_channel'],
  ] as const)('does not credit %j (%s)', (change, reason) => {
    const rules = withSettings({ voice: { afkChannelId: 'afk' } });
    expect(voiceMinuteEligible({ ...talking, ...change }, rules)).toEqual({ eligible: false, reason });
  });

  it('pays 10 XP a minute, times the role multiplier', () => {
    expect(voiceXpForMinutes(3, [], settings)).toBe(30);
    expect(voiceXpForMinutes(3, ['vip'], withSettings({ roleMultipliers: { vip: 1.25 } }))).toBe(38);
    expect(voiceXpForMinutes(0, [], settings)).toBe(0);
    expect(() => voiceXpForMinutes(-1, [], settings)).toThrow(RangeError);
  });
});

describe('dailyClaim', () => {
  it('pays the base reward on the first claim', () => {
    expect(dailyClaim({ now: at('2026-11-22T08:00:00Z'), lastClaimAt: null, streak: 0 }, settings)).toEqual({
      ok: true,
      day: '2026-11-22',
      streak: 1,
      xp: 100,
      coins: 50,
    });
  });

  it('refuses a second claim the same UTC day and says when the next one opens', () => {
    const result = dailyClaim(
      { now: at('2026-11-22T23:59:59Z'), lastClaimAt: at('2026-11-22T00:00:00Z'), streak: 3 },
      settings,
    );
    expect(result).toEqual({ ok: false, reason: 'already_claimed', nextClaimAt: at('2026-11-23T00:00:00Z') });
  });

  it('continues the streak across UTC midnight, even a minute apart', () => {
    const result = dailyClaim(
      { now: at('2026-11-23T00:00:30Z'), lastClaimAt: at('2026-11-22T23:59:30Z'), streak: 3 },
      settings,
    );
    expect(result).toEqual({ ok: true, day: '2026-11-23', streak: 4, xp: 130, coins: 50 });
  });

  it('continues the streak across a skipped UTC day within the 48 h grace', () => {
    const result = dailyClaim(
      { now: at('2026-11-24T20:00:00Z'), lastClaimAt: at('2026-11-22T21:00:00Z'), streak: 2 },
      settings,
    );
    expect(result).toMatchObject({ ok: true, streak: 3 });
  });

  it('resets the streak to 1 after the grace has passed and a day was skipped', () => {
    const result = dailyClaim(
      { now: at('2026-11-24T22:00:00Z'), lastClaimAt: at('2026-11-22T21:00:00Z'), streak: 9 },
      settings,
    );
    expect(result).toEqual({ ok: true, day: '2026-11-24', streak: 1, xp: 100, coins: 50 });
  });

  it('resets after a skipped day when the grace is off', () => {
    const noGrace = withSettings({ daily: { graceHours: 0 } });
    const result = dailyClaim(
      { now: at('2026-11-24T00:30:00Z'), lastClaimAt: at('2026-11-22T23:30:00Z'), streak: 5 },
      noGrace,
    );
    expect(result).toMatchObject({ ok: true, streak: 1 });
  });

  it('caps the streak bonus at 7 days', () => {
    const claimAfter = (streak: number) =>
      dailyClaim(
        { now: at('2026-11-23T10:00:00Z'), lastClaimAt: at('2026-11-22T10:00:00Z'), streak },
        settings,
      );
    expect(claimAfter(7)).toMatchObject({ streak: 8, xp: 170 });
    expect(claimAfter(30)).toMatchObject({ streak: 31, xp: 170 });
  });

  it('refuses rather than pays when the last claim is in the future (clock skew)', () => {
    const result = dailyClaim(
      { now: at('2026-11-22T10:00:00Z'), lastClaimAt: at('2026-11-23T00:10:00Z'), streak: 1 },
      settings,
    );
    expect(result).toEqual({ ok: false, reason: 'already_claimed', nextClaimAt: at('2026-11-24T00:00:00Z') });
  });
});

describe('guess-the-number game', () => {
  it('draws a secret from 1 to maxNumber with maxAttempts attempts', () => {
    expect(startGame({ random: () => 0 }, settings)).toEqual({ secret: 1, attemptsLeft: 3 });
    expect(startGame({ random: () => 0.999_999 }, settings)).toEqual({ secret: 10, attemptsLeft: 3 });
  });

  it('hints higher or lower, then wins or loses on the last attempt', () => {
    expect(guess({ secret: 7, attemptsLeft: 3, guess: 3 }, settings)).toEqual({
      outcome: 'higher',
      attemptsLeft: 2,
    });
    expect(guess({ secret: 7, attemptsLeft: 2, guess: 9 }, settings)).toEqual({
      outcome: 'lower',
      attemptsLeft: 1,
    });
    expect(guess({ secret: 7, attemptsLeft: 1, guess: 7 }, settings)).toEqual({
      outcome: 'win',
      attemptsLeft: 0,
    });
    expect(guess({ secret: 7, attemptsLeft: 1, guess: 8 }, settings)).toEqual({
      outcome: 'lost',
      attemptsLeft: 0,
    });
  });

  it('refuses a guess on a finished round or outside the range', () => {
    expect(() => guess({ secret: 7, attemptsLeft: 0, guess: 7 }, settings)).toThrow(RangeError);
    expect(() => guess({ secret: 7, attemptsLeft: 3, guess: 11 }, settings)).toThrow(RangeError);
  });

  it.each(['abc', '3.5', '0', '11', '', '-2', '1e1', '4 5'])('rejects %j with a clear message', (text) => {
    expect(parseGuess(text, settings)).toEqual({ ok: false, message: 'Send a whole number from 1 to 10.' });
  });

  it('accepts whole numbers in range, with surrounding spaces', () => {
    expect(parseGuess(' 7 ', settings)).toEqual({ ok: true, value: 7 });
    expect(parseGuess('1', settings)).toEqual({ ok: true, value: 1 });
    expect(parseGuess('10', settings)).toEqual({ ok: true, value: 10 });
  });

  it('allows 10 games per day', () => {
    expect(canStartGame({ gamesToday: 0 }, settings)).toEqual({ ok: true, gamesLeft: 10 });
    expect(canStartGame({ gamesToday: 9 }, settings)).toEqual({ ok: true, gamesLeft: 1 });
    expect(canStartGame({ gamesToday: 10 }, settings)).toEqual({
      ok: false,
      reason: 'daily_limit_reached',
      limit: 10,
    });
  });
});
