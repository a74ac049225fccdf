import { ShopGrantImpossibleError } from './errors.ts';
import { findPurchase, type Purchase, purchaseColumns, type ShopDeps } from './purchase.ts';
import { expiredNotice, tellBuyer } from './purchase-notices.ts';
import { markGranted, scheduleRevoke } from './settle-purchase.ts';

/**
 * What granting needs of the platforms; the bots' ports provide it. A port throws its platform's
 * errors (rate limited, refused, down): the platform queue's processor decides what each means.
 */
export interface ShopPlatforms {
  discord: {
    grantRole(userId: string, roleId: string, reason: string): Promise<void>;
    revokeRole(userId: string, roleId: string, reason: string): Promise<void>;
  } | null;
  telegram: {
    /** Makes the member an administrator without rights, carrying `title`. A port without it sets none. */
    setMemberTitle?(chatId: string, telegramUserId: string, title: string): Promise<void>;
  } | null;
}

export type GrantOutcome = 'granted' | 'skipped';

/** The account a purchase is granted to: the buyer's, or the one it was merged into. */
async function platformUserOf(
  deps: Pick<ShopDeps, 'db'>,
  playerId: string,
  platform: 'telegram' | 'discord',
): Promise<string | null> {
  const { rows } = await deps.db.pool.query<{ platform_user_id: string }>(
    `SELECT platform_user_id FROM identities
      WHERE player_id = (SELECT coalesce(merged_into_id, id) FROM players WHERE id = $1) AND platform = $2`,
    [playerId, platform],
  );
  return rows[0]?.platform_user_id ?? null;
}

/**
 * Grants a pending purchase on its platform, then settles it as granted (the hold is posted, a
 * timed role's revoke job is queued for its end). Runs again harmlessly: a purchase no longer
 * pending is skipped. Throws the platform's error when granting failed (the caller retries or
 * fails the purchase) and ShopGrantImpossibleError when no retry can help.
 */
export async function grantPurchase(
  deps: ShopDeps,
  platforms: ShopPlatforms,
  purchaseId: string,
  now = new Date(),
): Promise<GrantOutcome> {
  const purchase = await findPurchase(deps.db.pool, purchaseId);
  if (purchase?.status !== 'pending' || purchase.grant.kind === 'custom') return 'skipped';
  const reason = `Bought in the shop: ${purchase.grant.name}`;
  const { grant } = purchase;
  if (grant.kind === 'discord_role') {
    const userId = await platformUserOf(deps, purchase.playerId, 'discord');
    if (!userId) throw new ShopGrantImpossibleError('the buyer has no Discord account linked');
    if (!platforms.discord) throw new ShopGrantImpossibleError('no Discord bot is configured');
    await platforms.discord.grantRole(userId, grant.discordRoleId, reason);
  } else {
    const userId = await platformUserOf(deps, purchase.playerId, 'telegram');
    if (!userId) throw new ShopGrantImpossibleError('the buyer has no Telegram account linked');
    if (!platforms.telegram?.setMemberTitle) {
      throw new ShopGrantImpossibleError('the Telegram bot cannot set member titles');
    }
    await platforms.telegram.setMemberTitle(grant.telegramChatId, userId, grant.telegramTitle);
  }
  const { purchase: settled, settledNow } = await markGranted(deps, purchaseId, now);
  if (!settledNow) {
    // An admin refunded it while the platform call ran: the coins went back, so the role goes too.
    if (settled.status !== 'granted' && settled.status !== 'expired')
      await takeBack(deps, platforms, settled, now);
    return 'skipped';
  }
  await scheduleRevoke(deps, settled, now);
  return 'granted';
}

export type RevokeOutcome = 'revoked' | 'not_due' | 'skipped';

/**
 * Takes back a timed role whose time is over. The purchase is claimed first (granted -> expired, one
 * conditional UPDATE), then the role is removed and `revokedAt` set, so however often this runs
 * (the due job, the minute tick, a retry) the buyer is told once and, once the role is taken back,
 * nothing calls Discord again. A role another live purchase of the buyer still pays for is kept.
 */
export async function revokeExpiredPurchase(
  deps: ShopDeps,
  platforms: ShopPlatforms,
  purchaseId: string,
  now = new Date(),
): Promise<RevokeOutcome> {
  await deps.db.pool.query(
    `UPDATE shop_purchases SET status = 'expired', version = version + 1
      WHERE id = $1 AND status = 'granted' AND expires_at <= $2`,
    [purchaseId, now],
  );
  const purchase = await findPurchase(deps.db.pool, purchaseId);
  if (!purchase) return 'skipped';
  if (purchase.status === 'granted') return 'not_due';
  if (purchase.status !== 'expired' || purchase.revokedAt) return 'skipped';
  await takeBack(deps, platforms, purchase, now);
  const { rows } = await deps.db.pool.query<Purchase>(
    `UPDATE shop_purchases SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING ${purchaseColumns}`,
    [purchaseId, now],
  );
  const revoked = rows[0];
  if (!revoked) return 'skipped';
  await deps.changes?.publish({ entity: 'shop_purchases', action: 'updated', id: purchaseId });
  await tellBuyer(deps, revoked, 'expired', expiredNotice(revoked));
  return 'revoked';
}

/** Removes a purchase's Discord role unless another live purchase of the same account pays for it. */
async function takeBack(
  deps: ShopDeps,
  platforms: ShopPlatforms,
  purchase: Purchase,
  now: Date,
): Promise<void> {
  if (purchase.grant.kind !== 'discord_role' || !platforms.discord) return;
  const roleId = purchase.grant.discordRoleId;
  const { rowCount } = await deps.db.pool.query(
    `SELECT 1 FROM shop_purchases p
      WHERE p.id <> $1 AND p.status = 'granted' AND p."grant"->>'discordRoleId' = $2
        AND (p.expires_at IS NULL OR p.expires_at > $3)
        AND (SELECT coalesce(merged_into_id, id) FROM players WHERE id = p.player_id)
          = (SELECT coalesce(merged_into_id, id) FROM players WHERE id = $4)`,
    [purchase.id, roleId, now, purchase.playerId],
  );
  if (rowCount) return;
  const userId = await platformUserOf(deps, purchase.playerId, 'discord');
  if (!userId) return;
  await platforms.discord.revokeRole(userId, roleId, `Shop purchase ended: ${purchase.grant.name}`);
}
