import type { HoldState, Versioned } from '../api/records.ts';

/** The shop as the API reads it (src/admin-api/resources/shop-items.ts, shop-purchases.ts). */

export type ShopItemKind = 'discord_role' | 'telegram_title' | 'custom';
export type PurchaseStatus = 'pending' | 'granted' | 'failed' | 'refunded' | 'expired';

export interface ShopItemRecord extends Versioned {
  id: number;
  name: string;
  description: string;
  kind: ShopItemKind;
  price: number;
  /** Items for sale in all; null: unlimited. */
  stock: number | null;
  /** Purchases whose coins did not go back. */
  sold: number;
  perPlayerLimit: number | null;
  availableFrom: string | null;
  availableUntil: string | null;
  minRankId: number | null;
  discordRoleId: string | null;
  /** null: the role is kept for good. */
  durationDays: number | null;
  telegramChatId: string | null;
  telegramTitle: string | null;
  active: boolean;
}

/** What a purchase grants, copied from its item when bought. */
export type GrantSpec =
  | { kind: 'discord_role'; name: string; discordRoleId: string; durationDays: number | null }
  | { kind: 'telegram_title'; name: string; telegramChatId: string; telegramTitle: string }
  | { kind: 'custom'; name: string };

export interface PurchaseRecord extends Versioned {
  id: string;
  playerId: string;
  playerName: string;
  itemId: number;
  itemName: string;
  kind: ShopItemKind;
  price: number;
  grant: GrantSpec;
  status: PurchaseStatus;
  holdId: string | null;
  /** The ledger's state of the held coins. */
  holdState: HoldState | null;
  grantedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  settledBy: string | null;
  settledAt: string | null;
  reason: string | null;
  createdAt: string;
}

/** Each kind's words, named in full so the panel's key check finds them. */
export const kindChoices = [
  { id: 'discord_role', name: 'tandem.shop.kind.discord_role' },
  { id: 'telegram_title', name: 'tandem.shop.kind.telegram_title' },
  { id: 'custom', name: 'tandem.shop.kind.custom' },
];

export const purchaseStatusChoices = [
  { id: 'pending', name: 'tandem.shop.status.pending' },
  { id: 'granted', name: 'tandem.shop.status.granted' },
  { id: 'failed', name: 'tandem.shop.status.failed' },
  { id: 'refunded', name: 'tandem.shop.status.refunded' },
  { id: 'expired', name: 'tandem.shop.status.expired' },
];
