import { describe, expect, it } from 'vitest';
import { seasonRoleAttempts, seasonRolePauseMs } from './season-role-retries.ts';

describe('season role retries', () => {
  it('double the pause from a minute up to an hour, a bounded number of times', () => {
    const minutes = Array.from(
      { length: seasonRoleAttempts - 1 },
      (_, i) => seasonRolePauseMs(i + 1) / 60_000,
    );
    expect(minutes).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect(seasonRolePauseMs(20)).toBe(3_600_000);
  });
});
