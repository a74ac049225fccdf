import { type RankDefinition, rankRoleIds } from '../economy/ranks.ts';
import { rankRoleIdsFor } from './rank-role-mode.ts';
import type { RankRoleMode } from './rank-role-settings.ts';

/** What setting a member's roles needs of Discord; the Discord platform port provides it. */
export interface DiscordRoleWriter {
  setRankRole(input: {
    userId: string;
    roleId: string | null;
    rankRoleIds: readonly string[];
    reason: string;
  }): Promise<void>;
  setRankRoles(input: {
    userId: string;
    roleIds: readonly string[];
    rankRoleIds: readonly string[];
    reason: string;
  }): Promise<void>;
  grantRole(userId: string, roleId: string, reason: string): Promise<void>;
}

/**
 * Sets the member's rank roles for `current`, the rank the account holds when this runs, in `mode`:
 * its role alone (`replace`), or the roles of every rank up to it (`stack`); every other rank role
 * is removed (all of them for no rank), so a demotion takes the roles above the new rank away in
 * either mode. Returns the current rank's role.
 */
export async function setRankRole(
  discord: DiscordRoleWriter,
  userId: string,
  ranks: readonly RankDefinition[],
  current: RankDefinition | null,
  mode: RankRoleMode = 'replace',
): Promise<string | null> {
  const roleId = current?.discordRoleId ?? null;
  const reason = current ? `Tandem: rank ${current.name}` : 'Tandem: no rank';
  const managed = [...rankRoleIds(ranks)];
  if (mode === 'replace') {
    await discord.setRankRole({ userId, roleId, rankRoleIds: managed, reason });
  } else {
    const roleIds = rankRoleIdsFor(ranks, current, mode);
    await discord.setRankRoles({ userId, roleIds, rankRoleIds: managed, reason });
  }
  return roleId;
}

/** Grants the role an achievement carries. */
export async function grantAchievementRole(
  discord: DiscordRoleWriter,
  userId: string,
  achievement: { discordRoleId: string; name: string },
): Promise<void> {
  await discord.grantRole(userId, achievement.discordRoleId, `Tandem: ${achievement.name}`);
}
