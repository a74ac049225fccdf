import { describe, expect, it } from 'vitest';
import { rewardForPlace } from './season-rewards.ts';
import { nextSeasonWindow } from './season-window.ts';

describe('the next season window', () => {
  it('follows a weekly season by seven days from its end', () => {
    expect(nextSeasonWindow('weekly', new Date('2026-12-14T00:00:00Z'))).toEqual({
      startsAt: new Date('2026-12-14T00:00:00Z'),
      endsAt: new Date('2026-12-21T00:00:00Z'),
    });
  });

  it('follows a monthly season by a calendar month, never skipping a short month', () => {
    expect(nextSeasonWindow('monthly', new Date('2027-01-31T00:00:00Z'))?.endsAt).toEqual(
      new Date('2027-02-28T00:00:00Z'),
    );
    expect(nextSeasonWindow('monthly', new Date('2026-12-01T00:00:00Z'))?.endsAt).toEqual(
      new Date('2027-01-01T00:00:00Z'),
    );
  });

  it('has none for a one-off season', () => {
    expect(nextSeasonWindow('none', new Date())).toBeNull();
  });
});

describe('rewards by place', () => {
  it('gives places past the list its last entry, and nothing for an empty list', () => {
    const rewards = [
      { xp: 100, coins: 10 },
      { xp: 50, coins: 0 },
    ];
    expect([1, 2, 3].map((place) => rewardForPlace(rewards, place).xp)).toEqual([100, 50, 50]);
    expect(rewardForPlace([], 1)).toEqual({ xp: 0, coins: 0 });
  });
});
