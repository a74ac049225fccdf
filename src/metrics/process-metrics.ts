import { collectDefaultMetrics, Registry } from 'prom-client';
import { type CommunityMetrics, createCommunityMetrics } from './community-metrics.ts';
import { createEventMetrics, type EventMetrics } from './event-metrics.ts';
import { createLivenessMetrics, type LivenessMetrics } from './liveness-metrics.ts';
import { createPlatformCallMetrics, type PlatformCallMetrics } from './platform-call-metrics.ts';
import { createReadinessMetric, type ReadinessMetric } from './readiness-metric.ts';

/** The roles a Tandem process runs as; `start` is all of them in one process (`npm start`). */
export const processNames = ['api', 'worker', 'telegram', 'discord', 'start'] as const;
export type ProcessName = (typeof processNames)[number];

/**
 * One process's metrics: its own registry, served on its `/metrics`, and what the code running in
 * it reports into it. Built once by the process's entrypoint and handed down with its services.
 */
export interface TandemMetrics {
  readonly registry: Registry;
  readonly process: ProcessName;
  readonly events: EventMetrics;
  readonly platformCalls: PlatformCallMetrics;
  readonly community: CommunityMetrics;
  readonly liveness: LivenessMetrics;
  readonly readiness: ReadinessMetric;
}

export interface ProcessMetricsOptions {
  process: ProcessName;
  /**
   * Node's own metrics (CPU, memory, event loop lag, handles) with the `tandem_` prefix. Each set
   * samples the event loop for good: one per process, so only entrypoints turn it on.
   * @defaultValue false
   */
  nodeMetrics?: boolean;
}

export function createProcessMetrics(options: ProcessMetricsOptions): TandemMetrics {
  const registry = new Registry();
  if (options.nodeMetrics) collectDefaultMetrics({ register: registry, prefix: 'tandem_' });
  return {
    registry,
    process: options.process,
    events: createEventMetrics(registry),
    platformCalls: createPlatformCallMetrics(registry),
    community: createCommunityMetrics(registry),
    liveness: createLivenessMetrics(registry),
    readiness: createReadinessMetric(registry, options.process),
  };
}
