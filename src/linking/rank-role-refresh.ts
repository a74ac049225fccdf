import { randomUUID } from 'node:crypto';
import type { RecordingTransaction } from '../sync/engine.ts';
import type { RankChangePayload } from '../sync/event-schemas.ts';
import { buildIdempotencyKey } from '../sync/idempotency-key.ts';

/**
 * Asks the platform queue to put a Discord member's rank role right after the member changed
 * accounts (linked into another account, or unlinked into a fresh one). It is an ordinary
 * rank_change event: the projection sets the role of the rank the account holds *when it runs*
 * (none for an account that has not been ranked yet, which withdraws every rank role), and says
 * nothing to the player, because `fromRankId` is null or the direction is down.
 *
 * No economy event caused it, so the event names itself as its cause. The key names the account
 * change, so recording it twice in a retried transaction enqueues it once.
 */
export async function refreshRankRole(
  tx: Pick<RecordingTransaction, 'client' | 'dispatchAfterCommit'>,
  input: {
    action: 'link_rank' | 'unlink_rank';
    /** What changed accounts: the absorbed player for a link, the identity for an unlink. */
    entity: string;
    playerId: string;
    fromRankId: number | null;
    toRankId: number | null;
    direction: RankChangePayload['direction'];
    xp: number;
  },
): Promise<void> {
  const id = randomUUID();
  const key = buildIdempotencyKey({
    source: 'system',
    action: input.action,
    entity: input.entity,
    playerId: input.playerId,
  });
  const payload: RankChangePayload = {
    fromRankId: input.fromRankId,
    toRankId: input.toRankId,
    direction: input.direction,
    xp: input.xp,
    causeEventId: id,
  };
  const inserted = await tx.client.query(
    `INSERT INTO sync_events (id, idempotency_key, source, type, player_id, payload)
     VALUES ($1, $2, 'system', 'rank_change', $3, $4) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [id, key, input.playerId, JSON.stringify(payload)],
  );
  if (inserted.rowCount === 1) tx.dispatchAfterCommit({ id, idempotencyKey: key, type: 'rank_change' });
}
