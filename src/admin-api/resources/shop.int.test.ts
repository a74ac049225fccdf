import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openResourcesTestApp,
  type ResourcesTestApp,
  totalOf,
} from '../../../test/support/resources-test-app.ts';
import { buyItem } from '../../shop/buy-item.ts';
import { buyer } from '../../shop/testing/shop-fixtures.ts';
import { transferCoins } from '../../transfers/transfer-coins.ts';

let api: ResourcesTestApp;
beforeEach(async () => {
  api = await openResourcesTestApp();
});
afterEach(async () => {
  await api.close();
});

type Answer = { message: string; errors: Record<string, unknown> } & Record<string, unknown>;

describe('the shop in the panel', () => {
  it('creates and edits items over the version opened, with each field error named', async () => {
    const bad = await api.request<Answer>('POST', '/shop_items', {
      name: 'VIP',
      kind: 'discord_role',
      price: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toMatchObject({ price: expect.any(String) });
    const noRole = await api.request<Answer>('POST', '/shop_items', {
      name: 'VIP',
      kind: 'discord_role',
      price: 5,
    });
    expect(noRole.status).toBe(400);
    expect(noRole.body.errors).toMatchObject({ discordRoleId: expect.stringContaining('required') });

    const created = await api.request<Answer>('POST', '/shop_items', {
      name: 'VIP',
      kind: 'discord_role',
      price: 500,
      discordRoleId: '123456',
      durationDays: 30,
      stock: 10,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'VIP', version: 1, sold: 0, active: true });
    const id = created.body.id as number;

    const edited = await api.request<Answer>('PUT', `/shop_items/${id}`, { ...created.body, price: 400 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ price: 400, version: 2, kind: 'discord_role' });
    const stale = await api.request<Answer>('PUT', `/shop_items/${id}`, { ...created.body, price: 300 });
    expect(stale.status).toBe(409);
    expect(totalOf(await api.list('shop_items', { filter: { q: 'vi' } }))).toBe(1);

    const { rows } = await api.tandem.db.pool.query(
      `SELECT action FROM admin_audit WHERE entity = 'shop_items' ORDER BY id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
  });

  it('lists purchases with their hold, fulfils and refunds them once', async () => {
    const item = await api.request<Answer>('POST', '/shop_items', {
      name: 'Shout-out',
      kind: 'custom',
      price: 50,
    });
    const itemId = item.body.id as number;
    const ada = await buyer(api.tandem, 100);
    const first = await buyItem(api.tandem, { playerId: ada, itemId, requestId: 'a' });
    const second = await buyItem(api.tandem, { playerId: ada, itemId, requestId: 'b' });

    const pending = await api.list('shop_purchases', { filter: { status: 'pending' } });
    expect(totalOf(pending)).toBe(2);
    expect(pending.body[0]).toMatchObject({
      itemName: 'Shout-out',
      holdState: 'pending',
      price: 50,
      version: 1,
    });

    const fulfilled = await api.request<Answer>('POST', `/shop_purchases/${first.purchase.id}/fulfil`, {
      version: 1,
    });
    expect(fulfilled.status).toBe(200);
    expect(fulfilled.body.data).toMatchObject({ status: 'granted', settledBy: 'alice', holdState: 'posted' });
    const again = await api.request<Answer>('POST', `/shop_purchases/${first.purchase.id}/refund`, {});
    expect(again.status).toBe(409);

    const refunded = await api.request<Answer>('POST', `/shop_purchases/${second.purchase.id}/refund`, {
      note: 'We ran out of shout-outs this week',
    });
    expect(refunded.status).toBe(200);
    expect(refunded.body.data).toMatchObject({ status: 'refunded', holdState: 'voided' });
    expect((await api.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: ada } })).balance).toBe(50);
    const { rows } = await api.tandem.db.pool.query(
      `SELECT action FROM admin_audit WHERE entity = 'shop_purchases' ORDER BY id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['fulfil', 'refund']);
    const ledger = await api.list('ledger', {
      filter: { purchaseId: second.purchase.id },
      // The ledger is ordered by time (ties by id, which follows it).
      sort: ['createdAt', 'ASC'],
    });
    expect(ledger.body.map((r) => [r.reason, r.coinDelta])).toEqual([
      ['shop_hold', -50],
      ['shop_refund', 50],
    ]);
  });

  it('sets the transfer limits; 0 turns transfers off', async () => {
    const current = await api.request<Answer>('GET', '/settings/transfers');
    expect(current.body).toMatchObject({
      id: 'transfers',
      dailyLimit: 1000,
      minAccountAgeDays: 7,
      version: 0,
    });
    const bad = await api.request<Answer>('PUT', '/settings/transfers', { dailyLimit: -1, version: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toMatchObject({ dailyLimit: expect.any(String) });
    const ada = await buyer(api.tandem, 100);
    const bob = await buyer(api.tandem, 0);
    await api.tandem.db.pool.query(`UPDATE players SET created_at = now() - interval '30 days'`);
    const { transfer } = await transferCoins(api.tandem, {
      fromPlayerId: ada,
      toPlayerId: bob,
      amount: 5,
      requestId: 'before',
    });
    const sides = await api.list('ledger', {
      filter: { transferId: transfer.id },
      sort: ['createdAt', 'ASC'],
    });
    expect(sides.body.map((r) => [r.playerId, r.reason, r.coinDelta])).toEqual([
      [ada, 'transfer_out', -5],
      [bob, 'transfer_in', 5],
    ]);

    const off = await api.request<Answer>('PUT', '/settings/transfers', { dailyLimit: 0, version: 0 });
    expect(off.status).toBe(200);
    await expect(
      transferCoins(api.tandem, { fromPlayerId: ada, toPlayerId: bob, amount: 5, requestId: 'a' }),
    ).rejects.toMatchObject({ name: 'TransfersOffError' });
  });
});
