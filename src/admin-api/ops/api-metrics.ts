import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { syncStatuses } from '../../sync/stats.ts';
import type { AdminApiDeps } from '../deps.ts';

export interface ApiMetrics {
  /** This process's registry: `/metrics` serves it; `observeWorkers` adds job series to it. */
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
}

/** Job states shown per queue (BullMQ's names). */
const queueStates = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/**
 * The API's metrics. Queue depths and events by status are read when Prometheus scrapes (one
 * `getJobCounts` per queue, one GROUP BY), so they are as fresh as the scrape and cost nothing in
 * between. A source that cannot be read leaves its series out of that scrape rather than failing it:
 * the other series (and `/readyz`) still tell what is wrong.
 */
export function createApiMetrics(deps: AdminApiDeps): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tandem_' });
  const httpDuration = new Histogram({
    name: 'tandem_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
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
        deps.logger.debug({ err: (error as Error).message }, 'queue depths left out of this scrape');
      }
    },
  });
  new Gauge({
    name: 'tandem_sync_events',
    help: 'Sync events stored in PostgreSQL by status, read at scrape time.',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const { rows } = await deps.db.pool.query<{ status: string; n: number }>(
          'SELECT status, count(*)::int AS n FROM sync_events GROUP BY status',
        );
        const counts = new Map(rows.map((r) => [r.status, r.n]));
        for (const status of syncStatuses) this.set({ status }, counts.get(status) ?? 0);
      } catch (error) {
        deps.logger.debug({ err: (error as Error).message }, 'sync event counts left out of this scrape');
      }
    },
  });
  return { registry, httpDuration };
}
