import { nameAsIs, type ShowName } from '../core/text-format.ts';
import type { BuyResult } from '../shop/buy-item.ts';
import type { ShopListing } from '../shop/list-shop-items.ts';
import type { Translate } from '../texts/texts.ts';

/**
 * The shop's texts, the same on Telegram and Discord (plain text). Item and rank names are the
 * admins' own; `showName` escapes them where the platform renders markdown.
 */

/** What buying the item gives: a role (for good or for days), a title, or something an admin hands over. */
export function itemKindText(t: Translate, item: Pick<ShopListing, 'kind' | 'durationDays'>): string {
  switch (item.kind) {
    case 'discord_role':
      return item.durationDays === null
        ? t('reply.shop.kind.roleForGood')
        : t('reply.shop.kind.roleForDays', { days: item.durationDays });
    case 'telegram_title':
      return t('reply.shop.kind.title');
    case 'custom':
      return t('reply.shop.kind.custom');
  }
}

/** Whether a player could buy it as far as the list can tell: sold-out items stay listed, without a way to buy. */
export function isForSale(item: Pick<ShopListing, 'left'>): boolean {
  return item.left === null || item.left > 0;
}

/**
 * `/shop`: each item as `<number>. <name>: <price>`, then what it gives, what is left of a limited
 * stock, the rank it needs and the player's own count against a per-player limit; the balance last.
 */
export function shopListReply(
  t: Translate,
  items: readonly ShopListing[],
  balance: number,
  platform: 'telegram' | 'discord',
  showName: ShowName = nameAsIs,
): string {
  if (items.length === 0) return t('reply.shop.empty', { balance });
  const lines = [t('reply.shop.title'), ''];
  for (const item of items) {
    lines.push(`${item.id}. ${t('reply.shop.row', { item: showName(item.name), coins: item.price })}`);
    const details = [itemKindText(t, item)];
    if (item.left !== null)
      details.push(item.left > 0 ? t('reply.shop.left', { count: item.left }) : t('reply.shop.soldOut'));
    if (item.minRank) details.push(t('reply.shop.needsRank', { rank: showName(item.minRank) }));
    if (item.perPlayerLimit !== null)
      details.push(t('reply.shop.bought', { count: item.bought, max: item.perPlayerLimit }));
    lines.push(`   ${details.join(' · ')}`);
    if (item.description.trim()) lines.push(`   ${showName(item.description.trim())}`);
  }
  lines.push('', t('reply.shop.balance', { balance }));
  lines.push(t(platform === 'telegram' ? 'reply.shop.howToBuy.telegram' : 'reply.shop.howToBuy.discord'));
  return lines.join('\n');
}

/** The label of an item's buy button under /shop on Telegram. */
export function buyButtonLabel(t: Translate, item: Pick<ShopListing, 'name' | 'price'>): string {
  return t('reply.shop.buyButton', { item: item.name, coins: item.price });
}

/**
 * What a purchase does next: a role or a title is granted shortly by the bots, a custom item is
 * handed over by an admin. The same request again (a second tap on one button, a redelivered
 * update) answers with what became of the first purchase.
 */
export function purchaseReply(t: Translate, result: BuyResult, showName: ShowName = nameAsIs): string {
  const { purchase } = result;
  const item = showName(purchase.grant.name);
  if (!result.created) {
    switch (purchase.status) {
      case 'pending':
        return t('reply.buy.already.pending', { item });
      case 'granted':
        return t('reply.buy.already.granted', { item });
      case 'failed':
      case 'refunded':
        return t('reply.buy.already.returned', { item });
      case 'expired':
        return t('reply.buy.already.expired', { item });
    }
  }
  const params = { item, coins: purchase.price, balance: result.balance };
  switch (purchase.kind) {
    case 'discord_role':
      return t('reply.buy.role', params);
    case 'telegram_title':
      return t('reply.buy.title', params);
    case 'custom':
      return t('reply.buy.custom', params);
  }
}

/** `/buy` without a number, or with something that is not one. */
export function buyUsageReply(t: Translate): string {
  return t('reply.buy.usage');
}
