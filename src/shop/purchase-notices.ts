import type { Message } from '../core/message.ts';
import { messageOf } from '../texts/default-texts.ts';
import type { Purchase, ShopDeps } from './purchase.ts';

/**
 * Tells the owner of a purchase on each platform they are linked on (a merged buyer's notice goes
 * to the account they were merged into). The job id names the purchase and the event, so a step
 * that runs twice tells once. The change has committed: an unreachable Redis is logged, not thrown.
 */
export async function tellBuyer(
  deps: Pick<ShopDeps, 'db' | 'queues' | 'logger'>,
  purchase: Pick<Purchase, 'id' | 'playerId'>,
  event: 'granted' | 'failed' | 'refunded' | 'expired',
  message: Message,
): Promise<void> {
  const { rows } = await deps.db.pool.query<{ platform: 'telegram' | 'discord'; platform_user_id: string }>(
    `SELECT i.platform, i.platform_user_id FROM identities i
      WHERE i.player_id = (SELECT coalesce(merged_into_id, id) FROM players WHERE id = $1) AND i.sync_enabled
      ORDER BY i.platform`,
    [purchase.playerId],
  );
  for (const identity of rows) {
    try {
      await deps.queues.enqueueNotification(`shop-${purchase.id}-${event}-${identity.platform}`, {
        platform: identity.platform,
        platformUserId: identity.platform_user_id,
        message,
      });
    } catch (error) {
      deps.logger?.warn(
        { err: error, purchaseId: purchase.id, event },
        'shop notice not queued: Redis unreachable',
      );
    }
  }
}

export function grantedNotice(purchase: Pick<Purchase, 'grant' | 'expiresAt'>): Message {
  if (!purchase.expiresAt) return messageOf('notice.shop.granted', { item: purchase.grant.name });
  const time = `${purchase.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return messageOf('notice.shop.grantedUntil', { item: purchase.grant.name, time });
}

export function failedNotice(purchase: Pick<Purchase, 'grant' | 'price'>): Message {
  return messageOf('notice.shop.failed', { item: purchase.grant.name, coins: purchase.price });
}

export function refundedNotice(purchase: Pick<Purchase, 'grant' | 'price'>, reason: string | null): Message {
  const params = { item: purchase.grant.name, coins: purchase.price };
  return reason
    ? messageOf('notice.shop.refunded.reason', { ...params, reason })
    : messageOf('notice.shop.refunded', params);
}

export function expiredNotice(purchase: Pick<Purchase, 'grant'>): Message {
  return messageOf('notice.shop.expired', { item: purchase.grant.name });
}
