import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { testAdminDatabaseUrl, testRedisUrl } from '../support/env.ts';
import { openTestTandem, type TestTandem } from '../support/services.ts';
import { expectEveryEventOnce, waitUntilDrained } from './support/exactly-once.ts';
import { faultFigures, printFigures } from './support/figures.ts';
import { loadKeys, recordLikeEarningPaths, sleep, startSteadyLoad } from './support/steady-load.ts';
import { startWorkerProcesses, stopAllWorkerProcesses } from './support/worker-processes.ts';

let tandem: TestTandem | undefined;
let admin: pg.Client | undefined;

afterEach(async () => {
  await stopAllWorkerProcesses();
  await admin?.end();
  await tandem?.stop();
  tandem = admin = undefined;
});

/**
 * The scenario, with every Tandem process connected to the database directly or through a PgBouncer
 * in transaction mode (named statements off). Through the pooler, the connections killed are its
 * server connections: Tandem's own connections to the pooler stay, and what ran on a killed server
 * connection fails as it would have directly.
 */
async function connectionsKilledUnderLoad(pooler: 'pgbouncer' | undefined): Promise<void> {
  tandem = await openTestTandem({ pooler });
  const t = tandem;
  const players: string[] = [];
  for (let i = 0; i < 20; i++) players.push(await t.createPlayer(`P${i}`));
  // Jobs retry with backoff (3 attempts, 1 s then 2 s apart; production makes 8): a job cut off by the fault is
  // retried after it. Each worker runs the outbox relay, as in production (scaled down: every 1 s,
  // for events pending over 2 s): an event committed just before its caller's connection died,
  // then answered as a duplicate on the caller's retry, was never enqueued; the relay hands it over.
  const workers = await startWorkerProcesses(2, {
    databaseUrl: t.databaseUrl,
    namedStatements: !pooler,
    redisUrl: testRedisUrl,
    prefix: t.prefix,
    attempts: 3,
    backoffMs: 1000,
    relayEveryMs: 1000,
    outboxStaleAfterMs: 2000,
    lockDurationMs: 5000,
    stalledIntervalMs: 1000,
  });
  // From outside the test database, so the killer is not killed.
  admin = new pg.Client({ connectionString: testAdminDatabaseUrl });
  await admin.connect();
  const killAll = async () => {
    const { rows } = await admin!.query<{ killed: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [t.database.name],
    );
    return rows[0]!.killed;
  };

  const load = startSteadyLoad({ perSecond: 60, submit: recordLikeEarningPaths(t.engine, players) });
  await sleep(2500);
  // Every connection of every process on the database, every 200 ms for 1.5 s (by the clock: a
  // busy machine must not stretch it). A job's third attempt comes at least 2.1 s after its first
  // failure (backoff 1 s then 2 s, less 30 % jitter), so one cut off by the fault has an attempt
  // after it.
  let killed = 0;
  let rounds = 0;
  const faultStartedAt = Date.now();
  while (Date.now() - faultStartedAt < 1500) {
    killed += await killAll();
    rounds++;
    await sleep(200);
  }
  const faultEndedAt = Date.now();
  await sleep(3000);
  const report = await load.stop();

  await waitUntilDrained(t);
  await expectEveryEventOnce(t, { keys: loadKeys(report.submitted, players), reason: 'event_bonus' });
  // The test process's pool and both workers' pools (or the pooler's server connections) lost
  // connections each round, and no process went down with them.
  expect(killed).toBeGreaterThanOrEqual(10);
  expect(workers.map((worker) => worker.alive())).toEqual([true, true]);

  const figures = await faultFigures(t, { faultEndedAt });
  printFigures(pooler ? 'postgres-connections-pgbouncer' : 'postgres-connections', figures, {
    submitted: report.submitted,
    connectionsKilled: killed,
    killRounds: rounds,
    producerRetries: report.producerRetries,
  });
}

describe('Postgres connections killed under a steady load (pg_terminate_backend, as a failover or a DBA would)', () => {
  it('retries what was cut off and completes every event once', async () => {
    await connectionsKilledUnderLoad(undefined);
  });

  it('does the same through PgBouncer in transaction mode, its server connections killed', async () => {
    await connectionsKilledUnderLoad('pgbouncer');
  });
});
