import { describe, expect, it } from 'vitest';
import { restore, useReconcileWorld } from '../../../../test/support/reconcile-world.ts';
import { openTestTandem } from '../../../../test/support/services.ts';
import { placeHold, postHold, voidHold } from '../../../ledger/holds.ts';
import { findDriftedTotals } from '../../../ledger/restore-totals.ts';
import { mergePlayers } from '../../../linking/merge-players.ts';
import { reconcile } from './reconcile.ts';

const world = useReconcileWorld();
const { findingsOf } = world;

let changes = 0;
/** A change recorded as the engine records it: the ledger row and the totals in one statement. */
async function earn(playerId: string, change: { xp?: number; coins?: number; reason?: string }) {
  return world.tandem.engine.record({
    key: `admin-test-${++changes}-${playerId}`,
    playerId,
    type: change.xp ? 'xp_change' : 'balance_change',
    source: 'admin',
    xpDelta: change.xp ?? 0,
    coinDelta: change.coins ?? 0,
    reason: change.reason ?? 'grant',
  });
}

async function playerWith(name: string, xp: number, coins = 0): Promise<string> {
  const playerId = await world.tandem.createPlayer(name);
  await earn(playerId, { xp, reason: 'message' });
  if (coins) await earn(playerId, { coins, reason: 'daily' });
  return playerId;
}

