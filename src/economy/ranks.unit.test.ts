import { describe, expect, it } from 'vitest';
import {
  defaultRanks,
  type RankDefinition,
  rankForXp,
  rankProgress,
  rankRoleIds,
  xpRangeOfRank,
} from './ranks.ts';

function rank(overrides: Partial<RankDefinition> & Pick<RankDefinition, 'id' | 'minXp'>): RankDefinition {
  return {
    name: `Rank ${overrides.id}`,
    discordRoleId: `role-${overrides.id}`,
    priority: overrides.id,
    active: true,
    ...overrides,
  };
}

const ranks: RankDefinition[] = [
  rank({ id: 3, minXp: 500 }),
  rank({ id: 1, minXp: 0 }),
  rank({ id: 2, minXp: 100 }),
  rank({ id: 4, minXp: 1_000 }),
];

describe('defaultRanks', () => {
  it('has 20 ranks starting at 0 XP with strictly growing thresholds and priorities 1..20', () => {
    expect(defaultRanks).toHaveLength(20);
    expect(defaultRanks[0]?.minXp).toBe(0);
    defaultRanks.forEach((r, index) => {
      expect(r.priority).toBe(index + 1);
      if (index > 0) expect(r.minXp).toBeGreaterThan(defaultRanks[index - 1]!.minXp);
    });
    const top = defaultRanks[19]!.minXp;
    expect(top).toBeGreaterThanOrEqual(250_000);
    expect(top).toBeLessThanOrEqual(500_000);
    expect(new Set(defaultRanks.map((r) => r.name)).size).toBe(20);
  });
});

describe('rankForXp', () => {
  it('gives the rank whose threshold is exactly reached', () => {
    expect(rankForXp(100, ranks)?.id).toBe(2);
    expect(rankForXp(99, ranks)?.id).toBe(1);
    expect(rankForXp(0, ranks)?.id).toBe(1);
    expect(rankForXp(1_000_000, ranks)?.id).toBe(4);
  });

  it('skips inactive ranks', () => {
    const withInactive = ranks.map((r) => (r.id === 3 ? { ...r, active: false } : r));
    expect(rankForXp(700, withInactive)?.id).toBe(2);
  });

  it('breaks a tie of thresholds by the higher priority', () => {
    const tied = [
      rank({ id: 1, minXp: 0 }),
      rank({ id: 2, minXp: 100, priority: 7 }),
      rank({ id: 3, minXp: 100 }),
    ];
    expect(rankForXp(150, tied)?.id).toBe(2);
  });

  it('is null below every active rank and with no ranks', () => {
    expect(rankForXp(50, [rank({ id: 1, minXp: 100 })])).toBeNull();
    expect(rankForXp(50, [])).toBeNull();
    expect(rankForXp(50, [rank({ id: 1, minXp: 0, active: false })])).toBeNull();
  });
});

describe('rankProgress', () => {
  it('reports the way from the current threshold to the next', () => {
    expect(rankProgress(300, ranks)).toMatchObject({
      current: { id: 2 },
      next: { id: 3 },
      xpIntoRank: 200,
      xpForNext: 200,
      percent: 50,
    });
  });

  it('is 0% at an exact threshold and never rounds up to 100% before the next rank', () => {
    expect(rankProgress(100, ranks).percent).toBe(0);
    expect(rankProgress(499, ranks).percent).toBe(99);
  });

  it('is 100% at the top rank with nothing left to earn', () => {
    expect(rankProgress(5_000, ranks)).toMatchObject({
      current: { id: 4 },
      next: null,
      xpIntoRank: 4_000,
      xpForNext: null,
      percent: 100,
    });
  });

  it('counts from 0 when the player is below every rank', () => {
    expect(rankProgress(25, [rank({ id: 1, minXp: 100 })])).toMatchObject({
      current: null,
      next: { id: 1 },
      xpIntoRank: 25,
      xpForNext: 75,
      percent: 25,
    });
  });

  it('skips inactive ranks when looking for the next one', () => {
    const withInactive = ranks.map((r) => (r.id === 3 ? { ...r, active: false } : r));
    expect(rankProgress(300, withInactive).next?.id).toBe(4);
  });
});

describe('rankRoleIds', () => {
  it('lists the roles of every rank, inactive ones included, without nulls or duplicates', () => {
    const table = [
      rank({ id: 1, minXp: 0, discordRoleId: null }),
      rank({ id: 2, minXp: 100, active: false }),
      rank({ id: 3, minXp: 200, discordRoleId: 'shared' }),
      rank({ id: 4, minXp: 300, discordRoleId: 'shared' }),
    ];
    expect([...rankRoleIds(table)].sort()).toEqual(['role-2', 'shared']);
  });
});

describe('xpRangeOfRank', () => {
  it('spans from the rank threshold to the next one, open-ended at the top', () => {
    expect(xpRangeOfRank(2, ranks)).toEqual({ minXp: 100, belowXp: 500 });
    expect(xpRangeOfRank(4, ranks)).toEqual({ minXp: 1_000, belowXp: null });
    expect(xpRangeOfRank(1, ranks)).toEqual({ minXp: 0, belowXp: 100 });
  });

  it('skips inactive ranks and gives none to a rank nobody can hold', () => {
    const some = ranks.map((r) => (r.id === 3 ? { ...r, active: false } : r));
    expect(xpRangeOfRank(2, some)).toEqual({ minXp: 100, belowXp: 1_000 });
    expect(xpRangeOfRank(3, some)).toBeNull();
    expect(xpRangeOfRank(99, ranks)).toBeNull();
    const tied = [...ranks, rank({ id: 5, minXp: 500, priority: 9 })];
    expect(xpRangeOfRank(3, tied)).toBeNull();
    expect(xpRangeOfRank(5, tied)).toEqual({ minXp: 500, belowXp: 1_000 });
  });
});
