import { describeRedisAddress, parseRedisAddress, type RedisAddress } from '../core/redis-address.ts';
import type { LocalServerSource } from '../local-servers/running-local-servers.ts';
import { connectRedis, connectTo, type RedisConnection } from '../redis/connection.ts';
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
  const redis = connectRedis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    // Behind Sentinel: one round of the sentinels, not ioredis' endless retries (the check would hang).
    sentinelRetryStrategy: () => null,
  });
  // ioredis rejects with "Connection is closed"; the socket's own error says why.
  let socketError: unknown;
  const sentinelErrors: Error[] = [];
  redis.on('error', (error) => {
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
    return [failed('Redis reachable', detail, fix)];
  }
  try {
    const where = describeRedisAddress(address);
    const results = [passed('Redis reachable', `connected to ${where}${embedded[source]}`)];
    const policy = await configValue(redis, 'maxmemory-policy');
    results.push(
      policy === 'noeviction'
        ? passed('Redis keeps queued jobs', 'maxmemory-policy is noeviction')
        : failed(
            'Redis keeps queued jobs',
            `maxmemory-policy is ${policy}: Redis may delete queued jobs when memory runs short`,
            'Set `maxmemory-policy noeviction` in redis.conf (or run CONFIG SET maxmemory-policy noeviction); the queues need it.',
          ),
    );
    const aof = await configValue(redis, 'appendonly');
    results.push(
      aof === 'yes'
        ? passed('Redis persistence', 'AOF (appendonly) is on')
        : failed(
            'Redis persistence',
            'AOF (appendonly) is off: jobs queued since the last snapshot are lost if Redis restarts',
            'Set `appendonly yes` in redis.conf; Tandem works without it, and reconcile repairs what is lost.',
            false,
          ),
    );
    return results;
  } finally {
    redis.disconnect();
  }
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
