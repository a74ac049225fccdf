import type { Job, Queue } from 'bullmq';
import { type EventType, isEconomyEventType } from '../../ledger/event-schemas.ts';
import type { SyncContext } from '../context.ts';

export interface StuckEvent {
  eventId: string;
  key: string;
  status: 'pending' | 'processing';
  /**
   * `enqueued`: it had no job (lost with Redis, or removed); `retried`: its job had finished (failed
   * after stalling, say) while the event stayed open; `error`: looking at or moving the job failed.
   */
  action: 'enqueued' | 'retried' | 'error';
  error?: string;
}

export interface OpenEventRow {
  id: string;
  idempotency_key: string;
  type: EventType;
  status: 'pending' | 'processing';
  created_at: Date;
}

/**
 * Hands back to the queues the events that stayed pending or processing longer than `stuckAfterMs`.
 * Re-adding a job whose id (the event's key) still exists is a no-op in BullMQ, so an event whose
 * job finished without finishing the event (a worker that died twice on it, a failure that could
 * not be written down) would stay stuck forever: such a job is retried instead. A job still waiting,
 * delayed or running is left alone; its worker (or BullMQ's stalled-job check) carries it on.
 * Returns the events handed back, and those that could not be.
 */
export async function requeueStuckEvents(
  ctx: SyncContext,
  stuckAfterMs: number,
  batchSize = 500,
): Promise<StuckEvent[]> {
  const handled: StuckEvent[] = [];
  let after: [Date, string] = [new Date(0), '00000000-0000-0000-0000-000000000000'];
  for (;;) {
    const { rows } = await ctx.db.pool.query<OpenEventRow>(
      `SELECT id, idempotency_key, type, status, created_at FROM sync_events
        WHERE status IN ('pending', 'processing')
          AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
          AND (created_at, id) > ($2, $3::uuid)
        ORDER BY created_at, id LIMIT $4`,
      [stuckAfterMs, after[0], after[1], batchSize],
    );
    if (rows.length === 0) break;
    const outcomes = await Promise.all(rows.map((row) => jobOf(ctx, row)));
    const missing = rows.filter((_, i) => outcomes[i] === 'missing');
    if (missing.length > 0) {
      await ctx.queues.enqueueEvents(
        missing.map((r) => ({ id: r.id, idempotencyKey: r.idempotency_key, type: r.type })),
      );
    }
    for (const [i, row] of rows.entries()) {
      const outcome = outcomes[i]!;
      if (outcome === 'running') continue;
      const base = { eventId: row.id, key: row.idempotency_key, status: row.status };
      if (outcome === 'missing') handled.push({ ...base, action: 'enqueued' });
      else if (outcome === 'retried') handled.push({ ...base, action: 'retried' });
      else handled.push({ ...base, action: 'error', error: outcome.error });
    }
    if (rows.length < batchSize) break;
    const last = rows[rows.length - 1]!;
    after = [last.created_at, last.id];
  }
  return handled;
}

/**
 * Where an open event's job stands: `missing` (the caller enqueues it), `retried` (it had finished
 * and was moved back to waiting with fresh attempts), `running` (waiting, delayed or active: left alone).
 */
export type JobOutcome = 'missing' | 'retried' | 'running' | { error: string };

export async function jobOf(ctx: Pick<SyncContext, 'queues'>, row: OpenEventRow): Promise<JobOutcome> {
  const queue: Queue = isEconomyEventType(row.type) ? ctx.queues.economy : ctx.queues.platform;
  try {
    const job: Job | undefined = await queue.getJob(row.idempotency_key);
    if (!job) return 'missing';
    const state = await job.getState();
    if (state === 'unknown') return 'missing';
    if (state === 'failed' || state === 'completed') {
      // A fresh set of attempts: the earlier ones were spent on whatever left the event stuck.
      await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
      return 'retried';
    }
    return 'running';
  } catch (error) {
    return { error: (error as Error).message };
  }
}
