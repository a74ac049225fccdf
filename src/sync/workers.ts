import { type Job, type Processor, UnrecoverableError, Worker } from 'bullmq';
import { ZodError } from 'zod';
import type { RedisConnection } from '../redis/connection.ts';
import type { SyncContext } from './context.ts';
import { type Attempt, recordEventFailure } from './event-lifecycle.ts';
import { type MaintenanceOptions, runMaintenance } from './maintenance/run-maintenance.ts';
import { PlatformRateLimitedError, PlatformRefusedError } from './ports.ts';
import { processEconomyEvent } from './processors/process-economy-event.ts';
import { processNotification } from './processors/process-notification.ts';
import { processProjectionEvent } from './processors/process-projection-event.ts';
import { processShopJob } from './processors/process-shop-job.ts';
import {
  maintenanceJobSchema,
  queuedNoticeSchema,
  queueNames,
  shopJobNames,
  syncJobSchema,
} from './queues.ts';

export interface WorkerOptions {
  connection: RedisConnection;
  prefix: string;
  /** Economy jobs at once in this process. @defaultValue 16 */
  concurrency: number;
  /**
   * Platform calls per second across all workers (BullMQ's limiter is global per queue). Discord
   * was seen to allow about 10 role edits per 10 s per guild; Telegram about 30 messages/s.
   * @defaultValue { platform: 5, notifications: 25 }
   */
  platformPerSecond?: number;
  notificationsPerSecond?: number;
  maintenance: MaintenanceOptions;
  /**
   * How long a job's lock lasts without renewal, and how often stalled jobs are looked for: a worker
   * that dies mid-job has its job run again elsewhere after about this long.
   * @defaultValue BullMQ's, 30000 ms each
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export interface SyncWorkers {
  workers: Worker[];
  /** Waits for running jobs to finish; `force` stops at once (they run again elsewhere). */
  close(force?: boolean): Promise<void>;
}

/** Starts one worker per queue in this process; any number of processes may do the same. */
export function startSyncWorkers(ctx: SyncContext, options: WorkerOptions): SyncWorkers {
  const base = {
    connection: options.connection,
    prefix: options.prefix,
    // Every processor is safe to run again, so a job that stalls twice (a busy machine, a crash
    // during its retry) is better run a third time than failed with its event already done.
    maxStalledCount: 3,
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
  };
  const economy = new Worker(
    queueNames.economy,
    eventProcessor(ctx, (id, attempt) => processEconomyEvent(ctx, id, attempt)),
    { ...base, concurrency: options.concurrency },
  );
  const projections = eventProcessor(ctx, (id) => processProjectionEvent(ctx, id));
  // The shop's grants and revokes share the platform queue (and its pace) but carry no SyncEvent.
  const shop = rateLimitAware(ctx, (job) => processShopJob(ctx, job));
  const platform = new Worker(
    queueNames.platform,
    (job, token) => (isShopJob(job.name) ? shop(job, token) : projections(job, token)),
    { ...base, concurrency: 4, limiter: { max: options.platformPerSecond ?? 5, duration: 1000 } },
  );
  const notifications = new Worker(
    queueNames.notifications,
    rateLimitAware(ctx, async (job) => {
      const parsed = queuedNoticeSchema.safeParse(job.data);
      if (!parsed.success) throw badPayload(job, parsed.error);
      return processNotification(ctx, parsed.data);
    }),
    { ...base, concurrency: 4, limiter: { max: options.notificationsPerSecond ?? 25, duration: 1000 } },
  );
  const maintenance = new Worker(
    queueNames.maintenance,
    async (job) => {
      const parsed = maintenanceJobSchema.safeParse(job.data);
      if (!parsed.success) throw badPayload(job, parsed.error);
      return runMaintenance(ctx, options.maintenance, parsed.data.task);
    },
    // The relay every few seconds must not wait behind a long reconcile.
    { ...base, concurrency: 2 },
  );
  const workers = [economy, platform, notifications, maintenance];
  // A job BullMQ fails on its own (stalled too often after worker crashes) never reaches the
  // processor's own bookkeeping: mark its event failed here so it shows, and can be retried.
  for (const worker of [economy, platform]) {
    worker.on('failed', (job, error) => {
      if (!job || !syncJobSchema.safeParse(job.data).success) return;
      void job
        .getState()
        .then(async (state) => {
          if (state !== 'failed') return;
          const { newlyFailed } = await recordEventFailure(
            ctx.db.pool,
            job.data.eventId,
            error.message,
            true,
          );
          if (newlyFailed) ctx.metrics?.events.failed(newlyFailed);
        })
        .catch((e) => ctx.logger.error({ err: e, job: job.id }, 'could not record the failure on the event'));
    });
  }
  for (const worker of workers) {
    worker.on('failed', (job, error) =>
      ctx.logger.warn(
        { queue: worker.name, job: job?.id, attempt: job?.attemptsMade, err: error.message },
        'job failed',
      ),
    );
    worker.on('error', (error) =>
      ctx.logger.error({ queue: worker.name, err: error.message }, 'worker error'),
    );
  }
  return {
    workers,
    async close(force = false) {
      await Promise.all(workers.map((w) => w.close(force)));
    },
  };
}

function isShopJob(name: string): boolean {
  return name === shopJobNames.grant || name === shopJobNames.revoke;
}

function badPayload(job: Job, error: ZodError): UnrecoverableError {
  const detail = error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ');
  return new UnrecoverableError(`Job ${job.id} (${job.name}) has a malformed payload: ${detail}`);
}

/**
 * A platform 429 pauses the whole queue for the time the platform asked, without spending an
 * attempt; a refusal that retrying cannot fix fails the job at once.
 */
function rateLimitAware<T>(ctx: SyncContext, process: Processor<unknown, T>): Processor<unknown, T> {
  return async (job, token) => {
    try {
      return await process(job, token);
    } catch (error) {
      if (error instanceof PlatformRateLimitedError) {
        const queue =
          job.queueName === queueNames.notifications ? ctx.queues.notifications : ctx.queues.platform;
        await queue.rateLimit(error.retryAfterMs);
        throw Worker.RateLimitError();
      }
      if (error instanceof PlatformRefusedError) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}

/**
 * Wraps a SyncEvent processor: parses the job, records each failed attempt on the event (the admin
 * shows it) and marks the event failed on the last attempt or when retrying cannot help.
 */
function eventProcessor(
  ctx: SyncContext,
  handle: (eventId: string, attempt: Attempt) => Promise<unknown>,
): Processor {
  return rateLimitAware(ctx, async (job) => {
    const parsed = syncJobSchema.safeParse(job.data);
    if (!parsed.success) throw badPayload(job, parsed.error);
    const { eventId } = parsed.data;
    const attempt: Attempt = { number: job.attemptsMade + 1, workerName: ctx.workerName };
    try {
      return await handle(eventId, attempt);
    } catch (error) {
      if (error instanceof PlatformRateLimitedError) throw error;
      const unrecoverable =
        error instanceof UnrecoverableError ||
        error instanceof PlatformRefusedError ||
        error instanceof ZodError;
      const final = unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const message =
        error instanceof ZodError ? `Malformed event payload: ${error.message}` : (error as Error).message;
      await recordEventFailure(ctx.db.pool, eventId, message, final, attempt).then(
        ({ newlyFailed }) => {
          if (newlyFailed) ctx.metrics?.events.failed(newlyFailed);
        },
        (e) => ctx.logger.error({ err: e, eventId }, 'could not record the failure on the event'),
      );
      if (error instanceof ZodError) throw new UnrecoverableError(message);
      throw error;
    }
  });
}
