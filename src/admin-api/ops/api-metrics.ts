import { Gauge, Histogram, type Registry } from 'prom-client';
import { eventTypes } from '../../ledger/event-schemas.ts';
import type { TandemMetrics } from '../../metrics/process-metrics.ts';
import { driftKinds } from '../../sync/maintenance/reconcile/reconcile.ts';
import { openCountsSql } from '../../sync/stats.ts';
import type { AdminApiDeps } from '../deps.ts';

export interface ApiMetrics {
  /** The process's registry: `/metrics` serves it; `observeWorkers` adds job series to it. */
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
}

/** Job states shown per queue (BullMQ's names). */
const queueStates = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/** Open work is what the series describe: completed events are counted as they complete instead. */
const openStatuses = ['pending', 'processing', 'failed'] as const;

const oldestPendingSql = `
SELECT coalesce(floor(extract(epoch FROM now() - min(created_at))), 0)::int AS seconds
  FROM sync_events WHERE status = 'pending'`;

/** The most recent finished runs, newest first, and whether each found drift; a streak longer than this reads as this. */
const recentRunsSql = `
SELECT EXISTS (SELECT 1 FROM jsonb_array_elements(findings) f WHERE f ->> 'kind' = ANY($1::text[])) AS drift
  FROM reconcile_runs WHERE finished_at IS NOT NULL
 ORDER BY started_at DESC, id DESC LIMIT 20`;

/**
 * The API's metrics, registered in its process's registry: HTTP latency, and the state every
 * process shares (queues, open sync events, reconcile), read when Prometheus scrapes (one
 * `getJobCounts` and one oldest job per queue, a few indexed statements), so they are as fresh
 * as the scrape and cost nothing in between. A source that cannot be read leaves its series out
 * of that scrape rather than failing it: the other series (and `/readyz`) still tell what is wrong.
 */
export function createApiMetrics(metrics: TandemMetrics, deps: AdminApiDeps): ApiMetrics {
  const { registry } = metrics;
  const httpDuration = new Histogram({
    name: 'tandem_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const leftOut = (what: string) => (error: unknown) =>
    deps.logger.debug({ err: (error as Error).message }, `${what} left out of this scrape`);

  new Gauge({
    name: 'tandem_queue_jobs',
    help: 'Jobs in each queue by state, read at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const all = await Promise.all(
          deps.queues
            .all()
            .map(async (queue) => [queue.name, await queue.getJobCounts(...queueStates)] as const),
        );
        for (const [queue, counts] of all)
          for (const state of queueStates) this.set({ queue, state }, counts[state] ?? 0);
      } catch (error) {
        leftOut('queue depths')(error);
      }
    },
  });
  new Gauge({
    name: 'tandem_queue_oldest_waiting_job_age_seconds',
    help: 'How long the oldest waiting job of each queue has waited since it was due (0: none waits), read at scrape time.',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const now = Date.now();
        const oldest = await Promise.all(
          deps.queues.all().map(async (queue) => [queue.name, (await queue.getWaiting(0, 0))[0]] as const),
        );
        for (const [queue, job] of oldest) {
          // Due when added (plus its delay); a job back from a failed or stalled attempt counts
          // from that attempt, not from when it was first added.
          const dueAt = job ? Math.max(job.timestamp + (job.delay ?? 0), job.processedOn ?? 0) : now;
          this.set({ queue }, Math.max(0, now - dueAt) / 1000);
        }
      } catch (error) {
        leftOut('oldest waiting jobs')(error);
      }
    },
  });
  new Gauge({
    name: 'tandem_sync_events',
    help: 'Sync events waiting, being processed or failed, by type and status, read at scrape time (completed ones: tandem_sync_events_processed_total).',
    labelNames: ['type', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        // Served by the (status, created_at) index and the partial index of failed events: cheap
        // however long the history of completed events.
        const { rows } = await deps.db.pool.query<{ type: string; status: string; n: number }>(openCountsSql);
        for (const type of eventTypes) for (const status of openStatuses) this.set({ type, status }, 0);
        for (const row of rows) this.set({ type: row.type, status: row.status }, row.n);
      } catch (error) {
        leftOut('sync event counts')(error);
      }
    },
  });
  new Gauge({
    name: 'tandem_sync_oldest_pending_event_age_seconds',
    help: 'How long the oldest pending sync event has waited since it was recorded (0: none), read at scrape time.',
    registers: [registry],
    async collect() {
      try {
        const { rows } = await deps.db.pool.query<{ seconds: number }>(oldestPendingSql);
        this.set(rows[0]?.seconds ?? 0);
      } catch (error) {
        leftOut('oldest pending event')(error);
      }
    },
  });
  new Gauge({
    name: 'tandem_reconcile_consecutive_drift_runs',
    help: 'Finished reconcile runs in a row, newest first, that found drift (totals, ledger chain, rank or roles), read at scrape time.',
    registers: [registry],
    async collect() {
      try {
        const { rows } = await deps.db.pool.query<{ drift: boolean }>(recentRunsSql, [driftKinds]);
        const streak = rows.findIndex((run) => !run.drift);
        this.set(streak === -1 ? rows.length : streak);
      } catch (error) {
        leftOut('reconcile drift')(error);
      }
    },
  });
  return { registry, httpDuration };
}
