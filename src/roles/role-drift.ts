import type { Catalog } from '../catalog/catalog.ts';
import { rankForXp } from '../economy/ranks.ts';
import { otherRankRoleMode, rankRoleIdsFor } from './rank-role-mode.ts';
import type { RankRoleMode } from './rank-role-settings.ts';

/**
 * Which Discord roles a linked member should hold, and how the roles they hold differ. Pure: the
 * reconcile pass and the gateway handler feed it what they read.
 */

/** A rank role changed by hand is put back (`restore`) or only reported. */
export type RoleDriftPolicy = 'restore' | 'report';

export interface DesiredRoles {
  /** The role of the rank the player's XP earns; null when that rank has none (or there is no rank). */
  rankRoleId: string | null;
  /** Roles of the ranks below that one, which the member holds too in `stack` mode; empty in `replace`. */
  lowerRankRoleIds: string[];
  /** The rank roles the other mode would give: the shape of a member a mode switch has not reached. */
  otherModeRankRoleIds: string[];
  mode: RankRoleMode;
  /** Roles of the active achievements the player unlocked. */
  achievementRoleIds: string[];
}

export interface RoleDrift {
  /** Rank roles the member holds besides the one their rank earns. */
  extraRankRoleIds: string[];
  /** The rank role the member should hold and does not. */
  missingRankRoleId: string | null;
  /** Stack mode: roles of lower ranks the member should hold and does not. Absent when none. */
  missingLowerRankRoleIds?: string[];
  /**
   * The member's rank roles are exactly what this other mode gives: the rank role mode was switched
   * and the member was not brought in line yet. A restore, whatever the drift policy: the admin
   * asked for it by switching. Absent for any other drift.
   */
  previousMode?: RankRoleMode;
  /** Roles of unlocked achievements the member does not hold. */
  missingAchievementRoleIds: string[];
}

/** The roles a linked member should hold; `mode` says which rank roles. @defaultValue mode `replace` */
export function desiredRoles(
  player: { xp: number; unlockedAchievementIds: readonly number[] },
  catalog: Catalog,
  mode: RankRoleMode = 'replace',
): DesiredRoles {
  const unlocked = new Set(player.unlockedAchievementIds);
  const achievementRoleIds = new Set<string>();
  for (const achievement of catalog.achievements) {
    if (achievement.active && achievement.discordRoleId && unlocked.has(achievement.id)) {
      achievementRoleIds.add(achievement.discordRoleId);
    }
  }
  const rank = rankForXp(player.xp, catalog.ranks);
  const rankRoleId = rank?.discordRoleId ?? null;
  return {
    rankRoleId,
    lowerRankRoleIds: rankRoleIdsFor(catalog.ranks, rank, mode).filter((id) => id !== rankRoleId),
    otherModeRankRoleIds: rankRoleIdsFor(catalog.ranks, rank, otherRankRoleMode(mode)),
    mode,
    achievementRoleIds: [...achievementRoleIds].sort(),
  };
}

/**
 * Compares the roles a member holds with the desired ones. Only roles Tandem manages count: rank
 * roles (`rankRoleIds`, inactive ranks included) and the member's achievement roles; any other role
 * is the community's business. In stack mode the lower ranks' roles are expected, not drift.
 * Returns null when nothing differs.
 */
export function findRoleDrift(
  heldRoleIds: readonly string[],
  desired: DesiredRoles,
  rankRoleIds: ReadonlySet<string>,
): RoleDrift | null {
  const held = new Set(heldRoleIds);
  const wantedRank = new Set(desired.lowerRankRoleIds);
  if (desired.rankRoleId) wantedRank.add(desired.rankRoleId);
  const wanted = new Set([...wantedRank, ...desired.achievementRoleIds]);
  const drift: RoleDrift = {
    extraRankRoleIds: [...held].filter((id) => rankRoleIds.has(id) && !wanted.has(id)).sort(),
    missingRankRoleId: desired.rankRoleId && !held.has(desired.rankRoleId) ? desired.rankRoleId : null,
    missingAchievementRoleIds: desired.achievementRoleIds.filter((id) => !held.has(id)),
  };
  const missingLower = desired.lowerRankRoleIds.filter((id) => !held.has(id));
  if (missingLower.length > 0) drift.missingLowerRankRoleIds = missingLower;
  if (!hasRankDrift(drift) && drift.missingAchievementRoleIds.length === 0) return null;
  const heldRank = [...held].filter((id) => rankRoleIds.has(id)).sort();
  if (hasRankDrift(drift) && sameIds(heldRank, desired.otherModeRankRoleIds)) {
    drift.previousMode = otherRankRoleMode(desired.mode);
  }
  return drift;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  const sortedB = [...b].sort();
  return a.length === sortedB.length && a.every((id, i) => id === sortedB[i]);
}

/**
 * The part of a drift to put back under `policy`: all of it under `restore`; under `report` only the
 * rank roles of a member a mode switch has not reached yet (see `previousMode`), else nothing.
 */
export function driftToRestore(drift: RoleDrift, policy: RoleDriftPolicy): RoleDrift | null {
  if (policy === 'restore') return drift;
  if (drift.previousMode === undefined) return null;
  return { ...drift, missingAchievementRoleIds: [] };
}

/** The member's rank role is wrong: setting the rank role again fixes it. */
export function hasRankDrift(drift: RoleDrift): boolean {
  return (
    drift.extraRankRoleIds.length > 0 ||
    drift.missingRankRoleId !== null ||
    (drift.missingLowerRankRoleIds?.length ?? 0) > 0
  );
}

/** One line for logs and `sync_states.last_error`. */
export function describeRoleDrift(drift: RoleDrift): string {
  const parts = [
    drift.extraRankRoleIds.length ? `extra rank roles ${drift.extraRankRoleIds.join(', ')}` : null,
    drift.missingRankRoleId ? `missing rank role ${drift.missingRankRoleId}` : null,
    drift.missingLowerRankRoleIds?.length
      ? `missing lower rank roles ${drift.missingLowerRankRoleIds.join(', ')}`
      : null,
    drift.missingAchievementRoleIds.length
      ? `missing achievement roles ${drift.missingAchievementRoleIds.join(', ')}`
      : null,
  ].filter(Boolean);
  const cause = drift.previousMode ? ` (still as rank role mode ${drift.previousMode} gives them)` : '';
  return `Discord roles drifted: ${parts.join('; ')}${cause}`;
}
