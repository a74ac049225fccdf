import { describe, expect, it } from 'vitest';
import { bigintIdText, storedInstant, storedText, withoutNul } from './postgres-values.ts';

describe('values PostgreSQL stores', () => {
  it('text: refuses NUL, keeps every other character', () => {
    expect(storedText().safeParse('a\u0000b').error?.issues[0]?.message).toBe(
      'must not contain NUL characters (\\u0000)',
    );
    expect(storedText().trim().parse(' 🎉 \u0001 tab\t ')).toBe('🎉 \u0001 tab');
    expect(withoutNul('\u0000Ada\u0000')).toBe('Ada');
  });

  it('bigint ids: 1 to 2^63 - 1', () => {
    expect(bigintIdText.safeParse('9223372036854775807').success).toBe(true);
    for (const bad of [
      '0',
      '9223372036854775808',
      '9999999999999999999',
      '99999999999999999999',
      '-1',
      '1e3',
    ])
      expect(bigintIdText.safeParse(bad).success, bad).toBe(false);
  });

  it('dates: years 1 to 9999 only', () => {
    expect(storedInstant.parse('2026-11-22')).toEqual(new Date('2026-11-22T00:00:00Z'));
    expect(storedInstant.parse('9999-12-31T23:59:59Z')).toEqual(new Date('9999-12-31T23:59:59Z'));
    for (const bad of ['-271821-04-20', '+275760-09-13', '0000-12-31', '+010000-01-01', 'soon'])
      expect(storedInstant.safeParse(bad).success, bad).toBe(false);
  });
});
