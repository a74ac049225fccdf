import { IdempotencyConflictError, TandemError } from '../core/errors.ts';
import type { Engine } from '../ledger/engine.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import { lockPersonOf, personWasPaid } from '../persons/persons.ts';
import type { ScenarioView } from './content-cache.ts';

export interface ScenarioReward {
  /** true only for the open that paid; every later open, on either platform, gets false. */
  granted: boolean;
  /** What this open paid (0 when nothing was granted). */
  xp: number;
  coins: number;
}

const nothing: ScenarioReward = { granted: false, xp: 0, coins: 0 };

/** Thrown inside the transaction when the ledger already had this account's reward. */
class AlreadyPaid extends TandemError {
  constructor() {
    super('conflict', 'This scenario reward was paid before');
  }
}

/**
 * Pays a scenario's reward the first time a person opens it. The key names the scenario and the
 * account but not the platform, so opening it on Telegram and then on Discord (or twice at once)
 * pays once: the ledger's unique key decides, not a check before writing. Under the person's lock
 * the other accounts of the person are checked for the same reward, so an account unlinked from
 * one that was paid (or linked to it later) is not paid again.
 */
export async function claimScenarioReward(
  deps: { engine: Pick<Engine, 'transaction'> },
  input: {
    playerId: string;
    scenario: Pick<ScenarioView, 'id' | 'slug' | 'rewardXp' | 'rewardCoins'>;
    source: 'telegram' | 'discord';
  },
): Promise<ScenarioReward> {
  const { playerId, scenario, source } = input;
  if (scenario.rewardXp <= 0 && scenario.rewardCoins <= 0) return nothing;
  const keyFor = (account: string) =>
    buildIdempotencyKey({ source: 'system', action: 'scenario', entity: scenario.id, playerId: account });
  try {
    return await deps.engine.transaction(async (tx) => {
      const person = await lockPersonOf(tx.client, playerId);
      if (await personWasPaid(tx.client, person.id, keyFor)) return nothing;
      const outcome = await tx.record({
        key: keyFor(playerId),
        playerId,
        type: 'reward_grant',
        source,
        xpDelta: scenario.rewardXp,
        coinDelta: scenario.rewardCoins,
        reason: 'scenario',
        metadata: { scenarioId: scenario.id, slug: scenario.slug },
      });
      if (!outcome.applied) throw new AlreadyPaid();
      return { granted: true, xp: outcome.xpDelta, coins: outcome.coinDelta };
    });
  } catch (error) {
    // The admin changed the reward after this player was paid: the key is taken by the old amount,
    // and that first payment is the one that counts.
    if (error instanceof IdempotencyConflictError || error instanceof AlreadyPaid) return nothing;
    throw error;
  }
}
