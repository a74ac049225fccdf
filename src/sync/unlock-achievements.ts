import { canAdvance } from '../economy/achievement-progress.ts';
import { ledgerReasons, newlyUnlocked, type PlayerProgress } from '../economy/achievements.ts';
import type { AchievementDefinition, Catalog } from '../economy/catalog.ts';
import type { Engine } from './engine.ts';
import type { AchievementUnlockPayload, EconomyPayload } from './event-schemas.ts';
import { buildIdempotencyKey } from './idempotency-key.ts';

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
    const inserted = await tx.client.query(
      `INSERT INTO player_achievements (player_id, achievement_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING achievement_id`,
      [playerId, achievement.id],
    );
    if (inserted.rowCount === 0) return;
    const payload: AchievementUnlockPayload = {
      achievementId: achievement.id,
      slug: achievement.slug,
      name: achievement.name,
      rewardXp: achievement.rewardXp,
      rewardCoins: achievement.rewardCoins,
      discordRoleId: achievement.discordRoleId,
    };
    const key = buildIdempotencyKey({
      source: 'system',
      action: 'achievement',
      entity: achievement.id,
      playerId,
    });
    const event = await tx.client.query<{ id: string }>(
      `INSERT INTO sync_events (idempotency_key, source, type, player_id, payload)
       VALUES ($1, 'system', 'achievement_unlock', $2, $3) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [key, playerId, JSON.stringify(payload)],
    );
    const id = event.rows[0]?.id;
    if (id) tx.dispatchAfterCommit({ id, idempotencyKey: key, type: 'achievement_unlock' });
    if (achievement.rewardXp > 0 || achievement.rewardCoins > 0) {
      await tx.record({
        key: buildIdempotencyKey({
          source: 'system',
          action: 'achievement_reward',
          entity: achievement.id,
          playerId,
        }),
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
