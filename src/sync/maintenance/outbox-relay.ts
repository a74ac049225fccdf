import type { EventType } from '../../ledger/event-schemas.ts';
import type { SyncContext } from '../context.ts';

export interface RelayOptions {
  /** Events younger than this are left to the enqueue that follows their recording. @defaultValue 10000 */
  staleAfterMs: number;
  /** Events per pass. @defaultValue 1000 */
  batchSize?: number;
}

/**
 * Hands to the queues the events that were recorded but never reached Redis (it was down, or the
 * process died between commit and enqueue). Re-enqueueing an event whose job still exists is a
 * no-op (the job id is the key), and processors skip completed events, so a relay pass can never
 * double-apply anything.
 */
export async function relayPendingEvents(ctx: SyncContext, options: RelayOptions): Promise<number> {
  const batchSize = options.batchSize ?? 1000;
  let relayed = 0;
  let after: [Date, string] = [new Date(0), '00000000-0000-0000-0000-000000000000'];
  for (;;) {
    const { rows } = await ctx.db.pool.query<{
      id: string;
      idempotency_key: string;
      type: EventType;
      created_at: Date;
    }>(
      `SELECT id, idempotency_key, type, created_at FROM sync_events
        WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1::double precision / 1000)
          AND (created_at, id) > ($2, $3::uuid)
        ORDER BY created_at, id LIMIT $4`,
      [options.staleAfterMs, after[0], after[1], batchSize],
    );
    if (rows.length === 0) break;
    await ctx.queues.enqueueEvents(
      rows.map((r) => ({ id: r.id, idempotencyKey: r.idempotency_key, type: r.type })),
    );
    relayed += rows.length;
    if (rows.length < batchSize) break;
    const last = rows[rows.length - 1]!;
    after = [last.created_at, last.id];
  }
  if (relayed > 0) ctx.logger.info({ relayed }, 'outbox relay enqueued pending events');
  return relayed;
}
