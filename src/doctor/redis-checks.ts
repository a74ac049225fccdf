import { Cluster } from 'ioredis';
import { describeRedisAddress, parseRedisAddress, type RedisAddress } from '../core/redis-address.ts';
import type { LocalServerSource } from '../local-servers/running-local-servers.ts';
import { connectTo, type RedisConnection } from '../redis/connection.ts';
import { type CheckResult, failed, passed } from './check-result.ts';
import { explainRedisConnectionFailure } from './redis-connection-failure.ts';

const embedded: Record<LocalServerSource, string> = {
  configured: '',
  running: ' (the private Redis npm start runs)',
  started: ' (the private Redis, started for this check: npm start is not running)',
};

/** Redis answers, keeps BullMQ's jobs (no eviction) and, ideally, survives a restart (AOF). */
export async function checkRedis(
  redisUrl: string,
  source: LocalServerSource = 'configured',
): Promise<CheckResult[]> {
  let address: RedisAddress;
  try {
    address = parseRedisAddress(redisUrl);
  } catch (error) {
    return [failed('Redis reachable', (error as Error).message, 'Correct REDIS_URL.')];
  }
  const where = describeRedisAddress(address);
  const redis = connectTo(address, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    // A Cluster that is down would otherwise never finish connecting: it is reported below instead.
    ...(address.topology === 'cluster' ? { enableReadyCheck: false } : {}),
    // Behind Sentinel: one round of the sentinels, not ioredis' endless retries (the check would hang).
    sentinelRetryStrategy: () => null,
  });
  // ioredis rejects with "Connection is closed"; the socket's own error says why.
  let socketError: unknown;
  const sentinelErrors: Error[] = [];
  redis.on('error', (error) => {
    socketError ??= error;
  });
  // A Cluster reports its nodes' socket errors apart; its own error says only that none answered.
  redis.on('node error', (error) => {
    socketError ??= error;
  });
  redis.on('sentinelError', (error: Error) => sentinelErrors.push(error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const cause = socketError ?? error;
    const direct =
      sentinelErrors.length > 0 && (cause as { code?: unknown }).code === undefined
        ? await directSentinelError(address)
        : undefined;
    const { detail, fix } = explainRedisConnectionFailure(cause, address, { errors: sentinelErrors, direct });
    return [
      failed(
        'Redis reachable',
        address.topology === 'cluster' ? `no node of the cluster could be used: ${detail}` : detail,
        fix,
      ),
    ];
  }
  try {
    const down = redis instanceof Cluster ? await clusterDown(redis) : null;
    if (down)
      return [
        failed(
          'Redis reachable',
          `connected to ${where}, but the cluster serves no keys: ${down}`,
          'Run CLUSTER INFO and CLUSTER NODES on a node: start the failed master (or give it a replica) so every slot is served.',
        ),
      ];
    const results = [passed('Redis reachable', `connected to ${where}${embedded[source]}`)];
    const evicting = await nodesWhere(redis, 'maxmemory-policy', (policy) => policy !== 'noeviction');
    results.push(
      evicting
        ? failed(
            'Redis keeps queued jobs',
            `maxmemory-policy is ${evicting}: Redis may delete queued jobs when memory runs short`,
            'Set `maxmemory-policy noeviction` in redis.conf (or run CONFIG SET maxmemory-policy noeviction); the queues need it.',
          )
        : passed('Redis keeps queued jobs', 'maxmemory-policy is noeviction'),
    );
    const noAof = await nodesWhere(
      redis,
      'appendonly',
      (aof) => aof !== 'yes',
      (aof) => (aof === 'no' ? 'off' : aof),
    );
    results.push(
      noAof
        ? failed(
            'Redis persistence',
            `AOF (appendonly) is ${noAof}: jobs queued since the last snapshot are lost if Redis restarts`,
            'Set `appendonly yes` in redis.conf; Tandem works without it, and reconcile repairs what is lost.',
            false,
          )
        : passed('Redis persistence', 'AOF (appendonly) is on'),
    );
    return results;
  } finally {
    redis.disconnect();
  }
}

/**
 * A Cluster whose state is not ok refuses every key, on every node, while each node still answers
 * PING: the reason in words, or null when it serves.
 */
async function clusterDown(cluster: Cluster): Promise<string | null> {
  const info = String(await cluster.cluster('INFO'));
  const state = /^cluster_state:(\w+)/m.exec(info)?.[1] ?? 'unknown';
  if (state === 'ok') return null;
  const assigned = /^cluster_slots_assigned:(\d+)/m.exec(info)?.[1];
  const failing = /^cluster_slots_fail:(\d+)/m.exec(info)?.[1];
  return `cluster_state is ${state} (${assigned ?? '?'} of 16384 slots assigned, ${failing ?? '?'} on failed nodes)`;
}

/**
 * A setting's value where `wrong` holds for it, in words (`say`): `"off"`, or on a Cluster, whose
 * masters each have settings of their own, `"off on 10.0.0.2:6379"`; null when every node has it right.
 */
async function nodesWhere(
  redis: RedisConnection,
  name: string,
  wrong: (value: string) => boolean,
  say: (value: string) => string = (value) => value,
): Promise<string | null> {
  if (!(redis instanceof Cluster)) {
    const value = await configValue(redis, name);
    return wrong(value) ? say(value) : null;
  }
  const found = await Promise.all(
    redis.nodes('master').map(async (node) => ({
      where: `${node.options.host}:${node.options.port}`,
      value: await configValue(node, name),
    })),
  );
  const wrongOnes = found.filter(({ value }) => wrong(value));
  return wrongOnes.length === 0
    ? null
    : wrongOnes.map(({ where, value }) => `${say(value)} on ${where}`).join(', ');
}

async function configValue(redis: RedisConnection, name: string): Promise<string> {
  const reply = (await redis.config('GET', name)) as string[];
  return reply[1] ?? 'unknown';
}

/** Why a connection of the check's own to the first sentinel fails (undefined when it does not). */
async function directSentinelError(address: RedisAddress): Promise<unknown> {
  const sentinelAddress: RedisAddress = {
    topology: 'server',
    nodes: address.nodes.slice(0, 1),
    username: address.sentinelUsername,
    password: address.sentinelPassword,
    tls: address.tls,
  };
  const sentinel = connectTo(sentinelAddress, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let socketError: unknown;
  sentinel.on('error', (error) => {
    socketError ??= error;
  });
  try {
    await sentinel.connect();
    await sentinel.ping();
    return undefined;
  } catch (error) {
    return socketError ?? error;
  } finally {
    sentinel.disconnect();
  }
}
