import { describe, expect, it } from 'vitest';
import type { AchievementDefinition, Catalog } from '../catalog/catalog.ts';
import type { RankDefinition } from '../economy/ranks.ts';
import { describeRoleDrift, desiredRoles, findRoleDrift } from './role-drift.ts';

const rank = (id: number, minXp: number, discordRoleId: string | null, active = true): RankDefinition => ({
  id,
  name: `R${id}`,
  minXp,
  discordRoleId,
  priority: id,
  active,
});

const achievement = (id: number, discordRoleId: string | null, active = true): AchievementDefinition => ({
  id,
  slug: `a${id}`,
  name: `A${id}`,
  rule: { kind: 'first_game' },
  rewardXp: 0,
  rewardCoins: 0,
  discordRoleId,
  active,
});

const catalog: Catalog = {
  ranks: [rank(1, 0, '901'), rank(2, 500, '902'), rank(3, 1000, null), rank(4, 2000, '904', false)],
  achievements: [achievement(10, '950'), achievement(11, null), achievement(12, '952', false)],
};
const rankRoles = new Set(['901', '902', '904']);

describe('desiredRoles', () => {
  it("wants the role of the XP's rank and of unlocked, active achievements", () => {
    expect(desiredRoles({ xp: 600, unlockedAchievementIds: [10, 11, 12] }, catalog)).toEqual({
      rankRoleId: '902',
      achievementRoleIds: ['950'],
    });
  });

  it('wants no rank role for a rank without one', () => {
    expect(desiredRoles({ xp: 5000, unlockedAchievementIds: [] }, catalog)).toEqual({
      rankRoleId: null,
      achievementRoleIds: [],
    });
  });
});

describe('findRoleDrift', () => {
  const desired = { rankRoleId: '902', achievementRoleIds: ['950'] };

  it('finds nothing when the member holds what Tandem wants, whatever else they hold', () => {
    expect(findRoleDrift(['902', '950', '123'], desired, rankRoles)).toBeNull();
  });

  it('finds a missing rank role, an extra rank role (inactive ranks too) and a missing achievement role', () => {
    expect(findRoleDrift(['901', '904', '123'], desired, rankRoles)).toEqual({
      extraRankRoleIds: ['901', '904'],
      missingRankRoleId: '902',
      missingAchievementRoleIds: ['950'],
    });
  });

  it('treats every rank role as extra when the rank has no role', () => {
    const drift = findRoleDrift(['901'], { rankRoleId: null, achievementRoleIds: [] }, rankRoles);
    expect(drift).toEqual({
      extraRankRoleIds: ['901'],
      missingRankRoleId: null,
      missingAchievementRoleIds: [],
    });
    expect(describeRoleDrift(drift!)).toBe('Discord roles drifted: extra rank roles 901');
  });

  it('does not call a rank role extra when it is also one of the member’s achievement roles', () => {
    expect(
      findRoleDrift(['902', '901'], { rankRoleId: '902', achievementRoleIds: ['901'] }, rankRoles),
    ).toBeNull();
  });
});
