import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../../test/support/fake-ports.ts';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { InsufficientBalanceError, InvalidChangeError } from '../core/errors.ts';
import {
  RecipientMergedError,
  RecipientNotFoundError,
  SenderTooNewError,
  TransferDailyLimitError,
  TransferRequestConflictError,
  TransfersOffError,
  TransferToSelfError,
} from './errors.ts';
import { transferCoins } from './transfer-coins.ts';
import { readTransferSettings, saveTransferSettings } from './transfer-settings.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

/** A player old enough to send coins (30 days) holding `coins`. */
async function player(coins: number, name = 'Player', ageDays = 30): Promise<string> {
  const playerId = await tandem.createPlayer(name);
  await tandem.db.pool.query(
    `UPDATE players SET created_at = now() - make_interval(days => $2) WHERE id = $1`,
    [playerId, ageDays],
  );
  if (coins > 0) {
    await tandem.engine.record({
      key: `admin-grant-1-${playerId}`,
      playerId,
      type: 'balance_change',
      source: 'admin',
      coinDelta: coins,
      reason: 'grant',
    });
  }
  return playerId;
}

async function balanceOf(playerId: string): Promise<number> {
  const row = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } });
  return row.balance;
}

async function transferCount(): Promise<number> {
  const { rows } = await tandem.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM coin_transfers');
  return rows[0]!.n;
}

async function setLimits(dailyLimit: number, minAccountAgeDays = 7): Promise<void> {
  await saveTransferSettings(tandem, { value: { dailyLimit, minAccountAgeDays } });
}

