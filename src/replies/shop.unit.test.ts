import { describe, expect, it } from 'vitest';
import type { BuyResult } from '../shop/buy-item.ts';
import type { ShopListing } from '../shop/list-shop-items.ts';
import { shippedTranslator } from '../texts/texts.ts';
import { payReply } from './pay.ts';
import { purchaseReply, shopListReply } from './shop.ts';

const listing = (over: Partial<ShopListing>): ShopListing => ({
  id: 1,
  name: 'VIP',
  description: '',
  kind: 'discord_role',
  price: 50,
  left: null,
  durationDays: null,
  availableUntil: null,
  minRank: null,
  perPlayerLimit: null,
  bought: 0,
  ...over,
});

const bought = (over: Partial<BuyResult['purchase']>, created = true): BuyResult =>
  ({
    created,
    balance: 21,
    purchase: {
      kind: 'custom',
      price: 5,
      status: 'pending',
      grant: { kind: 'custom', name: 'Gift' },
      ...over,
    },
  }) as BuyResult;

describe('shop replies', () => {
  it('list each item with its number, price, what it gives, stock, rank and limit, then the balance', () => {
    const items = [
      listing({ id: 3, name: 'Week VIP', price: 21, durationDays: 7, left: 2, minRank: 'Scout' }),
      listing({ id: 4, name: 'Gift', kind: 'custom', price: 1, left: 0, perPlayerLimit: 2, bought: 1 }),
      listing({ id: 5, name: 'Title', kind: 'telegram_title', price: 5, description: 'Stand out' }),
    ];
    expect(shopListReply(shippedTranslator('en'), items, 1, 'telegram')).toBe(
      [
        '🛍️ The shop',
        '',
        '3. Week VIP: 21 coins',
        '   a Discord role for 7 days · 2 left · from the rank Scout',
        '4. Gift: 1 coin',
        '   an admin hands it over · sold out · you bought 1 of 2',
        '5. Title: 5 coins',
        '   a custom title in the Telegram group',
        '   Stand out',
        '',
        'Your balance: 1 coin.',
        "To buy, press a button below or send /buy with the item's number.",
      ].join('\n'),
    );
    const russian = shopListReply(shippedTranslator('ru'), items, 5, 'discord');
    expect(russian).toContain('3. Week VIP: 21 монета');
    expect(russian).toContain('роль в Discord на 7 дней · осталось 2 штуки · с ранга Scout');
    expect(russian).toContain('Ваш баланс: 5 монет.');
    expect(shopListReply(shippedTranslator('ru'), [], 2, 'telegram')).toBe(
      'Сейчас в магазине ничего не продаётся. Ваш баланс: 2 монеты.',
    );
  });

  it('say what happens next after a purchase, and what became of a purchase asked for again', () => {
    const en = shippedTranslator('en');
    expect(purchaseReply(en, bought({}))).toMatch(
      /^🛍️ You bought Gift for 5 coins\. An admin will hand it over/,
    );
    expect(purchaseReply(shippedTranslator('ru'), bought({ kind: 'discord_role', price: 1 }))).toBe(
      '🛍️ Вы купили Gift за 1 монету. Роль скоро появится в вашем аккаунте Discord. Ваш баланс: 21 монета.',
    );
    expect(purchaseReply(en, bought({ status: 'failed' }, false))).toBe(
      'That purchase was made already, and its coins came back: Gift could not be handed over.',
    );
  });

  it('/pay answers with the amount, the recipient and the balance after', () => {
    const result = { created: true, balance: 3, transfer: { amount: 22 } } as Parameters<typeof payReply>[1];
    expect(payReply(shippedTranslator('ru'), result, '@vera')).toBe(
      '💸 Вы перевели 22 монеты игроку @vera. Ваш баланс: 3 монеты.',
    );
  });
});
