import { UnrecoverableError, Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { InvalidChangeError } from '../core/errors.ts';
import { holdState } from '../ledger/holds.ts';
import { shopTick } from '../sync/maintenance/shop-tick.ts';
import { PlatformRefusedError } from '../sync/ports.ts';
import { processShopJob } from '../sync/processors/process-shop-job.ts';
import { queueNames } from '../sync/queues.ts';
import { buyItem } from './buy-item.ts';
import { createShopItem, updateShopItem } from './manage-shop-items.ts';
import { findPurchase } from './purchase.ts';
import { fulfilPurchase } from './settle-purchase.ts';
import { balanceOf, buyer, item, shopJob, statusOf } from './testing/shop-fixtures.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

const day = 24 * 3_600_000;

/** A Telegram port that can set member titles, as the telegraf one does. */
class TitledTelegram extends FakeTelegram {
  readonly titles: string[] = [];
  async setMemberTitle(chatId: string, userId: string, title: string): Promise<void> {
    this.titles.push(`${chatId} ${userId} ${title}`);
  }
}

async function refunds(purchaseId: string): Promise<number> {
  const { rows } = await tandem.db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ledger_entries WHERE reason = 'shop_refund' AND metadata->>'purchaseId' = $1`,
    [purchaseId],
  );
  return rows[0]!.n;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('granting purchases', () => {
  it('grants a bought role through the platform queue and posts the hold', async () => {
    const discord = new FakeDiscord();
    tandem = await openTestTandem({ ports: { telegram: null, discord } });
    tandem.startWorkers();
    const itemId = await item(tandem, { kind: 'discord_role', discordRoleId: '900', price: 50 });
    const playerId = await buyer(tandem, 80, { discord: '111', telegram: '222' });
    const { purchase } = await buyItem(tandem, { playerId, itemId, requestId: 'tg-1', source: 'telegram' });
    await waitFor(async () => (await statusOf(tandem, purchase.id)) === 'granted');
    expect(discord.rolesOf('111')).toEqual(['900']);
    expect(await holdState(tandem.db.pool, purchase.holdId!)).toBe('posted');
    expect(await balanceOf(tandem, playerId)).toBe(30);
    // The notice follows the settlement's commit, and the worker sends it in the buyer's language.
    // The hold itself is not told: the buyer hears once, when the purchase is settled.
    await waitFor(async () => discord.messages.some((m) => m.text.includes('Gift')));
    await tandem.settle();
    expect(discord.messages.filter((m) => !m.text.includes('An admin gave you'))).toEqual([
      { userId: '111', text: '🛍️ Gift is yours now.' },
    ]);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('refunds a grant the platform refuses, once, however often the job runs', async () => {
    const discord = new FakeDiscord();
    discord.failNext = 100;
    discord.failWith = () =>
      new PlatformRefusedError('discord', "Missing Permissions: role 901 is above the bot's role");
    tandem = await openTestTandem({ ports: { telegram: null, discord } });
    const itemId = await item(tandem, { kind: 'discord_role', discordRoleId: '901', price: 70 });
    const playerId = await buyer(tandem, 100, { discord: '112' });
    const { purchase } = await buyItem(tandem, { playerId, itemId, requestId: 'dc-1', source: 'discord' });
    expect(await balanceOf(tandem, playerId)).toBe(30);

    const runs = await Promise.all([
      processShopJob(tandem, shopJob('shop-grant', purchase.id)),
      processShopJob(tandem, shopJob('shop-grant', purchase.id)),
    ]);
    runs.push(await processShopJob(tandem, shopJob('shop-grant', purchase.id)));
    expect(runs.filter((r) => r === 'failed').length).toBeGreaterThanOrEqual(1);
    expect(await statusOf(tandem, purchase.id)).toBe('failed');
    expect(await refunds(purchase.id)).toBe(1);
    expect(await holdState(tandem.db.pool, purchase.holdId!)).toBe('voided');
    expect(await balanceOf(tandem, playerId)).toBe(100);
    const told = await tandem.queues.notifications.getJob(`shop-${purchase.id}-failed-discord`);
    expect(told?.data).toMatchObject({ message: { key: 'notice.shop.failed', params: { coins: 70 } } });
    expect((await findPurchase(tandem.db.pool, purchase.id))?.reason).toMatch(/Missing Permissions/);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('retries a grant that failed for a passing reason, and refunds after the last attempt', async () => {
    const discord = new FakeDiscord();
    discord.failNext = 3;
    tandem = await openTestTandem({ ports: { telegram: null, discord } });
    const itemId = await item(tandem, { kind: 'discord_role', discordRoleId: '902', price: 10 });
    const playerId = await buyer(tandem, 10, { discord: '113' });
    const { purchase } = await buyItem(tandem, { playerId, itemId, requestId: 'a' });
    await expect(processShopJob(tandem, shopJob('shop-grant', purchase.id, 0))).rejects.toThrow(/503/);
    await expect(processShopJob(tandem, shopJob('shop-grant', purchase.id, 1))).rejects.toThrow(/503/);
    expect(await statusOf(tandem, purchase.id)).toBe('pending');
    expect(await processShopJob(tandem, shopJob('shop-grant', purchase.id, 2))).toBe('failed');
    expect(await balanceOf(tandem, playerId)).toBe(10);
    expect(await refunds(purchase.id)).toBe(1);
  });

  it('takes a timed role back once at its end, and keeps a role another purchase still pays for', async () => {
    const discord = new FakeDiscord();
    tandem = await openTestTandem({ ports: { telegram: null, discord } });
    const timed = await item(tandem, {
      kind: 'discord_role',
      discordRoleId: '903',
      durationDays: 3,
      price: 20,
    });
    const playerId = await buyer(tandem, 100, { discord: '114' });
    const { purchase } = await buyItem(tandem, { playerId, itemId: timed, requestId: 'a' });
    const t0 = new Date();
    expect(await processShopJob(tandem, shopJob('shop-grant', purchase.id), t0)).toBe('granted');
    const granted = await findPurchase(tandem.db.pool, purchase.id);
    expect(granted?.expiresAt?.getTime()).toBe(t0.getTime() + 3 * day);
    const revokeJob = await tandem.queues.platform.getJob(`shop-revoke-${purchase.id}`);
    expect(await revokeJob?.getState()).toBe('delayed');
    expect(revokeJob?.opts.delay).toBe(3 * day);
    expect(discord.rolesOf('114')).toEqual(['903']);

    const at = (ms: number) => new Date(t0.getTime() + ms);
    expect(await processShopJob(tandem, shopJob('shop-revoke', purchase.id), at(2 * day))).toBe('not_due');
    expect(discord.rolesOf('114')).toEqual(['903']);
    const outcomes = [
      await processShopJob(tandem, shopJob('shop-revoke', purchase.id), at(3 * day)),
      await processShopJob(tandem, shopJob('shop-revoke', purchase.id), at(3 * day + 1000)),
    ];
    await shopTick(tandem, at(4 * day));
    expect(outcomes).toEqual(['revoked', 'skipped']);
    expect(discord.rolesOf('114')).toEqual([]);
    expect(discord.calls.filter((c) => c.startsWith('revokeRole'))).toEqual(['revokeRole 114 903']);
    expect(await statusOf(tandem, purchase.id)).toBe('expired');
    expect(await tandem.queues.notifications.getJob(`shop-${purchase.id}-expired-discord`)).toBeDefined();
    // The coins were spent: an expiry gives nothing back.
    expect(await holdState(tandem.db.pool, purchase.holdId!)).toBe('posted');

    // Bought again, and once more for good: the timed one ending leaves the role in place.
    const again = await buyItem(tandem, { playerId, itemId: timed, requestId: 'b' });
    const forGood = await item(tandem, { kind: 'discord_role', discordRoleId: '903', price: 30 });
    const kept = await buyItem(tandem, { playerId, itemId: forGood, requestId: 'c' });
    await processShopJob(tandem, shopJob('shop-grant', again.purchase.id), at(5 * day));
    await processShopJob(tandem, shopJob('shop-grant', kept.purchase.id), at(5 * day));
    expect(await processShopJob(tandem, shopJob('shop-revoke', again.purchase.id), at(9 * day))).toBe(
      'revoked',
    );
    expect(discord.rolesOf('114')).toEqual(['903']);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('schedules the end of a timed role an admin handed over by hand', async () => {
    tandem = await openTestTandem({ ports: { telegram: null, discord: new FakeDiscord() } });
    const timed = await item(tandem, {
      kind: 'discord_role',
      discordRoleId: '905',
      durationDays: 1,
      price: 5,
    });
    const playerId = await buyer(tandem, 5, { discord: '117' });
    const { purchase } = await buyItem(tandem, { playerId, itemId: timed, requestId: 'a' });
    const t0 = new Date();
    const granted = await fulfilPurchase(tandem, { purchaseId: purchase.id, adminId: 'alice' }, t0);
    expect(granted.expiresAt?.getTime()).toBe(t0.getTime() + day);
    const revoke = await tandem.queues.platform.getJob(`shop-revoke-${purchase.id}`);
    expect(revoke?.opts.delay).toBe(day);
    // The grant job, arriving after the admin, finds nothing left to do.
    expect(await processShopJob(tandem, shopJob('shop-grant', purchase.id))).toBe('skipped');
  });

  it('sets a Telegram title, and refunds when the bot cannot set titles', async () => {
    const telegram = new TitledTelegram();
    tandem = await openTestTandem({ ports: { telegram, discord: null } });
    const itemId = await item(tandem, {
      kind: 'telegram_title',
      telegramChatId: '-100123',
      telegramTitle: 'Patron',
      price: 25,
    });
    const playerId = await buyer(tandem, 50, { telegram: '4242' });
    const { purchase } = await buyItem(tandem, { playerId, itemId, requestId: 'a' });
    expect(await processShopJob(tandem, shopJob('shop-grant', purchase.id))).toBe('granted');
    expect(telegram.titles).toEqual(['-100123 4242 Patron']);

    const plain = await openTestTandem({ ports: { telegram: new FakeTelegram(), discord: null } });
    try {
      const plainItem = await item(plain, {
        kind: 'telegram_title',
        telegramChatId: '-1',
        telegramTitle: 'X',
        price: 10,
      });
      const other = await buyer(plain, 50, { telegram: '4343' });
      const bought = await buyItem(plain, { playerId: other, itemId: plainItem, requestId: 'a' });
      expect(await processShopJob(plain, shopJob('shop-grant', bought.purchase.id))).toBe('failed');
      expect(await balanceOf(plain, other)).toBe(50);
    } finally {
      await plain.stop();
    }
  });

  it('the minute tick queues a lost grant again, and fails one whose job failed for good', async () => {
    const discord = new FakeDiscord();
    tandem = await openTestTandem({ ports: { telegram: null, discord } });
    const itemId = await item(tandem, { kind: 'discord_role', discordRoleId: '904', price: 10 });
    const lost = await buyItem(tandem, {
      playerId: await buyer(tandem, 10, { discord: '115' }),
      itemId,
      requestId: 'a',
    });
    const stalled = await buyItem(tandem, {
      playerId: await buyer(tandem, 10, { discord: '116' }),
      itemId,
      requestId: 'b',
    });
    await (await tandem.queues.platform.getJob(`shop-grant-${lost.purchase.id}`))?.remove();
    // The stalled job as BullMQ leaves it: taken by a worker that died, then failed for good.
    const dead = new Worker(queueNames.platform, null, {
      connection: tandem.workerRedis,
      prefix: tandem.prefix,
    });
    const taken = await dead.getNextJob('dead-worker');
    expect(taken?.id).toBe(`shop-grant-${stalled.purchase.id}`);
    await taken!.moveToFailed(
      new UnrecoverableError('job stalled more than allowable limit'),
      'dead-worker',
      false,
    );
    await dead.close();

    expect(await shopTick(tandem, new Date())).toEqual({ grants: 0, failed: 0, revokes: 0 });
    const later = new Date(Date.now() + 2 * 60_000);
    expect(await shopTick(tandem, later)).toEqual({ grants: 1, failed: 1, revokes: 0 });
    expect(await tandem.queues.platform.getJob(`shop-grant-${lost.purchase.id}`)).toBeDefined();
    expect(await statusOf(tandem, stalled.purchase.id)).toBe('failed');
    expect(await shopTick(tandem, later)).toEqual({ grants: 0, failed: 0, revokes: 0 });
  });
});

describe('managing shop items', () => {
  it('refuses an item whose fields do not fit its kind, and an edit over a newer version', async () => {
    tandem = await openTestTandem();
    const bad = [
      { name: 'Role', kind: 'discord_role' as const, price: 10 },
      { name: 'Title', kind: 'telegram_title' as const, price: 10, telegramChatId: '-1' },
      { name: 'Gift', kind: 'custom' as const, price: 10, durationDays: 3 },
      { name: 'Free', kind: 'custom' as const, price: 0 },
      {
        name: 'Window',
        kind: 'custom' as const,
        price: 1,
        availableFrom: '2030-01-02',
        availableUntil: '2030-01-01',
      },
      { name: 'Rank', kind: 'custom' as const, price: 1, minRankId: 999 },
    ];
    for (const input of bad) {
      await expect(createShopItem(tandem, input)).rejects.toBeInstanceOf(InvalidChangeError);
    }
    const rank = await tandem.db.prisma.rank.findFirstOrThrow();
    await tandem.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: '77' } });
    const rankRole = await createShopItem(tandem, {
      name: 'Rank role',
      kind: 'discord_role',
      price: 10,
      discordRoleId: '77',
    }).catch((e) => e);
    expect(rankRole).toBeInstanceOf(InvalidChangeError);
    expect(rankRole.fields).toMatchObject({ discordRoleId: expect.stringContaining(rank.name) });
    const role = await createShopItem(tandem, {
      name: 'Role',
      kind: 'discord_role',
      price: 10,
      discordRoleId: '1',
    });
    await expect(updateShopItem(tandem, { id: role.id, discordRoleId: null })).rejects.toBeInstanceOf(
      InvalidChangeError,
    );
    const moved = await updateShopItem(tandem, { id: role.id, expectedVersion: 1, price: 20 });
    expect(moved).toMatchObject({ price: 20, version: 2 });
    await expect(
      updateShopItem(tandem, { id: role.id, expectedVersion: 1, price: 30 }),
    ).rejects.toMatchObject({
      name: 'VersionConflictError',
    });
    expect(await tandem.db.prisma.shopItem.count()).toBe(1);
  });
});
