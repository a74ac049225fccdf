import { describe, expect, it } from 'vitest';
import type { AchievementDefinition, Catalog } from '../catalog/catalog.ts';
import type { RankDefinition } from '../economy/ranks.ts';
import { describeRoleDrift, desiredRoles, driftToRestore, findRoleDrift } from './role-drift.ts';

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
      lowerRankRoleIds: [],
      otherModeRankRoleIds: ['901', '902'],
      mode: 'replace',
      achievementRoleIds: ['950'],
    });
  });

  it('in stack mode also wants the roles of every lower active rank', () => {
    expect(desiredRoles({ xp: 600, unlockedAchievementIds: [] }, catalog, 'stack')).toMatchObject({
      rankRoleId: '902',
      lowerRankRoleIds: ['901'],
      otherModeRankRoleIds: ['902'],
    });
    // A rank without a role still stacks the roles below it; the inactive rank's role never.
    expect(desiredRoles({ xp: 5000, unlockedAchievementIds: [] }, catalog, 'stack')).toMatchObject({
      rankRoleId: null,
      lowerRankRoleIds: ['901', '902'],
    });
  });

  it('wants no rank role for a rank without one', () => {
    expect(desiredRoles({ xp: 5000, unlockedAchievementIds: [] }, catalog)).toMatchObject({
      rankRoleId: null,
      lowerRankRoleIds: [],
      achievementRoleIds: [],
    });
  });
});

describe('findRoleDrift', () => {
  const desired = desiredRoles({ xp: 600, unlockedAchievementIds: [10] }, catalog);

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
    const noRole = desiredRoles({ xp: 5000, unlockedAchievementIds: [] }, catalog);
    const drift = findRoleDrift(['901'], noRole, rankRoles);
    expect(drift).toEqual({
      extraRankRoleIds: ['901'],
      missingRankRoleId: null,
      missingAchievementRoleIds: [],
    });
    expect(describeRoleDrift(drift!)).toBe('Discord roles drifted: extra rank roles 901');
  });

  it('does not call a rank role extra when it is also one of the member’s achievement roles', () => {
    expect(findRoleDrift(['902', '901'], { ...desired, achievementRoleIds: ['901'] }, rankRoles)).toBeNull();
  });
});

describe('findRoleDrift by rank role mode', () => {
  const player = { xp: 600, unlockedAchievementIds: [] };

  it('expects the lower ranks’ roles in stack mode: holding them is not drift', () => {
    expect(findRoleDrift(['901', '902'], desiredRoles(player, catalog, 'stack'), rankRoles)).toBeNull();
  });

  it('names the lower rank roles missing in stack mode, and a member still as replace mode left them', () => {
    const drift = findRoleDrift(['902'], desiredRoles(player, catalog, 'stack'), rankRoles);
    expect(drift).toEqual({
      extraRankRoleIds: [],
      missingRankRoleId: null,
      missingLowerRankRoleIds: ['901'],
      missingAchievementRoleIds: [],
      previousMode: 'replace',
    });
    expect(describeRoleDrift(drift!)).toBe(
      'Discord roles drifted: missing lower rank roles 901 (still as rank role mode replace gives them)',
    );
  });

  it('calls stacked roles extra in replace mode, as a member a switch to replace has not reached', () => {
    expect(findRoleDrift(['901', '902'], desiredRoles(player, catalog), rankRoles)).toMatchObject({
      extraRankRoleIds: ['901'],
      previousMode: 'stack',
    });
  });

  it('a hand edit is no mode switch: no previous mode', () => {
    const drift = findRoleDrift(['901', '904'], desiredRoles(player, catalog, 'stack'), rankRoles);
    expect(drift).toMatchObject({ extraRankRoleIds: ['904'], missingRankRoleId: '902' });
    expect(drift?.previousMode).toBeUndefined();
  });
});

describe('driftToRestore', () => {
  const handEdit = {
    extraRankRoleIds: ['904'],
    missingRankRoleId: null,
    missingAchievementRoleIds: ['950'],
  };

  it('restores everything under restore, nothing of a hand edit under report', () => {
    expect(driftToRestore(handEdit, 'restore')).toBe(handEdit);
    expect(driftToRestore(handEdit, 'report')).toBeNull();
  });

  it('restores the rank roles of a member a mode switch has not reached, even under report', () => {
    expect(driftToRestore({ ...handEdit, previousMode: 'replace' }, 'report')).toEqual({
      ...handEdit,
      previousMode: 'replace',
      missingAchievementRoleIds: [],
    });
  });
});
