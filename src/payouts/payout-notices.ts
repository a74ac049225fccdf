import type { RecordingTransaction } from '../sync/engine.ts';
import { type PayoutDecisionPayload, payoutDecisionPayloadSchema } from '../sync/event-schemas.ts';
import { buildIdempotencyKey } from '../sync/idempotency-key.ts';
import type { Payout, PayoutDeps } from './payout.ts';

/**
 * Writes the notice of a decision to the outbox, in the decision's own transaction, like every
 * other notice: the worker tells the player on each platform they are linked on
 * (src/sync/process-projection-event.ts), and when Redis is away as the decision commits the
 * outbox relay hands the event over later. The key names the payout and the decision, so a
 * decision is told once.
 */
export async function recordPayoutNotice(
  tx: RecordingTransaction,
  payout: Payout & { status: 'approved' | 'declined' },
  details: Pick<PayoutDecisionPayload, 'reason' | 'balanceAfter'> = {},
): Promise<void> {
  const key = buildIdempotencyKey({
    source: 'admin',
    action: `payout_${payout.status}`,
    entity: payout.id,
    playerId: payout.playerId,
  });
  const payload = payoutDecisionPayloadSchema.parse({
    payoutId: payout.id,
    decision: payout.status,
    amount: payout.amount,
    ...details,
  });
  const { rows } = await tx.client.query<{ id: string }>(
    `INSERT INTO sync_events (idempotency_key, source, type, player_id, payload)
     VALUES ($1, 'admin', 'payout_decision', $2, $3) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [key, payout.playerId, JSON.stringify(payload)],
  );
  const id = rows[0]?.id;
  if (id) tx.dispatchAfterCommit({ id, idempotencyKey: key, type: 'payout_decision' });
}

/** Admin pages refetch the payout and its player once a decision has committed. */
export async function announcePayoutDecision(
  deps: Pick<PayoutDeps, 'changes'>,
  payout: Payout,
): Promise<void> {
  await deps.changes?.publish({ entity: 'payouts', action: 'updated', id: payout.id });
  await deps.changes?.publish({ entity: 'players', action: 'updated', id: payout.playerId });
}