describe('transfers between players', () => {
  it('moves the coins in one transaction, names both parties and tells the recipient', async () => {
    const telegram = new FakeTelegram();
    tandem = await openTestTandem({ ports: { telegram, discord: null } });
    tandem.startWorkers();
    const alice = await player(500, 'Alice');
    const bob = await player(0, 'Bob');
    await tandem.db.prisma.identity.create({
      data: { playerId: bob, platform: 'telegram', platformUserId: '42' },
    });

    const paid = await transferCoins(tandem, {
      fromPlayerId: alice,
      toPlayerId: bob,
      amount: 120,
      requestId: 'tg-update-1',
      source: 'telegram',
    });
    expect(paid).toMatchObject({ created: true, balance: 380, recipientBalance: 120 });
    expect(await balanceOf(alice)).toBe(380);
    expect(await balanceOf(bob)).toBe(120);

    const rows = await tandem.db.prisma.ledgerEntry.findMany({
      where: { reason: { in: ['transfer_out', 'transfer_in'] } },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => [r.playerId, r.coinDelta, r.reason])).toEqual([
      [alice, -120, 'transfer_out'],
      [bob, 120, 'transfer_in'],
    ]);
    expect(rows[0]!.metadata).toMatchObject({ transferId: paid.transfer.id, toPlayerId: bob, toName: 'Bob' });
    expect(rows[1]!.metadata).toMatchObject({
      transferId: paid.transfer.id,
      fromPlayerId: alice,
      fromName: 'Alice',
    });
    expect(rows.every((r) => r.idempotencyKey.includes(paid.transfer.id))).toBe(true);

    const notice = await tandem.queues.notifications.getJob(`transfer-${paid.transfer.id}-telegram`);
    expect(notice?.data).toMatchObject({
      platform: 'telegram',
      platformUserId: '42',
      message: { key: 'notice.transfer.received', params: { player: 'Alice', coins: 120, balance: 120 } },
    });
    // Told once, with the sender's name: the two ledger rows add no notice of their own.
    await tandem.settle();
    expect(telegram.messages).toEqual([
      { userId: '42', text: '💸 Alice sent you 120 coins. Your balance: 120 coins.' },
    ]);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('answers a repeated request with the first transfer, and refuses the same id for another one', async () => {
    tandem = await openTestTandem();
    const alice = await player(500);
    const bob = await player(0);
    const request = { fromPlayerId: alice, toPlayerId: bob, amount: 50, requestId: 'dc-interaction-7' };
    const [first, second] = await Promise.all([
      transferCoins(tandem, request),
      transferCoins(tandem, request),
    ]);
    expect(second.transfer.id).toBe(first.transfer.id);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(await balanceOf(alice)).toBe(450);
    expect(await transferCount()).toBe(1);
    await expect(transferCoins(tandem, { ...request, amount: 60 })).rejects.toBeInstanceOf(
      TransferRequestConflictError,
    );
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('refuses paying oneself, unknown and merged players, and amounts that are not whole and positive', async () => {
    tandem = await openTestTandem();
    const alice = await player(500);
    const merged = await player(0);
    const survivor = await player(0);
    await tandem.db.pool.query('UPDATE players SET merged_into_id = $1 WHERE id = $2', [survivor, merged]);
    const pay = (toPlayerId: string, amount = 10) =>
      transferCoins(tandem, {
        fromPlayerId: alice,
        toPlayerId,
        amount,
        requestId: `r-${amount}-${toPlayerId}`,
      });

    const self = await pay(alice).catch((e) => e);
    expect(self).toBeInstanceOf(TransferToSelfError);
    expect(self.playerMessage).toEqual({ key: 'error.transfer.self' });
    await expect(pay('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(RecipientNotFoundError);
    await expect(pay(merged)).rejects.toBeInstanceOf(RecipientMergedError);
    for (const amount of [0, -5, 1.5]) {
      const error = await pay(survivor, amount).catch((e) => e);
      expect(error).toBeInstanceOf(InvalidChangeError);
      expect(error.playerFields.amount).toEqual({ key: 'error.transfer.wholeCoins' });
    }
    expect(await transferCount()).toBe(0);
    expect(await balanceOf(alice)).toBe(500);
  });

  it('pays exactly the balance and refuses one coin more', async () => {
    tandem = await openTestTandem();
    const alice = await player(100);
    const bob = await player(0);
    const over = await transferCoins(tandem, {
      fromPlayerId: alice,
      toPlayerId: bob,
      amount: 101,
      requestId: 'a',
    }).catch((e) => e);
    expect(over).toBeInstanceOf(InsufficientBalanceError);
    expect(over.playerMessage).toEqual({
      key: 'error.transfer.notEnoughCoins',
      params: { balance: 100, coins: 101 },
    });
    await transferCoins(tandem, { fromPlayerId: alice, toPlayerId: bob, amount: 100, requestId: 'b' });
    expect([await balanceOf(alice), await balanceOf(bob)]).toEqual([0, 100]);
    expect(await transferCount()).toBe(1);
  });

  it('sends up to the daily limit (UTC day) and refuses one coin more; yesterday does not count', async () => {
    tandem = await openTestTandem();
    expect((await readTransferSettings(tandem)).value).toEqual({ dailyLimit: 1000, minAccountAgeDays: 7 });
    await setLimits(100);
    const alice = await player(1000);
    const bob = await player(0);
    const carol = await player(0);
    const pay = (toPlayerId: string, amount: number, requestId: string) =>
      transferCoins(tandem, { fromPlayerId: alice, toPlayerId, amount, requestId });

    const yesterday = await pay(bob, 100, 'y');
    await tandem.db.pool.query(
      `UPDATE coin_transfers SET created_at = date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '1 second'
        WHERE id = $1`,
      [yesterday.transfer.id],
    );
    await pay(bob, 60, 'a');
    await pay(carol, 40, 'b');
    const over = await pay(carol, 1, 'c').catch((e) => e);
    expect(over).toBeInstanceOf(TransferDailyLimitError);
    expect(over.playerMessage).toEqual({ key: 'error.transfer.dailyLimit', params: { limit: 100, max: 0 } });
    const partly = await transferCoins(tandem, {
      fromPlayerId: carol,
      toPlayerId: bob,
      amount: 41,
      requestId: 'd',
    }).catch((e) => e);
    expect(partly).toBeInstanceOf(InsufficientBalanceError);
    await setLimits(150);
    const rest = await pay(carol, 51, 'e').catch((e) => e);
    expect(rest.playerMessage).toEqual({ key: 'error.transfer.dailyLimit', params: { limit: 150, max: 50 } });
    await pay(carol, 50, 'f');
    expect(await balanceOf(alice)).toBe(1000 - 250);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('refuses accounts younger than the set age, and everything when the limit is 0', async () => {
    tandem = await openTestTandem();
    const young = await player(500, 'Young', 6);
    const old = await player(500, 'Old', 7);
    const bob = await player(0);
    await expect(
      transferCoins(tandem, { fromPlayerId: young, toPlayerId: bob, amount: 10, requestId: 'a' }),
    ).rejects.toBeInstanceOf(SenderTooNewError);
    await transferCoins(tandem, { fromPlayerId: old, toPlayerId: bob, amount: 10, requestId: 'b' });
    await setLimits(1000, 0);
    await transferCoins(tandem, { fromPlayerId: young, toPlayerId: bob, amount: 10, requestId: 'c' });

    await setLimits(0);
    const off = await transferCoins(tandem, {
      fromPlayerId: old,
      toPlayerId: bob,
      amount: 1,
      requestId: 'd',
    }).catch((e) => e);
    expect(off).toBeInstanceOf(TransfersOffError);
    expect(off.playerMessage).toEqual({ key: 'error.transfer.off' });
    expect(await transferCount()).toBe(2);
    expect(await balanceOf(bob)).toBe(20);
  });

  it('never overdraws under concurrent transfers, in both directions at once', async () => {
    tandem = await openTestTandem();
    await setLimits(1_000_000);
    const alice = await player(100, 'Alice');
    const bob = await player(100, 'Bob');
    const others = await Promise.all([player(0), player(0), player(0)]);
    const attempts = [
      ...Array.from({ length: 30 }, (_, i) => ({
        fromPlayerId: alice,
        toPlayerId: i % 2 ? bob : others[i % 3]!,
        amount: 10,
        requestId: `alice-${i}`,
      })),
      ...Array.from({ length: 30 }, (_, i) => ({
        fromPlayerId: bob,
        toPlayerId: i % 2 ? alice : others[i % 3]!,
        amount: 10,
        requestId: `bob-${i}`,
      })),
    ];
    const results = await Promise.allSettled(attempts.map((a) => transferCoins(tandem, a)));
    const refused = results.filter((r) => r.status === 'rejected');
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(InsufficientBalanceError);
    const balances = await Promise.all([alice, bob, ...others].map(balanceOf));
    expect(balances.every((b) => b >= 0)).toBe(true);
    expect(balances.reduce((a, b) => a + b, 0)).toBe(200);
    const { rows } = await tandem.db.pool.query<{ sent: number }>(
      'SELECT coalesce(sum(amount), 0)::int AS sent FROM coin_transfers WHERE from_player_id = $1',
      [alice],
    );
    const { rows: received } = await tandem.db.pool.query<{ got: number }>(
      'SELECT coalesce(sum(amount), 0)::int AS got FROM coin_transfers WHERE to_player_id = $1',
      [alice],
    );
    expect(await balanceOf(alice)).toBe(100 - rows[0]!.sent + received[0]!.got);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });
});
