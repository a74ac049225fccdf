import { z } from 'zod';
import { InsufficientBalanceError, PlayerMergedError, PlayerNotFoundError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import { storedText } from '../core/postgres-values.ts';
import { eventSources, maxDeltaPerEvent } from '../ledger/event-schemas.ts';
import { placeHold } from '../ledger/holds.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import { messageOf } from '../texts/default-texts.ts';
import { PayoutRequestConflictError } from './errors.ts';
import { minPayoutCoins, type Payout, type PayoutDeps, payoutColumns } from './payout.ts';

const wholeCoins = 'Payouts are in whole coins';
const tooSmall = `The smallest payout is ${minPayoutCoins} coins`;
const tooLarge = `The largest payout is ${maxDeltaPerEvent} coins`;

/** What a player who typed the amount reads, in their language. */
const amountTexts = {
  [wholeCoins]: messageOf('error.payout.wholeCoins'),
  [tooSmall]: messageOf('error.payout.tooSmall', { coins: minPayoutCoins }),
  [tooLarge]: messageOf('error.payout.tooLarge', { coins: maxDeltaPerEvent }),
};

const requestInputSchema = z.object({
  playerId: z.uuid('playerId must be a player id (uuid)'),
  amount: z
    .number({ message: 'amount must be a number of coins' })
    .int(wholeCoins)
    .min(minPayoutCoins, tooSmall)
    .max(maxDeltaPerEvent, tooLarge),
  /**
   * The client's id of this request (a Telegram update id, a Discord interaction id): the same id
   * twice is one payout. Scoped to the player.
   */
  requestId: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'requestId: 1-100 letters, digits, "_", "." or "-"'),
  note: storedText().trim().max(500, 'note: at most 500 characters').optional(),
  /** Where the player asked; names the hold in the ledger. @defaultValue `system` */
  source: z.enum(eventSources).default('system'),
});
export type RequestPayoutInput = z.input<typeof requestInputSchema>;

export interface PayoutRequestResult {
  payout: Payout;
  /** false when this request id had already asked: the first payout is returned, nothing changed. */
  created: boolean;
  /** The player's balance after the hold. */
  balance: number;
}

/**
 * A player asks to withdraw coins. In one transaction the payout row is created and its coins are
 * set aside by a ledger hold (a pending debit), so they cannot be spent twice; the debit is written only while the locked
 * balance covers it, so concurrent requests can never take more than the balance, and a refusal
 * is an answer, not a failed statement. The same `requestId` again (a double click) returns the
 * first payout.
 *
 * Throws InvalidChangeError (bad amount or input, nothing written), InsufficientBalanceError,
 * PlayerNotFoundError, PlayerMergedError (ask again with the account it was merged into) and
 * PayoutRequestConflictError.
 */
export async function requestPayout(
  deps: Pick<PayoutDeps, 'engine' | 'changes' | 'metrics'>,
  input: RequestPayoutInput,
): Promise<PayoutRequestResult> {
  const result = await holdPayout(deps, input);
  if (result.created) {
    deps.metrics?.community.payout('requested');
    await deps.changes?.publish({ entity: 'payouts', action: 'created', id: result.payout.id });
    await deps.changes?.publish({ entity: 'players', action: 'updated', id: result.payout.playerId });
  }
  return result;
}

async function holdPayout(
  deps: Pick<PayoutDeps, 'engine'>,
  input: RequestPayoutInput,
): Promise<PayoutRequestResult> {
  const { playerId, amount, requestId, note, source } = parseInput(
    requestInputSchema,
    input,
    'payout request',
    amountTexts,
  );
  const requestKey = `${playerId}-${requestId}`;

  return deps.engine.transaction(async (tx) => {
    // Lock first: requests of one player queue up here, and a double click waits for the first
    // click's row instead of racing it.
    const player = await tx.client.query<{ balance: number; merged_into_id: string | null }>(
      'SELECT balance, merged_into_id FROM players WHERE id = $1 FOR UPDATE',
      [playerId],
    );
    const account = player.rows[0];
    if (!account) throw new PlayerNotFoundError(playerId);
    if (account.merged_into_id) throw new PlayerMergedError(playerId, account.merged_into_id);

    const inserted = await tx.client.query<Payout>(
      `INSERT INTO payouts (request_key, player_id, amount, note) VALUES ($1, $2, $3, $4)
       ON CONFLICT (request_key) DO NOTHING RETURNING ${payoutColumns}`,
      [requestKey, playerId, amount, note ?? null],
    );
    const payout = inserted.rows[0];
    if (!payout) {
      const existing = await tx.client.query<Payout>(
        `SELECT ${payoutColumns} FROM payouts WHERE request_key = $1`,
        [requestKey],
      );
      const first = existing.rows[0]!;
      if (first.amount !== amount) throw new PayoutRequestConflictError(requestId, first.id);
      return { payout: first, created: false, balance: account.balance };
    }

    try {
      const { holdId, outcome } = await placeHold(tx, {
        key: buildIdempotencyKey({ source, action: 'payout_hold', entity: payout.id, playerId }),
        playerId,
        source,
        amount,
        reason: 'payout_hold',
        metadata: { payoutId: payout.id },
      });
      await tx.client.query('UPDATE payouts SET hold_id = $2 WHERE id = $1', [payout.id, holdId]);
      return { payout, created: true, balance: outcome.balance };
    } catch (error) {
      if (error instanceof InsufficientBalanceError) {
        throw new InsufficientBalanceError(playerId, amount, {
          message: `You have ${account.balance} coins: not enough for a payout of ${amount}.`,
          playerMessage: messageOf('error.payout.notEnoughCoins', {
            balance: account.balance,
            coins: amount,
          }),
        });
      }
      throw error;
    }
  });
}
