import { Redis, type RedisOptions } from 'ioredis';

/**
 * Connections for BullMQ. Workers block on Redis and must retry forever (`maxRetriesPerRequest:
 * null`); producers must fail fast instead (`enableOfflineQueue: false`), so an event recorded while
 * Redis is away stays pending in Postgres for the outbox relay rather than hanging its caller.
 */
export function createWorkerConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...options });
}

export function createProducerConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, ...options });
}
