import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { Engine } from '../ledger/engine.ts';
import { heldCoins, holdState } from '../ledger/holds.ts';
import { loadProfile } from '../players/load-profile.ts';
import { relayPendingEvents } from '../sync/maintenance/outbox-relay.ts';
import type { Queues } from '../sync/queues.ts';
import { approvePayout, declinePayout } from './decide-payout.ts';
import { PayoutAlreadyDecidedError } from './errors.ts';
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

async function holdOf(payoutId: string): Promise<string> {
  const payout = await tandem.db.prisma.payout.findUniqueOrThrow({ where: { id: payoutId } });
  expect(payout.holdId).not.toBeNull();
  return payout.holdId!.toString();
}

/** The engine of a process whose Redis is unreachable: recording works, enqueueing throws. */
function engineWithoutRedis(t: TestTandem): Engine {
  const unreachable = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
  const queues: Queues = { ...t.queues, enqueueEvent: unreachable, enqueueEvents: unreachable };
  return new Engine(t.db, queues, t.logger);
}

describe('payouts in the ledger', () => {
  it('holds at request, posts on approval, voids on decline: the ledger tells held from paid', async () => {
    tandem = await openTestTandem();
    const playerId = await playerWithCoins(1000);
    const { payout: paid } = await requestPayout(tandem, { playerId, amount: 300, requestId: 'a' });
    const { payout: returned } = await requestPayout(tandem, { playerId, amount: 200, requestId: 'b' });
    const [paidHold, returnedHold] = [await holdOf(paid.id), await holdOf(returned.id)];
    expect(await holdState(tandem.db.pool, paidHold)).toBe('pending');
    expect(await heldCoins(tandem.db.pool, playerId)).toBe(500);
    expect((await loadProfile(tandem, playerId)).heldCoins).toBe(500);

    await approvePayout(tandem, { payoutId: paid.id, adminId: 'alice' });
    expect(await holdState(tandem.db.pool, paidHold)).toBe('posted');
    await declinePayout(tandem, { payoutId: returned.id, adminId: 'alice', reason: 'no wallet' });
    expect(await holdState(tandem.db.pool, returnedHold)).toBe('voided');

    const refund = await tandem.db.prisma.ledgerEntry.findFirstOrThrow({
      where: { reason: 'payout_refund' },
    });
    const settlement = await tandem.db.prisma.holdSettlement.findUniqueOrThrow({
      where: { holdId: BigInt(returnedHold) },
    });
    expect(settlement).toMatchObject({ outcome: 'voided', refundEntryId: refund.id });
    expect(await heldCoins(tandem.db.pool, playerId)).toBe(0);
    expect((await loadProfile(tandem, playerId)).heldCoins).toBe(0);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('settles the hold once when two approvals arrive at once', async () => {
    tandem = await openTestTandem();
    const playerId = await playerWithCoins(2000);
    for (let i = 0; i < 5; i++) {
      const { payout } = await requestPayout(tandem, { playerId, amount: 100, requestId: `twice-${i}` });
      const results = await Promise.allSettled([
        approvePayout(tandem, { payoutId: payout.id, adminId: 'alice', expectedVersion: 1 }),
        approvePayout(tandem, { payoutId: payout.id, adminId: 'bob', expectedVersion: 1 }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason).toBeInstanceOf(PayoutAlreadyDecidedError);
      const holdId = await holdOf(payout.id);
      expect(await tandem.db.prisma.holdSettlement.count({ where: { holdId: BigInt(holdId) } })).toBe(1);
      expect(await holdState(tandem.db.pool, holdId)).toBe('posted');
      const notices = await tandem.db.prisma.syncEvent.count({
        where: { type: 'payout_decision', payload: { path: ['payoutId'], equals: payout.id } },
      });
      expect(notices).toBe(1);
    }
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('tells a decision made while Redis was away once the outbox relay hands it over', async () => {
    const telegram = new FakeTelegram();
    const discord = new FakeDiscord();
    tandem = await openTestTandem({ ports: { telegram, discord } });
    const playerId = await playerWithCoins(1000, [
      ['telegram', '7001'],
      ['discord', '8001'],
    ]);
    const offline = { ...tandem, engine: engineWithoutRedis(tandem) };
    const { payout: approved } = await requestPayout(offline, { playerId, amount: 400, requestId: 'x' });
    const { payout: declined } = await requestPayout(offline, { playerId, amount: 100, requestId: 'y' });
    await approvePayout(offline, { payoutId: approved.id, adminId: 'alice' });
    const { balance } = await declinePayout(offline, {
      payoutId: declined.id,
      adminId: 'alice',
      reason: 'late',
    });
    expect(balance).toBe(600);

    const pending = await tandem.db.prisma.syncEvent.findMany({ where: { type: 'payout_decision' } });
    expect(pending.map((e) => e.status)).toEqual(['pending', 'pending']);
    expect(await tandem.queues.notifications.count()).toBe(0);

    expect(await relayPendingEvents(tandem, { staleAfterMs: 0 })).toBeGreaterThanOrEqual(2);
    tandem.startWorkers();
    const approvedText = '✅ Your payout of 400 coins was approved.';
    const declinedText =
      'Your payout of 100 coins was declined: late. The coins are back in your balance (600 coins).';
    await vi.waitFor(
      () => {
        for (const [fake, userId] of [
          [telegram, '7001'],
          [discord, '8001'],
        ] as const) {
          const texts = fake.messages.filter((m) => m.text.includes('payout'));
          expect(texts).toEqual(
            expect.arrayContaining([
              { userId, text: approvedText },
              { userId, text: declinedText },
            ]),
          );
          expect(texts).toHaveLength(2);
        }
      },
      { timeout: 20_000 },
    );
    await tandem.settle();
    // Relayed again, the completed events send nothing more.
    await relayPendingEvents(tandem, { staleAfterMs: 0 });
    await tandem.settle();
    await new Promise((r) => setTimeout(r, 200));
    expect(telegram.messages.filter((m) => m.text.includes('payout'))).toHaveLength(2);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });
});
