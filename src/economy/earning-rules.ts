import { z } from 'zod';
import { storedText } from '../core/postgres-values.ts';
import { combineFactors, type NamedFactor } from './xp-factors.ts';

/**
 * How players earn XP and coins: messages, voice time, the daily reward and the Telegram guessing game.
 * Pure rules: every clock reading and random draw is passed in, so the services decide *when* and these
 * functions decide *how much*.
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;

const platformId = storedText().trim().min(1).max(64);
const xpAmount = z.number().int().min(0).max(100_000);

const messageSettingsSchema = z
  .object({
    /** Least XP one message can earn (before role multipliers). @defaultValue 15 */
    minXp: xpAmount.default(15),
    /** Most XP one message can earn (before role multipliers). @defaultValue 25 */
    maxXp: xpAmount.default(25),
    /** Seconds after an award during which further messages earn nothing. @defaultValue 60 */
    cooldownSeconds: z.number().int().min(0).max(86_400).default(60),
    /** Shorter messages (in characters, after trimming) earn nothing. @defaultValue 5 */
    minLength: z.number().int().min(0).max(4_000).default(5),
    /** Channels or chats where messages earn nothing. @defaultValue [] */
    noXpChannelIds: z.array(platformId).default([]),
    /** Members holding any of these roles earn nothing from messages. @defaultValue [] */
    noXpRoleIds: z.array(platformId).default([]),
  })
  .refine((message) => message.minXp <= message.maxXp, {
    message: 'message.minXp must be less than or equal to message.maxXp',
    path: ['minXp'],
  });

const voiceSettingsSchema = z.object({
  /** XP per eligible minute in a voice channel (before role multipliers). @defaultValue 10 */
  xpPerMinute: xpAmount.default(10),
  /** Humans needed in the channel, the player included; 2 means "not alone". @defaultValue 2 */
  minMembers: z.number().int().min(1).max(100).default(2),
  /** The server's AFK channel, where time earns nothing. @defaultValue null */
  afkChannelId: platformId.nullable().default(null),
});

const dailySettingsSchema = z.object({
  /** XP of every daily claim. @defaultValue 100 */
  baseXp: xpAmount.default(100),
  /** Coins of every daily claim. @defaultValue 50 */
  baseCoins: z.number().int().min(0).max(100_000).default(50),
  /** Extra XP per day of streak beyond the first. @defaultValue 10 */
  streakBonusXp: xpAmount.default(10),
  /** The streak bonus stops growing after this many extra days. @defaultValue 7 */
  maxStreakBonusDays: z.number().int().min(0).max(365).default(7),
  /**
   * A claim within this many hours of the previous one continues the streak even when a UTC day was
   * skipped, so players far from UTC are not punished for the day boundary. @defaultValue 48
   */
  graceHours: z.number().int().min(0).max(168).default(48),
});

const gameSettingsSchema = z.object({
  /** XP for guessing the number. @defaultValue 50 */
  winXp: xpAmount.default(50),
  /** Coins for guessing the number. @defaultValue 10 */
  winCoins: z.number().int().min(0).max(100_000).default(10),
  /** The secret is a whole number from 1 to this. @defaultValue 10 */
  maxNumber: z.number().int().min(2).max(1_000_000).default(10),
  /** Guesses per game. @defaultValue 3 */
  maxAttempts: z.number().int().min(1).max(100).default(3),
  /** Games one player may start per UTC day. @defaultValue 10 */
  dailyGameLimit: z.number().int().min(1).max(1_000).default(10),
});

/**
 * The admin-editable earning settings. Every field has a default modelled on the leveling bots players
 * know (MEE6-style message XP), so `{}` is a complete configuration.
 */
export const economySettingsSchema = z.object({
  message: messageSettingsSchema.prefault({}),
  voice: voiceSettingsSchema.prefault({}),
  daily: dailySettingsSchema.prefault({}),
  game: gameSettingsSchema.prefault({}),
  /**
   * XP multiplier per role id; a member gets the highest among their roles that have one, 1 when none
   * do. Below 1 slows a role down, 0 stops it earning. @defaultValue {}
   */
  roleMultipliers: z.record(platformId, z.number().min(0).max(10)).default({}),
  /**
   * XP multiplier per Discord channel or Telegram group id, combined with the others by the rule in
   * `xp-factors.ts`. 0 stops a channel earning. @defaultValue {}
   */
  channelMultipliers: z.record(platformId, z.number().min(0).max(10)).default({}),
  /** A multiplier on every earning from messages and voice. @defaultValue 1 */
  globalMultiplier: z.number().min(0).max(10).default(1),
});

export type EconomySettings = z.infer<typeof economySettingsSchema>;

export const defaultEconomySettings: EconomySettings = economySettingsSchema.parse({});

