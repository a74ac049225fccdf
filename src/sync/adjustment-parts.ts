import type { Queryable } from '../db/queryable.ts';
import type { EconomyPayload } from '../ledger/event-schemas.ts';
import { adjustmentPartOf } from '../players/adjust-player.ts';
import type { Adjustment } from './notification-rules.ts';

/**
 * An admin adjustment that moves XP and coins is two ledger rows, written in one transaction by
 * src/players/adjust-player.ts (which names the keys of the two parts: adjustmentPartOf). The player is
 * told once, by the coins part, with both amounts and the totals after both (its row comes second,
 * so its totals include the XP); the XP part tells nothing. A one-total adjustment is told as it is.
 */
export async function adjustmentToTell(
  db: Queryable,
  event: { idempotencyKey: string; playerId: string; payload: EconomyPayload },
): Promise<Adjustment | null> {
  const { idempotencyKey: key, playerId, payload } = event;
  const split = adjustmentPartOf(key, playerId);
  if (!split) return payload;
  const other = await ledgerDeltas(db, split.otherKey);
  if (split.part === 'xp') return other ? null : payload;
  return { ...payload, xpDelta: payload.xpDelta + (other?.xpDelta ?? 0) };
}

async function ledgerDeltas(db: Queryable, key: string): Promise<{ xpDelta: number } | null> {
  const { rows } = await db.query<{ xpDelta: number }>(
    'SELECT xp_delta AS "xpDelta" FROM ledger_entries WHERE idempotency_key = $1',
    [key],
  );
  return rows[0] ?? null;
}
