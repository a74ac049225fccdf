import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../../test/support/env.ts';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { relayPendingEvents } from './maintenance/outbox-relay.ts';

let tandem: TestTandem;
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await tandem?.stop();
});

/** A worker process that kills itself once its first completion statement has committed. */
function startDoomedWorker(t: TestTandem): { proc: ChildProcess; exited: Promise<void> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/worker-process.ts'], {
    env: {
      ...process.env,
      TANDEM_TEST_WORKER: JSON.stringify({
        databaseUrl: t.database.url,
        redisUrl: testRedisUrl,
        prefix: t.prefix,
        dieAfterCompletion: true,
        concurrency: 8,
      }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { proc, exited: new Promise((resolve) => proc.once('exit', () => resolve())) };
}

describe('a worker killed between a batched completion and the jobs it acknowledges', () => {
  it('leaves those events completed once: their jobs run again, find nothing to do, and nothing is lost', async () => {
    tandem = await openTestTandem();
    const players = await Promise.all(Array.from({ length: 40 }, (_, i) => tandem.createPlayer(`P${i}`)));
    // Queued before any worker runs, so the doomed worker takes several jobs at once and completes
    // them together.
    await Promise.all(
      players.map((playerId, i) =>
        tandem.engine.record({
          key: `tg-game-g${i}-${playerId}`,
          playerId,
          type: 'reward_grant',
          source: 'telegram',
          xpDelta: 5,
          coinDelta: 3 + i,
          reason: 'game_win',
        }),
      ),
    );
    const doomed = startDoomedWorker(tandem);
    child = doomed.proc;
    await doomed.exited;
    // The rewards and the rank changes they derive (the platform queue's) complete alike.
    const { rows: completedByDoomed } = await tandem.db.pool.query<{ id: string; key: string; type: string }>(
      `SELECT id, idempotency_key AS key, type FROM sync_events
        WHERE status = 'completed' AND processed_by = 'doomed-worker'`,
    );

    tandem.startWorkers({ lockDurationMs: 1500, stalledIntervalMs: 500 });
    // The dead process may also have committed derived events (an achievement and its reward)
    // without living to enqueue them: the outbox relay's pass, scheduled in production, hands them on.
    await relayPendingEvents(tandem, { staleAfterMs: 0 });
    await tandem.settle(40_000);
    // Each job of an event the dead worker completed ends completed: acknowledged by it before the
    // batch that killed it, or run again after it and found done ('skipped').
    const results = new Map<string, unknown>();
    await waitFor(async () => {
      for (const e of completedByDoomed) {
        const queue = e.type === 'reward_grant' ? tandem.queues.economy : tandem.queues.platform;
        const job = await queue.getJob(e.key);
        if (job && (await job.getState()) === 'completed') results.set(e.id, job.returnvalue);
      }
      return results.size === completedByDoomed.length;
    }, 'jobs of the completed events done');
    const skipped = [...results.values()].filter((r) => r === 'skipped');
    expect(skipped.length).toBeGreaterThan(1);
    expect([...results.values()].every((r) => r === 'skipped' || r === 'completed')).toBe(true);

    const { rows: open } = await tandem.db.pool.query(
      `SELECT count(*)::int AS n FROM sync_events WHERE status <> 'completed'`,
    );
    expect(open[0].n).toBe(0);
    // Completed once: attempts and the worker that did it are still the first run's.
    const { rows: after } = await tandem.db.pool.query<{
      id: string;
      attempts: number;
      processed_by: string;
    }>(`SELECT id, attempts, processed_by FROM sync_events WHERE id = ANY($1::uuid[])`, [
      completedByDoomed.map((e) => e.id),
    ]);
    for (const e of after) expect(e).toMatchObject({ attempts: 1, processed_by: 'doomed-worker' });
    expect(await tandem.db.prisma.ledgerEntry.count({ where: { reason: 'game_win' } })).toBe(40);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
    // Every player's sync state reflects their balance, whichever worker completed their event.
    const { rows: drift } = await tandem.db.pool.query(
      `SELECT count(*)::int AS n FROM players p LEFT JOIN sync_states s ON s.player_id = p.id
        WHERE s.last_balance IS DISTINCT FROM p.balance`,
    );
    expect(drift[0].n).toBe(0);
  }, 120_000);
});
