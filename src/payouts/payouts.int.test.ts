import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { InsufficientBalanceError, InvalidChangeError, PlayerNotFoundError } from '../core/errors.ts';
import { approvePayout, declinePayout } from './decide-payout.ts';
import {
  PayoutAlreadyDecidedError,
  PayoutNotFoundError,
  PayoutRequestConflictError,
  PayoutVersionConflictError,
} from './errors.ts';
import { requestPayout } from './request-payout.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

async function playerWithCoins(coins: number, identities: Array<['telegram' | 'discord', string]> = []) {
  const playerId = await tandem.createPlayer();
  for (const [platform, platformUserId] of identities) {
    await tandem.db.prisma.identity.create({ data: { playerId, platform, platformUserId } });
  }
  await tandem.engine.record({
    key: `admin-grant-1-${playerId}`,
    playerId,
    type: 'balance_change',
    source: 'admin',
    coinDelta: coins,
    reason: 'grant',
  });
  return playerId;
}

async function balanceOf(playerId: string): Promise<number> {
  return (await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).balance;
}

async function coinsByReason(playerId: string): Promise<Record<string, number>> {
  const { rows } = await tandem.db.pool.query(
    'SELECT reason, sum(coin_delta)::int AS coins FROM ledger_entries WHERE player_id = $1 GROUP BY reason',
    [playerId],
  );
  return Object.fromEntries(rows.map((r) => [r.reason, r.coins]));
}

describe('requesting a payout', () => {
  it('never overdraws under 50 concurrent requests against one balance', async () => {
    tandem = await openTestTandem();
    const playerId = await playerWithCoins(1000);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        requestPayout(tandem, { playerId, amount: 100, requestId: `press-${i}`, source: 'telegram' }),
      ),
    );
    const held = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(held).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(InsufficientBalanceError);
      expect(r.reason.message).toBe('You have 0 coins: not enough for a payout of 100.');
    }
    expect(await balanceOf(playerId)).toBe(0);
    const payouts = await tandem.db.prisma.payout.findMany({ where: { playerId } });
    expect(payouts).toHaveLength(10);
    expect(payouts.every((p) => p.status === 'held')).toBe(true);
    expect(await coinsByReason(playerId)).toEqual({ grant: 1000, payout_hold: -1000 });

    // Holds and refunds add up: declining 3 gives back exactly their coins, approving 7 keeps the rest.
    for (const [i, payout] of payouts.entries()) {
      if (i < 3) await declinePayout(tandem, { payoutId: payout.id, adminId: 'alice', reason: 'test' });
      else await approvePayout(tandem, { payoutId: payout.id, adminId: 'alice' });
    }
    expect(await balanceOf(playerId)).toBe(300);
    expect(await coinsByReason(playerId)).toEqual({ grant: 1000, payout_hold: -1000, payout_refund: 300 });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('returns the same payout for a double click', async () => {
    tandem = await openTestTandem();
    const playerId = await playerWithCoins(500);
    const clicks = await Promise.all(
      Array.from({ length: 5 }, () =>
        requestPayout(tandem, { playerId, amount: 150, requestId: 'tg-update-4711', note: 'PayPal please' }),
      ),
    );
    expect(new Set(clicks.map((c) => c.payout.id)).size).toBe(1);
    expect(clicks.filter((c) => c.created)).toHaveLength(1);
    expect(clicks[0]!.payout).toMatchObject({
      amount: 150,
      status: 'held',
      note: 'PayPal please',
      version: 1,
    });
    for (const c of clicks) expect(c.balance).toBe(350);
    expect(await tandem.db.prisma.payout.count()).toBe(1);
    expect(await coinsByReason(playerId)).toEqual({ grant: 500, payout_hold: -150 });
    const hold = await tandem.db.prisma.ledgerEntry.findFirstOrThrow({ where: { reason: 'payout_hold' } });
    expect(hold.idempotencyKey).toBe(`sys-payout_hold-${clicks[0]!.payout.id}-${playerId}`);

    const changed = await requestPayout(tandem, { playerId, amount: 200, requestId: 'tg-update-4711' }).catch(
      (e) => e,
    );
    expect(changed).toBeInstanceOf(PayoutRequestConflictError);
  });

  it('refuses bad amounts and bad input with a clear error and writes nothing', async () => {
    tandem = await openTestTandem();
    const playerId = await playerWithCoins(1000);
    const valid = { playerId, amount: 100, requestId: 'r1' };
    const cases: Array<[unknown, RegExp]> = [
      [{ ...valid, amount: 0 }, /amount: The smallest payout is 100 coins/],
      [{ ...valid, amount: -500 }, /The smallest payout is 100 coins/],
      [{ ...valid, amount: 99 }, /The smallest payout is 100 coins/],
      [{ ...valid, amount: 150.5 }, /Payouts are in whole coins/],
      [{ ...valid, amount: '100' }, /amount must be a number of coins/],
      [{ ...valid, amount: Number.NaN }, /amount must be a number of coins/],
      [{ ...valid, amount: 5_000_000 }, /The largest payout is 1000000 coins/],
      [{ ...valid, requestId: 'tg:1' }, /requestId: 1-100 letters/],
      [{ ...valid, playerId: 'me' }, /playerId must be a player id/],
      [{ ...valid, note: 'x'.repeat(501) }, /note: at most 500 characters/],
    ];
    for (const [input, message] of cases) {
      const error = await requestPayout(tandem, input as never).catch((e) => e);
      expect(error).toBeInstanceOf(InvalidChangeError);
      expect(error.message).toMatch(/^Invalid payout request: /);
      expect(error.message).toMatch(message);
    }
    const tooMuch = await requestPayout(tandem, { ...valid, amount: 1001 }).catch((e) => e);
    expect(tooMuch).toBeInstanceOf(InsufficientBalanceError);
    expect(tooMuch.message).toBe('You have 1000 coins: not enough for a payout of 1001.');
    const nobody = await requestPayout(tandem, {
      ...valid,
      playerId: '00000000-0000-4000-8000-000000000000',
    }).catch((e) => e);
    expect(nobody).toBeInstanceOf(PlayerNotFoundError);

    expect(await tandem.db.prisma.payout.count()).toBe(0);
    expect(await tandem.db.prisma.ledgerEntry.count()).toBe(1);
    expect(await balanceOf(playerId)).toBe(1000);
  });
});

