import { randomUUID } from 'node:crypto';
import { appendSyncEvent } from '../ledger/append-sync-event.ts';
import type { RecordingTransaction } from '../ledger/engine.ts';
import type { RankChangePayload } from '../ledger/event-schemas.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';

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
  await appendSyncEvent(tx, { id, key, playerId: input.playerId, type: 'rank_change', payload });
}

/**
 * After a merge: records the rank the survivor holds with its new XP as the rank the platforms are
 * told, and has the projection set its role when a Discord member moved in or the rank changed.
 * Quiet by construction (`fromRankId` null): joining two accounts of one person restores or adds up
 * what was earned, it is not a rank-up to announce, and the merge_in entry's processing then finds
 * the rank unchanged.
 */
export async function settleRankAfterMerge(
  tx: Pick<RecordingTransaction, 'client' | 'dispatchAfterCommit'>,
  input: { survivorId: string; absorbedId: string; xp: number; moved: { identities: readonly string[] } },
): Promise<void> {
  const { client } = tx;
  const rank = await client.query<{ id: number }>(
    'SELECT id FROM ranks WHERE active AND min_xp <= $1 ORDER BY min_xp DESC, priority DESC LIMIT 1',
    [input.xp],
  );
  const toRankId = rank.rows[0]?.id ?? null;
  const before = await client.query<{ last_rank_id: number | null }>(
    'SELECT last_rank_id FROM sync_states WHERE player_id = $1',
    [input.survivorId],
  );
  const fromRankId = before.rows[0]?.last_rank_id ?? null;
  await client.query(
    `INSERT INTO sync_states (player_id, last_rank_id) VALUES ($1, $2)
     ON CONFLICT (player_id) DO UPDATE SET last_rank_id = EXCLUDED.last_rank_id, updated_at = now()`,
    [input.survivorId, toRankId],
  );
  if (!input.moved.identities.includes('discord') && toRankId === fromRankId) return;
  await refreshRankRole(tx, {
    action: 'link_rank',
    entity: input.absorbedId,
    playerId: input.survivorId,
    fromRankId: null,
    toRankId,
    direction: 'up',
    xp: input.xp,
  });
}
