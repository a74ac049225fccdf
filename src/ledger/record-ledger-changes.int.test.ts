import { afterEach, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { IdempotencyConflictError, InsufficientBalanceError, PlayerNotFoundError } from '../core/errors.ts';
import type { EconomyChange } from './event-schemas.ts';
import { recordLedgerChanges, recordManySql } from './record-ledger-changes.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

const message = (playerId: string, n: number, xpDelta = 10): EconomyChange => ({
  key: `tg-msg-${n}-${playerId}`,
  playerId,
  type: 'xp_change',
  source: 'telegram',
  xpDelta,
  coinDelta: 0,
  reason: 'message',
  metadata: {},
});

const spend = (playerId: string, n: number, coins: number): EconomyChange => ({
  key: `tg-buy-${n}-${playerId}`,
  playerId,
  type: 'balance_change',
  source: 'telegram',
  xpDelta: 0,
  coinDelta: -coins,
  reason: 'purchase',
  metadata: {},
});

async function counts(t: TestTandem): Promise<{ ledger: number; events: number }> {
  const { rows } = await t.db.pool.query(
    `SELECT (SELECT count(*)::int FROM ledger_entries) AS ledger, (SELECT count(*)::int FROM sync_events) AS events`,
  );
  return rows[0];
}

describe('recording a group of changes in one statement', () => {
  it('answers each change as it would alone: applied, the first outcome of a known key, or its own error', async () => {
    tandem = await openTestTandem();
    const [ann, bob, cat] = [
      await tandem.createPlayer(),
      await tandem.createPlayer(),
      await tandem.createPlayer(),
    ];
    const first = await tandem.engine.record({ ...message(bob, 1), metadata: {} });
    const results = await recordLedgerChanges(tandem.db.pool, [
      message(ann, 1),
      message(bob, 1), // recorded before: its first outcome
      spend(cat, 1, 5), // an overdraft: refused, alone
      message('00000000-0000-4000-8000-000000000000', 1), // no such player
      { ...message(ann, 2), key: first.key, playerId: ann }, // bob's key for another player
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
    ]);
    const [applied, replay, overdraft, missing, conflict] = results;
    expect(applied).toMatchObject({ value: { applied: true, xp: 10, playerId: ann } });
    expect(replay).toMatchObject({
      value: { applied: false, eventId: first.eventId, ledgerEntryId: first.ledgerEntryId, xp: 10 },
    });
    expect((overdraft as PromiseRejectedResult).reason).toBeInstanceOf(InsufficientBalanceError);
    expect((missing as PromiseRejectedResult).reason).toBeInstanceOf(PlayerNotFoundError);
    expect((conflict as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflictError);
    expect(await counts(tandem)).toEqual({ ledger: 2, events: 2 });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('records the others when one change fails the whole statement', async () => {
    tandem = await openTestTandem();
    const [ann, bob] = [await tandem.createPlayer(), await tandem.createPlayer()];
    // A type the database does not know fails the group's statement as a whole (the engine's
    // schema never lets one through: this stands for anything that breaks one change's row).
    const broken = { ...message(bob, 1), type: 'no_such_type' } as unknown as EconomyChange;
    const results = await recordLedgerChanges(tandem.db.pool, [message(ann, 1), broken, message(ann, 2)]);
    // Changes of one player never share a group in the engine; here the fallback runs them alone.
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await counts(tandem)).toEqual({ ledger: 2, events: 2 });
    const player = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: ann } });
    expect(player.xp).toBe(20);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });
});

describe('Engine.record under a burst', () => {
  it('groups concurrent records, keeps a duplicate key and a second change of a player out of one group, and answers each caller', async () => {
    tandem = await openTestTandem();
    const players = await Promise.all(Array.from({ length: 10 }, () => tandem.createPlayer()));
    const statements: string[] = [];
    const query = tandem.db.pool.query.bind(tandem.db.pool);
    tandem.db.pool.query = ((config: unknown, values: unknown) => {
      statements.push(typeof config === 'string' ? config : (config as { text: string }).text);
      return query(config as string, values as unknown[]);
    }) as typeof tandem.db.pool.query;

    // Each player: three messages and one of them submitted twice, all at once.
    const submissions = players.flatMap((p) => [message(p, 1), message(p, 2), message(p, 1), message(p, 3)]);
    const outcomes = await Promise.all(submissions.map((s) => tandem.engine.record(s)));

    expect(outcomes.filter((o) => o.applied)).toHaveLength(30);
    for (const p of players) {
      const mine = outcomes.filter((o) => o.playerId === p);
      // The duplicate got the first outcome of its key; the totals after each change are exact.
      expect(mine[2]).toMatchObject({ applied: false, eventId: mine[0]!.eventId, xp: mine[0]!.xp });
      expect(
        mine
          .filter((o) => o.applied)
          .map((o) => o.xp)
          .sort(),
      ).toEqual([10, 20, 30]);
    }
    // Far fewer statements than records: the burst went in groups.
    const groups = statements.filter((s) => s === recordManySql).length;
    expect(groups).toBeGreaterThan(0);
    expect(groups).toBeLessThan(20);
    expect(await counts(tandem)).toEqual({ ledger: 30, events: 30 });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });
});
