import { z } from 'zod';
import { asSentence } from '../core/notice-queue.ts';
import { parseInput } from '../core/parse-input.ts';
import { storedText } from '../core/postgres-values.ts';
import { VersionConflictError } from '../core/versioned-write.ts';
import type { RecordingTransaction } from '../ledger/engine.ts';
import type { EventSource } from '../ledger/event-schemas.ts';
import { postHold, voidHold } from '../ledger/holds.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import { PurchaseAlreadySettledError, PurchaseNotFoundError } from './errors.ts';
import { findPurchase, type Purchase, purchaseColumns, type ShopDeps } from './purchase.ts';
import { failedNotice, grantedNotice, refundedNotice, tellBuyer } from './purchase-notices.ts';

/**
 * The settlements of a pending purchase. Each is one conditional UPDATE (`WHERE status = 'pending'`)
 * in the transaction that settles its ledger hold, so of any number of concurrent settlements (a
 * grant job run twice, an admin's refund racing the grant) exactly one is written, and the hold is
 * posted or voided with it, never both.
 */

export interface Settlement {
  purchase: Purchase;
  /** false when the purchase had been settled before: nothing changed. */
  settledNow: boolean;
}

/** Locks the buyer and the account it was merged into, in id order, as ledger writes take them. */
async function lockOwner(tx: RecordingTransaction, playerId: string): Promise<void> {
  await tx.client.query(
    `SELECT 1 FROM players WHERE id = $1 OR id = (SELECT merged_into_id FROM players WHERE id = $1)
      ORDER BY id FOR UPDATE`,
    [playerId],
  );
}

interface Transition {
  status: 'granted' | 'failed' | 'refunded';
  settledBy: string | null;
  reason: string | null;
  expectedVersion?: number;
  now: Date;
}

async function transition(
  tx: RecordingTransaction,
  purchaseId: string,
  change: Transition,
): Promise<Purchase | null> {
  const { rows } = await tx.client.query<Purchase>(
    `UPDATE shop_purchases
        SET status = $2::"ShopPurchaseStatus", settled_by = $3::text, reason = $4::text, version = version + 1,
            settled_at = $6::timestamptz,
            granted_at = CASE WHEN $2::"ShopPurchaseStatus" = 'granted' THEN $6::timestamptz END,
            expires_at = CASE WHEN $2::"ShopPurchaseStatus" = 'granted' AND "grant"->>'durationDays' IS NOT NULL
                              THEN $6::timestamptz + make_interval(days => ("grant"->>'durationDays')::int) END
      WHERE id = $1 AND status = 'pending' AND ($5::int IS NULL OR version = $5)
      RETURNING ${purchaseColumns}`,
    [purchaseId, change.status, change.settledBy, change.reason, change.expectedVersion ?? null, change.now],
  );
  return rows[0] ?? null;
}

async function refund(
  tx: RecordingTransaction,
  purchase: Purchase,
  source: EventSource,
  adminId: string | null,
) {
  if (!purchase.holdId) throw new Error(`Purchase ${purchase.id} has no ledger hold`);
  const voided = await voidHold(tx, {
    holdId: purchase.holdId,
    key: buildIdempotencyKey({
      source,
      action: 'shop_refund',
      entity: purchase.id,
      playerId: purchase.playerId,
    }),
    source,
    reason: 'shop_refund',
    metadata: { purchaseId: purchase.id, itemId: purchase.itemId, ...(adminId ? { adminId } : {}) },
  });
  if (!voided.settled) {
    throw new Error(`The hold of purchase ${purchase.id} was already ${voided.state}; nothing is recorded`);
  }
}

async function post(tx: RecordingTransaction, purchase: Purchase): Promise<void> {
  if (!purchase.holdId) throw new Error(`Purchase ${purchase.id} has no ledger hold`);
  const posted = await postHold(tx.client, purchase.holdId);
  if (!posted.settled) {
    throw new Error(`The hold of purchase ${purchase.id} was already ${posted.state}; nothing is recorded`);
  }
}

/** A bot granted the item: the hold is posted, and a timed role's end is set from `now`. */
export async function markGranted(deps: ShopDeps, purchaseId: string, now = new Date()): Promise<Settlement> {
  const settled = await deps.engine.transaction(async (tx) => {
    const purchase = await transition(tx, purchaseId, {
      status: 'granted',
      settledBy: null,
      reason: null,
      now,
    });
    if (purchase) await post(tx, purchase);
    return purchase;
  });
  return announce(deps, purchaseId, settled, 'granted');
}

/**
 * Granting failed for good (the platform refused, or the retries ran out): the hold is voided, the
 * coins go back, and the buyer is told. Run again, it changes nothing and tells nobody twice.
 */
export async function failPurchase(
  deps: ShopDeps,
  purchaseId: string,
  reason: string,
  now = new Date(),
): Promise<Settlement> {
  const settled = await deps.engine.transaction(async (tx) => {
    const current = await findPurchase(tx.client, purchaseId);
    if (!current) throw new PurchaseNotFoundError(purchaseId);
    await lockOwner(tx, current.playerId);
    const purchase = await transition(tx, purchaseId, {
      status: 'failed',
      settledBy: null,
      reason: reason.slice(0, 500),
      now,
    });
    if (purchase) await refund(tx, purchase, 'system', null);
    return purchase;
  });
  return announce(deps, purchaseId, settled, 'failed');
}

