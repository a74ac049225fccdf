import { InvalidChangeError, TandemError } from '../core/errors.ts';
import { buyItem } from '../shop/buy-item.ts';
import { listShopItems, type ShopListing } from '../shop/list-shop-items.ts';
import { type Purchase, type PurchaseStatus, purchasesOf, type ShopDeps } from '../shop/purchase.ts';
import type { ShopItemKind } from '../shop/shop-item.ts';
import { messageOf } from '../texts/default-texts.ts';

/** How many of the player's purchases the Mini App shows: the recent ones, as a receipt. */
export const appRecentPurchases = 10;

/** A purchase as its buyer sees it in the Mini App: what it was, and where it stands. */
export interface AppPurchase {
  id: string;
  itemId: number;
  /** The item's name when it was bought. */
  name: string;
  kind: ShopItemKind;
  price: number;
  status: PurchaseStatus;
  createdAt: Date;
  /** A timed role's end; null for good or not granted yet. */
  expiresAt: Date | null;
}

export interface AppShop {
  /** The player's spendable coins (held coins already taken off). */
  balance: number;
  items: ShopListing[];
  purchases: AppPurchase[];
}

function appPurchase(purchase: Purchase): AppPurchase {
  return {
    id: purchase.id,
    itemId: purchase.itemId,
    name: purchase.grant.name,
    kind: purchase.kind,
    price: purchase.price,
    status: purchase.status,
    createdAt: purchase.createdAt,
    expiresAt: purchase.expiresAt,
  };
}

/** The shop as the bot's /shop lists it, with the player's balance and recent purchases. */
export async function appShop(deps: Pick<ShopDeps, 'db'>, playerId: string): Promise<AppShop> {
  const [items, purchases, balance] = await Promise.all([
    listShopItems(deps, { playerId }),
    purchasesOf(deps.db.pool, playerId, appRecentPurchases),
    deps.db.pool.query<{ balance: number }>('SELECT balance FROM players WHERE id = $1', [playerId]),
  ]);
  return { balance: balance.rows[0]?.balance ?? 0, items, purchases: purchases.map(appPurchase) };
}

/**
 * The Mini App's Buy button. `requestId` is the page's id of one button press: a double tap, or a
 * retry after a lost answer, sends it again and gets the first purchase back, never a second one.
 * Prefixed, so it never meets a Telegram update id the bot used as a request id.
 */
export async function appBuy(
  deps: ShopDeps,
  input: { playerId: string; itemId: string; requestId: unknown },
): Promise<{ purchase: AppPurchase; created: boolean; balance: number }> {
  // Not an item number: no such item, as /buy says it.
  if (!/^\d{1,9}$/.test(input.itemId)) {
    throw new TandemError('not_found', `No shop item ${input.itemId.slice(0, 20)}`, {
      playerMessage: messageOf('error.shop.itemNotFound'),
    });
  }
  const result = await buyItem(deps, {
    playerId: input.playerId,
    itemId: Number(input.itemId),
    requestId: `app-${requestIdOf(input.requestId)}`,
    source: 'telegram',
  });
  return { purchase: appPurchase(result.purchase), created: result.created, balance: result.balance };
}

/** The page's id of a button press: what crypto.randomUUID() gives, or any short id of that alphabet. */
function requestIdOf(requestId: unknown): string {
  if (typeof requestId === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(requestId)) return requestId;
  const why = 'must be the id of the button press: 1-64 letters, digits, "_", "." or "-"';
  throw new InvalidChangeError(`Invalid purchase: requestId: ${why}`, { requestId: why });
}
