import type pg from 'pg';
import type { AchievementDefinition, Catalog } from '../catalog/catalog.ts';
import { canAdvance } from '../economy/achievement-progress.ts';
import { ledgerReasons, newlyUnlocked, type PlayerProgress } from '../economy/achievements.ts';
import { appendSyncEvent } from '../ledger/append-sync-event.ts';
import type { Engine } from '../ledger/engine.ts';
import type { AchievementUnlockPayload, EconomyPayload } from '../ledger/event-schemas.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import { lockPersonOf, personWasPaid } from '../persons/persons.ts';

/**
 * Unlocks the achievements this event completed. Each unlock, its achievement_unlock event and its
 * reward are one transaction under keys naming the achievement and the player: once per player,
 * however often the processor runs.
 */
export async function unlockAchievements(
  engine: Engine,
  catalog: Catalog,
  input: {
    playerId: string;
    /** The player's progress as read with the event (counters kept with the ledger). */
    progress: PlayerProgress;
    unlockedIds: readonly number[];
    event: Pick<EconomyPayload, 'reason' | 'xpDelta' | 'coinDelta'>;
  },
): Promise<AchievementDefinition[]> {
  const unlocked = new Set(input.unlockedIds);
  const candidates = catalog.achievements.filter(
    (a) => a.active && !unlocked.has(a.id) && canAdvance(a.rule, input.event),
  );
  if (candidates.length === 0) return [];
  const achieved = newlyUnlocked(candidates, unlocked, input.progress);
  for (const achievement of achieved) await unlockOne(engine, input.playerId, achievement);
  return achieved;
}

async function unlockOne(
  engine: Engine,
  playerId: string,
  achievement: AchievementDefinition,
): Promise<void> {
  await engine.transaction(async (tx) => {
    const person = await lockPersonOf(tx.client, playerId);
    const inserted = await tx.client.query(
      `INSERT INTO player_achievements (player_id, achievement_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING achievement_id`,
      [playerId, achievement.id],
    );
    if (inserted.rowCount === 0) return;
    const rewardKey = (account: string) =>
      buildIdempotencyKey({
        source: 'system',
        action: 'achievement_reward',
        entity: achievement.id,
        playerId: account,
      });
    // The person unlocked it before on another account (this one was unlinked from it): the
    // account shows it and gets its role, but it is neither paid nor announced again.
    const again =
      (await unlockedByThePerson(tx, person.id, playerId, achievement.id)) ||
      (await personWasPaid(tx.client, person.id, rewardKey));
    const payload: AchievementUnlockPayload = {
      achievementId: achievement.id,
      slug: achievement.slug,
      name: achievement.name,
      rewardXp: again ? 0 : achievement.rewardXp,
      rewardCoins: again ? 0 : achievement.rewardCoins,
      discordRoleId: achievement.discordRoleId,
      ...(again ? { regrant: true } : {}),
    };
    const key = buildIdempotencyKey({
      source: 'system',
      action: 'achievement',
      entity: achievement.id,
      playerId,
    });
    await appendSyncEvent(tx, { key, playerId, type: 'achievement_unlock', payload });
    if (!again && (achievement.rewardXp > 0 || achievement.rewardCoins > 0)) {
      await tx.record({
        key: rewardKey(playerId),
        playerId,
        type: 'reward_grant',
        source: 'system',
        xpDelta: achievement.rewardXp,
        coinDelta: achievement.rewardCoins,
        reason: ledgerReasons.achievement,
        metadata: { achievement: achievement.slug },
      });
    }
  });
}

async function unlockedByThePerson(
  tx: { client: pg.PoolClient },
  personId: string,
  playerId: string,
  achievementId: number,
): Promise<boolean> {
  const { rowCount } = await tx.client.query(
    `SELECT 1 FROM player_achievements pa JOIN players p ON p.id = pa.player_id
      WHERE p.person_id = $1 AND pa.achievement_id = $2 AND pa.player_id <> $3 LIMIT 1`,
    [personId, achievementId, playerId],
  );
  return (rowCount ?? 0) > 0;
}
