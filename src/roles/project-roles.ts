import { type RankDefinition, rankRoleIds } from '../economy/ranks.ts';

/** What setting a member's roles needs of Discord; the Discord platform port provides it. */
export interface DiscordRoleWriter {
  setRankRole(input: {
    userId: string;
    roleId: string | null;
    rankRoleIds: readonly string[];
    reason: string;
  }): Promise<void>;
  grantRole(userId: string, roleId: string, reason: string): Promise<void>;
}

/**
 * Sets the member's rank role to the role of `current`, the rank the account holds when this runs,
 * and removes every other rank role (all of them for no rank). Returns the role now set.
 */
export async function setRankRole(
  discord: DiscordRoleWriter,
  userId: string,
  ranks: readonly RankDefinition[],
  current: RankDefinition | null,
): Promise<string | null> {
  const roleId = current?.discordRoleId ?? null;
  await discord.setRankRole({
    userId,
    roleId,
    rankRoleIds: [...rankRoleIds(ranks)],
    reason: current ? `Tandem: rank ${current.name}` : 'Tandem: no rank',
  });
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
