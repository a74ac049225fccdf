import { afterEach, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { watchServerErrors } from '../../test/support/server-errors.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { InsufficientBalanceError, InvalidChangeError, NegativeXpError } from '../core/errors.ts';
import { adjustPlayer } from '../players/adjust-player.ts';
import { requestPayout } from './request-payout.ts';

// A refusal the player or admin is told about is decided by Tandem, not by PostgreSQL refusing a
// statement: a CHECK violation would write an ERROR to the server's log for every such request.

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

async function playerWithCoins(coins: number): Promise<string> {
  const playerId = await tandem.createPlayer();
  await tandem.engine.record({
    key: `admin-grant-1-${playerId}`,
    playerId,
    type: 'reward_grant',
    source: 'admin',
    xpDelta: 10,
    coinDelta: coins,
    reason: 'grant',
  });
  return playerId;
}

describe('refusals decided without a failing statement', () => {
  it('a payout above the balance, alone and among concurrent requests', async () => {
    tandem = await openTestTandem();
    const playerId = await playerWithCoins(300);
    const watch = watchServerErrors(tandem.db.pool);

    const tooMuch = await requestPayout(tandem, { playerId, amount: 301, requestId: 'big' }).catch((e) => e);
    expect(tooMuch).toBeInstanceOf(InsufficientBalanceError);
    expect(tooMuch.message).toBe('You have 300 coins: not enough for a payout of 301.');

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        requestPayout(tandem, { playerId, amount: 100, requestId: `r${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results.filter((r) => r.status === 'rejected'))
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(InsufficientBalanceError);
    // The same request again once the coins are gone is the first payout, not a refusal. Which
    // three of the ten got through is the database's order of their locks: replay one of those.
    const granted = results.findIndex((r) => r.status === 'fulfilled');
    const again = await requestPayout(tandem, { playerId, amount: 100, requestId: `r${granted}` }).catch(
      (e) => e,
    );
    expect(again).not.toBeInstanceOf(Error);

    watch.stop();
    expect(watch.errors).toEqual([]);
    expect(await tandem.db.prisma.payout.count({ where: { playerId } })).toBe(3);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('an adjustment that would take coins or XP below zero', async () => {
    tandem = await openTestTandem();
    const playerId = await playerWithCoins(50);
    const watch = watchServerErrors(tandem.db.pool);
    const coins = await adjustPlayer(tandem, {
      playerId,
      coinDelta: -51,
      note: 'too much',
      admin: 'alice',
    }).catch((e) => e);
    expect(coins).toBeInstanceOf(InvalidChangeError);
    expect(coins.fields).toEqual({ coinDelta: 'the balance cannot go below zero: take away fewer coins' });
    const xp = await adjustPlayer(tandem, { playerId, xpDelta: -11, note: 'too much', admin: 'alice' }).catch(
      (e) => e,
    );
    expect(xp.fields).toEqual({ xpDelta: 'XP cannot go below zero: take away less XP' });
    const direct = await tandem.engine
      .record({
        key: `admin-take-1-${playerId}`,
        playerId,
        type: 'balance_change',
        source: 'admin',
        coinDelta: -51,
        reason: 'take',
      })
      .catch((e) => e);
    expect(direct).toBeInstanceOf(InsufficientBalanceError);
    const negativeXp = await tandem.engine
      .record({
        key: `admin-take-2-${playerId}`,
        playerId,
        type: 'xp_change',
        source: 'admin',
        xpDelta: -11,
        reason: 'take',
      })
      .catch((e) => e);
    expect(negativeXp).toBeInstanceOf(NegativeXpError);
    watch.stop();
    expect(watch.errors).toEqual([]);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });
});
