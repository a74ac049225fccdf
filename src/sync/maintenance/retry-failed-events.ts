import type { ChangePublisher } from '../../live/changes.ts';
import type { SyncContext } from '../context.ts';
import { jobOf, type OpenEventRow } from './requeue-stuck-events.ts';

export type RetryOutcome =
  /** Reopened, and its job handed back to the queue (`job` says how). */
  | { eventId: string; retried: true; job: 'enqueued' | 'retried' | 'queued' | 'deferred' }
  /** Nothing done: the event is not failed (completed, or already waiting or running), or unknown. */
  | { eventId: string; retried: false; status: 'pending' | 'processing' | 'completed' | null };

export interface RetryDeps extends Pick<SyncContext, 'db' | 'queues'> {
  changes?: ChangePublisher;
}

/**
 * An operator retries a failed event. One conditional UPDATE moves it from failed back to pending,
 * so of any number of concurrent retries exactly one goes on; then its job goes back to the queue
 * the way reconcile hands back stuck events: a finished job is retried with fresh attempts, a
 * missing one enqueued. The processors skip completed events and the ledger row was written when
 * the event was recorded, so a retry applies the event's effects at most once more, never twice.
 * When Redis is away the event stays pending and reconcile hands it back later (`deferred`).
 */
export async function retryFailedEvent(deps: RetryDeps, eventId: string): Promise<RetryOutcome> {
  const { rows } = await deps.db.pool.query<OpenEventRow>(
    `UPDATE sync_events SET status = 'pending', updated_at = now()
      WHERE id = $1 AND status = 'failed'
     RETURNING id, idempotency_key, type, status, created_at`,
    [eventId],
  );
  const event = rows[0];
  if (!event) {
    const current = await deps.db.pool.query<{ status: 'pending' | 'processing' | 'completed' }>(
      'SELECT status FROM sync_events WHERE id = $1',
      [eventId],
    );
    return { eventId, retried: false, status: current.rows[0]?.status ?? null };
  }
  const job = await handBack(deps, event);
  await deps.changes?.publish({ entity: 'sync_events', action: 'updated', id: eventId });
  return { eventId, retried: true, job };
}

/** Retries each of `eventIds` in turn; each answers for itself. */
export async function retryFailedEvents(
  deps: RetryDeps,
  eventIds: readonly string[],
): Promise<RetryOutcome[]> {
  const outcomes: RetryOutcome[] = [];
  for (const eventId of eventIds) outcomes.push(await retryFailedEvent(deps, eventId));
  return outcomes;
}

async function handBack(
  deps: RetryDeps,
  event: OpenEventRow,
): Promise<'enqueued' | 'retried' | 'queued' | 'deferred'> {
  const outcome = await jobOf(deps, event);
  if (outcome === 'retried') return 'retried';
  if (outcome === 'running') return 'queued';
  if (outcome === 'missing') {
    try {
      await deps.queues.enqueueEvent({
        id: event.id,
        idempotencyKey: event.idempotency_key,
        type: event.type,
      });
      return 'enqueued';
    } catch {
      return 'deferred';
    }
  }
  return 'deferred';
}
