import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logging/logger.ts';
import { connectRedis, type RedisConnection } from '../redis/connection.ts';

/**
 * Entity changes travel on one Redis pub/sub channel as `{entity, action, id}`: admin pages refetch
 * just that resource, and every bot process drops the matching cache entry. Pub/sub is fire and
 * forget by design: a subscriber that misses a message still sees the change when its cache expires
 * (60 s), so a lost message delays an update but never loses data.
 */
export const changeEntities = [
  'players',
  'identities',
  'ledger',
  'sync_events',
  'ranks',
  'achievements',
  'menu_buttons',
  'scenarios',
  'tasks',
  'task_submissions',
  'payouts',
  'settings',
  'admins',
  'texts',
  /** The Discord server's roles or channels changed (announced by the Discord bot); id: the guild id. */
  'discord_guild',
  'telegram_chats',
  'seasons',
  'boosts',
  'shop_items',
  'shop_purchases',
] as const;
export type ChangeEntity = (typeof changeEntities)[number];

export const entityChangeSchema = z.object({
  entity: z.enum(changeEntities),
  action: z.enum(['created', 'updated', 'deleted']),
  id: z.string().min(1).max(200),
});
export type EntityChange = z.infer<typeof entityChangeSchema>;

/** The channel of one Tandem installation: the queue prefix keeps test runs and tenants apart. */
export function changesChannel(prefix: string): string {
  return `${prefix}:changes`;
}

export interface ChangePublisher {
  /** Announces a committed change. Never throws: a missed announcement is healed by cache expiry. */
  publish(change: EntityChange): Promise<void>;
}

/** What a service that writes admin-edited records works with: the database, and where it announces each change. */
export interface AdminWriteDeps {
  db: Pick<Database, 'prisma'>;
  changes: ChangePublisher;
}

export function createChangePublisher(
  redis: RedisConnection,
  prefix: string,
  logger: Logger,
): ChangePublisher {
  const channel = changesChannel(prefix);
  return {
    async publish(change) {
      try {
        await redis.publish(channel, JSON.stringify(change));
      } catch (error) {
        logger.warn({ err: error, change }, 'change not announced; caches catch up when they expire');
      }
    },
  };
}

export interface ChangeSubscription {
  close(): Promise<void>;
}

/**
 * Calls `onChange` for every change announced by any Tandem process. Subscribing needs a connection
 * of its own (a subscribed Redis connection can do nothing else); it reconnects and resubscribes by
 * itself after an outage.
 */
export async function subscribeToChanges(
  redisUrl: string,
  prefix: string,
  onChange: (change: EntityChange) => void,
  logger: Logger,
): Promise<ChangeSubscription> {
  const subscriber = connectRedis(redisUrl, { maxRetriesPerRequest: null });
  subscriber.on('error', () => {});
  const channel = changesChannel(prefix);
  subscriber.on('message', (from, message) => {
    if (from !== channel) return;
    let parsed: ReturnType<typeof entityChangeSchema.safeParse>;
    try {
      parsed = entityChangeSchema.safeParse(JSON.parse(message));
    } catch {
      parsed = entityChangeSchema.safeParse(undefined);
    }
    if (!parsed.success) {
      logger.warn({ message }, 'ignored a malformed change announcement');
      return;
    }
    try {
      onChange(parsed.data);
    } catch (error) {
      logger.error({ err: error, change: parsed.data }, 'change handler failed');
    }
  });
  await subscriber.subscribe(channel);
  return {
    async close() {
      subscriber.disconnect();
    },
  };
}
