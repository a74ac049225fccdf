import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { InsufficientBalanceError, InvalidChangeError, NegativeXpError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import { storedText } from '../core/postgres-values.ts';
import type { Engine, RecordingTransaction, RecordOutcome } from '../ledger/engine.ts';
import { maxDeltaPerEvent } from '../ledger/event-schemas.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import type { ChangePublisher } from '../live/changes.ts';

/** The ledger reason of every manual correction; the admin and their note travel in the metadata. */
export const adminAdjustmentReason = 'admin_adjustment';

const delta = z
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(-maxDeltaPerEvent, `at least -${maxDeltaPerEvent}`)
  .max(maxDeltaPerEvent, `at most ${maxDeltaPerEvent}`);

const adjustmentSchema = z
  .object({
    playerId: z.uuid('must be a player id (uuid)'),
    xpDelta: delta.default(0),
    coinDelta: delta.default(0),
    /** Why, in the admin's words: kept with the ledger row. */
    note: storedText('say why: it is kept with the ledger row')
      .trim()
      .min(1, 'say why: it is kept with the ledger row')
      .max(500, 'at most 500 characters'),
    admin: storedText().trim().min(1).max(100),
    /**
     * The client's id of this adjustment: the same id twice (a double click, a retried request) is
     * one change. @defaultValue a new random id
     */
    requestId: z
      .string()
      .regex(/^[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*$/, 'letters, digits, "_" and single dashes only')
      .max(64, 'at most 64 characters')
      .optional(),
  })
  .refine((a) => a.xpDelta !== 0 || a.coinDelta !== 0, {
    path: ['xpDelta'],
    message: 'give some XP or coins to add (or a negative number to take away)',
  });
export type AdjustPlayerInput = z.input<typeof adjustmentSchema>;

export interface AdjustmentResult {
  /** false when this request id had been applied before: nothing changed. */
  applied: boolean;
  /** One ledger row per moved total (XP and coins are separate event types). */
  entries: Array<Pick<RecordOutcome, 'key' | 'ledgerEntryId' | 'eventId' | 'xpDelta' | 'coinDelta'>>;
  xp: number;
  balance: number;
}

/**
 * An admin's manual correction of a player's XP and/or coins, recorded through the engine like any
 * other earning: a ledger row under `admin-adjust-<request>-<player>` (source admin), its event
 * carried to the platforms. Moving both totals writes two rows in one transaction. A change that
 * would take XP or the balance below zero is refused next to its field, and nothing is written.
 */
export async function adjustPlayer(
  deps: { engine: Pick<Engine, 'transaction'>; changes: ChangePublisher },
  input: AdjustPlayerInput,
): Promise<AdjustmentResult> {
  const parsed = parseInput(adjustmentSchema, input, 'adjustment');
  const { playerId, xpDelta, coinDelta, note, admin } = parsed;
  const requestId = parsed.requestId ?? randomUUID();
  const both = xpDelta !== 0 && coinDelta !== 0;
  const record = (tx: RecordingTransaction, moves: 'xp' | 'coins') =>
    tx.record({
      key: adjustmentKey(requestId, playerId, both ? moves : null),
      playerId,
      type: moves === 'xp' ? 'xp_change' : 'balance_change',
      source: 'admin',
      xpDelta: moves === 'xp' ? xpDelta : 0,
      coinDelta: moves === 'coins' ? coinDelta : 0,
      reason: adminAdjustmentReason,
      metadata: { admin, note },
    });
  let outcomes: RecordOutcome[];
  try {
    outcomes = await deps.engine.transaction(async (tx) => {
      const done: RecordOutcome[] = [];
      if (xpDelta !== 0) done.push(await record(tx, 'xp'));
      if (coinDelta !== 0) done.push(await record(tx, 'coins'));
      return done;
    });
  } catch (error) {
    throw asFieldError(error);
  }
  const last = outcomes[outcomes.length - 1]!;
  const applied = outcomes.some((o) => o.applied);
  if (applied) {
    await deps.changes.publish({ entity: 'players', action: 'updated', id: playerId });
    for (const o of outcomes)
      if (o.applied) await deps.changes.publish({ entity: 'ledger', action: 'created', id: o.ledgerEntryId });
  }
  return {
    applied,
    entries: outcomes.map(({ key, ledgerEntryId, eventId, xpDelta, coinDelta }) => ({
      key,
      ledgerEntryId,
      eventId,
      xpDelta,
      coinDelta,
    })),
    xp: last.xp,
    balance: last.balance,
  };
}

/** The totals' floors, said next to the field that would break them. */
function asFieldError(error: unknown): unknown {
  if (error instanceof InsufficientBalanceError) {
    const message = 'the balance cannot go below zero: take away fewer coins';
    return new InvalidChangeError(`Invalid adjustment: coinDelta: ${message}`, { coinDelta: message });
  }
  if (error instanceof NegativeXpError) {
    const message = 'XP cannot go below zero: take away less XP';
    return new InvalidChangeError(`Invalid adjustment: xpDelta: ${message}`, { xpDelta: message });
  }
  return error;
}

type AdjustmentPart = 'xp' | 'coins';

/** An adjustment's ledger key; one that moves XP and coins is two rows, one key for each part. */
function adjustmentKey(requestId: string, playerId: string, part: AdjustmentPart | null): string {
  const entity = part ? `${requestId}.${part}` : requestId;
  return buildIdempotencyKey({ source: 'admin', action: 'adjust', entity, playerId });
}

/**
 * Which part of a two-part adjustment a ledger key names, and the key of the other part; null for
 * any other key. Its notice tells both parts at once (src/sync/adjustment-parts.ts).
 */
export function adjustmentPartOf(
  key: string,
  playerId: string,
): { part: AdjustmentPart; otherKey: string } | null {
  for (const [part, other] of [
    ['xp', 'coins'],
    ['coins', 'xp'],
  ] as const) {
    const suffix = `.${part}-${playerId}`;
    if (key.endsWith(suffix))
      return { part, otherKey: `${key.slice(0, -suffix.length)}.${other}-${playerId}` };
  }
  return null;
}
