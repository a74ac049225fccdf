import type { Queryable } from '../db/queryable.ts';
import type { RecordingTransaction, RecordOutcome } from './engine.ts';
import type { EconomyChangeInput, EventSource } from './event-schemas.ts';

/**
 * Two-phase debits, as ledgers for money keep them (a pending entry, then posted or voided): coins
 * set aside for a payout or a purchase leave the spendable balance at once, but stay "held" until
 * one settlement says what became of them. Posting moves nothing (the coins left when they were
 * held); voiding records a refund entry. The hold and its settlement are append-only rows, and a
 * settlement's key is its hold, so the database settles a hold at most once.
 */
export type HoldState = 'pending' | 'posted' | 'voided';

export interface Hold {
  /** The id of the pending debit entry (a bigint, as text). */
  id: string;
  /** The account that holds the coins now: the one debited, or the account it was merged into. */
  playerId: string;
  amount: number;
  state: HoldState;
  createdAt: Date;
  settledAt: Date | null;
  /** The entry that gave a voided hold's coins back. */
  refundEntryId: string | null;
}

export class HoldNotFoundError extends Error {
  override name = 'HoldNotFoundError';
  constructor(readonly holdId: string) {
    super(`No ledger hold ${holdId}`);
  }
}

export interface PlaceHoldInput {
  /** The debit's idempotency key: the same key again answers with the first hold. */
  key: string;
  playerId: string;
  source: EventSource;
  /** Coins to set aside, > 0. */
  amount: number;
  /** Why, as a ledger reason (e.g. `payout_hold`). */
  reason: string;
  metadata?: EconomyChangeInput['metadata'];
}

export interface PlacedHold {
  holdId: string;
  /** The debit's outcome: the balance after it, and whether this call recorded it. */
  outcome: RecordOutcome;
}

/**
 * Sets coins aside inside the caller's transaction. The debit is an ordinary ledger change (the
 * balance check, the key and the outbox work as for any other), marked as a hold in the same
 * transaction. Throws what recording throws, e.g. InsufficientBalanceError.
 */
export async function placeHold(tx: RecordingTransaction, input: PlaceHoldInput): Promise<PlacedHold> {
  if (!Number.isInteger(input.amount) || input.amount <= 0) {
    throw new RangeError(`A hold sets aside a positive whole number of coins, not ${input.amount}`);
  }
  const outcome = await tx.record({
    key: input.key,
    playerId: input.playerId,
    type: 'balance_change',
    source: input.source,
    coinDelta: -input.amount,
    reason: input.reason,
    metadata: input.metadata,
  });
  // A replayed key finds its hold marked by the first call.
  await tx.client.query(
    `INSERT INTO ledger_holds (entry_id, player_id, created_at)
     SELECT id, player_id, created_at FROM ledger_entries WHERE id = $1 AND coin_delta < 0
     ON CONFLICT (entry_id) DO NOTHING`,
    [outcome.ledgerEntryId],
  );
  return { holdId: outcome.ledgerEntryId, outcome };
}

/** What a settlement call did: `settled` is false when the hold had been settled before. */
export interface SettleResult {
  settled: boolean;
  /** The hold's state after the call: the earlier outcome when `settled` is false. */
  state: Exclude<HoldState, 'pending'>;
}

/**
 * Posts a pending hold: its coins are spent for good. One statement: it locks the hold (as voiding
 * does, so the two queue up rather than deadlock) and inserts the settlement unless one exists. Of
 * any number of concurrent settlements of a hold exactly one is written; the others change nothing
 * and are told how it was settled.
 */
export async function postHold(db: Queryable, holdId: string): Promise<SettleResult> {
  const { rowCount } = await db.query(
    `WITH hold AS (SELECT entry_id FROM ledger_holds WHERE entry_id = $1 FOR UPDATE)
     INSERT INTO ledger_hold_settlements (hold_id, outcome) SELECT entry_id, 'posted' FROM hold
     ON CONFLICT (hold_id) DO NOTHING`,
    [holdId],
  );
  if (rowCount) return { settled: true, state: 'posted' };
  return { settled: false, state: await settledState(db, holdId) };
}

export interface VoidHoldInput {
  holdId: string;
  /** The refund's idempotency key. */
  key: string;
  source: EventSource;
  /** The refund's ledger reason (e.g. `payout_refund`). */
  reason: string;
  metadata?: EconomyChangeInput['metadata'];
}

export interface VoidResult extends SettleResult {
  /** The refund's outcome (the balance after it) when this call voided the hold. */
  refund: RecordOutcome | null;
}

