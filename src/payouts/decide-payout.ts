import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import { storedText } from '../core/postgres-values.ts';
import type { Queryable } from '../db/queryable.ts';
import type { RecordingTransaction } from '../ledger/engine.ts';
import { postHold, type SettleResult, voidHold } from '../ledger/holds.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import { PayoutAlreadyDecidedError, PayoutNotFoundError, PayoutVersionConflictError } from './errors.ts';
import { findPayout, type Payout, type PayoutDeps, payoutColumns } from './payout.ts';
import { announcePayoutDecision, recordPayoutNotice } from './payout-notices.ts';

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
 * Held -> approved: the final debit. The ledger hold is posted (the coins left the balance when they
 * were held, so no coins move) in the transaction that records the decision, by one conditional
 * UPDATE that exactly one of any number of concurrent decisions wins. The player is told on each
 * linked platform through the outbox.
 */
export async function approvePayout(deps: PayoutDeps, input: ApprovePayoutInput): Promise<Payout> {
  const { payoutId, adminId, expectedVersion } = parseInput(decisionSchema, input, 'payout decision');
  const { payout } = await decide(
    deps,
    { payoutId, adminId, expectedVersion, status: 'approved' },
    async (tx, payout, holdId) => {
      settled(payout, await postHold(tx.client, holdId));
      await recordPayoutNotice(tx, payout);
      return { payout };
    },
  );
  return payout;
}

/**
 * Held -> declined, and the ledger hold is voided: a refund entry gives the coins back to the
 * player, in the transaction that records the decision, so a payout is never declined without its
 * refund, nor refunded twice (the refund's key names the payout, the settlement the hold). The
 * player is told why.
 */
export async function declinePayout(deps: PayoutDeps, input: DeclinePayoutInput): Promise<PayoutDecision> {
  const { payoutId, adminId, expectedVersion, reason } = parseInput(declineSchema, input, 'payout decision');
  return decide(
    deps,
    { payoutId, adminId, expectedVersion, status: 'declined' },
    async (tx, payout, holdId) => {
      const voided = await voidHold(tx, {
        holdId,
        key: buildIdempotencyKey({
          source: 'admin',
          action: 'payout_refund',
          entity: payout.id,
          playerId: payout.playerId,
        }),
        source: 'admin',
        reason: 'payout_refund',
        metadata: { payoutId: payout.id, adminId, reason },
      });
      settled(payout, voided);
      const balance = voided.refund!.balance;
      await recordPayoutNotice(tx, payout, { reason, balanceAfter: balance });
      return { payout, balance };
    },
  );
}

interface Decision {
  payoutId: string;
  adminId: string;
  expectedVersion: number | undefined;
  status: 'approved' | 'declined';
}

type DecidedPayout = Payout & { status: 'approved' | 'declined' };

/**
 * Records a decision and settles its hold in one transaction. The player is locked before the
 * payout, the order merges take (they move held payouts), so decisions and merges never deadlock;
 * a merge that moved the payout to another account meanwhile is followed by locking that one.
 */
async function decide<T extends { payout: Payout }>(
  deps: PayoutDeps,
  decision: Decision,
  /** Settles the payout's ledger hold (`holdId`, a ledger entry id) and writes the notice. */
  settle: (tx: RecordingTransaction, payout: DecidedPayout, holdId: string) => Promise<T>,
): Promise<T> {
  const { payoutId, adminId, expectedVersion, status } = decision;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const outcome = await deps.engine.transaction(async (tx) => {
      const current = await findPayout(tx.client, payoutId);
      if (!current) throw new PayoutNotFoundError(payoutId);
      await tx.client.query('SELECT 1 FROM players WHERE id = $1 FOR UPDATE', [current.playerId]);
      const { rows } = await tx.client.query<DecidedPayout & { holdId: string | null }>(
        `UPDATE payouts SET status = $5, decided_by = $2, decided_at = now(), version = version + 1
          WHERE id = $1 AND status = 'held' AND player_id = $3 AND ($4::int IS NULL OR version = $4)
         RETURNING ${payoutColumns}, hold_id::text AS "holdId"`,
        [payoutId, adminId, current.playerId, expectedVersion ?? null, status],
      );
      const payout = rows[0];
      if (!payout) {
        const now = await findPayout(tx.client, payoutId);
        // A merge moved the held payout to another account meanwhile: lock that one instead.
        if (now?.status === 'held' && now.playerId !== current.playerId) return null;
        throw await refusal(tx.client, payoutId, expectedVersion);
      }
      const { holdId, ...decided } = payout;
      if (!holdId) throw new Error(`Payout ${payoutId} has no ledger hold`);
      return settle(tx, decided, holdId);
    });
    if (outcome) {
      deps.metrics?.community.payout(status);
      await announcePayoutDecision(deps, outcome.payout);
      return outcome;
    }
  }
  throw new Error(`Payout ${payoutId} kept moving between accounts; try again`);
}

/** The payout row said "held": a hold settled already means the two disagree, so nothing is written. */
function settled(payout: Payout, result: SettleResult): void {
  if (!result.settled) {
    throw new Error(
      `The hold of payout ${payout.id} was already ${result.state}; the decision is not recorded`,
    );
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
