import { z } from 'zod';
import { InsufficientBalanceError, PlayerMergedError, PlayerNotFoundError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import type { Queryable } from '../db/queryable.ts';
import { eventSources } from '../ledger/event-schemas.ts';
import { placeHold } from '../ledger/holds.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import { messageOf } from '../texts/default-texts.ts';
import {
  PurchaseRequestConflictError,
  ShopItemNotFoundError,
  ShopItemNotYetError,
  ShopItemSoldOutError,
  ShopItemUnavailableError,
  ShopLimitReachedError,
  ShopNeedsAccountError,
  ShopRankTooLowError,
} from './errors.ts';
import { type Purchase, purchaseColumns, type ShopDeps } from './purchase.ts';
import { grantSpecOf, type ShopItemRow, shopItemColumns, soldCount } from './shop-item.ts';

const buyInputSchema = z.object({
  playerId: z.uuid('playerId must be a player id (uuid)'),
  itemId: z
    .number({ message: 'itemId must be an item number' })
    .int()
    .positive('itemId must be an item number'),
  /**
   * The client's id of this request (a Telegram update id, a Discord interaction id): the same id
   * twice is one purchase. Scoped to the player.
   */
  requestId: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'requestId: 1-100 letters, digits, "_", "." or "-"'),
  /** Where the player bought; names the hold in the ledger. @defaultValue `system` */
  source: z.enum(eventSources).default('system'),
});
export type BuyItemInput = z.input<typeof buyInputSchema>;

export interface BuyResult {
  purchase: Purchase;
  /** false when this request id had bought already: the first purchase is returned, nothing changed. */
  created: boolean;
  /** The buyer's spendable balance after the hold. */
  balance: number;
}

interface LockedBuyer {
  balance: number;
  xp: number;
  merged_into_id: string | null;
}

/**
 * A player buys an item. One transaction locks the buyer, then the item (buyers of one item queue
 * up on its row, so the stock and the per-player count read here are the ones the purchase is
 * added to), checks every rule, inserts the purchase and holds its price: concurrent buyers of the
 * last items can never buy more than the stock, nor one player more than the balance. The same
 * `requestId` again answers with the first purchase.
 *
 * Once committed, granting is a job of the paced platform queue (custom items wait for an admin);
 * the hold is posted when the item is granted and voided if it cannot be.
 */
export async function buyItem(deps: ShopDeps, input: BuyItemInput, now = new Date()): Promise<BuyResult> {
  const { playerId, itemId, requestId, source } = parseInput(buyInputSchema, input, 'purchase');
  const requestKey = `${playerId}-${requestId}`;
  const result = await deps.engine.transaction(async (tx): Promise<BuyResult> => {
    const buyer = await tx.client.query<LockedBuyer>(
      'SELECT balance, xp, merged_into_id FROM players WHERE id = $1 FOR UPDATE',
      [playerId],
    );
    const account = buyer.rows[0];
    if (!account) throw new PlayerNotFoundError(playerId);
    if (account.merged_into_id) throw new PlayerMergedError(playerId, account.merged_into_id);

    const existing = await tx.client.query<Purchase>(
      `SELECT ${purchaseColumns} FROM shop_purchases WHERE request_key = $1`,
      [requestKey],
    );
    const first = existing.rows[0];
    if (first) {
      if (first.itemId !== itemId) throw new PurchaseRequestConflictError(requestId, first.id);
      return { purchase: first, created: false, balance: account.balance };
    }

    const locked = await tx.client.query<ShopItemRow>(
      `SELECT ${shopItemColumns} FROM shop_items WHERE id = $1 FOR UPDATE`,
      [itemId],
    );
    const item = locked.rows[0];
    if (!item) throw new ShopItemNotFoundError(itemId);
    await refuseAgainstRules(tx.client, item, playerId, account, now);

    const inserted = await tx.client.query<Purchase>(
      `INSERT INTO shop_purchases (request_key, player_id, item_id, kind, price, "grant", source)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${purchaseColumns}`,
      [requestKey, playerId, item.id, item.kind, item.price, JSON.stringify(grantSpecOf(item)), source],
    );
    const purchase = inserted.rows[0]!;
    const { holdId, outcome } = await placeHold(tx, {
      key: buildIdempotencyKey({ source, action: 'shop_hold', entity: purchase.id, playerId }),
      playerId,
      source,
      amount: item.price,
      reason: 'shop_hold',
      metadata: { purchaseId: purchase.id, itemId: item.id, item: item.name },
    });
    await tx.client.query('UPDATE shop_purchases SET hold_id = $2 WHERE id = $1', [purchase.id, holdId]);
    return { purchase: { ...purchase, holdId }, created: true, balance: outcome.balance };
  });

  if (result.created) await afterPurchase(deps, result.purchase);
  return result;
}

/** Every rule of the item, read under its lock; the first one broken is the answer. */
async function refuseAgainstRules(
  db: Queryable,
  item: ShopItemRow,
  playerId: string,
  buyer: LockedBuyer,
  now: Date,
): Promise<void> {
  if (!item.active || (item.availableUntil && item.availableUntil <= now)) {
    throw new ShopItemUnavailableError(item.id);
  }
  if (item.availableFrom && item.availableFrom > now)
    throw new ShopItemNotYetError(item.id, item.availableFrom);
  if (item.minRankId !== null) {
    const { rows } = await db.query<{ name: string; min_xp: number }>(
      'SELECT name, min_xp FROM ranks WHERE id = $1',
      [item.minRankId],
    );
    // The player's rank is the highest rank whose XP they reached: at or above the item's rank
    // exactly when their XP reached that rank's.
    const rank = rows[0];
    if (rank && buyer.xp < rank.min_xp) throw new ShopRankTooLowError(item.id, rank.name);
  }
  const platform =
    item.kind === 'discord_role' ? 'discord' : item.kind === 'telegram_title' ? 'telegram' : null;
  if (platform) {
    const { rowCount } = await db.query('SELECT 1 FROM identities WHERE player_id = $1 AND platform = $2', [
      playerId,
      platform,
    ]);
    if (!rowCount) throw new ShopNeedsAccountError(platform);
  }
  if (item.stock !== null && (await soldCount(db, item.id)) >= item.stock)
    throw new ShopItemSoldOutError(item.id);
  if (item.perPlayerLimit !== null && (await soldCount(db, item.id, playerId)) >= item.perPlayerLimit) {
    throw new ShopLimitReachedError(item.id, item.perPlayerLimit);
  }
  if (buyer.balance < item.price) {
    throw new InsufficientBalanceError(playerId, item.price, {
      message: `You have ${buyer.balance} coins: not enough for ${item.name} at ${item.price}.`,
      playerMessage: messageOf('error.shop.notEnoughCoins', { balance: buyer.balance, coins: item.price }),
    });
  }
}

/**
 * Hands an item the bots grant to the platform queue. Committed already: should Redis be away, the
 * shop's minute tick finds the pending purchase and hands it over then.
 */
async function afterPurchase(deps: ShopDeps, purchase: Purchase): Promise<void> {
  await deps.changes?.publish({ entity: 'shop_purchases', action: 'created', id: purchase.id });
  await deps.changes?.publish({ entity: 'players', action: 'updated', id: purchase.playerId });
  if (purchase.kind === 'custom') return;
  try {
    await deps.queues.enqueueShopGrant(purchase.id);
  } catch (error) {
    deps.logger?.warn(
      { err: error, purchaseId: purchase.id },
      'grant not queued: the shop tick will queue it',
    );
  }
}
