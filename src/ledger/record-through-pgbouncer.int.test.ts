import { afterEach, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';

let tandem: TestTandem | undefined;
afterEach(async () => {
  await tandem?.stop();
  tandem = undefined;
});

/**
 * Two changes recorded in two transactions at once: two connections of Tandem's pool, which a
 * PgBouncer with one server connection runs one after the other on that same server connection.
 */
async function recordInTwoTransactions(t: TestTandem): Promise<PromiseSettledResult<unknown>[]> {
  const playerId = await t.createPlayer();
  return Promise.allSettled(
    [1, 2].map((n) =>
      t.engine.transaction((tx) =>
        tx.record({
          key: `admin-grant-${n}-${playerId}`,
          playerId,
          type: 'xp_change',
          source: 'admin',
          xpDelta: 10,
          reason: 'grant',
        }),
      ),
    ),
  );
}

describe('the record statement behind PgBouncer in transaction mode', () => {
  it('fails when prepared by name (DATABASE_NAMED_STATEMENTS=true): the pooler cannot follow the name', async () => {
    tandem = await openTestTandem({ pooler: 'pgbouncer', namedStatements: true, pgBouncer: { poolSize: 1 } });
    const outcomes = await recordInTwoTransactions(tandem);
    // The first connection prepared the name on the server connection; the second, handed the
    // same server connection, prepares it again. (A connection handed another server connection
    // than the one it prepared on fails with 26000, "does not exist", instead.)
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
      code: '42P05',
      message: 'prepared statement "tandem-record-ledger-change" already exists',
    });
  });

  it('records when planned at each call (DATABASE_NAMED_STATEMENTS=false)', async () => {
    tandem = await openTestTandem({
      pooler: 'pgbouncer',
      namedStatements: false,
      pgBouncer: { poolSize: 1 },
    });
    const outcomes = await recordInTwoTransactions(tandem);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await tandem.db.prisma.ledgerEntry.count()).toBe(2);
  });
});
