import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { watchServerErrors } from '../../test/support/server-errors.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { InsufficientBalanceError } from '../core/errors.ts';
import { mergePlayers } from '../linking/merge-players.ts';
import {
  findHold,
  HoldNotFoundError,
  heldCoins,
  heldCoinsInTotal,
  holdState,
  placeHold,
  postHold,
  voidHold,
} from './holds.ts';

let tandem: TestTandem;
beforeAll(async () => {
  tandem = await openTestTandem();
});
afterAll(async () => {
  await tandem?.stop();
});

let players = 0;
async function playerWithCoins(coins: number): Promise<string> {
  const playerId = await tandem.createPlayer(`Holder ${++players}`);
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

async function hold(playerId: string, amount: number, ref: string): Promise<string> {
  const { holdId } = await tandem.engine.transaction((tx) =>
    placeHold(tx, {
      key: `sys-test_hold-${ref}-${playerId}`,
      playerId,
      source: 'system',
      amount,
      reason: 'test_hold',
    }),
  );
  return holdId;
}

const voidInput = (holdId: string, playerId: string) => ({
  holdId,
  key: `sys-test_void-${holdId}-${playerId}`,
  source: 'system' as const,
  reason: 'test_void',
});

async function balanceOf(playerId: string): Promise<number> {
  return (await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).balance;
}

async function settlements(holdId: string): Promise<number> {
  return tandem.db.prisma.holdSettlement.count({ where: { holdId: BigInt(holdId) } });
}

describe('two-phase holds', () => {
  it('holds coins at once, then posts them (spent) without moving the balance again', async () => {
    const playerId = await playerWithCoins(500);
    const holdId = await hold(playerId, 200, 'post');
    expect(await balanceOf(playerId)).toBe(300);
    expect(await holdState(tandem.db.pool, holdId)).toBe('pending');
    expect(await heldCoins(tandem.db.pool, playerId)).toBe(200);

    expect(await postHold(tandem.db.pool, holdId)).toEqual({ settled: true, state: 'posted' });
    expect(await holdState(tandem.db.pool, holdId)).toBe('posted');
    expect(await heldCoins(tandem.db.pool, playerId)).toBe(0);
    expect(await balanceOf(playerId)).toBe(300);
    expect(await findHold(tandem.db.pool, holdId)).toMatchObject({
      id: holdId,
      playerId,
      amount: 200,
      state: 'posted',
      refundEntryId: null,
    });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('voids a hold by a refund entry the settlement names', async () => {
    const playerId = await playerWithCoins(500);
    const holdId = await hold(playerId, 150, 'void');
    const voided = await tandem.engine.transaction((tx) => voidHold(tx, voidInput(holdId, playerId)));
    expect(voided).toMatchObject({ settled: true, state: 'voided', refund: { applied: true, balance: 500 } });
    expect(await balanceOf(playerId)).toBe(500);
    const found = await findHold(tandem.db.pool, holdId);
    expect(found).toMatchObject({ state: 'voided', refundEntryId: voided.refund!.ledgerEntryId });
    const refund = await tandem.db.prisma.ledgerEntry.findUniqueOrThrow({
      where: { id: BigInt(found!.refundEntryId!) },
    });
    expect(refund).toMatchObject({ coinDelta: 150, reason: 'test_void', playerId });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('replays a hold key as the first hold, and refuses a hold above the balance', async () => {
    const playerId = await playerWithCoins(300);
    const first = await hold(playerId, 200, 'same');
    expect(await hold(playerId, 200, 'same')).toBe(first);
    expect(await balanceOf(playerId)).toBe(100);
    const tooMuch = await hold(playerId, 101, 'big').catch((e) => e);
    expect(tooMuch).toBeInstanceOf(InsufficientBalanceError);
    expect(await heldCoins(tandem.db.pool, playerId)).toBe(200);
  });

  it('settles a hold at most once: later settlements are answered, not written, and fail no statement', async () => {
    const playerId = await playerWithCoins(1000);
    const posted = await hold(playerId, 100, 'twice-p');
    const voided = await hold(playerId, 100, 'twice-v');
    await postHold(tandem.db.pool, posted);
    await tandem.engine.transaction((tx) => voidHold(tx, voidInput(voided, playerId)));
    const balance = await balanceOf(playerId);

    const watch = watchServerErrors(tandem.db.pool);
    expect(await postHold(tandem.db.pool, posted)).toEqual({ settled: false, state: 'posted' });
    expect(await postHold(tandem.db.pool, voided)).toEqual({ settled: false, state: 'voided' });
    const again = await tandem.engine.transaction((tx) => voidHold(tx, voidInput(posted, playerId)));
    expect(again).toEqual({ settled: false, state: 'posted', refund: null });
    const voidTwice = await tandem.engine.transaction((tx) => voidHold(tx, voidInput(voided, playerId)));
    expect(voidTwice).toEqual({ settled: false, state: 'voided', refund: null });
    watch.stop();
    expect(watch.errors).toEqual([]);

    expect(await balanceOf(playerId)).toBe(balance);
    expect(await settlements(posted)).toBe(1);
    expect(await settlements(voided)).toBe(1);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('has the database refuse a second settlement, an edit and a settlement of no hold', async () => {
    const playerId = await playerWithCoins(500);
    const holdId = await hold(playerId, 100, 'guard');
    await postHold(tandem.db.pool, holdId);
    const db = tandem.db.pool;
    const second = await db
      .query(`INSERT INTO ledger_hold_settlements (hold_id, outcome) VALUES ($1, 'posted')`, [holdId])
      .catch((e) => e);
    expect(second).toMatchObject({ code: '23505', constraint: 'ledger_hold_settlements_pkey' });
    const undo = await db
      .query('DELETE FROM ledger_hold_settlements WHERE hold_id = $1', [holdId])
      .catch((e) => e);
    expect(undo.message).toMatch(/ledger_hold_settlements is append-only/);
    const edit = await db
      .query(`UPDATE ledger_hold_settlements SET outcome = 'voided' WHERE hold_id = $1`, [holdId])
      .catch((e) => e);
    expect(edit.message).toMatch(/append-only/);
    // The grant entry is no hold: nothing can settle it.
    const grant = await tandem.db.prisma.ledgerEntry.findFirstOrThrow({
      where: { playerId, reason: 'grant' },
    });
    const notAHold = await db
      .query(`INSERT INTO ledger_hold_settlements (hold_id, outcome) VALUES ($1, 'posted')`, [grant.id])
      .catch((e) => e);
    expect(notAHold).toMatchObject({ code: '23503' });
    expect(await postHold(db, grant.id.toString()).catch((e) => e)).toBeInstanceOf(HoldNotFoundError);
    // A voided hold names its refund, a posted one none.
    const noRefund = await db
      .query(`INSERT INTO ledger_hold_settlements (hold_id, outcome) VALUES ($1, 'voided')`, [
        await hold(playerId, 100, 'guard-2'),
      ])
      .catch((e) => e);
    expect(noRefund).toMatchObject({
      code: '23514',
      constraint: 'ledger_hold_settlements_refund_when_voided',
    });
  });

  it('settles once when posts and voids of one hold race', async () => {
    const playerId = await playerWithCoins(10_000);
    let posted = 0;
    const watch = watchServerErrors(tandem.db.pool);
    for (let round = 0; round < 10; round++) {
      const holdId = await hold(playerId, 100, `race-${round}`);
      const results = await Promise.all([
        tandem.engine.transaction((tx) => postHold(tx.client, holdId)),
        tandem.engine.transaction((tx) => postHold(tx.client, holdId)),
        postHold(tandem.db.pool, holdId),
        tandem.engine.transaction((tx) => voidHold(tx, voidInput(holdId, playerId))),
      ]);
      expect(results.filter((r) => r.settled)).toHaveLength(1);
      const state = await holdState(tandem.db.pool, holdId);
      for (const r of results) expect(r.state).toBe(state);
      expect(await settlements(holdId)).toBe(1);
      const refunds = await tandem.db.prisma.ledgerEntry.count({
        where: { idempotencyKey: voidInput(holdId, playerId).key },
      });
      expect(refunds).toBe(state === 'voided' ? 1 : 0);
      if (state === 'posted') posted++;
    }
    watch.stop();
    expect(watch.errors).toEqual([]);
    expect(await balanceOf(playerId)).toBe(10_000 - posted * 100);
    expect(await heldCoins(tandem.db.pool, playerId)).toBe(0);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('counts a merged account’s pending holds as the account it was merged into', async () => {
    const survivor = await playerWithCoins(100);
    const absorbed = await playerWithCoins(400);
    const heldBefore = await heldCoinsInTotal(tandem.db.pool);
    const holdId = await hold(absorbed, 300, 'merge');
    expect(await heldCoinsInTotal(tandem.db.pool)).toBe(heldBefore + 300);
    await tandem.engine.transaction((tx) => mergePlayers(tx, { survivorId: survivor, absorbedId: absorbed }));
    expect(await heldCoins(tandem.db.pool, survivor)).toBe(300);
    expect(await heldCoins(tandem.db.pool, absorbed)).toBe(0);
    expect(await findHold(tandem.db.pool, holdId)).toMatchObject({ playerId: survivor, state: 'pending' });
    // Voiding gives the coins back to the account that holds them now.
    await tandem.engine.transaction((tx) => voidHold(tx, voidInput(holdId, survivor)));
    expect(await balanceOf(survivor)).toBe(500);
    expect(await balanceOf(absorbed)).toBe(0);
    expect(await heldCoinsInTotal(tandem.db.pool)).toBe(heldBefore);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });
});
