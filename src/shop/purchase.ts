import type { NoticeQueue } from '../core/notice-queue.ts';
import type { Database } from '../db/database.ts';
import type { Queryable } from '../db/queryable.ts';
import type { Engine } from '../ledger/engine.ts';
import type { EventSource } from '../ledger/event-schemas.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { Logger } from '../logging/logger.ts';
import type { GrantSpec, ShopItemKind } from './shop-item.ts';

/**
 * Where the shop hands its platform work: granting a purchase and taking a timed role back are jobs
 * of the paced platform queue (the queue side implements it). The job id names the purchase, so a
 * job handed over twice runs once.
 */
export interface ShopJobQueue {
  enqueueShopGrant(purchaseId: string): Promise<void>;
  /** Due `delayMs` from now: a timed role's end. */
  enqueueShopRevoke(purchaseId: string, delayMs: number): Promise<void>;
}

/** What the shop works with; a process's Services has all of it. */
export interface ShopDeps {
  engine: Pick<Engine, 'transaction'>;
  db: Pick<Database, 'pool'>;
  queues: NoticeQueue & ShopJobQueue;
  changes?: ChangePublisher;
  logger?: Pick<Logger, 'warn'>;
}

/**
 * pending: the coins are held; granted: the hold is posted; failed (granting failed for good) and
 * refunded (by an admin): the hold is voided; expired: a timed role's time is over (revokedAt says
 * when it was taken back).
 */
export type PurchaseStatus = 'pending' | 'granted' | 'failed' | 'refunded' | 'expired';

export interface Purchase {
  id: string;
  playerId: string;
  itemId: number;
  kind: ShopItemKind;
  price: number;
  grant: GrantSpec;
  status: PurchaseStatus;
  source: EventSource;
  holdId: string | null;
  grantedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  settledBy: string | null;
  settledAt: Date | null;
  reason: string | null;
  version: number;
  createdAt: Date;
}

export const purchaseColumns = `id, player_id AS "playerId", item_id AS "itemId", kind, price, "grant", status,
  source, hold_id::text AS "holdId", granted_at AS "grantedAt", expires_at AS "expiresAt",
  revoked_at AS "revokedAt", settled_by AS "settledBy", settled_at AS "settledAt", reason, version,
  created_at AS "createdAt"`;

export async function findPurchase(db: Queryable, purchaseId: string): Promise<Purchase | null> {
  const { rows } = await db.query<Purchase>(`SELECT ${purchaseColumns} FROM shop_purchases WHERE id = $1`, [
    purchaseId,
  ]);
  return rows[0] ?? null;
}

/** The purchases of one player, newest first (their /inventory, the panel's player page). */
export async function purchasesOf(db: Queryable, playerId: string, limit = 50): Promise<Purchase[]> {
  const { rows } = await db.query<Purchase>(
    `SELECT ${purchaseColumns} FROM shop_purchases WHERE player_id = $1 ORDER BY created_at DESC LIMIT $2`,
    [playerId, limit],
  );
  return rows;
}