describe('reconcile: totals from checkpoints', () => {
  it('checks every player once, then only the players that changed', async () => {
    world.tandem = await openTestTandem();
    const [first, second] = [await playerWith('A', 10, 5), await playerWith('B', 20)];
    await playerWith('C', 30);

    const initial = await reconcile(world.tandem, restore);
    expect(initial).toMatchObject({ totalsChecked: 3, totalsFixed: 0, chainBreaks: 0, findings: 0 });

    const idle = await reconcile(world.tandem, restore);
    expect(idle).toMatchObject({ totalsChecked: 0, totalsFixed: 0, findings: 0 });

    await earn(second, { xp: 4, reason: 'message' });
    await earn(first, { coins: -5, reason: 'spend' });
    const busy = await reconcile(world.tandem, restore);
    expect(busy).toMatchObject({ totalsChecked: 2, totalsFixed: 0, findings: 0 });
    const run = await world.tandem.db.prisma.reconcileRun.findUniqueOrThrow({ where: { id: busy.runId } });
    expect(run.totalsChecked).toBe(2);

    expect(await reconcile(world.tandem, restore)).toMatchObject({ totalsChecked: 0 });
  });

  it('finds totals changed by hand on a player with no new ledger rows', async () => {
    world.tandem = await openTestTandem();
    const drifted = await playerWith('A', 120, 40);
    await playerWith('B', 50);
    await reconcile(world.tandem, restore);
    await world.tandem.db.pool.query(
      'UPDATE players SET xp = xp + 7, games_won = games_won + 2 WHERE id = $1',
      [drifted],
    );

    const report = await reconcile(world.tandem, restore);

    expect(report).toMatchObject({ totalsChecked: 1, totalsFixed: 1, errors: 0, findings: 1 });
    expect(await findingsOf(report.runId)).toEqual([
      {
        kind: 'totals',
        playerId: drifted,
        expected: { xp: 120, balance: 40 },
        actual: { xp: 127, balance: 40 },
      },
    ]);
    const player = await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: drifted } });
    expect(player).toMatchObject({ xp: 120, gamesWon: 0, messages: 1 });
    const state = await world.tandem.db.prisma.syncState.findUniqueOrThrow({ where: { playerId: drifted } });
    expect(state.reconcileErrors).toBe(1);
    // The restore wrote the checkpoint: nothing left to check.
    expect(await reconcile(world.tandem, restore)).toMatchObject({ totalsChecked: 0, findings: 0 });
  });

  it('finds a ledger row appended without its totals', async () => {
    world.tandem = await openTestTandem();
    const playerId = await playerWith('A', 30);
    await playerWith('B', 10);
    await reconcile(world.tandem, restore);
    // A row whose chain holds (xp_after follows from the row before), but the account never moved.
    await world.tandem.db.pool.query(
      `INSERT INTO ledger_entries (idempotency_key, player_id, type, source, xp_delta, coin_delta, xp_after, balance_after, reason)
       VALUES ('admin-lost-1-' || $1, $1::uuid, 'xp_change', 'admin', 5, 0, 35, 0, 'grant')`,
      [playerId],
    );

    const report = await reconcile(world.tandem, restore);

    expect(report).toMatchObject({ totalsChecked: 1, totalsFixed: 1, chainBreaks: 0, errors: 0 });
    expect(await findingsOf(report.runId)).toEqual([
      { kind: 'totals', playerId, expected: { xp: 35, balance: 0 }, actual: { xp: 30, balance: 0 } },
    ]);
    expect(await findDriftedTotals(world.tandem.db.pool)).toEqual([]);
  });

  it('reports a row recorded on top of drifted totals as a break in the chain', async () => {
    world.tandem = await openTestTandem();
    const playerId = await playerWith('A', 10);
    await reconcile(world.tandem, restore);
    await world.tandem.db.pool.query('UPDATE players SET xp = xp + 7 WHERE id = $1', [playerId]);
    const onTop = await earn(playerId, { xp: 5, reason: 'message' });
    expect(onTop.xp).toBe(22);

    const report = await reconcile(world.tandem, restore);

    expect(report).toMatchObject({ totalsChecked: 1, totalsFixed: 1, chainBreaks: 1, errors: 0 });
    expect(await findingsOf(report.runId)).toEqual([
      { kind: 'totals', playerId, expected: { xp: 15, balance: 0 }, actual: { xp: 22, balance: 0 } },
      {
        kind: 'chain',
        playerId,
        entryId: onTop.ledgerEntryId,
        expected: { xp: 15, balance: 0 },
        actual: { xp: 22, balance: 0 },
        rows: 1,
      },
    ]);
    // Reported once: the checkpoint is past that row now.
    await earn(playerId, { xp: 1, reason: 'message' });
    expect(await reconcile(world.tandem, restore)).toMatchObject({ totalsChecked: 1, findings: 0 });
  });

  it('finds no drift in a merge nor in holds placed, voided and posted around it', async () => {
    world.tandem = await openTestTandem();
    const survivor = await playerWith('Survivor', 40, 100);
    const absorbed = await playerWith('Absorbed', 25, 60);
    await earn(absorbed, { xp: 3, reason: 'message' });
    const hold = (playerId: string, amount: number, ref: string) =>
      world.tandem.engine.transaction((tx) =>
        placeHold(tx, {
          key: `sys-test_hold-${ref}-${playerId}`,
          playerId,
          source: 'system',
          amount,
          reason: 'test_hold',
        }),
      );
    const absorbedHold = await hold(absorbed, 50, 'a');
    expect(await reconcile(world.tandem, restore)).toMatchObject({ totalsChecked: 2, findings: 0 });

    await world.tandem.engine.transaction((tx) =>
      mergePlayers(tx, { survivorId: survivor, absorbedId: absorbed }),
    );
    // The absorbed account's hold is the survivor's now: voiding it refunds the survivor.
    await world.tandem.engine.transaction((tx) =>
      voidHold(tx, {
        holdId: absorbedHold.holdId,
        key: `sys-test_void-${absorbedHold.holdId}-${survivor}`,
        source: 'system',
        reason: 'test_void',
      }),
    );
    const survivorHold = await hold(survivor, 30, 's');
    await postHold(world.tandem.db.pool, survivorHold.holdId);

    const report = await reconcile(world.tandem, restore);

    expect(report).toMatchObject({
      totalsChecked: 2,
      totalsFixed: 0,
      chainBreaks: 0,
      errors: 0,
      findings: 0,
    });
    const merged = await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: survivor } });
    expect(merged).toMatchObject({ xp: 68, balance: 130, messages: 3, coinsEarned: 160 });
    expect(await findDriftedTotals(world.tandem.db.pool)).toEqual([]);
    expect(await reconcile(world.tandem, restore)).toMatchObject({ totalsChecked: 0, findings: 0 });

    // The absorbed account's rows still count for the survivor's counters: drift there is found.
    await world.tandem.db.pool.query('UPDATE players SET messages = 1 WHERE id = $1', [survivor]);
    const drift = await reconcile(world.tandem, restore);
    expect(drift).toMatchObject({ totalsChecked: 1, totalsFixed: 1 });
    expect(
      (await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: survivor } })).messages,
    ).toBe(3);
  });
});
