import { afterEach, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../support/env.ts';
import { openTestTandem, type TestTandem } from '../support/services.ts';
import { waitFor } from '../support/wait-for.ts';
import { expectEveryEventOnce, waitUntilDrained } from './support/exactly-once.ts';
import { faultFigures, printFigures } from './support/figures.ts';
import { loadChange, loadKeys, sleep, startSteadyLoad } from './support/steady-load.ts';
import { startWorkerProcesses, stopAllWorkerProcesses } from './support/worker-processes.ts';

let tandem: TestTandem | undefined;

afterEach(async () => {
  await stopAllWorkerProcesses();
  await tandem?.stop();
  tandem = undefined;
});

describe('two worker processes on one Redis, one SIGKILLed under a steady load', () => {
  it('has the survivor finish what the dead one held, every event once', async () => {
    tandem = await openTestTandem();
    const t = tandem;
    // Every player is on Discord: their first event derives a rank_change, a Discord role write.
    const players: string[] = [];
    for (let i = 0; i < 20; i++) {
      const playerId = await t.createPlayer(`P${i}`);
      await t.db.prisma.identity.create({
        data: { playerId, platform: 'discord', platformUserId: String(900_000 + i) },
      });
      players.push(playerId);
    }
    // The doomed worker's Discord calls never return: when it dies, it surely dies mid-job.
    // As in production, each worker also runs the outbox relay (scaled down: every 1 s, for events
    // pending over 2 s): an enqueue that timed out on a starved machine is not left behind. Job
    // locks last 3 s (production: 30 s): what a dead worker held runs again about that much later.
    const on = {
      databaseUrl: t.database.url,
      redisUrl: testRedisUrl,
      prefix: t.prefix,
      relayEveryMs: 1000,
      outboxStaleAfterMs: 2000,
      lockDurationMs: 3000,
      stalledIntervalMs: 1000,
    };
    // The doomed worker starts first and the survivor joins once it holds a job: otherwise a fast
    // survivor could take every role write before the doomed one polls, and the kill would hit nothing.
    const [doomed] = await startWorkerProcesses(1, { ...on, name: 'doomed', hangDiscord: true });
    const load = startSteadyLoad({ perSecond: 80, submit: (i) => t.engine.record(loadChange(i, players)) });
    const heldBy = (worker: string) =>
      t.db.prisma.syncEvent.count({ where: { status: 'processing', processedBy: worker } });
    await waitFor(async () => (await heldBy('doomed-1')) > 0, 'a job held by the doomed worker');
    const [survivor] = await startWorkerProcesses(1, { ...on, name: 'survivor' });
    await sleep(1500);
    const heldByDoomed = await heldBy('doomed-1');
    await doomed!.kill();
    const faultEndedAt = Date.now();
    await sleep(4000);
    const report = await load.stop();

    await waitUntilDrained(t);
    await expectEveryEventOnce(t, { keys: loadKeys(report.submitted, players), reason: 'event_bonus' });
    // What the dead process held was run again, by the survivor, once.
    expect(heldByDoomed).toBeGreaterThan(0);
    const rerun = await t.db.pool.query<{ processed_by: string; attempts: number }>(
      `SELECT processed_by, attempts FROM sync_events WHERE type = 'rank_change' AND attempts > 1`,
    );
    expect(rerun.rows.length).toBeGreaterThanOrEqual(heldByDoomed);
    expect(new Set(rerun.rows.map((row) => row.processed_by))).toEqual(new Set(['survivor-1']));
    expect(survivor!.alive()).toBe(true);

    const figures = await faultFigures(t, { faultEndedAt });
    printFigures('worker-kill', figures, { submitted: report.submitted, heldByDeadWorker: heldByDoomed });
  });
});
