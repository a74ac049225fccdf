import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import { storedText } from '../db/postgres-values.ts';
import type { Queryable } from '../db/queryable.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import { PayoutAlreadyDecidedError, PayoutNotFoundError, PayoutVersionConflictError } from './errors.ts';
import { findPayout, type Payout, type PayoutDeps, payoutColumns } from './payout.ts';
import { notifyPayoutDecision } from './payout-notices.ts';

const decisionSchema = z.object({
  payoutId: z.uuid('payoutId must be a payout id (uuid)'),
  adminId: storedText().trim().min(1, 'adminId is required').max(100),
  /** The version the admin saw; a decision on a payout changed since is refused. */
  expectedVersion: z.number().int().positive().optional(),
});
const declineSchema = decisionSchema.extend({
  reason: z
    .string()
    .trim()
    .min(1, 'Say why the payout is declined: the player is told')
    .max(500, 'reason: at most 500 characters'),
});
export type ApprovePayoutInput = z.input<typeof decisionSchema>;
export type DeclinePayoutInput = z.input<typeof declineSchema>;

export interface PayoutDecision {
  payout: Payout;
  /** The player's balance after the decision (a decline refunds). */
  balance: number;
}

/**
 * Held -> approved: the final debit. The coins left the balance when the payout was held, so the
 * ledger does not move; only the status does, by one conditional UPDATE that exactly one of any
 * number of concurrent decisions wins. The player is told on each linked platform.
 */
export async function approvePayout(deps: PayoutDeps, input: ApprovePayoutInput): Promise<Payout> {
  const { payoutId, adminId, expectedVersion } = parseInput(decisionSchema, input, 'payout decision');
  const { rows } = await deps.db.pool.query<Payout>(
    `UPDATE payouts SET status = 'approved', decided_by = $2, decided_at = now(), version = version + 1
      WHERE id = $1 AND status = 'held' AND ($3::int IS NULL OR version = $3)
     RETURNING ${payoutColumns}`,
    [payoutId, adminId, expectedVersion ?? null],
  );
  const payout = rows[0];
  if (!payout) throw await refusal(deps.db.pool, payoutId, expectedVersion);
  await notifyPayoutDecision(deps, payout, `✅ Your payout of ${payout.amount} coins was approved.`);
  return payout;
}

/**
 * Held -> declined, and the held coins go back to the player by a ledger refund, in one
 * transaction: a payout is never declined without its refund, nor refunded twice (the refund's key
 * names the payout). The player is told why.
 */
export async function declinePayout(deps: PayoutDeps, input: DeclinePayoutInput): Promise<PayoutDecision> {
  const { payoutId, adminId, expectedVersion, reason } = parseInput(declineSchema, input, 'payout decision');
  for (let attempt = 1; ; attempt++) {
    const decision = await deps.engine.transaction(async (tx) => {
      const current = await findPayout(tx.client, payoutId);
      if (!current) throw new PayoutNotFoundError(payoutId);
      // Player before payout, the order merges take (they move held payouts): no deadlock.
      await tx.client.query('SELECT 1 FROM players WHERE id = $1 FOR UPDATE', [current.playerId]);
      const { rows } = await tx.client.query<Payout>(
        `UPDATE payouts SET status = 'declined', decided_by = $2, decided_at = now(), version = version + 1
          WHERE id = $1 AND status = 'held' AND player_id = $3 AND ($4::int IS NULL OR version = $4)
         RETURNING ${payoutColumns}`,
        [payoutId, adminId, current.playerId, expectedVersion ?? null],
      );
      const payout = rows[0];
      if (!payout) {
        const now = await findPayout(tx.client, payoutId);
        // A merge moved the held payout to another account meanwhile: lock that one instead.
        if (now?.status === 'held' && now.playerId !== current.playerId) return null;
        throw await refusal(tx.client, payoutId, expectedVersion);
      }
      const refund = await tx.record({
        key: buildIdempotencyKey({
          source: 'admin',
          action: 'payout_refund',
          entity: payout.id,
          playerId: payout.playerId,
        }),
        playerId: payout.playerId,
        type: 'balance_change',
        source: 'admin',
        coinDelta: payout.amount,
        reason: 'payout_refund',
        metadata: { payoutId: payout.id, adminId, reason },
      });
      return { payout, balance: refund.balance };
    });
    if (!decision) {
      if (attempt < 3) continue;
      throw new Error(`Payout ${payoutId} kept moving between accounts; try again`);
    }
    const { payout, balance } = decision;
    await notifyPayoutDecision(
      deps,
      payout,
      `Your payout of ${payout.amount} coins was declined: ${reason}. ` +
        `The coins are back in your balance (${balance} coins).`,
    );
    return decision;
  }
}

/** Why a conditional decision changed nothing. */
async function refusal(db: Queryable, payoutId: string, expectedVersion: number | undefined): Promise<Error> {
  const payout = await findPayout(db, payoutId);
  if (!payout) return new PayoutNotFoundError(payoutId);
  if (payout.status !== 'held') {
    return new PayoutAlreadyDecidedError(payoutId, payout.status, payout.decidedBy, payout.decidedAt);
  }
  return new PayoutVersionConflictError(payoutId, expectedVersion ?? payout.version, payout.version);
}