const decisionSchema = z.object({
  purchaseId: z.uuid('purchaseId must be a purchase id (uuid)'),
  adminId: storedText().trim().min(1, 'adminId is required').max(100),
  /** The version the admin saw; a decision on a purchase changed since is refused. */
  expectedVersion: z.number().int().positive().optional(),
});
const refundSchema = decisionSchema.extend({
  /** Why, in a sentence the buyer reads. */
  reason: storedText()
    .trim()
    .max(500, 'reason: at most 500 characters')
    .optional()
    .transform((reason) => reason || null),
});
export type FulfilPurchaseInput = z.input<typeof decisionSchema>;
export type RefundPurchaseInput = z.input<typeof refundSchema>;

/** An admin handed the item over (custom items, or a grant a bot could not make): the hold is posted. */
export async function fulfilPurchase(
  deps: ShopDeps,
  input: FulfilPurchaseInput,
  now = new Date(),
): Promise<Purchase> {
  const { purchaseId, adminId, expectedVersion } = parseInput(decisionSchema, input, 'purchase decision');
  const settled = await deps.engine.transaction(async (tx) => {
    const purchase = await transition(tx, purchaseId, {
      status: 'granted',
      settledBy: adminId,
      reason: null,
      expectedVersion,
      now,
    });
    if (!purchase) throw await refusal(tx, purchaseId, expectedVersion);
    await post(tx, purchase);
    return purchase;
  });
  const { purchase } = await announce(deps, purchaseId, settled, 'granted');
  await scheduleRevoke(deps, purchase, now);
  return purchase;
}

/**
 * Queues the end of a timed role granted now: the job is due at `expiresAt`. Committed already: a
 * lost job is queued by the shop's minute tick once the end has passed.
 */
export async function scheduleRevoke(deps: ShopDeps, purchase: Purchase, now: Date): Promise<void> {
  if (!purchase.expiresAt) return;
  try {
    await deps.queues.enqueueShopRevoke(
      purchase.id,
      Math.max(0, purchase.expiresAt.getTime() - now.getTime()),
    );
  } catch (error) {
    deps.logger?.warn(
      { err: error, purchaseId: purchase.id },
      'revoke not queued: the shop tick will queue it',
    );
  }
}

/** An admin refused a pending purchase: the hold is voided (coins back) and the buyer told why. */
export async function refundPurchase(
  deps: ShopDeps,
  input: RefundPurchaseInput,
  now = new Date(),
): Promise<Purchase> {
  const { purchaseId, adminId, expectedVersion, reason } = parseInput(
    refundSchema,
    input,
    'purchase decision',
  );
  const settled = await deps.engine.transaction(async (tx) => {
    const current = await findPurchase(tx.client, purchaseId);
    if (!current) throw new PurchaseNotFoundError(purchaseId);
    await lockOwner(tx, current.playerId);
    const purchase = await transition(tx, purchaseId, {
      status: 'refunded',
      settledBy: adminId,
      reason,
      expectedVersion,
      now,
    });
    if (!purchase) throw await refusal(tx, purchaseId, expectedVersion);
    await refund(tx, purchase, 'admin', adminId);
    return purchase;
  });
  return (await announce(deps, purchaseId, settled, 'refunded')).purchase;
}

/** Why an admin's conditional decision changed nothing. */
async function refusal(
  tx: RecordingTransaction,
  purchaseId: string,
  expectedVersion?: number,
): Promise<Error> {
  const purchase = await findPurchase(tx.client, purchaseId);
  if (!purchase) return new PurchaseNotFoundError(purchaseId);
  if (purchase.status !== 'pending') return new PurchaseAlreadySettledError(purchaseId, purchase.status);
  return new VersionConflictError(
    'purchase',
    purchaseId,
    expectedVersion ?? purchase.version,
    purchase.version,
  );
}

/**
 * After a settlement's commit: the panel refetches, and the buyer is told. A failure is told even
 * when an earlier run settled it (the notice's job id makes it once), so a crash between the commit
 * and the notice loses no notice.
 */
async function announce(
  deps: ShopDeps,
  purchaseId: string,
  settled: Purchase | null,
  event: 'granted' | 'failed' | 'refunded',
): Promise<Settlement> {
  const purchase = settled ?? (await findPurchase(deps.db.pool, purchaseId));
  if (!purchase) throw new PurchaseNotFoundError(purchaseId);
  if (settled) {
    await deps.changes?.publish({ entity: 'shop_purchases', action: 'updated', id: purchaseId });
    await deps.changes?.publish({ entity: 'players', action: 'updated', id: purchase.playerId });
  }
  if (purchase.status === event) {
    const message =
      event === 'granted'
        ? grantedNotice(purchase)
        : event === 'failed'
          ? failedNotice(purchase)
          : refundedNotice(purchase, purchase.reason ? asSentence(purchase.reason) : null);
    await tellBuyer(deps, purchase, event, message);
  }
  return { purchase, settledNow: settled !== null };
}
