import { describe, expect, it } from 'vitest';
import { cleanRule, describeRule } from './achievement-rules.ts';

describe('achievement rules in the form', () => {
  it('keeps only the threshold of the chosen kind, as a number', () => {
    expect(cleanRule({ kind: 'daily_streak', days: '7', count: 100 })).toEqual({
      kind: 'daily_streak',
      days: 7,
    });
    expect(cleanRule({ kind: 'first_game', count: 3 })).toEqual({ kind: 'first_game' });
  });

  it('describes a stored rule for people', () => {
    expect(describeRule({ kind: 'messages', count: 100 })).toBe('Sends 100 messages');
    expect(describeRule({ kind: 'unknown_kind' })).toBe('unknown_kind');
    expect(describeRule(null)).toBe('—');
  });
});
