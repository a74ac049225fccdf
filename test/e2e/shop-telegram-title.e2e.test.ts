import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdState } from '../../src/ledger/holds.ts';
import { buyItem } from '../../src/shop/buy-item.ts';
import { createShopItem } from '../../src/shop/manage-shop-items.ts';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';
import { ledgerMatchesTotals } from '../support/ledger.ts';
import { waitFor } from '../support/wait-for.ts';

describe('a Telegram title bought in the shop (real telegraf port, workers and the emulator)', () => {
  let world: BotWorld;
  let groupId: number;
  let itemId: number;
  let account: string;
  let buys = 0;

  const buy = async () => {
    buys += 1;
    const { purchase } = await buyItem(world.tandem, {
      playerId: account,
      itemId,
      requestId: `tg-title-${buys}`,
      source: 'telegram',
    });
    return purchase;
  };
  const statusOf = async (purchaseId: string) =>
    (await world.tandem.db.prisma.shopPurchase.findUniqueOrThrow({ where: { id: purchaseId } })).status;
  const balance = async () =>
    (await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: account } })).balance;
  /** Ben as the group shows him in the emulator's world. */
  const benInGroup = async () => {
    const ben = world.telegramUser(1);
    const group = (await world.telegram.control.world()).groups.find((g) => g.id === groupId);
    return group?.members.find((member) => member.id === ben.id);
  };

  beforeAll(async () => {
    world = await openBotWorld();
    groupId = world.demo.telegram.group!.id;
    const ben = world.telegramUser(1);
    expect(await ben.command('balance')).toBeTruthy();
    account = await ben.playerId();
    await world.tandem.engine.record({
      key: `admin-grant-title-coins-${account}`,
      playerId: account,
      type: 'balance_change',
      source: 'admin',
      coinDelta: 200,
      reason: 'grant',
    });
    const item = await createShopItem(world.tandem, {
      name: 'Patron title',
      kind: 'telegram_title',
      price: 60,
      telegramChatId: String(groupId),
      telegramTitle: 'Patron',
    });
    itemId = item.id;
    await world.settle();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('refunds the coins when the bot may not add administrators in the group', async () => {
    const ben = world.telegramUser(1);
    const before = await balance();
    const purchase = await buy();
    expect(await balance()).toBe(before - 60);
    await waitFor(async () => (await statusOf(purchase.id)) === 'failed', 'the purchase failed');
    expect(await holdState(world.tandem.db.pool, purchase.holdId!)).toBe('voided');
    expect(await balance()).toBe(before);
    const refused = world.telegram.control
      .log({ types: ['api.call'] })
      .filter((event) => event.type === 'api.call' && event.method === 'promoteChatMember');
    expect(refused).toMatchObject([
      { ok: false, errorCode: 400, description: 'Bad Request: not enough rights' },
    ]);
    expect(await benInGroup()).toEqual({ id: ben.id, status: 'member', isBot: false });
    await waitFor(
      async () =>
        ben.botTexts().some((text) => /Patron title could not be granted.*60 coins came back/.test(text)),
      'the refund notice',
    );
    await world.settle();
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });

  it('makes the buyer an administrator with the least right and the title, and posts the hold', async () => {
    const ben = world.telegramUser(1);
    const ana = world.telegramUser(0);
    const bot = world.demo.telegram.bot;
    // The group's owner lets the bot add administrators, as the admin guide asks.
    await world.telegram.control.promoteMember(groupId, bot.id, {
      rights: { can_delete_messages: true, can_invite_users: true, can_promote_members: true },
      by: ana.id,
    });
    const before = await balance();
    const purchase = await buy();
    await waitFor(async () => (await statusOf(purchase.id)) === 'granted', 'the purchase granted');
    expect(await holdState(world.tandem.db.pool, purchase.holdId!)).toBe('posted');
    expect(await balance()).toBe(before - 60);
    expect(await benInGroup()).toEqual({
      id: ben.id,
      status: 'administrator',
      isBot: false,
      customTitle: 'Patron',
      promotedBy: bot.id,
      rights: expect.objectContaining({
        can_manage_chat: true,
        can_delete_messages: false,
        can_invite_users: false,
        can_promote_members: false,
        can_restrict_members: false,
        can_pin_messages: false,
      }),
    });
    await waitFor(
      async () => ben.botTexts().some((text) => text.includes('Patron title is yours now')),
      'the granted notice',
    );
    await world.settle();
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });
});