/**
 * Voids a pending hold inside the caller's transaction: a refund entry gives its coins back to the
 * account holding it, and the settlement names that refund. The hold row is locked first, so
 * settlements of one hold queue up; the settlement is still a conditional insert, and should it
 * find the hold settled the refund is rolled back with it.
 */
export async function voidHold(tx: RecordingTransaction, input: VoidHoldInput): Promise<VoidResult> {
  const locked = await tx.client.query('SELECT 1 FROM ledger_holds WHERE entry_id = $1 FOR UPDATE', [
    input.holdId,
  ]);
  if (!locked.rowCount) throw new HoldNotFoundError(input.holdId);
  // Read after the lock, in a statement of its own: it sees a settlement committed while waiting.
  const hold = await findHold(tx.client, input.holdId);
  if (!hold) throw new HoldNotFoundError(input.holdId);
  if (hold.state !== 'pending') return { settled: false, state: hold.state, refund: null };
  await tx.client.query('SAVEPOINT void_hold');
  const refund = await tx.record({
    key: input.key,
    playerId: hold.playerId,
    type: 'balance_change',
    source: input.source,
    coinDelta: hold.amount,
    reason: input.reason,
    metadata: input.metadata,
  });
  const { rowCount } = await tx.client.query(
    `INSERT INTO ledger_hold_settlements (hold_id, outcome, refund_entry_id) VALUES ($1, 'voided', $2)
     ON CONFLICT (hold_id) DO NOTHING`,
    [input.holdId, refund.ledgerEntryId],
  );
  if (!rowCount) {
    // Only a writer that skipped the lock can get here; the database kept the first settlement.
    await tx.client.query('ROLLBACK TO SAVEPOINT void_hold');
    return { settled: false, state: await settledState(tx.client, input.holdId), refund: null };
  }
  await tx.client.query('RELEASE SAVEPOINT void_hold');
  return { settled: true, state: 'voided', refund };
}

const holdSql = `
SELECT h.entry_id::text AS id, coalesce(p.merged_into_id, p.id) AS "playerId", -e.coin_delta AS amount,
       coalesce(s.outcome::text, 'pending') AS state, h.created_at AS "createdAt",
       s.settled_at AS "settledAt", s.refund_entry_id::text AS "refundEntryId"
  FROM ledger_holds h
  JOIN ledger_entries e ON e.id = h.entry_id
  JOIN players p ON p.id = h.player_id
  LEFT JOIN ledger_hold_settlements s ON s.hold_id = h.entry_id`;

export async function findHold(db: Queryable, holdId: string): Promise<Hold | null> {
  const { rows } = await db.query<Hold>(`${holdSql} WHERE h.entry_id = $1`, [holdId]);
  return rows[0] ?? null;
}

/** Held or spent: the ledger's answer for one hold. */
export async function holdState(db: Queryable, holdId: string): Promise<HoldState> {
  const hold = await findHold(db, holdId);
  if (!hold) throw new HoldNotFoundError(holdId);
  return hold.state;
}

async function settledState(db: Queryable, holdId: string): Promise<Exclude<HoldState, 'pending'>> {
  const state = await holdState(db, holdId);
  if (state === 'pending') throw new Error(`Ledger hold ${holdId} could not be settled`);
  return state;
}

/**
 * The coins an account has set aside and not settled: its own pending holds and those of the
 * accounts merged into it (a merge moves the balance, and what was held goes with the account).
 * A merged account holds nothing.
 */
export async function heldCoins(db: Queryable, playerId: string): Promise<number> {
  const { rows } = await db.query<{ held: number }>(
    `SELECT coalesce(sum(-e.coin_delta), 0)::int AS held
       FROM ledger_holds h
       JOIN ledger_entries e ON e.id = h.entry_id
      WHERE h.player_id IN (SELECT id FROM players WHERE id = $1 AND merged_into_id IS NULL
                            UNION ALL SELECT id FROM players WHERE merged_into_id = $1)
        AND NOT EXISTS (SELECT 1 FROM ledger_hold_settlements s WHERE s.hold_id = h.entry_id)`,
    [playerId],
  );
  return rows[0]?.held ?? 0;
}

/**
 * All coins held across the community and not settled yet (the admin overview), summed over the
 * open holds (ledger_open_holds, kept by triggers) rather than every hold ever placed; each is
 * still checked against the settlements, which stay the answer.
 */
export const heldInTotalSql = `
SELECT coalesce(sum(-e.coin_delta), 0)::int AS held
  FROM ledger_open_holds o
  JOIN ledger_entries e ON e.id = o.hold_id
 WHERE NOT EXISTS (SELECT 1 FROM ledger_hold_settlements s WHERE s.hold_id = o.hold_id)`;

export async function heldCoinsInTotal(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ held: number }>(heldInTotalSql);
  return rows[0]?.held ?? 0;
}
