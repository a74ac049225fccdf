import type { CheckedTandem } from './exactly-once.ts';

/** What one fault scenario measured. */
export interface FaultFigures {
  /** Sync events the run made: the load's and those derived from it (ranks, achievements, rewards). */
  events: number;
  /** Attempts beyond the first, summed over those events. */
  retries: number;
  /**
   * From the fault's end to the completion of the last work it could have held up: the sync events
   * created by then (or those of `keys`, when the work entered Tandem later, as updates a bot
   * received late) and the notifications enqueued by then. 0 when that was all done in time.
   */
  recoverMs: number;
  /** Scheduled passes (outbox relay, reconcile) that failed, e.g. while Redis was away. */
  failedPasses: number;
}

export async function faultFigures(
  t: CheckedTandem,
  options: { faultEndedAt: number; keys?: readonly string[] },
): Promise<FaultFigures> {
  const faultEnd = new Date(options.faultEndedAt);
  const totals = await t.db.pool.query<{ events: number; retries: number }>(
    `SELECT count(*)::int AS events, coalesce(sum(greatest(attempts - 1, 0)), 0)::int AS retries FROM sync_events`,
  );
  const backlog = await t.db.pool.query<{ done: Date | null }>(
    options.keys
      ? 'SELECT max(processed_at) AS done FROM sync_events WHERE idempotency_key = ANY($1)'
      : 'SELECT max(processed_at) AS done FROM sync_events WHERE created_at <= $1',
    [options.keys ?? faultEnd],
  );
  let lastDone = backlog.rows[0]?.done?.getTime() ?? 0;
  for (const job of await t.queues.notifications.getJobs(['completed'])) {
    if (job.timestamp <= options.faultEndedAt && job.finishedOn)
      lastDone = Math.max(lastDone, job.finishedOn);
  }
  const { failed } = await t.queues.maintenance.getJobCounts('failed');
  return {
    ...totals.rows[0]!,
    recoverMs: Math.max(0, lastDone - options.faultEndedAt),
    failedPasses: failed ?? 0,
  };
}

/** The scenario's one line of figures, e.g. `fault worker-kill: events=612 retries=4 recover=1.84 s`. */
export function printFigures(
  scenario: string,
  figures: FaultFigures,
  extra: Record<string, string | number> = {},
): string {
  const more = Object.entries(extra).map(([name, value]) => ` ${name}=${value}`);
  const line =
    `fault ${scenario}: events=${figures.events} retries=${figures.retries} ` +
    `recover=${(figures.recoverMs / 1000).toFixed(2)} s failedPasses=${figures.failedPasses}${more.join('')}`;
  console.log(line);
  return line;
}