/** The multiplier applying to a member: the highest among their roles that have one, else 1. */
export function roleMultiplier(roleIds: readonly string[], settings: EconomySettings): number {
  let highest: number | undefined;
  for (const roleId of roleIds) {
    const multiplier = settings.roleMultipliers[roleId];
    if (multiplier !== undefined && (highest === undefined || multiplier > highest)) highest = multiplier;
  }
  return highest ?? 1;
}

/**
 * The factors on one earning, named for the ledger row: the member's role multiplier, the channel's
 * (when the earning has one), the global one and the boosts active for its source at its time.
 */
export function earningFactors(
  input: { roleIds: readonly string[]; channelId?: string; boosts?: readonly NamedFactor[] },
  settings: EconomySettings,
): NamedFactor[] {
  const factors: NamedFactor[] = [{ name: 'role', value: roleMultiplier(input.roleIds, settings) }];
  if (input.channelId !== undefined) {
    factors.push({ name: 'channel', value: settings.channelMultipliers[input.channelId] ?? 1 });
  }
  factors.push({ name: 'global', value: settings.globalMultiplier }, ...(input.boosts ?? []));
  return factors;
}

/** The UTC calendar day of an instant, `YYYY-MM-DD`: the unit of daily claims and game limits. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The UTC minute of an instant, `YYYYMMDDHHmm`: voice time is credited at most once per bucket. */
export function minuteBucket(now: Date): string {
  return now.toISOString().slice(0, 16).replace(/\D/g, '');
}

function startOfNextUtcDay(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / MS_PER_DAY) * MS_PER_DAY + MS_PER_DAY);
}

// ---- Messages -------------------------------------------------------------------------------------

export interface MessageXpInput {
  now: Date;
  /** When this player's last message XP was granted; null if never. */
  lastAwardAt: Date | null;
  /** Characters in the message after trimming. */
  length: number;
  channelId: string;
  /** The member's role ids (empty on Telegram). */
  roleIds: readonly string[];
  /** A uniform draw from [0, 1), e.g. `Math.random`. */
  random: () => number;
  /** Boost events active for messages at `now`. @defaultValue [] */
  boosts?: readonly NamedFactor[];
}

export type MessageXpResult =
  | { award: true; xp: number }
  | { award: false; reason: 'cooldown' | 'too_short' | 'no_xp_channel' | 'no_xp_role' };

/** XP for one chat message, or why it earns none. */
export function messageXp(input: MessageXpInput, settings: EconomySettings): MessageXpResult {
  const rules = settings.message;
  if (rules.noXpChannelIds.includes(input.channelId)) return { award: false, reason: 'no_xp_channel' };
  const multiplier = roleMultiplier(input.roleIds, settings);
  // A multiplier of 0 is an admin's way of saying "this role earns nothing", same as a no-XP role.
  if (multiplier === 0 || input.roleIds.some((roleId) => rules.noXpRoleIds.includes(roleId))) {
    return { award: false, reason: 'no_xp_role' };
  }
  if (input.length < rules.minLength) return { award: false, reason: 'too_short' };
  if (
    input.lastAwardAt !== null &&
    input.now.getTime() - input.lastAwardAt.getTime() < rules.cooldownSeconds * 1_000
  ) {
    return { award: false, reason: 'cooldown' };
  }
  const spread = rules.maxXp - rules.minXp + 1;
  // min() guards a random source that returns exactly 1 despite its contract.
  const baseXp = Math.min(rules.maxXp, rules.minXp + Math.floor(input.random() * spread));
  return { award: true, xp: combineFactors(baseXp, earningFactors(input, settings)).xp };
}

// ---- Voice ----------------------------------------------------------------------------------------

export interface VoiceState {
  selfMute: boolean;
  selfDeaf: boolean;
  serverMute: boolean;
  serverDeaf: boolean;
  channelId: string;
  /** Humans in the channel, the player included (bots do not count). */
  membersInChannel: number;
}

export type VoiceEligibility =
  | { eligible: true }
  | { eligible: false; reason: 'afk_channel' | 'deafened' | 'muted' | 'too_few_members' };

/** Whether one minute in this voice state earns XP: talking with others, not idling. */
export function voiceMinuteEligible(state: VoiceState, settings: EconomySettings): VoiceEligibility {
  const rules = settings.voice;
  if (rules.afkChannelId !== null && state.channelId === rules.afkChannelId) {
    return { eligible: false, reason: 'afk_channel' };
  }
  if (state.selfDeaf || state.serverDeaf) return { eligible: false, reason: 'deafened' };
  if (state.selfMute || state.serverMute) return { eligible: false, reason: 'muted' };
  if (state.membersInChannel < rules.minMembers) return { eligible: false, reason: 'too_few_members' };
  return { eligible: true };
}

