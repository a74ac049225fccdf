import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { parseRedisAddress, type RedisAddress } from '../core/redis-address.ts';
import { SentinelConnection } from './sentinel-connection.ts';

/**
 * A connection to Tandem's Redis, whatever its topology: one server or servers behind Sentinel (a
 * `Redis`, which asks the sentinels for the master and follows a failover by itself), or a Redis
 * Cluster (a `Cluster`, which routes each key to its node). Both speak the same commands.
 */
export type RedisConnection = Redis | Cluster;

/**
 * Options that belong to the whole Cluster object rather than to each node's connection. On a
 * Cluster `enableReadyCheck` waits for `cluster_state:ok`: without it a connection to a cluster that
 * is down still opens (the doctor's, which reports that state itself).
 */
type ClusterLevel = Pick<RedisOptions, 'enableOfflineQueue' | 'lazyConnect' | 'enableReadyCheck'>;

/** Opens a connection to `url` (any form `parseRedisAddress` reads) with these ioredis options. */
export function connectRedis(url: string, options: RedisOptions = {}): RedisConnection {
  return connectTo(parseRedisAddress(url), options);
}

export function connectTo(address: RedisAddress, options: RedisOptions = {}): RedisConnection {
  const node = {
    username: address.username,
    password: address.password,
    ...(address.tls ? { tls: address.tls } : {}),
  };
  if (address.topology === 'cluster') {
    const { enableOfflineQueue, lazyConnect, enableReadyCheck, ...perNode }: RedisOptions = options;
    const clusterLevel: ClusterLevel = { enableOfflineQueue, lazyConnect, enableReadyCheck };
    return new Cluster(address.nodes, {
      ...withoutUndefined(clusterLevel),
      redisOptions: { ...node, ...perNode },
    });
  }
  if (address.topology === 'sentinel') {
    return new SentinelConnection({
      ...node,
      db: address.db,
      sentinels: address.nodes,
      name: address.masterName,
      sentinelUsername: address.sentinelUsername,
      sentinelPassword: address.sentinelPassword,
      ...(address.tls ? { sentinelTLS: address.tls, enableTLSForSentinelMode: true } : {}),
      // Each reconnect asks the sentinels which server is master, so trying often finds the promoted
      // replica within half a second of its promotion; ioredis' own backoff grows to 5 s, and after a
      // killed master (~2 s until promotion) it often waited 1.5 s more.
      retryStrategy: (attempt: number) => Math.min(100 * attempt, 500),
      // Sentinel disconnects the clients of a master it demotes, and SentinelConnection follows its
      // announcements: no client was seen to get READONLY. A master demoted another way (REPLICAOF
      // by hand, sentinels not allowed CLIENT KILL) would answer every write with READONLY for as
      // long as the connection lasts: then reconnect, through the sentinels, to the master they
      // name. The command itself still fails; its caller retries as after any Redis error.
      reconnectOnError: (error: Error) => error.message.startsWith('READONLY'),
      ...options,
    });
  }
  const [server] = address.nodes;
  return new Redis({ ...node, host: server?.host, port: server?.port, db: address.db, ...options });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Connections for BullMQ. Workers block on Redis and must retry forever (`maxRetriesPerRequest:
 * null`); producers must fail fast instead (`enableOfflineQueue: false`), so an event recorded while
 * Redis is away stays pending in Postgres for the outbox relay rather than hanging its caller.
 */
export function createWorkerConnection(url: string, options: RedisOptions = {}): RedisConnection {
  return connectRedis(url, { maxRetriesPerRequest: null, ...options });
}

export function createProducerConnection(url: string, options: RedisOptions = {}): RedisConnection {
  return connectRedis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, ...options });
}

/**
 * Another connection to the same Redis with the same options, but for `override` (a subscriber
 * needs one of its own; a caller may want other timeouts).
 */
export function duplicateConnection(
  connection: RedisConnection,
  override: RedisOptions = {},
): RedisConnection {
  if (connection instanceof Cluster)
    return connection.duplicate(undefined, {
      redisOptions: { ...connection.options.redisOptions, ...override },
    });
  return connection.duplicate(override);
}
