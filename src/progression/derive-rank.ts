import type { Catalog } from '../catalog/catalog.ts';
import { rankForXp } from '../economy/ranks.ts';
import { appendSyncEvent } from '../ledger/append-sync-event.ts';
import type { Engine } from '../ledger/engine.ts';
import type { RankChangePayload } from '../ledger/event-schemas.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';

/**
 * Re-derives the player's rank and, when it moved, records a rank_change event. Runs under the
 * player's row lock and reads XP after taking it: two processors of the same player can never
 * announce a stale rank, and the record path (which takes the same lock) waits a moment.
 * The event's key names the cause, so a processor that runs twice records it once.
 */
export async function deriveRankChange(
  engine: Engine,
  catalog: Catalog,
  input: { playerId: string; causeEventId: string },
): Promise<boolean> {
  return engine.transaction(async (tx) => {
    const { client } = tx;
    const player = await client.query<{ xp: number }>('SELECT xp FROM players WHERE id = $1 FOR UPDATE', [
      input.playerId,
    ]);
    const xp = player.rows[0]?.xp;
    if (xp === undefined) return false;
    const state = await client.query<{ last_rank_id: number | null }>(
      `INSERT INTO sync_states (player_id) VALUES ($1)
       ON CONFLICT (player_id) DO UPDATE SET player_id = EXCLUDED.player_id
       RETURNING last_rank_id`,
      [input.playerId],
    );
    const fromRankId = state.rows[0]?.last_rank_id ?? null;
    const to = rankForXp(xp, catalog.ranks);
    const toRankId = to?.id ?? null;
    if (toRankId === fromRankId) return false;

    const from = catalog.ranks.find((r) => r.id === fromRankId);
    const payload: RankChangePayload = {
      fromRankId,
      toRankId,
      direction: (to?.priority ?? 0) >= (from?.priority ?? 0) ? 'up' : 'down',
      xp,
      causeEventId: input.causeEventId,
    };
    await client.query('UPDATE sync_states SET last_rank_id = $2, updated_at = now() WHERE player_id = $1', [
      input.playerId,
      toRankId,
    ]);
    const key = buildIdempotencyKey({
      source: 'system',
      action: 'rank',
      entity: input.causeEventId,
      playerId: input.playerId,
    });
    const id = await appendSyncEvent(tx, { key, playerId: input.playerId, type: 'rank_change', payload });
    return id !== null;
  });
}
