import { z } from 'zod';
import { InsufficientBalanceError, PlayerMergedError, PlayerNotFoundError } from '../core/errors.ts';
import type { NoticeQueue } from '../core/notice-queue.ts';
import { parseInput } from '../core/parse-input.ts';
import type { Database } from '../db/database.ts';
import type { Engine } from '../ledger/engine.ts';
import { eventSources, maxDeltaPerEvent } from '../ledger/event-schemas.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { Logger } from '../logging/logger.ts';
import { messageOf } from '../texts/default-texts.ts';
import {
  RecipientMergedError,
  RecipientNotFoundError,
  SenderTooNewError,
  TransferDailyLimitError,
  TransferRequestConflictError,
  TransfersOffError,
  TransferToSelfError,
} from './errors.ts';
import { type CoinTransfer, transferColumns } from './transfer.ts';
import { readTransferSettings, type TransferSettings } from './transfer-settings.ts';

/** What transfers work with; a process's Services has all of it. */
export interface TransferDeps {
  engine: Pick<Engine, 'transaction'>;
  db: Pick<Database, 'pool'>;
  /** Where the recipient's notice goes. @defaultValue none: nobody is told */
  queues?: NoticeQueue;
  changes?: ChangePublisher;
  logger?: Pick<Logger, 'warn'>;
}

const wholeCoins = 'Transfers are in whole coins, at least 1';
const tooLarge = `One transfer is at most ${maxDeltaPerEvent} coins`;

/** What a player who typed the amount reads, in their language. */
const amountTexts = {
  [wholeCoins]: messageOf('error.transfer.wholeCoins'),
  [tooLarge]: messageOf('error.transfer.tooLarge', { coins: maxDeltaPerEvent }),
};

const transferInputSchema = z.object({
  fromPlayerId: z.uuid('fromPlayerId must be a player id (uuid)'),
  toPlayerId: z.uuid('toPlayerId must be a player id (uuid)'),
  amount: z
    .number({ message: 'amount must be a number of coins' })
    .int(wholeCoins)
    .min(1, wholeCoins)
    .max(maxDeltaPerEvent, tooLarge),
  /**
   * The client's id of this request (a Telegram update id, a Discord interaction id): the same id
   * twice is one transfer. Scoped to the sender.
   */
  requestId: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'requestId: 1-100 letters, digits, "_", "." or "-"'),
  /** Where the sender asked; names both ledger rows. @defaultValue `system` */
  source: z.enum(eventSources).default('system'),
});
export type TransferCoinsInput = z.input<typeof transferInputSchema>;

export interface TransferResult {
  transfer: CoinTransfer;
  /** false when this request id had paid already: the first transfer is returned, nothing changed. */
  created: boolean;
  /** The sender's balance after the transfer. */
  balance: number;
  /** The recipient's balance after it (null when `created` is false). */
  recipientBalance: number | null;
}

interface LockedPlayer {
  id: string;
  balance: number;
  merged_into_id: string | null;
  display_name: string;
  old_enough: boolean;
}

/**
 * One player pays another. Both ledger rows are written in one engine transaction, keyed by the
 * transfer's id, so the coins leave one balance exactly when they reach the other. Both players are
 * locked first, in id order (two players paying each other at once queue up, never deadlock); the
 * sender's lock makes the day's total and the balance read here the ones the debit meets, so
 * concurrent transfers can neither overdraw nor pass the daily limit. The same `requestId` again (a
 * double tap, a redelivered update) answers with the first transfer.
 *
 * Refused, with nothing written: paying oneself, a merged or unknown player, transfers turned off
 * (a daily limit of 0), a sender younger than the minimum age, above the daily limit (UTC day) or
 * above the balance.
 */
