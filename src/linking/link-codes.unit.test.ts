import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateLinkCode,
  isLocked,
  type LinkFailureState,
  linkCodeAlphabet,
  linkCodeExpiresAt,
  linkLockout,
  noLinkFailures,
  normalizeLinkCode,
  registerFailure,
} from './link-codes.ts';

const t0 = new Date('2026-11-22T12:00:00Z');
const minutesLater = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

/** A byte source that replays `bytes` in order, repeating them as needed. */
function replay(bytes: number[]): (n: number) => Uint8Array {
  let position = 0;
  return (n) => Uint8Array.from({ length: n }, () => bytes[position++ % bytes.length]!);
}

describe('linkCodeAlphabet', () => {
  it('leaves out the characters people confuse', () => {
    for (const ambiguous of ['0', 'O', '1', 'I', 'L']) expect(linkCodeAlphabet).not.toContain(ambiguous);
    expect(new Set(linkCodeAlphabet).size).toBe(linkCodeAlphabet.length);
    expect(linkCodeAlphabet).toMatch(/^[2-9A-Z]+$/);
  });
});

describe('generateLinkCode', () => {
  it('makes a 6-character code from the alphabet by default', () => {
    const code = generateLinkCode(randomBytes);
    expect(code).toHaveLength(6);
    expect(normalizeLinkCode(code)).toBe(code);
  });

  it('maps bytes onto the alphabet and redraws bytes that would bias it', () => {
    // 248 and above would make the first characters more likely, so they are skipped.
    expect(generateLinkCode(replay([255, 248, 0, 1, 30, 31, 247, 62]), 4)).toBe('23Z2');
    expect(generateLinkCode(replay([250, 251, 252, 253, 254, 255, 5]), 3)).toBe('777');
  });

  it('honours a custom length', () => {
    expect(generateLinkCode(replay([3]), 8)).toBe('55555555');
  });
});

describe('normalizeLinkCode', () => {
  it('accepts what a player types: lower case, spaces, dashes', () => {
    expect(normalizeLinkCode('  ab3-d4k ')).toBe('AB3D4K');
    expect(normalizeLinkCode('AB3 D4K')).toBe('AB3D4K');
  });

  it('rejects the wrong length or characters outside the alphabet', () => {
    expect(normalizeLinkCode('AB3D4')).toBeNull();
    expect(normalizeLinkCode('AB3D4KX')).toBeNull();
    expect(normalizeLinkCode('AB0D4K')).toBeNull();
    expect(normalizeLinkCode('ABOD4K')).toBeNull();
    expect(normalizeLinkCode('AB3D4!')).toBeNull();
    expect(normalizeLinkCode('')).toBeNull();
  });
});

describe('linkCodeExpiresAt', () => {
  it('is 10 minutes after creation by default', () => {
    expect(linkCodeExpiresAt(t0)).toEqual(minutesLater(10));
    expect(linkCodeExpiresAt(t0, 3)).toEqual(minutesLater(3));
  });
});

describe('link lockout', () => {
  function failTimes(count: number, at: (i: number) => Date): LinkFailureState {
    let state = noLinkFailures;
    for (let i = 0; i < count; i += 1) state = registerFailure(state, at(i));
    return state;
  }

  it('allows four wrong codes and locks at the fifth for 15 minutes', () => {
    const four = failTimes(4, (i) => minutesLater(i));
    expect(four.failures).toBe(4);
    expect(isLocked(four, minutesLater(4))).toEqual({ locked: false });

    const five = registerFailure(four, minutesLater(4));
    expect(linkLockout.maxFailures).toBe(5);
    expect(isLocked(five, minutesLater(4))).toEqual({ locked: true, until: minutesLater(19) });
    expect(isLocked(five, minutesLater(18.9)).locked).toBe(true);
  });

  it('lifts the lock when it expires and starts the count afresh', () => {
    const locked = failTimes(5, () => t0);
    expect(isLocked(locked, minutesLater(15))).toEqual({ locked: false });
    const next = registerFailure(locked, minutesLater(15));
    expect(next).toEqual({ failures: 1, windowStart: minutesLater(15), lockedUntil: null });
  });

  it('ignores failures while locked', () => {
    const locked = failTimes(5, () => t0);
    expect(registerFailure(locked, minutesLater(1))).toBe(locked);
  });

  it('forgets failures once the 15-minute window has passed', () => {
    const four = failTimes(4, (i) => minutesLater(i));
    const afterWindow = registerFailure(four, minutesLater(15));
    expect(afterWindow).toEqual({ failures: 1, windowStart: minutesLater(15), lockedUntil: null });
    // Just inside the window the fifth failure still counts.
    expect(isLocked(registerFailure(four, minutesLater(14.9)), minutesLater(14.9)).locked).toBe(true);
  });
});
