import { performance } from 'node:perf_hooks';
import { round } from '../shared/stats.ts';
import type { ScaleQuery } from './scale-queries.ts';
import type { ScaleWorld } from './scale-world.ts';

export interface QueryTiming {
  name: string;
  kind: ScaleQuery['kind'];
  /** Median of the measured runs, ms; null when the query failed. */
  ms: number | null;
  runs_ms: number[];
  error?: string;
}

/** Runs of a periodic step: each pass is long and changes state (cleanup deletes its day). */
export const periodicRuns = 3;

/**
 * Each query once unmeasured (connections, plans and caches warm), then `runs` times one after the
 * other: the median. A query that fails is reported with its error; the others still run.
 */
export async function measureQueries(
  world: ScaleWorld,
  queries: ScaleQuery[],
  options: { runs: number; periodicRuns?: number; say: (line: string) => void },
): Promise<QueryTiming[]> {
  const timings: QueryTiming[] = [];
  for (const query of queries) {
    const runs = query.kind === 'periodic' ? (options.periodicRuns ?? periodicRuns) : options.runs;
    const runsMs: number[] = [];
    try {
      await query.run(world);
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await query.run(world);
        runsMs.push(round(performance.now() - started, 1));
      }
      const ms = median(runsMs);
      timings.push({ name: query.name, kind: query.kind, ms, runs_ms: runsMs });
      options.say(`  ${query.name}: ${ms} ms`);
    } catch (error) {
      const message = (error as Error).message.slice(0, 300);
      timings.push({ name: query.name, kind: query.kind, ms: null, runs_ms: runsMs, error: message });
      options.say(`  ${query.name}: FAILED ${message}`);
    }
  }
  return timings;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : round((sorted[middle - 1]! + sorted[middle]!) / 2, 1);
}