export async function transferCoins(deps: TransferDeps, input: TransferCoinsInput): Promise<TransferResult> {
  const { fromPlayerId, toPlayerId, amount, requestId, source } = parseInput(
    transferInputSchema,
    input,
    'transfer',
    amountTexts,
  );
  if (fromPlayerId === toPlayerId) throw new TransferToSelfError(fromPlayerId);
  const settings = (await readTransferSettings(deps)).value;
  const requestKey = `${fromPlayerId}-${requestId}`;

  const result = await deps.engine.transaction(async (tx): Promise<TransferResult> => {
    const { rows } = await tx.client.query<LockedPlayer>(
      `SELECT id, balance, merged_into_id, display_name,
              created_at <= now() - make_interval(days => $2) AS old_enough
         FROM players WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [[fromPlayerId, toPlayerId], settings.minAccountAgeDays],
    );
    const sender = rows.find((p) => p.id === fromPlayerId);
    const recipient = rows.find((p) => p.id === toPlayerId);
    if (!sender) throw new PlayerNotFoundError(fromPlayerId);
    if (sender.merged_into_id) throw new PlayerMergedError(fromPlayerId, sender.merged_into_id);

    const existing = await tx.client.query<CoinTransfer>(
      `SELECT ${transferColumns} FROM coin_transfers WHERE request_key = $1`,
      [requestKey],
    );
    const first = existing.rows[0];
    if (first) {
      if (first.toPlayerId !== toPlayerId || first.amount !== amount) {
        throw new TransferRequestConflictError(requestId, first.id);
      }
      return { transfer: first, created: false, balance: sender.balance, recipientBalance: null };
    }

    if (!recipient) throw new RecipientNotFoundError(toPlayerId);
    if (recipient.merged_into_id) throw new RecipientMergedError(toPlayerId, recipient.merged_into_id);
    await refuseOverLimits(tx.client, settings, sender, amount);

    const inserted = await tx.client.query<CoinTransfer>(
      `INSERT INTO coin_transfers (request_key, from_player_id, to_player_id, amount, source)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${transferColumns}`,
      [requestKey, fromPlayerId, toPlayerId, amount, source],
    );
    const transfer = inserted.rows[0]!;
    const debit = await tx.record({
      key: buildIdempotencyKey({
        source,
        action: 'transfer_out',
        entity: transfer.id,
        playerId: fromPlayerId,
      }),
      playerId: fromPlayerId,
      type: 'balance_change',
      source,
      coinDelta: -amount,
      reason: 'transfer_out',
      metadata: { transferId: transfer.id, toPlayerId, toName: recipient.display_name },
    });
    const credit = await tx.record({
      key: buildIdempotencyKey({ source, action: 'transfer_in', entity: transfer.id, playerId: toPlayerId }),
      playerId: toPlayerId,
      type: 'balance_change',
      source,
      coinDelta: amount,
      reason: 'transfer_in',
      metadata: { transferId: transfer.id, fromPlayerId, fromName: sender.display_name },
    });
    return { transfer, created: true, balance: debit.balance, recipientBalance: credit.balance };
  });

  if (result.created) await announceTransfer(deps, result);
  return result;
}

/**
 * The rules a new transfer meets, read under the sender's lock. What the accounts merged into the
 * sender's sent today counts too: linking two accounts doubles no limit.
 */
async function refuseOverLimits(
  client: Pick<Database['pool'], 'query'>,
  settings: TransferSettings,
  sender: LockedPlayer,
  amount: number,
): Promise<void> {
  if (settings.dailyLimit === 0) throw new TransfersOffError();
  if (!sender.old_enough) throw new SenderTooNewError(settings.minAccountAgeDays);
  const { rows } = await client.query<{ sent: number }>(
    `SELECT coalesce(sum(amount), 0)::int AS sent FROM coin_transfers
      WHERE from_player_id IN (SELECT id FROM players WHERE id = $1 OR merged_into_id = $1)
        AND created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`,
    [sender.id],
  );
  const sent = rows[0]?.sent ?? 0;
  if (sent + amount > settings.dailyLimit) {
    throw new TransferDailyLimitError(settings.dailyLimit, Math.max(0, settings.dailyLimit - sent));
  }
  if (sender.balance < amount) {
    throw new InsufficientBalanceError(sender.id, amount, {
      message: `You have ${sender.balance} coins: not enough to pay ${amount}.`,
      playerMessage: messageOf('error.transfer.notEnoughCoins', { balance: sender.balance, coins: amount }),
    });
  }
}

/**
 * Tells the recipient on each platform they are linked on (the job id names the transfer, so it is
 * sent once) and the panel what moved. The transfer has committed: an unreachable Redis is logged.
 */
async function announceTransfer(deps: TransferDeps, result: TransferResult): Promise<void> {
  const { transfer } = result;
  await deps.changes?.publish({ entity: 'players', action: 'updated', id: transfer.fromPlayerId });
  await deps.changes?.publish({ entity: 'players', action: 'updated', id: transfer.toPlayerId });
  await deps.changes?.publish({ entity: 'ledger', action: 'created', id: transfer.id });
  if (!deps.queues) return;
  const { rows } = await deps.db.pool.query<{
    platform: 'telegram' | 'discord';
    platform_user_id: string;
    sender: string;
  }>(
    `SELECT i.platform, i.platform_user_id, s.display_name AS sender
       FROM identities i, players s
      WHERE i.player_id = $1 AND i.sync_enabled AND s.id = $2 ORDER BY i.platform`,
    [transfer.toPlayerId, transfer.fromPlayerId],
  );
  for (const identity of rows) {
    try {
      await deps.queues.enqueueNotification(`transfer-${transfer.id}-${identity.platform}`, {
        platform: identity.platform,
        platformUserId: identity.platform_user_id,
        message: messageOf('notice.transfer.received', {
          player: identity.sender,
          coins: transfer.amount,
          balance: result.recipientBalance ?? 0,
        }),
      });
    } catch (error) {
      deps.logger?.warn(
        { err: error, transferId: transfer.id, platform: identity.platform },
        'transfer notice not queued: Redis unreachable',
      );
    }
  }
}
