import { appendSyncEvent } from '../ledger/append-sync-event.ts';
import type { RecordingTransaction } from '../ledger/engine.ts';
import type { PayoutDecisionPayload } from '../ledger/event-schemas.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import type { Payout, PayoutDeps } from './payout.ts';

/**
 * Writes the notice of a decision to the outbox, in the decision's own transaction, like every
 * other notice: the worker tells the player on each platform they are linked on
 * (src/sync/processors/process-projection-event.ts), and when Redis is away as the decision commits the
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
  await appendSyncEvent(tx, {
    key,
    playerId: payout.playerId,
    type: 'payout_decision',
    payload: { payoutId: payout.id, decision: payout.status, amount: payout.amount, ...details },
  });
}

/** Admin pages refetch the payout and its player once a decision has committed. */
export async function announcePayoutDecision(
  deps: Pick<PayoutDeps, 'changes'>,
  payout: Payout,
): Promise<void> {
  await deps.changes?.publish({ entity: 'payouts', action: 'updated', id: payout.id });
  await deps.changes?.publish({ entity: 'players', action: 'updated', id: payout.playerId });
}
