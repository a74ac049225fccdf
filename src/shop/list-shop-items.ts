import type { Database } from '../db/database.ts';
import type { ShopItemKind } from './shop-item.ts';

/** An item as a player sees it in /shop, the select menu or the Mini App. */
export interface ShopListing {
  /** The item's number, as a player types it in /buy. */
  id: number;
  name: string;
  description: string;
  kind: ShopItemKind;
  price: number;
  /** Items left; null is unlimited. */
  left: number | null;
  /** Days a timed role lasts; null for good. */
  durationDays: number | null;
  availableUntil: Date | null;
  /** The rank needed, by name; null when anyone may buy. */
  minRank: string | null;
  perPlayerLimit: number | null;
  /** Purchases of it by the player asking (failed and refunded ones do not count); 0 without a player. */
  bought: number;
}

/**
 * The items on sale now, cheapest first: active, inside their window. Sold-out items stay listed
 * (`left` 0), so a player sees why /buy refuses. `playerId` adds what that player bought already.
 */
export async function listShopItems(
  deps: { db: Pick<Database, 'pool'> },
  options: { playerId?: string; now?: Date } = {},
): Promise<ShopListing[]> {
  const { rows } = await deps.db.pool.query<ShopListing>(
    `SELECT i.id, i.name, i.description, i.kind, i.price, i.duration_days AS "durationDays",
            i.available_until AS "availableUntil", r.name AS "minRank", i.per_player_limit AS "perPlayerLimit",
            CASE WHEN i.stock IS NULL THEN NULL ELSE greatest(i.stock - coalesce(s.sold, 0), 0) END AS "left",
            coalesce(s.mine, 0) AS bought
       FROM shop_items i
       LEFT JOIN ranks r ON r.id = i.min_rank_id
       LEFT JOIN LATERAL (
         SELECT count(*)::int AS sold, (count(*) FILTER (WHERE p.player_id IN (
                  SELECT id FROM players WHERE id = $2 OR merged_into_id = $2)))::int AS mine
           FROM shop_purchases p WHERE p.item_id = i.id AND p.status NOT IN ('failed', 'refunded')
       ) s ON true
      WHERE i.active AND (i.available_from IS NULL OR i.available_from <= $1)
        AND (i.available_until IS NULL OR i.available_until > $1)
      ORDER BY i.price, i.id`,
    [options.now ?? new Date(), options.playerId ?? null],
  );
  return rows;
}
