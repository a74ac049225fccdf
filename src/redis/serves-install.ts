import { Cluster } from 'ioredis';
import type { RedisConnection } from './connection.ts';

/**
 * Whether Redis serves the install's keys right now (rejects, or resolves false, when it does not).
 *
 * One server (or the master behind Sentinel) answers PING only when it can serve everything. A
 * Cluster answers PING from any node, even while the master that holds the install's slot is gone
 * and the cluster refuses every key (CLUSTERDOWN): there a read of a key under the prefix asks the
 * very node Tandem's keys are on. The key is never written; EXISTS only reads.
 */
export async function servesInstallKeys(redis: RedisConnection, prefix: string): Promise<boolean> {
  if (redis instanceof Cluster) {
    await redis.exists(`${prefix}:readiness-probe`);
    return true;
  }
  return (await redis.ping()) === 'PONG';
}
