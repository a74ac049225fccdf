/**
 * One-time codes that bind a Telegram identity to a Discord identity. Pure rules: randomness and the
 * clock are passed in; storing codes and failure counts is the linking service's job.
 */

/** No 0/O, 1/I/L: a code read off one screen and typed on another must not be misread. */
export const linkCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Characters in a code. @defaultValue 6 (31⁶ ≈ 887 million codes, against 5 tries per 15 minutes) */
export const linkCodeLength = 6;

/** Minutes a code stays valid. @defaultValue 10 */
export const linkCodeTtlMinutes = 10;

// The largest multiple of the alphabet size that fits in a byte; bytes at or above it are redrawn so
// every character is equally likely (plain `byte % 31` would favour the first 8 characters).
const unbiasedByteLimit = 256 - (256 % linkCodeAlphabet.length);

/** A fresh code; pass `crypto.randomBytes` (or `crypto.getRandomValues`-backed) as the source. */
export function generateLinkCode(
  randomBytes: (n: number) => Uint8Array,
  length: number = linkCodeLength,
): string {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`length must be >= 1, got ${length}`);
  let code = '';
  while (code.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= unbiasedByteLimit) continue;
      code += linkCodeAlphabet[byte % linkCodeAlphabet.length];
      if (code.length === length) break;
    }
  }
  return code;
}

/**
 * The canonical form of what a player typed (`" ab3-d4k "` → `AB3D4K`), or null when it cannot be a
 * code, so a typo is answered at once without costing a lookup.
 */
export function normalizeLinkCode(input: string, length: number = linkCodeLength): string | null {
  const code = input.trim().toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== length) return null;
  for (const char of code) {
    if (!linkCodeAlphabet.includes(char)) return null;
  }
  return code;
}

export function linkCodeExpiresAt(now: Date, ttlMinutes: number = linkCodeTtlMinutes): Date {
  return new Date(now.getTime() + ttlMinutes * 60_000);
}

export interface LinkLockoutRules {
  /** Wrong codes within one window that lock the player out. @defaultValue 5 */
  maxFailures: number;
  /** Minutes after the first failure during which failures add up. @defaultValue 15 */
  windowMinutes: number;
  /** Minutes a lockout lasts. @defaultValue 15 */
  lockMinutes: number;
}

export const linkLockout: LinkLockoutRules = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };

/** Wrong link codes a player entered recently. */
export interface LinkFailureState {
  failures: number;
  /** When the first failure of the current window happened; null before any. */
  windowStart: Date | null;
  lockedUntil: Date | null;
}

/** The state of a player with no recent failures; also what a successful link resets to. */
export const noLinkFailures: LinkFailureState = { failures: 0, windowStart: null, lockedUntil: null };

/** The state after one more wrong code at `now`. */
export function registerFailure(
  state: LinkFailureState,
  now: Date,
  rules: LinkLockoutRules = linkLockout,
): LinkFailureState {
  if (isLocked(state, now).locked) return state;
  const lockExpired = state.lockedUntil !== null;
  const windowPassed =
    state.windowStart === null || now.getTime() - state.windowStart.getTime() >= rules.windowMinutes * 60_000;
  // After a lockout ends the player starts clean; otherwise one more wrong try would lock them again.
  if (lockExpired || windowPassed) {
    return lockIfExhausted({ failures: 1, windowStart: now, lockedUntil: null }, now, rules);
  }
  return lockIfExhausted({ ...state, failures: state.failures + 1 }, now, rules);
}

function lockIfExhausted(state: LinkFailureState, now: Date, rules: LinkLockoutRules): LinkFailureState {
  if (state.failures < rules.maxFailures) return state;
  return { ...state, lockedUntil: new Date(now.getTime() + rules.lockMinutes * 60_000) };
}

export function isLocked(
  state: LinkFailureState,
  now: Date,
): { locked: true; until: Date } | { locked: false } {
  if (state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime()) {
    return { locked: true, until: state.lockedUntil };
  }
  return { locked: false };
}
