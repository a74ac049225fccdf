import type { Job, Worker } from 'bullmq';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Anything holding a process's BullMQ workers, such as `SyncWorkers`. */
export interface ObservedWorkers {
  workers: readonly Worker[];
}

type Outcome = 'completed' | 'failed';

function metricsIn(registry: Registry) {
  // A second call on one registry reuses the series instead of failing on a duplicate name.
  const duration =
    (registry.getSingleMetric('tandem_job_duration_seconds') as Histogram<'queue' | 'outcome'> | undefined) ??
    new Histogram({
      name: 'tandem_job_duration_seconds',
      help: 'Time a job attempt ran in this process, by queue and outcome.',
      labelNames: ['queue', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
  const outcomes =
    (registry.getSingleMetric('tandem_jobs_total') as Counter<'queue' | 'outcome'> | undefined) ??
    new Counter({
      name: 'tandem_jobs_total',
      help: 'Job attempts finished in this process, by queue and outcome (a retried job counts each attempt).',
      labelNames: ['queue', 'outcome'] as const,
      registers: [registry],
    });
  return { duration, outcomes };
}

/**
 * Counts and times the job attempts of the given workers into `registry`. Only the process running
 * the workers sees their attempts, so the series live in that process's registry (with `npm start`,
 * the API's). Returns a function that stops observing.
 */
export function observeWorkers(observed: ObservedWorkers, registry: Registry): () => void {
  const { duration, outcomes } = metricsIn(registry);
  const record = (queue: string, outcome: Outcome, job: Job | undefined) => {
    outcomes.inc({ queue, outcome });
    if (job?.processedOn) {
      const ended = job.finishedOn ?? Date.now();
      duration.observe({ queue, outcome }, Math.max(0, ended - job.processedOn) / 1000);
    }
  };
  const stops = observed.workers.map((worker) => {
    const completed = (job: Job) => record(worker.name, 'completed', job);
    const failed = (job: Job | undefined) => record(worker.name, 'failed', job);
    worker.on('completed', completed);
    worker.on('failed', failed);
    return () => {
      worker.off('completed', completed);
      worker.off('failed', failed);
    };
  });
  return () => {
    for (const stop of stops) stop();
  };
}
