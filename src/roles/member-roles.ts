import type { AchievementDefinition, Catalog, CatalogCache } from '../catalog/catalog.ts';
import type { Database } from '../db/database.ts';
import type { Queryable } from '../db/queryable.ts';
import { rankForXp } from '../economy/ranks.ts';
import { appendSyncEvent } from '../ledger/append-sync-event.ts';
import type { Engine } from '../ledger/engine.ts';
import type { AchievementUnlockPayload, RankChangePayload } from '../ledger/event-schemas.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import type { Logger } from '../logging/logger.ts';
import { deriveRankChange } from '../progression/derive-rank.ts';
import { hasRankDrift, type RoleDrift } from './role-drift.ts';

/**
 * What checking and restoring a member's roles works with: the database, the engine and the catalog
 * (and a logger for drift). No queue worker and no platform client: the Discord bot calls it too.
 */
export interface MemberRolesDeps {
  db: Pick<Database, 'pool'>;
  engine: Engine;
  catalog: CatalogCache;
  logger: Logger;
}

/** A guild member that is a player's linked (sync-enabled) Discord identity. */
export interface LinkedMember {
  discordUserId: string;
  playerId: string;
  xp: number;
  lastRankId: number | null;
  unlockedAchievementIds: number[];
}

const linkedMembersSql = `
SELECT i.platform_user_id, p.id AS player_id, p.xp, s.last_rank_id,
       coalesce((SELECT array_agg(pa.achievement_id) FROM player_achievements pa WHERE pa.player_id = p.id),
                '{}'::int[]) AS unlocked
  FROM identities i
  JOIN players p ON p.id = i.player_id AND p.merged_into_id IS NULL
  LEFT JOIN sync_states s ON s.player_id = p.id
 WHERE i.platform = 'discord' AND i.sync_enabled AND i.platform_user_id = ANY($1::text[])`;

/** The linked players among these Discord users (one statement for a whole page of members). */
export async function loadLinkedMembers(
  db: Queryable,
  discordUserIds: readonly string[],
): Promise<Map<string, LinkedMember>> {
  const { rows } = await db.query(linkedMembersSql, [discordUserIds]);
  return new Map(
    rows.map((row) => [
      row.platform_user_id,
      {
        discordUserId: row.platform_user_id,
        playerId: row.player_id,
        xp: row.xp,
        lastRankId: row.last_rank_id,
        unlockedAchievementIds: row.unlocked,
      },
    ]),
  );
}

/**
 * Players with an event still pending or processing. Their roles are about to be set by it (or are
 * being set: the gateway echoes Tandem's own writes, possibly half done), so they are not drift.
 * Asked only for players that look drifted, which keeps the lookup small.
 */
export async function playersWithOpenEvents(
  db: Queryable,
  playerIds: readonly string[],
): Promise<Set<string>> {
  if (playerIds.length === 0) return new Set();
  const { rows } = await db.query<{ player_id: string }>(
    `SELECT DISTINCT player_id FROM sync_events
      WHERE player_id = ANY($1::uuid[]) AND status IN ('pending', 'processing')`,
    [playerIds],
  );
  return new Set(rows.map((r) => r.player_id));
}

/**
 * Puts a member's roles back through the platform queue, never by calling Discord from here: the
 * projection does the write, paced and 429-aware, and records what Discord now reflects.
 * - A wrong rank role: a rank_change from the player's rank to itself, which re-applies that rank's
 *   role and removes the others without announcing anything. When the rank itself was never derived
 *   from the XP, the ordinary rank derivation does it (and announces a real rank-up).
 * - A missing achievement role: an achievement_unlock marked `regrant`, which grants the role and
 *   tells the player nothing (they were told when they unlocked it).
 * `causeId` names this pass (a reconcile run or one gateway update) in the events' keys, so a pass
 * that runs twice records each fix once. Returns whether a fix was recorded.
 */
export async function restoreMemberRoles(
  ctx: Pick<MemberRolesDeps, 'engine'>,
  catalog: Catalog,
  member: LinkedMember,
  drift: RoleDrift,
  causeId: string,
): Promise<boolean> {
  let recorded = false;
  const rankNow = rankForXp(member.xp, catalog.ranks)?.id ?? null;
  const reapplyRank = hasRankDrift(drift) && rankNow === member.lastRankId;
  if (hasRankDrift(drift) && !reapplyRank) {
    recorded = await deriveRankChange(ctx.engine, catalog, {
      playerId: member.playerId,
      causeEventId: causeId,
    });
  }
  // One grant per missing role, even when two unlocked achievements share it.
  const regrants = new Map<string, AchievementDefinition>();
  for (const a of catalog.achievements) {
    const roleId = a.discordRoleId;
    if (!a.active || roleId === null || regrants.has(roleId)) continue;
    if (drift.missingAchievementRoleIds.includes(roleId) && member.unlockedAchievementIds.includes(a.id)) {
      regrants.set(roleId, a);
    }
  }
  if (!reapplyRank && regrants.size === 0) return recorded;

  return ctx.engine.transaction(async (tx) => {
    if (reapplyRank) {
      const payload: RankChangePayload = {
        fromRankId: member.lastRankId,
        toRankId: member.lastRankId,
        direction: 'up',
        xp: member.xp,
        causeEventId: causeId,
      };
      const key = buildIdempotencyKey({
        source: 'system',
        action: 'rolefix',
        entity: causeId,
        playerId: member.playerId,
      });
      const id = await appendSyncEvent(tx, { key, playerId: member.playerId, type: 'rank_change', payload });
      recorded ||= id !== null;
    }
    for (const achievement of regrants.values()) {
      const payload: AchievementUnlockPayload = {
        achievementId: achievement.id,
        slug: achievement.slug,
        name: achievement.name,
        rewardXp: achievement.rewardXp,
        rewardCoins: achievement.rewardCoins,
        discordRoleId: achievement.discordRoleId,
        regrant: true,
      };
      const key = buildIdempotencyKey({
        source: 'system',
        action: 'achrolefix',
        entity: `${causeId}-${achievement.id}`,
        playerId: member.playerId,
      });
      const id = await appendSyncEvent(tx, {
        key,
        playerId: member.playerId,
        type: 'achievement_unlock',
        payload,
      });
      recorded ||= id !== null;
    }
    return recorded;
  });
}
