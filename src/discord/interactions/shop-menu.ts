import { type APIActionRowComponent, type APIStringSelectComponent, ComponentType } from 'discord.js';
import { isForSale, itemKindText } from '../../replies/shop.ts';
import type { ShopListing } from '../../shop/list-shop-items.ts';
import type { Translate } from '../../texts/texts.ts';

/** The custom id of /shop's select menu; each option's value is an item's number. */
export const shopMenuId = 'shop:buy';

/** Discord's limits: 25 options a menu, 100 characters a label or description. */
const maxOptions = 25;
const maxLength = 100;

function clip(text: string): string {
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/**
 * The menu under /shop: one option per item left to buy (the cheapest 25, Discord's limit), its
 * price and what it gives as the option's description. None when nothing can be bought.
 */
export function shopMenu(
  t: Translate,
  items: readonly ShopListing[],
): APIActionRowComponent<APIStringSelectComponent>[] {
  const options = items
    .filter(isForSale)
    .slice(0, maxOptions)
    .map((item) => ({
      label: clip(item.name),
      value: String(item.id),
      description: clip(`${t('common.coins', { coins: item.price })} · ${itemKindText(t, item)}`),
    }));
  if (options.length === 0) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: shopMenuId,
          placeholder: clip(t('reply.shop.menuPlaceholder')),
          min_values: 1,
          max_values: 1,
          options,
        },
      ],
    },
  ];
}
