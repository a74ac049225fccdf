import { afterEach, describe, expect, it } from 'vitest';
import { type SentinelTopology, startSentinelTopology } from '../support/sentinel-topology.ts';
import { openTestTandem, type TestTandem } from '../support/services.ts';
import { waitFor } from '../support/wait-for.ts';
import { expectEveryEventOnce, waitUntilDrained } from './support/exactly-once.ts';
import { faultFigures, printFigures } from './support/figures.ts';
import { loadChange, loadKeys, sleep, startSteadyLoad } from './support/steady-load.ts';
import { startWorkerProcesses, stopAllWorkerProcesses } from './support/worker-processes.ts';

let topology: SentinelTopology | undefined;
let tandem: TestTandem | undefined;

afterEach(async () => {
  await stopAllWorkerProcesses();
  await tandem?.stop();
  await topology?.stop();
  topology = tandem = undefined;
});

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

describe('the Redis master behind Sentinel SIGKILLed under a steady load', () => {
  it('follows the promoted replica by itself and completes every event once', async () => {
    // One master, one replica, three sentinels (quorum 2, master down after 1 s of silence).
    topology = await startSentinelTopology();
    const sentinels = topology;
    tandem = await openTestTandem({ redisUrl: sentinels.url });
    const t = tandem;
    // This process's queues report each reconnect attempt as an error; the failover is the point here.
    for (const queue of t.queues.all()) queue.on('error', () => {});
    const players: string[] = [];
    for (let i = 0; i < 20; i++) players.push(await t.createPlayer(`P${i}`));
    // The workers get the same address and are never told of the failover. Each runs the outbox
    // relay (scaled down: every 1 s, for events pending over 2 s), which hands over again what the
    // failover lost: replication is asynchronous, so the master's last writes (enqueued jobs, moves
    // to completed) may never have reached the replica. Job locks last 2 s (production: 30 s).
    const workers = await startWorkerProcesses(2, {
      databaseUrl: t.database.url,
      redisUrl: sentinels.url,
      prefix: t.prefix,
      relayEveryMs: 1000,
      outboxStaleAfterMs: 2000,
      lockDurationMs: 2000,
      stalledIntervalMs: 500,
    });

    const load = startSteadyLoad({ perSecond: 60, submit: (i) => t.engine.record(loadChange(i, players)) });
    // The kill lands on a pipeline in flow (workers warmed up), so what follows measures the failover.
    const completed = () => t.db.prisma.syncEvent.count({ where: { status: 'completed' } });
    await waitFor(async () => (await completed()) >= 100, 'events completing under the load', 30_000);
    const oldMaster = await sentinels.masterPort();
    await sentinels.servers.get(oldMaster)!.kill();
    const killedAt = Date.now();
    const newMaster = await sentinels.waitForNewMaster(oldMaster);
    const promotedAt = Date.now();
    // Work recorded after the kill can only be done through the new master.
    const firstCompletedAfterKill = async () => {
      const { rows } = await t.db.pool.query<{ at: Date | null }>(
        `SELECT min(processed_at) AS at FROM sync_events WHERE created_at > $1 AND status = 'completed'`,
        [new Date(killedAt)],
      );
      return rows[0]?.at?.getTime() ?? null;
    };
    await waitFor(async () => (await firstCompletedAfterKill()) !== null, 'work done after the kill', 30_000);
    await sleep(3000);
    const report = await load.stop();

    await waitUntilDrained(t, 30_000);
    await expectEveryEventOnce(t, { keys: loadKeys(report.submitted, players), reason: 'event_bonus' });
    expect(newMaster).not.toBe(oldMaster);
    // Tandem's own connections moved too: they answer, and from the promoted replica.
    expect(await t.redis.ping()).toBe('PONG');
    expect(await t.redis.info('replication')).toMatch(/role:master/);
    expect(workers.map((worker) => worker.alive())).toEqual([true, true]);

    // Recovery is counted from the kill: nobody ended the fault, Sentinel and Tandem did.
    const figures = await faultFigures(t, { faultEndedAt: killedAt });
    printFigures('redis-sentinel-failover', figures, {
      submitted: report.submitted,
      promoted: seconds(promotedAt - killedAt),
      firstNewWorkDone: seconds((await firstCompletedAfterKill())! - killedAt),
      producerRetries: report.producerRetries,
    });
  });
});
