import { afterEach, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { InsufficientBalanceError, InvalidChangeError } from '../core/errors.ts';
import { heldCoins, heldCoinsInTotal, holdState } from '../ledger/holds.ts';
import { buyItem } from './buy-item.ts';
import {
  PurchaseAlreadySettledError,
  PurchaseRequestConflictError,
  ShopItemNotFoundError,
  ShopItemNotYetError,
  ShopItemSoldOutError,
  ShopItemUnavailableError,
  ShopLimitReachedError,
  ShopNeedsAccountError,
  ShopRankTooLowError,
} from './errors.ts';
import { listShopItems } from './list-shop-items.ts';
import { updateShopItem } from './manage-shop-items.ts';
import { fulfilPurchase, refundPurchase } from './settle-purchase.ts';
import { balanceOf, buyer, item, statusOf } from './testing/shop-fixtures.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

async function totalCoins(): Promise<number> {
  const { rows } = await tandem.db.pool.query<{ total: number }>(
    'SELECT coalesce(sum(balance), 0)::int AS total FROM players',
  );
  return rows[0]!.total;
}

describe('buying from the shop', () => {
  it('sells exactly the last 3 items to 50 concurrent buyers, holding each price once', async () => {
    tandem = await openTestTandem();
    const itemId = await item(tandem, { price: 100, stock: 10 });
    for (let i = 0; i < 7; i++) {
      await buyItem(tandem, { playerId: await buyer(tandem, 100), itemId, requestId: `early-${i}` });
    }
    const buyers = await Promise.all(Array.from({ length: 50 }, () => buyer(tandem, 150)));
    const before = await totalCoins();

    const results = await Promise.allSettled(
      buyers.map((playerId, i) =>
        buyItem(tandem, { playerId, itemId, requestId: `tap-${i}`, source: 'telegram' }),
      ),
    );
    const sold = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(sold).toHaveLength(3);
    for (const r of refused) expect(r.reason).toBeInstanceOf(ShopItemSoldOutError);

    const { rows } = await tandem.db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM shop_purchases WHERE item_id = $1',
      [itemId],
    );
    expect(rows[0]!.n).toBe(10);
    // Coins conserved: what left the balances is exactly what is held, and the ledger says so.
    expect(before - (await totalCoins())).toBe(300);
    expect(await heldCoinsInTotal(tandem.db.pool)).toBe(1000);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
    const { rows: sums } = await tandem.db.pool.query<{ ledger: number; balances: number }>(
      `SELECT (SELECT sum(coin_delta) FROM ledger_entries)::int AS ledger, (SELECT sum(balance) FROM players)::int AS balances`,
    );
    expect(sums[0]!.ledger).toBe(sums[0]!.balances);
    expect(sums[0]!.balances).toBe(7 * 100 + 50 * 150 - 1000);
    const [listing] = await listShopItems(tandem, { playerId: buyers[0] });
    expect(listing).toMatchObject({ id: itemId, left: 0 });
  });

  it('answers a double tap with the first purchase and takes the coins once', async () => {
    tandem = await openTestTandem();
    const itemId = await item(tandem, { price: 40 });
    const other = await item(tandem, { price: 10 });
    const playerId = await buyer(tandem, 100);
    const tap = { playerId, itemId, requestId: 'tg-update-99', source: 'telegram' as const };
    const taps = await Promise.all(Array.from({ length: 5 }, () => buyItem(tandem, tap)));
    expect(new Set(taps.map((t) => t.purchase.id)).size).toBe(1);
    expect(taps.filter((t) => t.created)).toHaveLength(1);
    expect(await balanceOf(tandem, playerId)).toBe(60);
    expect(await heldCoins(tandem.db.pool, playerId)).toBe(40);
    await expect(buyItem(tandem, { ...tap, itemId: other })).rejects.toBeInstanceOf(
      PurchaseRequestConflictError,
    );
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('refuses by each rule of the item, writing nothing', async () => {
    tandem = await openTestTandem();
    const now = new Date();
    const hour = 3_600_000;
    const playerId = await buyer(tandem, 500);
    const rank = await tandem.db.prisma.rank.findFirstOrThrow({
      where: { minXp: { gt: 0 } },
      orderBy: { minXp: 'asc' },
    });
    const cases: Array<[Partial<Parameters<typeof item>[1]>, new (...args: never[]) => Error]> = [
      [{ active: false }, ShopItemUnavailableError],
      [{ availableFrom: new Date(now.getTime() + hour) }, ShopItemNotYetError],
      [
        { availableFrom: new Date(now.getTime() - 2 * hour), availableUntil: new Date(now.getTime() - hour) },
        ShopItemUnavailableError,
      ],
      [{ minRankId: rank.id }, ShopRankTooLowError],
      [{ stock: 0 }, ShopItemSoldOutError],
      [{ price: 501 }, InsufficientBalanceError],
      [{ kind: 'discord_role', discordRoleId: '555' }, ShopNeedsAccountError],
      [{ kind: 'telegram_title', telegramChatId: '-1001', telegramTitle: 'VIP' }, ShopNeedsAccountError],
    ];
    for (const [fields, error] of cases) {
      const itemId = await item(tandem, fields);
      const refusal = await buyItem(tandem, { playerId, itemId, requestId: `r-${itemId}` }, now).catch(
        (e) => e,
      );
      expect(refusal).toBeInstanceOf(error);
      expect(refusal.playerMessage?.key).toMatch(/^error\.(shop|insufficientBalance)/);
    }
    await expect(buyItem(tandem, { playerId, itemId: 999_999, requestId: 'x' })).rejects.toBeInstanceOf(
      ShopItemNotFoundError,
    );
    await expect(buyItem(tandem, { playerId, itemId: -1, requestId: 'x' })).rejects.toBeInstanceOf(
      InvalidChangeError,
    );
    expect(await tandem.db.prisma.shopPurchase.count()).toBe(0);
    expect(await balanceOf(tandem, playerId)).toBe(500);

    // The rank is reached: the item sells.
    await tandem.engine.record({
      key: `admin-xp-1-${playerId}`,
      playerId,
      type: 'xp_change',
      source: 'admin',
      xpDelta: rank.minXp,
      reason: 'grant',
    });
    const ranked = await item(tandem, { minRankId: rank.id });
    await buyItem(tandem, { playerId, itemId: ranked, requestId: 'ranked' }, now);
  });

  it('keeps to the per-player limit; a refunded purchase frees its place and its stock', async () => {
    tandem = await openTestTandem();
    const itemId = await item(tandem, { price: 10, perPlayerLimit: 2, stock: 3 });
    const playerId = await buyer(tandem, 100);
    const first = await buyItem(tandem, { playerId, itemId, requestId: 'a' });
    await buyItem(tandem, { playerId, itemId, requestId: 'b' });
    const over = await buyItem(tandem, { playerId, itemId, requestId: 'c' }).catch((e) => e);
    expect(over).toBeInstanceOf(ShopLimitReachedError);
    expect(over.playerMessage).toEqual({ key: 'error.shop.limitReached', params: { limit: 2 } });
    await updateShopItem(tandem, { id: itemId, perPlayerLimit: null });
    await buyItem(tandem, { playerId, itemId, requestId: 'd' });
    await expect(buyItem(tandem, { playerId, itemId, requestId: 'e' })).rejects.toBeInstanceOf(
      ShopItemSoldOutError,
    );

    await refundPurchase(tandem, { purchaseId: first.purchase.id, adminId: 'alice', reason: 'out of gifts' });
    expect(await balanceOf(tandem, playerId)).toBe(80);
    await buyItem(tandem, { playerId, itemId, requestId: 'f' });
    expect(await balanceOf(tandem, playerId)).toBe(70);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);

    // Linking two accounts buys no more: the purchases of the account merged away count.
    const once = await item(tandem, { price: 10, perPlayerLimit: 1 });
    const absorbed = await buyer(tandem, 10);
    const survivor = await buyer(tandem, 10);
    await buyItem(tandem, { playerId: absorbed, itemId: once, requestId: 'g' });
    await tandem.db.pool.query('UPDATE players SET merged_into_id = $1 WHERE id = $2', [survivor, absorbed]);
    await expect(
      buyItem(tandem, { playerId: survivor, itemId: once, requestId: 'h' }),
    ).rejects.toBeInstanceOf(ShopLimitReachedError);
    const listing = (await listShopItems(tandem, { playerId: survivor })).find((l) => l.id === once);
    expect(listing).toMatchObject({ bought: 1, perPlayerLimit: 1 });
  });

  it('settles a custom purchase once when fulfil and refund race', async () => {
    tandem = await openTestTandem();
    const itemId = await item(tandem, { price: 30 });
    for (let round = 0; round < 5; round++) {
      const playerId = await buyer(tandem, 30, { telegram: `${700 + round}` });
      const { purchase } = await buyItem(tandem, { playerId, itemId, requestId: `race-${round}` });
      const outcomes = await Promise.allSettled([
        fulfilPurchase(tandem, { purchaseId: purchase.id, adminId: 'alice' }),
        refundPurchase(tandem, { purchaseId: purchase.id, adminId: 'bob' }),
        fulfilPurchase(tandem, { purchaseId: purchase.id, adminId: 'carol' }),
      ]);
      const failures = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
      expect(failures.map((f) => f.reason.name)).toEqual([
        'PurchaseAlreadySettledError',
        'PurchaseAlreadySettledError',
      ]);
      for (const o of outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[]) {
        expect(o.reason).toBeInstanceOf(PurchaseAlreadySettledError);
      }
      const status = await statusOf(tandem, purchase.id);
      expect(await holdState(tandem.db.pool, purchase.holdId!)).toBe(
        status === 'granted' ? 'posted' : 'voided',
      );
      expect(await balanceOf(tandem, playerId)).toBe(status === 'granted' ? 0 : 30);
      const told = await tandem.queues.notifications.getJob(`shop-${purchase.id}-${status}-telegram`);
      expect((told?.data as { message?: { key: string } } | undefined)?.message?.key).toBe(
        status === 'granted' ? 'notice.shop.granted' : 'notice.shop.refunded',
      );
    }
    const { rows } = await tandem.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ledger_entries WHERE reason = 'shop_refund'`,
    );
    expect(rows[0]!.n).toBeLessThanOrEqual(5);
    expect(await heldCoinsInTotal(tandem.db.pool)).toBe(0);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });
});
