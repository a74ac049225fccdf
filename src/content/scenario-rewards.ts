import type { Engine } from '../sync/engine.ts';
import { IdempotencyConflictError } from '../sync/errors.ts';
import { buildIdempotencyKey } from '../sync/idempotency-key.ts';
import type { ScenarioView } from './content-cache.ts';

export interface ScenarioReward {
  /** true only for the open that paid; every later open, on either platform, gets false. */
  granted: boolean;
  /** What this open paid (0 when nothing was granted). */
  xp: number;
  coins: number;
}

const nothing: ScenarioReward = { granted: false, xp: 0, coins: 0 };

/**
 * Pays a scenario's reward the first time a player opens it. The key names the scenario and the
 * player but not the platform, so opening it on Telegram and then on Discord (or twice at once)
 * pays once: the ledger's unique key decides, not a check before writing.
 */
export async function claimScenarioReward(
  deps: { engine: Pick<Engine, 'record'> },
  input: {
    playerId: string;
    scenario: Pick<ScenarioView, 'id' | 'slug' | 'rewardXp' | 'rewardCoins'>;
    source: 'telegram' | 'discord';
  },
): Promise<ScenarioReward> {
  const { playerId, scenario, source } = input;
  if (scenario.rewardXp <= 0 && scenario.rewardCoins <= 0) return nothing;
  try {
    const outcome = await deps.engine.record({
      key: buildIdempotencyKey({ source: 'system', action: 'scenario', entity: scenario.id, playerId }),
      playerId,
      type: 'reward_grant',
      source,
      xpDelta: scenario.rewardXp,
      coinDelta: scenario.rewardCoins,
      reason: 'scenario',
      metadata: { scenarioId: scenario.id, slug: scenario.slug },
    });
    return outcome.applied ? { granted: true, xp: outcome.xpDelta, coins: outcome.coinDelta } : nothing;
  } catch (error) {
    // The admin changed the reward after this player was paid: the key is taken by the old amount,
    // and that first payment is the one that counts.
    if (error instanceof IdempotencyConflictError) return nothing;
    throw error;
  }
}
