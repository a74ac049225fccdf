import type { SyncContext } from '../../context.ts';
import { requeueStuckEvents } from '../requeue-stuck-events.ts';
import type { Tally } from './findings.ts';

/** Hands events pending or processing longer than `stuckAfterMs` to the queue again. */
export async function reconcileStuckEvents(
  ctx: SyncContext,
  stuckAfterMs: number,
  tally: Tally,
): Promise<void> {
  for (const stuck of await requeueStuckEvents(ctx, stuckAfterMs)) {
    tally.add({ kind: 'stuck', ...stuck });
    if (stuck.action === 'error') tally.report.errors += 1;
    else tally.report.eventsRequeued += 1;
  }
}
