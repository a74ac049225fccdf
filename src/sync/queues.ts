import { type JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import { type EventType, isEconomyEventType } from '../ledger/event-schemas.ts';
import { idempotencyKeySchema } from '../ledger/idempotency-key.ts';
import type { RedisConnection } from '../redis/connection.ts';

/**
 * The one queue contract: names, job payload schemas, and one producer per queue that sets its job
 * options. Economy events and platform work are separate queues so that a Discord 429 pausing the
 * platform queue never slows down recording and ranking.
 */
export const queueNames = {
  /** xp_change, balance_change, reward_grant: database work only (rank, achievements, sync state). */
  economy: 'economy-events',
  /** rank_change, achievement_unlock, payout_decision: Discord roles and notices, paced and 429-aware. */
  platform: 'platform-sync',
  /** Messages to players on Telegram or Discord, paced and 429-aware. */
  notifications: 'notifications',
  /** Scheduled work: reconcile, cleanup, outbox relay, closing seasons. */
  maintenance: 'maintenance',
} as const;

export type QueueName = (typeof queueNames)[keyof typeof queueNames];

export const syncJobSchema = z.object({ eventId: z.uuid() });
export type SyncJob = z.infer<typeof syncJobSchema>;

const recipient = {
  platform: z.enum(['telegram', 'discord']),
  platformUserId: z.string().min(1).max(32),
};

/** A text named by key, written in the reader's language when the job runs. */
const messageNoticeSchema = z.object({
  ...recipient,
  message: z.object({
    key: z.string().min(1).max(200),
    params: z.record(z.string(), z.union([z.string().max(2000), z.number()])).optional(),
  }),
});

/**
 * Jobs queued before notices were written at send time carry their finished text: Redis keeps them
 * across a restart, and they are delivered as they are.
 */
const textNoticeSchema = z.object({ ...recipient, text: z.string().min(1).max(4000) });

/**
 * An announcement in a community channel (a Discord channel, a Telegram group), written in the
 * community's default language when it is sent.
 */
const channelNoticeSchema = z.object({
  channel: z.object({
    platform: z.enum(['telegram', 'discord']),
    chatId: z.string().regex(/^-?\d{1,20}$/),
  }),
  message: messageNoticeSchema.shape.message,
});
export type ChannelNotice = z.infer<typeof channelNoticeSchema>;

export const notificationJobSchema = z.union([messageNoticeSchema, textNoticeSchema]);
export type NotificationJob = z.infer<typeof notificationJobSchema>;

/** Every job of the notifications queue: a notice to a player, or an announcement in a channel. */
export const queuedNoticeSchema = z.union([messageNoticeSchema, textNoticeSchema, channelNoticeSchema]);

export const maintenanceJobSchema = z.object({
  /**
   * `boost-start`: a delayed job due at a boost's start (see maintenance/boost-starts.ts).
   * `shop-tick`: the shop's minute sweep (see maintenance/shop-tick.ts).
   * `reconcile-audit`: a page of an admin's full audit (see maintenance/reconcile/audit.ts).
   */
  task: z.enum([
    'reconcile',
    'cleanup',
    'outbox-relay',
    'close-seasons',
    'boost-start',
    'shop-tick',
    'reconcile-audit',
  ]),
});
export type MaintenanceJob = z.infer<typeof maintenanceJobSchema>;

// --- The shop's platform jobs (src/shop): granting a purchase, taking a timed role back. ---
/** Jobs of the platform queue that carry no SyncEvent: their names tell them apart. */
export const shopJobNames = { grant: 'shop-grant', revoke: 'shop-revoke' } as const;
export const shopJobSchema = z.object({ purchaseId: z.uuid() });
export type ShopJob = z.infer<typeof shopJobSchema>;
/** One job per purchase and step: a purchase handed over twice is granted (or taken back) once. */
export const shopJobId = (step: keyof typeof shopJobNames, purchaseId: string) =>
  `shop-${step}-${purchaseId}`;
// --- end of the shop's jobs ---

export interface QueueOptions {
  connection: RedisConnection;
  prefix: string;
  /** @defaultValue 3 */
  attempts: number;
  /** First retry delay in ms; doubles each attempt, +-30% jitter so retries of a burst spread out. */
  backoffMs: number;
}

export interface Queues {
  economy: Queue<SyncJob>;
  platform: Queue<SyncJob>;
  notifications: Queue<NotificationJob>;
  maintenance: Queue<MaintenanceJob>;
  /** Enqueues the job that carries one SyncEvent; its job id is the event's idempotency key. */
  enqueueEvent(event: { id: string; idempotencyKey: string; type: EventType }): Promise<void>;
  enqueueEvents(
    events: ReadonlyArray<{ id: string; idempotencyKey: string; type: EventType }>,
  ): Promise<void>;
  /** A notification is sent at most once per `dedupId` while its job is kept. */
  enqueueNotification(dedupId: string, job: NotificationJob): Promise<void>;
  /** An announcement is posted at most once per `dedupId` while its job is kept, paced as notices are. */
  enqueueAnnouncement(dedupId: string, job: ChannelNotice): Promise<void>;
  /** The shop's grant of a purchase, on the paced platform queue (src/shop/purchase.ts ShopJobQueue). */
  enqueueShopGrant(purchaseId: string): Promise<void>;
  /** Takes a timed role back `delayMs` from now, on the paced platform queue. */
  enqueueShopRevoke(purchaseId: string, delayMs: number): Promise<void>;
  /** Whether the producer connection is up: when it is not, recorded events wait for the relay. */
  connected(): boolean;
  all(): Queue[];
  close(): Promise<void>;
}

export function openQueues(options: QueueOptions): Queues {
  const shared = { connection: options.connection, prefix: options.prefix };
  const retried: JobsOptions = {
    attempts: options.attempts,
    backoff: { type: 'exponential', delay: options.backoffMs, jitter: 0.3 },
    // The database keeps the history; Redis keeps enough for operators and the dedup window.
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
  const economy = new Queue<SyncJob>(queueNames.economy, { ...shared, defaultJobOptions: retried });
  const platform = new Queue<SyncJob>(queueNames.platform, { ...shared, defaultJobOptions: retried });
  const notifications = new Queue<NotificationJob>(queueNames.notifications, {
    ...shared,
    defaultJobOptions: { ...retried, attempts: Math.max(options.attempts, 5) },
  });
  const maintenance = new Queue<MaintenanceJob>(queueNames.maintenance, {
    ...shared,
    defaultJobOptions: { attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } },
  });
  // A Queue re-emits its connection's errors; without a listener Node prints each one raw on every
  // reconnect attempt while Redis is away. The outage is already handled (events stay pending for the
  // relay), so the errors are dropped here; `connected()` tells callers the state.
  for (const queue of [economy, platform, notifications, maintenance]) queue.on('error', () => {});
  const queueFor = (type: EventType) => (isEconomyEventType(type) ? economy : platform);
  let everReady = options.connection.status === 'ready';
  options.connection.once('ready', () => {
    everReady = true;
  });

  return {
    economy,
    platform,
    notifications,
    maintenance,
    async enqueueEvent(event) {
      await queueFor(event.type).add(
        event.type,
        { eventId: event.id },
        { jobId: jobIdFor(event.idempotencyKey) },
      );
    },
    async enqueueEvents(events) {
      const byQueue = new Map<Queue<SyncJob>, Parameters<Queue<SyncJob>['addBulk']>[0]>();
      for (const event of events) {
        const queue = queueFor(event.type);
        const jobs = byQueue.get(queue) ?? [];
        jobs.push({
          name: event.type,
          data: { eventId: event.id },
          opts: { jobId: jobIdFor(event.idempotencyKey) },
        });
        byQueue.set(queue, jobs);
      }
      await Promise.all([...byQueue].map(([queue, jobs]) => queue.addBulk(jobs)));
    },
    async enqueueNotification(dedupId, job) {
      await notifications.add('notify', notificationJobSchema.parse(job), { jobId: jobIdFor(dedupId) });
    },
    async enqueueAnnouncement(dedupId, job) {
      // The queue's type names the players' notices its older callers read back; an announcement
      // shares the queue (and its pace) but not that type.
      const shared = notifications as unknown as Queue<ChannelNotice>;
      await shared.add('announce', channelNoticeSchema.parse(job), { jobId: jobIdFor(dedupId) });
    },
    async enqueueShopGrant(purchaseId) {
      const shop = platform as unknown as Queue<ShopJob>;
      await shop.add(shopJobNames.grant, shopJobSchema.parse({ purchaseId }), {
        jobId: jobIdFor(shopJobId('grant', purchaseId)),
      });
    },
    async enqueueShopRevoke(purchaseId, delayMs) {
      const shop = platform as unknown as Queue<ShopJob>;
      await shop.add(shopJobNames.revoke, shopJobSchema.parse({ purchaseId }), {
        jobId: jobIdFor(shopJobId('revoke', purchaseId)),
        delay: Math.max(0, Math.round(delayMs)),
      });
    },
    // Before the first connection a caller is given its chance (bounded by the engine's timeout);
    // after it, only a ready connection counts: while ioredis retries, nobody waits on it.
    connected: () => options.connection.status === 'ready' || !everReady,
    all: () => [economy, platform, notifications, maintenance],
    async close() {
      await Promise.all([economy.close(), platform.close(), notifications.close(), maintenance.close()]);
    },
  };
}

function jobIdFor(key: string): string {
  return idempotencyKeySchema.parse(key);
}
