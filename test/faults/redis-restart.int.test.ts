import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedEconomyDefaults } from '../../src/catalog/seed.ts';
import { type PrivateRedis, startPrivateRedis } from '../../src/local-servers/private-redis.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { openServices, type Services } from '../../src/runtime/services.ts';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from '../support/database.ts';
import { waitFor } from '../support/wait-for.ts';
import { expectEveryEventOnce, waitUntilDrained } from './support/exactly-once.ts';
import { faultFigures, printFigures } from './support/figures.ts';
import { loadChange, loadKeys, sleep, startSteadyLoad } from './support/steady-load.ts';
import { startWorkerProcesses, stopAllWorkerProcesses } from './support/worker-processes.ts';

const logger = createLogger('silent');
let redis: PrivateRedis | undefined;
let services: Services | undefined;
let database: TestDatabase | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await stopAllWorkerProcesses();
  if (services) {
    for (const queue of services.queues.all()) await queue.obliterate({ force: true }).catch(() => {});
    await services.close();
  }
  await redis?.stop();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  redis = services = database = dataDir = undefined;
});

describe('Redis restarted under a steady load', () => {
  it('keeps recording while it is away, then completes every event once', async () => {
    // A Redis of this test's own (AOF on, as in production), so it can be stopped and started.
    dataDir = await mkdtemp(join(tmpdir(), 'tandem-fault-redis-'));
    redis = await startPrivateRedis({ dataDir, logger });
    const port = Number(new URL(redis.url).port);
    database = await createTestDatabase();
    const prefix = uniqueQueuePrefix();
    services = openServices({
      databaseUrl: database.url,
      databasePoolSize: 20,
      redisUrl: redis.url,
      queuePrefix: prefix,
      syncAttempts: 3,
      syncBackoffMs: 50,
      logger,
    });
    const t = services;
    // This process's queues report each reconnect attempt as an error; the outage is the point here.
    for (const queue of t.queues.all()) queue.on('error', () => {});
    await seedEconomyDefaults(t.db.prisma);
    const players: string[] = [];
    for (let i = 0; i < 20; i++)
      players.push((await t.db.prisma.player.create({ data: { displayName: `P${i}` } })).id);
    // Each worker runs the outbox relay, as in production (scaled down: every 1 s, for events
    // pending over 2 s): it hands over what was recorded while Redis was away. Job locks last 2 s
    // (production: 30 s), less than the outage: what was running when Redis went is run again.
    const workers = await startWorkerProcesses(2, {
      databaseUrl: database.url,
      redisUrl: redis.url,
      prefix,
      relayEveryMs: 1000,
      outboxStaleAfterMs: 2000,
      lockDurationMs: 2000,
      stalledIntervalMs: 500,
    });

    const load = startSteadyLoad({ perSecond: 60, submit: (i) => t.engine.record(loadChange(i, players)) });
    await sleep(2500);
    await redis.stop();
    const away = Date.now();
    await sleep(3000);
    // Players kept getting their answers: the events recorded meanwhile wait in Postgres.
    const pendingWhileAway = await t.db.prisma.syncEvent.count({ where: { status: 'pending' } });
    redis = await startPrivateRedis({ dataDir, logger, port });
    const faultEndedAt = Date.now();
    await waitFor(async () => (await t.redis.ping().catch(() => null)) === 'PONG', 'Redis answering');
    await sleep(3000);
    const report = await load.stop();

    await waitUntilDrained(t);
    await expectEveryEventOnce(t, { keys: loadKeys(report.submitted, players), reason: 'event_bonus' });
    expect(pendingWhileAway).toBeGreaterThan(50);
    expect(workers.map((worker) => worker.alive())).toEqual([true, true]);

    const figures = await faultFigures(t, { faultEndedAt });
    printFigures('redis-restart', figures, {
      submitted: report.submitted,
      away: `${((faultEndedAt - away) / 1000).toFixed(1)} s`,
      pendingWhileAway,
    });
  });
});
