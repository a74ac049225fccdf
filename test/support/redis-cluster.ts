/**
 * A Redis Cluster of three masters (no replicas) on free loopback ports, for the tests that run
 * Tandem on a cluster. Start it once per test file (beforeAll) and share it: joining the nodes takes
 * a second or two, and each test isolates itself by its own hash-tag prefix anyway.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { type RedisProcess, startRedisProcess } from './redis-processes.ts';

const run = promisify(execFile);

export interface RedisClusterUnderTest {
  /** `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3`: Tandem's REDIS_URL for it. */
  url: string;
  /** The masters, in the order of `url`: a test may kill one, and restart it. */
  nodes: RedisProcess[];
  /** Starts master `index` again (after a kill) on its port and files; resolves once the cluster is ok. */
  restart(index: number): Promise<void>;
  /** Stops every node; idempotent. */
  stop(): Promise<void>;
}

export interface RedisClusterOptions {
  /**
   * How long a master may be unreachable before the others call it failed and the cluster refuses
   * keys (there are no replicas to fail over to). @defaultValue 2000
   */
  nodeTimeoutMs?: number;
}

/** Starts three masters, joins them into one cluster and resolves once every node says it is ok. */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisClusterUnderTest> {
  const nodes: RedisProcess[] = [];
  const args = [
    '--cluster-enabled',
    'yes',
    '--cluster-config-file',
    'nodes.conf',
    '--cluster-node-timeout',
    String(options.nodeTimeoutMs ?? 2000),
    '--appendonly',
    'no',
  ];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    // A restarted node runs in the folder of the first, which it does not remove itself.
    for (const node of nodes) rmSync(node.dir, { recursive: true, force: true });
  };
  const restart = async (index: number) => {
    const node = nodes[index];
    if (!node) throw new Error(`no cluster node ${index}`);
    // The same port and nodes.conf: the node comes back as the master it was, with its slots.
    nodes[index] = await startRedisProcess(args, { port: node.port, dir: node.dir });
    await Promise.all(nodes.map((each) => waitForClusterState(each.port, 'ok')));
  };
  try {
    for (let i = 0; i < 3; i++) nodes.push(await startRedisProcess(args));
    const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
    await run(
      'redis-cli',
      ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'],
      { timeout: 30_000 },
    );
    // The command returns once the slots are assigned; each node declares the cluster ok only when
    // it has heard from the others by gossip.
    await Promise.all(nodes.map((node) => waitForClusterState(node.port, 'ok')));
    return { url: `redis+cluster://${addresses.join(',')}`, nodes, restart, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves once the node at `port` reports this `cluster_state` (`fail` once it misses a master). */
export async function waitForClusterState(port: number, state: 'ok' | 'fail'): Promise<void> {
  const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const info = await client.cluster('INFO').catch(() => '');
      if (new RegExp(`^cluster_state:${state}\\r?$`, 'm').test(String(info))) return;
      if (Date.now() > deadline)
        throw new Error(`cluster node ${port} did not report cluster_state:${state}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    client.disconnect();
  }
}
