import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, openAdminApiWorld } from '../../test/support/admin-api-world.ts';
import {
  type RedisClusterUnderTest,
  startRedisCluster,
  waitForClusterState,
} from '../../test/support/redis-cluster.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { checkRedis } from '../doctor/redis-checks.ts';

// What an operator reads about a Redis Cluster: the doctor's checks and the API's readiness. Every
// node of a cluster answers PING even while the cluster refuses every key, so both must look further.

let cluster: RedisClusterUnderTest;
let world: AdminApiWorld;

beforeAll(async () => {
  // A master is called failed after 1 s without an answer: the outage below shows quickly.
  cluster = await startRedisCluster({ nodeTimeoutMs: 1000 });
  world = await openAdminApiWorld({ redisUrl: cluster.url, hashTagPrefix: true });
});
afterAll(async () => {
  await world?.stop();
  await cluster?.stop();
});

const named = (results: Awaited<ReturnType<typeof checkRedis>>, name: string) =>
  results.find((result) => result.name === name);

async function configSet(port: number, name: string, value: string): Promise<void> {
  const node = new Redis({ port, host: '127.0.0.1' });
  try {
    await node.config('SET', name, value);
  } finally {
    node.disconnect();
  }
}

describe('a Redis Cluster, as the doctor and the readiness probe see it', () => {
  it("reads each master's settings, and names the one that may evict jobs", async () => {
    const healthy = await checkRedis(cluster.url);
    expect(named(healthy, 'Redis reachable')).toMatchObject({ ok: true });
    expect(named(healthy, 'Redis keeps queued jobs')).toMatchObject({ ok: true });

    const [, second, third] = cluster.nodes;
    await configSet(second!.port, 'maxmemory-policy', 'allkeys-lru');
    await configSet(third!.port, 'appendonly', 'yes');
    try {
      const results = await checkRedis(cluster.url);
      expect(named(results, 'Redis keeps queued jobs')).toMatchObject({
        ok: false,
        blocking: true,
        detail: expect.stringContaining(`allkeys-lru on 127.0.0.1:${second!.port}`),
      });
      // Two masters keep no AOF, the third does: the warning names the two.
      const persistence = named(results, 'Redis persistence');
      expect(persistence).toMatchObject({ ok: false, blocking: false });
      expect(persistence?.detail).toContain(`off on 127.0.0.1:${cluster.nodes[0]!.port}`);
      expect(persistence?.detail).toContain(`off on 127.0.0.1:${second!.port}`);
      expect(persistence?.detail).not.toContain(`${third!.port}`);
    } finally {
      await configSet(second!.port, 'maxmemory-policy', 'noeviction');
    }
  });

  it('reports the API not ready, and the doctor a cluster down, while a master is gone', async () => {
    const ready = await world.call('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ postgres: true, redis: true });

    const [gone, survivor] = cluster.nodes;
    await gone!.kill();
    await waitForClusterState(survivor!.port, 'fail');

    const notReady = await world.call('/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ postgres: true, redis: false });
    const reachable = named(await checkRedis(cluster.url), 'Redis reachable');
    expect(reachable).toMatchObject({ ok: false, blocking: true });
    expect(reachable?.detail).toContain('cluster_state is fail');

    await cluster.restart(0);
    await waitFor(async () => (await world.call('/readyz')).status === 200, 'ready again');
  });
});
