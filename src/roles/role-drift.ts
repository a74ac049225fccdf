import type { Catalog } from '../catalog/catalog.ts';
import { rankForXp } from '../economy/ranks.ts';

/**
 * Which Discord roles a linked member should hold, and how the roles they hold differ. Pure: the
 * reconcile pass and the gateway handler feed it what they read.
 */

/** A rank role changed by hand is put back (`restore`) or only reported. */
export type RoleDriftPolicy = 'restore' | 'report';

export interface DesiredRoles {
  /** The role of the rank the player's XP earns; null when that rank has none (or there is no rank). */
  rankRoleId: string | null;
  /** Roles of the active achievements the player unlocked. */
  achievementRoleIds: string[];
}

export interface RoleDrift {
  /** Rank roles the member holds besides the one their rank earns. */
  extraRankRoleIds: string[];
  /** The rank role the member should hold and does not. */
  missingRankRoleId: string | null;
  /** Roles of unlocked achievements the member does not hold. */
  missingAchievementRoleIds: string[];
}

export function desiredRoles(
  player: { xp: number; unlockedAchievementIds: readonly number[] },
  catalog: Catalog,
): DesiredRoles {
  const unlocked = new Set(player.unlockedAchievementIds);
  const achievementRoleIds = new Set<string>();
  for (const achievement of catalog.achievements) {
    if (achievement.active && achievement.discordRoleId && unlocked.has(achievement.id)) {
      achievementRoleIds.add(achievement.discordRoleId);
    }
  }
  return {
    rankRoleId: rankForXp(player.xp, catalog.ranks)?.discordRoleId ?? null,
    achievementRoleIds: [...achievementRoleIds].sort(),
  };
}

/**
 * Compares the roles a member holds with the desired ones. Only roles Tandem manages count: rank
 * roles (`rankRoleIds`, inactive ranks included) and the member's achievement roles; any other role
 * is the community's business. Returns null when nothing differs.
 */
export function findRoleDrift(
  heldRoleIds: readonly string[],
  desired: DesiredRoles,
  rankRoleIds: ReadonlySet<string>,
): RoleDrift | null {
  const held = new Set(heldRoleIds);
  const wanted = new Set(desired.achievementRoleIds);
  if (desired.rankRoleId) wanted.add(desired.rankRoleId);
  const drift: RoleDrift = {
    extraRankRoleIds: [...held].filter((id) => rankRoleIds.has(id) && !wanted.has(id)).sort(),
    missingRankRoleId: desired.rankRoleId && !held.has(desired.rankRoleId) ? desired.rankRoleId : null,
    missingAchievementRoleIds: desired.achievementRoleIds.filter((id) => !held.has(id)),
  };
  return hasRankDrift(drift) || drift.missingAchievementRoleIds.length > 0 ? drift : null;
}

/** The member's rank role is wrong: setting the rank role again fixes it. */
export function hasRankDrift(drift: RoleDrift): boolean {
  return drift.extraRankRoleIds.length > 0 || drift.missingRankRoleId !== null;
}

/** One line for logs and `sync_states.last_error`. */
export function describeRoleDrift(drift: RoleDrift): string {
  const parts = [
    drift.extraRankRoleIds.length ? `extra rank roles ${drift.extraRankRoleIds.join(', ')}` : null,
    drift.missingRankRoleId ? `missing rank role ${drift.missingRankRoleId}` : null,
    drift.missingAchievementRoleIds.length
      ? `missing achievement roles ${drift.missingAchievementRoleIds.join(', ')}`
      : null,
  ].filter(Boolean);
  return `Discord roles drifted: ${parts.join('; ')}`;
}
