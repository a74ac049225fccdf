import { afterEach, describe, expect, it } from 'vitest';
import { uniqueQueuePrefix } from '../../../test/support/database.ts';
import { testRedisUrl } from '../../../test/support/env.ts';
import { createProducerConnection } from '../../redis/connection.ts';
import { openQueues, type Queues } from '../queues.ts';
import { type ScheduleOptions, upsertSchedulers } from './schedulers.ts';

const defaults: ScheduleOptions = {
  reconcileEveryMs: 900_000,
  cleanupPattern: '0 4 * * *',
  outboxRelayEveryMs: 5000,
};

/** One Tandem process starting: its own Redis connection and queues, sharing the prefix. */
function startProcess(prefix: string) {
  const redis = createProducerConnection(testRedisUrl);
  redis.on('error', () => {});
  const queues = openQueues({ connection: redis, prefix, attempts: 3, backoffMs: 50 });
  return {
    queues,
    upsert: (options: ScheduleOptions = defaults) => upsertSchedulers(queues, redis, prefix, options),
    async stop() {
      await queues.close();
      redis.disconnect();
    },
  };
}

let processes: Array<ReturnType<typeof startProcess>> = [];
let observer: Queues | undefined;
afterEach(async () => {
  await observer?.maintenance.obliterate({ force: true }).catch(() => {});
  await Promise.all(processes.map((p) => p.stop()));
  processes = [];
});

function boot(prefix: string) {
  const p = startProcess(prefix);
  processes.push(p);
  observer ??= p.queues;
  return p;
}

async function schedulers(queues: Queues) {
  const list = await queues.maintenance.getJobSchedulers();
  return list
    .map((s) => ({
      id: s.key,
      name: s.name,
      every: s.every,
      pattern: s.pattern,
      task: s.template?.data?.task,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

describe('upsertSchedulers', () => {
  it('leaves exactly one scheduler per task after restarts, two of them concurrent', async () => {
    observer = undefined;
    const prefix = uniqueQueuePrefix();
    await boot(prefix).upsert();
    // Two processes starting at the same moment, then the first again.
    await Promise.all([boot(prefix).upsert(), boot(prefix).upsert()]);
    await boot(prefix).upsert();

    expect(await schedulers(observer!)).toEqual([
      { id: 'cleanup', name: 'cleanup', every: undefined, pattern: '0 4 * * *', task: 'cleanup' },
      {
        id: 'close-seasons',
        name: 'close-seasons',
        every: 60_000,
        pattern: undefined,
        task: 'close-seasons',
      },
      {
        id: 'evaluate-alerts',
        name: 'evaluate-alerts',
        every: 30_000,
        pattern: undefined,
        task: 'evaluate-alerts',
      },
      { id: 'outbox-relay', name: 'outbox-relay', every: 5000, pattern: undefined, task: 'outbox-relay' },
      { id: 'reconcile', name: 'reconcile', every: 900_000, pattern: undefined, task: 'reconcile' },
      { id: 'shop-tick', name: 'shop-tick', every: 60_000, pattern: undefined, task: 'shop-tick' },
    ]);
    // One next run per scheduler, not one per upsert.
    const counts = await observer!.maintenance.getJobCounts('waiting', 'delayed', 'prioritized', 'active');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('applies changed intervals on the next start, replacing the old ones', async () => {
    observer = undefined;
    const prefix = uniqueQueuePrefix();
    await boot(prefix).upsert();
    await boot(prefix).upsert({
      reconcileEveryMs: 60_000,
      cleanupPattern: '30 2 * * *',
      outboxRelayEveryMs: 2000,
    });

    expect(await schedulers(observer!)).toEqual([
      { id: 'cleanup', name: 'cleanup', every: undefined, pattern: '30 2 * * *', task: 'cleanup' },
      {
        id: 'close-seasons',
        name: 'close-seasons',
        every: 60_000,
        pattern: undefined,
        task: 'close-seasons',
      },
      {
        id: 'evaluate-alerts',
        name: 'evaluate-alerts',
        every: 30_000,
        pattern: undefined,
        task: 'evaluate-alerts',
      },
      { id: 'outbox-relay', name: 'outbox-relay', every: 2000, pattern: undefined, task: 'outbox-relay' },
      { id: 'reconcile', name: 'reconcile', every: 60_000, pattern: undefined, task: 'reconcile' },
      { id: 'shop-tick', name: 'shop-tick', every: 60_000, pattern: undefined, task: 'shop-tick' },
    ]);
    const cleanup = await observer!.maintenance.getJobScheduler('cleanup');
    expect(cleanup?.tz).toBe('UTC');
    // The next cleanup is at 02:30 UTC, whatever the machine's time zone.
    const next = new Date(cleanup!.next!);
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([2, 30]);
    const counts = await observer!.maintenance.getJobCounts('waiting', 'delayed', 'prioritized', 'active');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(6);
  });
});
