import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';
import { createShopItem } from '../shop/manage-shop-items.ts';

let t: TelegramBotUnderTest;

beforeAll(async () => {
  t = await openTelegramBotUnderTest();
});

afterAll(async () => {
  await t?.close();
});

describe('/shop, /buy and /pay: what a player types', () => {
  it('an empty shop says so, with the balance; /buy without a number explains itself', async () => {
    const ana = t.newUser('Ana');
    expect((await ana.command('shop')).text).toBe(
      'The shop has nothing for sale right now. Your balance: 0 coins.',
    );
    for (const args of [undefined, 'vip', '1.5', '-2']) {
      expect((await ana.command('buy', args)).text).toBe(
        'Send /buy with the number of an item in /shop, e.g. /buy 1.',
      );
    }
    expect((await ana.command('buy', '999')).text).toBe('There is no such item in the shop.');
  });

  it('refuses a purchase above the balance, and one of a role without a linked Discord account', async () => {
    const gift = await createShopItem(t.tandem, { name: 'Gift', kind: 'custom', price: 30 });
    const role = await createShopItem(t.tandem, {
      name: 'VIP',
      kind: 'discord_role',
      discordRoleId: '123456789012345678',
      price: 5,
    });
    const ben = t.newUser('Ben');
    await ben.command('profile');
    await t.grantCoins(await ben.playerId(), 10);
    expect((await ben.command('buy', String(gift.id))).text).toBe(
      'You have 10 coins: not enough for this item at 30 coins.',
    );
    expect((await ben.command('buy', String(role.id))).text).toBe(
      'This item is a Discord role: link your Discord account first with /link.',
    );
    const list = (await ben.command('shop')).text ?? '';
    expect(list).toContain(`${role.id}. VIP: 5 coins`);
    expect(list).toContain('Your balance: 10 coins.');
  });

  it('/pay explains its form, and names who it cannot find', async () => {
    const cleo = t.newUser('Cleo');
    for (const args of [undefined, '50', '@someone', '@someone many', 'two words 5']) {
      expect((await cleo.command('pay', args)).text).toMatch(/^Send \/pay with a player and an amount/);
    }
    expect((await cleo.command('pay', '@ghost 5')).text).toMatch(/^I know no player called @ghost\./);
    // Two players known by the same name: a reply to the right one's message says who.
    const first = t.newUser('twin');
    const second = t.newUser('Twin');
    await first.command('profile');
    await second.command('profile');
    expect((await cleo.command('pay', '@twin 5')).text).toBe(
      'Several players are called @twin. Reply to a message of the one you mean with /pay and the amount.',
    );
  });
});