/** XP for a number of eligible voice minutes, every factor applied (see `xp-factors.ts`). */
export function voiceXpForMinutes(
  minutes: number,
  roleIds: readonly string[],
  settings: EconomySettings,
  extra: { channelId?: string; boosts?: readonly NamedFactor[] } = {},
): number {
  if (!Number.isInteger(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a whole number >= 0, got ${minutes}`);
  }
  const factors = earningFactors({ roleIds, ...extra }, settings);
  return combineFactors(minutes * settings.voice.xpPerMinute, factors).xp;
}

// ---- Daily reward ---------------------------------------------------------------------------------

export interface DailyClaimInput {
  now: Date;
  lastClaimAt: Date | null;
  /** The streak recorded with the last claim. */
  streak: number;
}

export type DailyClaimResult =
  | { ok: true; day: string; streak: number; xp: number; coins: number }
  | { ok: false; reason: 'already_claimed'; nextClaimAt: Date };

/**
 * The daily reward: once per UTC calendar day. The streak continues when the previous claim was on the
 * previous UTC day or within `graceHours`, otherwise it starts again at 1.
 */
export function dailyClaim(input: DailyClaimInput, settings: EconomySettings): DailyClaimResult {
  const rules = settings.daily;
  const day = utcDay(input.now);
  const { lastClaimAt } = input;
  // `>=` also refuses a claim recorded "in the future" by a skewed clock rather than paying twice.
  if (lastClaimAt !== null && utcDay(lastClaimAt) >= day) {
    return { ok: false, reason: 'already_claimed', nextClaimAt: startOfNextUtcDay(lastClaimAt) };
  }
  const continues =
    lastClaimAt !== null &&
    (utcDay(lastClaimAt) === utcDay(new Date(input.now.getTime() - MS_PER_DAY)) ||
      input.now.getTime() - lastClaimAt.getTime() <= rules.graceHours * MS_PER_HOUR);
  const streak = continues ? Math.max(0, input.streak) + 1 : 1;
  const bonusDays = Math.min(streak - 1, rules.maxStreakBonusDays);
  return {
    ok: true,
    day,
    streak,
    xp: rules.baseXp + rules.streakBonusXp * bonusDays,
    coins: rules.baseCoins,
  };
}

// ---- Guess-the-number game ------------------------------------------------------------------------

export interface GameRound {
  secret: number;
  attemptsLeft: number;
}

export type GuessOutcome = 'win' | 'higher' | 'lower' | 'lost';

export type CanStartGameResult =
  | { ok: true; gamesLeft: number }
  | { ok: false; reason: 'daily_limit_reached'; limit: number };

/** Whether a player who already started `gamesToday` games this UTC day may start another. */
export function canStartGame(input: { gamesToday: number }, settings: EconomySettings): CanStartGameResult {
  const limit = settings.game.dailyGameLimit;
  if (input.gamesToday >= limit) return { ok: false, reason: 'daily_limit_reached', limit };
  return { ok: true, gamesLeft: limit - input.gamesToday };
}

/** A new round: a secret from 1 to `maxNumber`, drawn from `random()` in [0, 1). */
export function startGame(input: { random: () => number }, settings: EconomySettings): GameRound {
  const { maxNumber, maxAttempts } = settings.game;
  const secret = Math.min(maxNumber, 1 + Math.floor(input.random() * maxNumber));
  return { secret, attemptsLeft: maxAttempts };
}

/**
 * Scores one guess. `higher`/`lower` tell the player which way the secret lies; `lost` means that was
 * the last attempt. The guess must come from `parseGuess`, and the round must still have attempts.
 */
export function guess(
  input: GameRound & { guess: number },
  settings: EconomySettings,
): { outcome: GuessOutcome; attemptsLeft: number } {
  if (input.attemptsLeft <= 0) throw new RangeError('This round is over: no attempts left');
  if (!Number.isInteger(input.guess) || input.guess < 1 || input.guess > settings.game.maxNumber) {
    throw new RangeError(`guess must be a whole number from 1 to ${settings.game.maxNumber}`);
  }
  const attemptsLeft = input.attemptsLeft - 1;
  if (input.guess === input.secret) return { outcome: 'win', attemptsLeft };
  if (attemptsLeft === 0) return { outcome: 'lost', attemptsLeft };
  return { outcome: input.secret > input.guess ? 'higher' : 'lower', attemptsLeft };
}

export type ParsedGuess = { ok: true; value: number } | { ok: false; message: string };

/** Reads a player's guess from chat text; the message on failure is meant to be sent to them. */
export function parseGuess(text: string, settings: EconomySettings): ParsedGuess {
  const { maxNumber } = settings.game;
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || value < 1 || value > maxNumber) {
    return { ok: false, message: `Send a whole number from 1 to ${maxNumber}.` };
  }
  return { ok: true, value };
}
