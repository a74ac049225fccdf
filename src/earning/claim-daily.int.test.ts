import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { PlayerNotFoundError } from '../core/errors.ts';
import { claimDaily } from './claim-daily.ts';

let tandem: TestTandem;
beforeAll(async () => {
  tandem = await openTestTandem();
});
afterAll(async () => {
  await tandem?.stop();
});

const day1 = new Date('2026-11-22T08:00:00Z');
const hours = (h: number) => new Date(day1.getTime() + h * 3_600_000);

async function dailyRows(playerId: string) {
  const { rows } = await tandem.db.pool.query(
    `SELECT idempotency_key, xp_delta, coin_delta, source FROM ledger_entries
      WHERE player_id = $1 AND reason = 'daily' ORDER BY id`,
    [playerId],
  );
  return rows;
}

describe('claiming the daily reward', () => {
  it('pays once per UTC day under 20 concurrent claims from both platforms', async () => {
    const playerId = await tandem.createPlayer();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        claimDaily(tandem, { playerId, source: i % 2 ? 'telegram' : 'discord', now: day1 }),
      ),
    );
    const paid = results.filter((r) => r.ok);
    expect(paid).toHaveLength(1);
    expect(paid[0]).toEqual({ ok: true, xp: 100, coins: 50, streak: 1, totals: { xp: 100, balance: 50 } });
    for (const refused of results.filter((r) => !r.ok)) {
      expect(refused).toEqual({
        ok: false,
        reason: 'already_claimed',
        nextClaimAt: new Date('2026-11-23T00:00:00Z'),
      });
    }
    const rows = await dailyRows(playerId);
    expect(rows).toHaveLength(1);
    expect(rows[0].idempotency_key).toBe(`sys-daily-20261122-${playerId}`);
    const player = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } });
    expect(player).toMatchObject({ xp: 100, balance: 50, dailyStreak: 1, lastDailyAt: day1 });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('continues the streak on the next UTC day, with its bonus, and resets it after a gap', async () => {
    const playerId = await tandem.createPlayer();
    expect(await claimDaily(tandem, { playerId, source: 'telegram', now: day1 })).toMatchObject({
      ok: true,
      streak: 1,
      xp: 100,
    });
    // Late the same UTC day: refused, whatever the platform.
    expect(await claimDaily(tandem, { playerId, source: 'discord', now: hours(15) })).toMatchObject({
      ok: false,
    });
    expect(await claimDaily(tandem, { playerId, source: 'discord', now: hours(17) })).toMatchObject({
      ok: true,
      streak: 2,
      xp: 110,
      coins: 50,
      totals: { xp: 210, balance: 100 },
    });
    // A UTC day skipped and 67 hours after the last claim, beyond the 48-hour grace: the streak restarts.
    const afterGap = new Date('2026-11-25T20:00:00Z');
    expect(await claimDaily(tandem, { playerId, source: 'telegram', now: afterGap })).toMatchObject({
      ok: true,
      streak: 1,
      xp: 100,
    });
    const player = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } });
    expect(player.dailyStreak).toBe(1);
    expect((await dailyRows(playerId)).map((r) => r.idempotency_key)).toEqual([
      `sys-daily-20261122-${playerId}`,
      `sys-daily-20261123-${playerId}`,
      `sys-daily-20261125-${playerId}`,
    ]);
  });

  it('refuses an unknown player and bad input without writing anything', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(claimDaily(tandem, { playerId: unknown, source: 'telegram', now: day1 })).rejects.toThrow(
      PlayerNotFoundError,
    );
    await expect(
      claimDaily(tandem, { playerId: 'nope', source: 'telegram', now: day1 }),
    ).rejects.toMatchObject({ name: 'InvalidChangeError' });
  });
});
