/**
 * A Redis Cluster of three masters (no replicas) on free loopback ports, for the tests that run
 * Tandem on a cluster. Start it once per test file (beforeAll) and share it: joining the nodes takes
 * a second or two, and each test isolates itself by its own hash-tag prefix anyway.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { type RedisProcess, startRedisProcess } from './redis-processes.ts';

const run = promisify(execFile);

export interface RedisClusterUnderTest {
  /** `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3`: Tandem's REDIS_URL for it. */
  url: string;
  ports: number[];
  /** Stops every node; idempotent. */
  stop(): Promise<void>;
}

/**
 * How long a node may be unreachable before the others call it failed. Nothing fails over here
 * (there are no replicas), so it only needs to be short enough not to matter.
 */
const nodeTimeoutMs = 2000;

/** Starts three masters, joins them into one cluster and resolves once every node says it is ok. */
export async function startRedisCluster(): Promise<RedisClusterUnderTest> {
  const nodes: RedisProcess[] = [];
  const stop = () => Promise.all(nodes.map((node) => node.stop())).then(() => undefined);
  try {
    for (let i = 0; i < 3; i++)
      nodes.push(
        await startRedisProcess([
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          'nodes.conf',
          '--cluster-node-timeout',
          String(nodeTimeoutMs),
          '--appendonly',
          'no',
        ]),
      );
    const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
    await run(
      'redis-cli',
      ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'],
      { timeout: 30_000 },
    );
    await Promise.all(nodes.map((node) => waitForClusterOk(node.port)));
    return { url: `redis+cluster://${addresses.join(',')}`, ports: nodes.map((node) => node.port), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * `redis-cli --cluster create` returns once the slots are assigned, but each node declares the
 * cluster ok only when it has heard from the others by gossip.
 */
async function waitForClusterOk(port: number): Promise<void> {
  const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const info = await client.cluster('INFO').catch(() => '');
      if (/^cluster_state:ok\r?$/m.test(String(info))) return;
      if (Date.now() > deadline) throw new Error(`cluster node ${port} did not report cluster_state:ok`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    client.disconnect();
  }
}
