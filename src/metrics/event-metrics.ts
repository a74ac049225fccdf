import { Counter, Histogram, type Registry } from 'prom-client';

/** What became of an event offered to the outbox: written, or its idempotency key was there already. */
export type RecordedOutcome = 'recorded' | 'duplicate';

/** The life of sync events, as the process that records or processes them sees it. */
export interface EventMetrics {
  /** An event offered to the outbox, once its transaction committed. */
  recorded(event: { type: string; source: string }, outcome: RecordedOutcome): void;
  /** An event carried to the platforms and marked completed; `recordedAt` is its row's `created_at`. */
  completed(type: string, recordedAt: Date): void;
  /** An event marked failed: no attempt left, or retrying could not help. */
  failed(type: string): void;
}

/**
 * Counters by event type (a handful, fixed by the schema), source and outcome: never a player or
 * an event id, so the series stay few whatever the community's size.
 */
export function createEventMetrics(registry: Registry): EventMetrics {
  const recorded = new Counter({
    name: 'tandem_sync_events_recorded_total',
    help: 'Sync events offered to the outbox, by type, source and outcome (recorded, or duplicate: the key was there already).',
    labelNames: ['type', 'source', 'outcome'] as const,
    registers: [registry],
  });
  const processed = new Counter({
    name: 'tandem_sync_events_processed_total',
    help: 'Sync events whose processing ended, by type and outcome (completed, or failed for good).',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'tandem_sync_event_latency_seconds',
    help: 'Time from recording a sync event to its completion (platforms updated), by type.',
    labelNames: ['type'] as const,
    // From a few milliseconds (economy events) to an outage's backlog drained by the outbox relay.
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    registers: [registry],
  });
  return {
    recorded(event, outcome) {
      recorded.inc({ type: event.type, source: event.source, outcome });
    },
    completed(type, recordedAt) {
      processed.inc({ type, outcome: 'completed' });
      latency.observe({ type }, Math.max(0, Date.now() - recordedAt.getTime()) / 1000);
    },
    failed(type) {
      processed.inc({ type, outcome: 'failed' });
    },
  };
}
