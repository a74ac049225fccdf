import type { Database } from '../db/database.ts';
import { listShopItems, type ShopListing } from './list-shop-items.ts';

export interface PlayerShop {
  items: ShopListing[];
  /** The player's spendable coins: coins held for purchases and payouts have left it already. */
  balance: number;
}

/** What `/shop` shows a player on either bot: the items on sale, with their own counts, and their balance. */
export async function shopForPlayer(
  deps: { db: Pick<Database, 'pool'> },
  playerId: string,
  now = new Date(),
): Promise<PlayerShop> {
  const [items, balance] = await Promise.all([
    listShopItems(deps, { playerId, now }),
    deps.db.pool.query<{ balance: number }>('SELECT balance FROM players WHERE id = $1', [playerId]),
  ]);
  return { items, balance: balance.rows[0]?.balance ?? 0 };
}
