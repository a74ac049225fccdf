import { describe, expect, it } from 'vitest';
import { restore, UnreachableDiscord, useReconcileWorld } from '../../../../test/support/reconcile-world.ts';
import { reconcile } from './reconcile.ts';

const world = useReconcileWorld();
const { openCommunity, linkedPlayer, counts, findingsOf } = world;

describe('reconcile: totals', () => {
  it('sets a drifted total back to the ledger sums and records what it found', async () => {
    await openCommunity();
    const drifted = await linkedPlayer('1001', 120);
    const fine = await linkedPlayer('1002', 40);
    await world.tandem.settle();
    await world.tandem.db.pool.query('UPDATE players SET xp = xp + 7, balance = balance + 3 WHERE id = $1', [
      drifted,
    ]);
    const before = await counts();

    const report = await reconcile(world.tandem, restore);

    expect(report).toMatchObject({ playersChecked: 2, totalsFixed: 1, errors: 0, findings: 1 });
    expect(await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: drifted } })).toMatchObject({
      xp: 120,
      balance: 0,
    });
    expect(await findingsOf(report.runId)).toEqual([
      {
        kind: 'totals',
        playerId: drifted,
        expected: { xp: 120, balance: 0 },
        actual: { xp: 127, balance: 3 },
      },
    ]);
    const states = await world.tandem.db.prisma.syncState.findMany({ orderBy: { reconcileErrors: 'desc' } });
    expect(states).toHaveLength(2);
    expect(states[0]).toMatchObject({ playerId: drifted, reconcileErrors: 1 });
    expect(states[0]!.lastError).toMatch(/xp 127 \(ledger 120\), balance 3 \(ledger 0\)/);
    expect(states[1]).toMatchObject({ playerId: fine, reconcileErrors: 0 });
    for (const state of states) expect(state.lastReconcileAt).toBeInstanceOf(Date);
    // The ledger is the truth: nothing is appended to correct it.
    expect(await counts()).toEqual(before);

    const again = await reconcile(world.tandem, restore);
    expect(again).toMatchObject({ totalsFixed: 0, findings: 0, errors: 0 });
  });

  it('sets drifted achievement progress counters back to what the ledger says', async () => {
    await openCommunity();
    const drifted = await linkedPlayer('1001', 120);
    await world.tandem.settle();
    const before = await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: drifted } });
    await world.tandem.db.pool.query(
      'UPDATE players SET messages = messages + 50, coins_earned = 999 WHERE id = $1',
      [drifted],
    );

    const report = await reconcile(world.tandem, restore);

    expect(report).toMatchObject({ totalsFixed: 1, errors: 0 });
    const after = await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: drifted } });
    expect(after).toMatchObject({ messages: before.messages, coinsEarned: before.coinsEarned, xp: 120 });
  });

  it('keeps checking totals when Discord is down, and counts the error', async () => {
    const { discord } = await openCommunity(new UnreachableDiscord());
    const playerId = await linkedPlayer('1001', 30);
    await world.tandem.settle();
    await world.tandem.db.pool.query('UPDATE players SET xp = xp + 7 WHERE id = $1', [playerId]);

    const report = await reconcile(world.tandem, restore);

    expect(report).toMatchObject({ totalsFixed: 1, errors: 1, membersChecked: 0 });
    expect(discord.calls).toContain('listMemberRoles');
    expect(await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).toMatchObject({
      xp: 30,
    });
    const findings = await findingsOf(report.runId);
    expect(findings).toContainEqual({ kind: 'error', step: 'roles', message: 'Discord is down (fake 503)' });
    const run = await world.tandem.db.prisma.reconcileRun.findUniqueOrThrow({ where: { id: report.runId } });
    expect(run).toMatchObject({ totalsFixed: 1, errors: 1, playersChecked: 1 });
  });
});
