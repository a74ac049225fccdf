import type { Queryable } from '../db/queryable.ts';

export const shopItemKinds = ['discord_role', 'telegram_title', 'custom'] as const;
export type ShopItemKind = (typeof shopItemKinds)[number];

/**
 * What a purchase grants, copied from its item when it is bought: an admin's later edit of the item
 * changes what new purchases grant, never one already paid for.
 */
export type GrantSpec =
  | { kind: 'discord_role'; name: string; discordRoleId: string; durationDays: number | null }
  | { kind: 'telegram_title'; name: string; telegramChatId: string; telegramTitle: string }
  | { kind: 'custom'; name: string };

/** An item as the buying transaction reads it (locked). */
export interface ShopItemRow {
  id: number;
  name: string;
  kind: ShopItemKind;
  price: number;
  stock: number | null;
  perPlayerLimit: number | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  minRankId: number | null;
  discordRoleId: string | null;
  durationDays: number | null;
  telegramChatId: string | null;
  telegramTitle: string | null;
  active: boolean;
}

export const shopItemColumns = `id, name, kind, price, stock, per_player_limit AS "perPlayerLimit",
  available_from AS "availableFrom", available_until AS "availableUntil", min_rank_id AS "minRankId",
  discord_role_id AS "discordRoleId", duration_days AS "durationDays", telegram_chat_id AS "telegramChatId",
  telegram_title AS "telegramTitle", active`;

export function grantSpecOf(item: ShopItemRow): GrantSpec {
  if (item.kind === 'discord_role') {
    return {
      kind: item.kind,
      name: item.name,
      discordRoleId: item.discordRoleId!,
      durationDays: item.durationDays,
    };
  }
  if (item.kind === 'telegram_title') {
    return {
      kind: item.kind,
      name: item.name,
      telegramChatId: item.telegramChatId!,
      telegramTitle: item.telegramTitle!,
    };
  }
  return { kind: 'custom', name: item.name };
}

/** Purchases that count against the stock and the per-player limit: all but those whose coins went back. */
export const liveStatuses = `status NOT IN ('failed', 'refunded')`;

/**
 * Purchases of an item that count against its stock, or (with `playerId`) against the player's
 * limit: theirs and those of the accounts merged into theirs, so linking two accounts buys no more.
 */
export async function soldCount(db: Queryable, itemId: number, playerId?: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM shop_purchases
      WHERE item_id = $1 AND ${liveStatuses}
        AND ($2::uuid IS NULL OR player_id IN (SELECT id FROM players WHERE id = $2 OR merged_into_id = $2))`,
    [itemId, playerId ?? null],
  );
  return rows[0]?.n ?? 0;
}