describe('deciding a payout', () => {
  async function setup() {
    const telegram = new FakeTelegram();
    const discord = new FakeDiscord();
    tandem = await openTestTandem({ ports: { telegram, discord } });
    tandem.startWorkers();
    const playerId = await playerWithCoins(1000, [
      ['telegram', '7001'],
      ['discord', '8001'],
    ]);
    const { payout } = await requestPayout(tandem, {
      playerId,
      amount: 400,
      requestId: 'press-1',
      source: 'discord',
    });
    return { telegram, discord, playerId, payout };
  }

  const aboutPayouts = (messages: Array<{ userId: string; text: string }>) =>
    messages.filter((m) => m.text.includes('payout'));

  it('approves: no ledger change, the player is told once on each platform', async () => {
    const { telegram, discord, playerId, payout } = await setup();
    const approved = await approvePayout(tandem, {
      payoutId: payout.id,
      adminId: 'alice',
      expectedVersion: 1,
    });
    expect(approved).toMatchObject({ id: payout.id, status: 'approved', decidedBy: 'alice', version: 2 });
    expect(approved.decidedAt).toBeInstanceOf(Date);
    expect(await balanceOf(playerId)).toBe(600);
    expect(await coinsByReason(playerId)).toEqual({ grant: 1000, payout_hold: -400 });

    const text = '✅ Your payout of 400 coins was approved.';
    await vi.waitFor(() => {
      expect(aboutPayouts(telegram.messages)).toEqual([{ userId: '7001', text }]);
      expect(aboutPayouts(discord.messages)).toEqual([{ userId: '8001', text }]);
    });
    await tandem.settle();

    const twice = await approvePayout(tandem, { payoutId: payout.id, adminId: 'bob' }).catch((e) => e);
    expect(twice).toBeInstanceOf(PayoutAlreadyDecidedError);
    expect(twice.message).toBe(`Payout already approved by alice at ${approved.decidedAt!.toISOString()}`);
    const declineAfter = await declinePayout(tandem, {
      payoutId: payout.id,
      adminId: 'bob',
      reason: 'late',
    }).catch((e) => e);
    expect(declineAfter).toBeInstanceOf(PayoutAlreadyDecidedError);
    expect(await balanceOf(playerId)).toBe(600);
    // The dedup ids keep each notice single even if a decision's notices were queued again.
    await new Promise((r) => setTimeout(r, 200));
    expect(aboutPayouts(telegram.messages)).toHaveLength(1);
  });

  it('declines: refunds the hold in one transaction and tells the player why', async () => {
    const { telegram, discord, playerId, payout } = await setup();
    const declined = await declinePayout(tandem, {
      payoutId: payout.id,
      adminId: 'alice',
      reason: 'Wallet address missing',
    });
    expect(declined.payout).toMatchObject({ status: 'declined', decidedBy: 'alice', version: 2 });
    expect(declined.balance).toBe(1000);
    expect(await balanceOf(playerId)).toBe(1000);
    const refund = await tandem.db.prisma.ledgerEntry.findFirstOrThrow({
      where: { reason: 'payout_refund' },
    });
    expect(refund).toMatchObject({
      idempotencyKey: `admin-payout_refund-${payout.id}-${playerId}`,
      type: 'balance_change',
      source: 'admin',
      coinDelta: 400,
      metadata: { payoutId: payout.id, adminId: 'alice', reason: 'Wallet address missing' },
    });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);

    const text =
      'Your payout of 400 coins was declined: Wallet address missing. The coins are back in your balance (1,000 coins).';
    await vi.waitFor(() => {
      expect(aboutPayouts(telegram.messages)).toEqual([{ userId: '7001', text }]);
      expect(aboutPayouts(discord.messages)).toEqual([{ userId: '8001', text }]);
    });
    await tandem.settle();
    // The hold and the refund are told in words by the decision, not as bare coin changes.
    expect(
      telegram.messages.some((m) => m.text.includes('payout hold') || m.text.includes('payout refund')),
    ).toBe(false);
  });

  it('lets exactly one of concurrent approve and decline win', async () => {
    tandem = await openTestTandem();
    const playerId = await playerWithCoins(2000);
    let approvals = 0;
    for (let i = 0; i < 10; i++) {
      const { payout } = await requestPayout(tandem, { playerId, amount: 200, requestId: `race-${i}` });
      const [approve, decline] = await Promise.allSettled([
        approvePayout(tandem, { payoutId: payout.id, adminId: 'alice' }),
        declinePayout(tandem, { payoutId: payout.id, adminId: 'bob', reason: 'duplicate' }),
      ]);
      const winners = [approve, decline].filter((r) => r.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      const loser = [approve, decline].find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason).toBeInstanceOf(PayoutAlreadyDecidedError);
      expect(loser.reason.message).toMatch(/^Payout already (approved by alice|declined by bob) at \d{4}-/);
      if (approve.status === 'fulfilled') approvals++;
      const stored = await tandem.db.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } });
      expect(stored.status).toBe(approve.status === 'fulfilled' ? 'approved' : 'declined');
    }
    expect(await balanceOf(playerId)).toBe(2000 - approvals * 200);
    const byReason = await coinsByReason(playerId);
    expect(byReason.payout_hold).toBe(-2000);
    expect(byReason.payout_refund ?? 0).toBe((10 - approvals) * 200);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('refuses a stale version, an unknown payout and a decline without a reason', async () => {
    tandem = await openTestTandem();
    const playerId = await playerWithCoins(500);
    const { payout } = await requestPayout(tandem, { playerId, amount: 100, requestId: 'p1' });
    const stale = await approvePayout(tandem, {
      payoutId: payout.id,
      adminId: 'alice',
      expectedVersion: 7,
    }).catch((e) => e);
    expect(stale).toBeInstanceOf(PayoutVersionConflictError);
    expect(stale.message).toMatch(/changed since you loaded it \(version 7, now 1\)/);
    const unknown = await approvePayout(tandem, {
      payoutId: '00000000-0000-4000-8000-000000000000',
      adminId: 'alice',
    }).catch((e) => e);
    expect(unknown).toBeInstanceOf(PayoutNotFoundError);
    const noReason = await declinePayout(tandem, {
      payoutId: payout.id,
      adminId: 'alice',
      reason: ' ',
    }).catch((e) => e);
    expect(noReason).toBeInstanceOf(InvalidChangeError);
    expect(noReason.message).toMatch(/Say why the payout is declined/);
    const stored = await tandem.db.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } });
    expect(stored).toMatchObject({ status: 'held', version: 1, decidedBy: null });
  });
});
