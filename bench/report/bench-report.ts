import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { LatencyResult } from '../pipeline/latency.ts';
import type { RawBullmqResult } from '../pipeline/raw-bullmq.ts';
import type { StatementCost } from '../pipeline/statement-costs.ts';
import type { ThroughputResult } from '../pipeline/throughput.ts';
import { type DatabasePath, pathLabel } from '../shared/database-paths.ts';
import { round } from '../shared/stats.ts';
import { renderMarkdown } from './report-markdown.ts';

export const targets = {
  pipeline_events_per_s: 1500,
  latency_p99_ms: 50,
  offered_load_per_s: 500,
};

export interface Machine {
  cpus: number;
  model: string;
  node: string;
  memory_gb: number;
  load_avg_at_start: number[];
  /** Machine CPU busy over the second before the bench started (others' work on a shared box). */
  background_busy_pct: number;
  postgres: string;
  redis: string;
}

export function describeMachine(postgres: string, redis: string, backgroundBusyPct: number): Machine {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    memory_gb: round(totalmem() / 2 ** 30, 1),
    load_avg_at_start: loadavg().map((l) => round(l, 2)),
    background_busy_pct: backgroundBusyPct,
    postgres,
    redis,
  };
}

export interface SweepRow {
  mode: string;
  events: number;
  concurrency: number;
  pool: number;
  events_per_s: number;
  economy_events_per_s: number;
  ok: boolean;
  background_cores: number;
  cores_used: Record<string, number>;
}

export interface BenchReport {
  date: string;
  quick: boolean;
  machine: Machine;
  raw_bullmq_jobs_per_s: number;
  pipeline_events_per_s: number;
  ratio: number;
  latency_ms: { p50: number; p95: number; p99: number };
  offered_load_per_s: number;
  duplicates_submitted: number;
  duplicates_applied: number;
  ledger_consistent: boolean;
  events_failed: number;
  events: number;
  players: number;
  correctness_ok: boolean;
  headline_mode: string;
  /** Non-empty when the run measured emulated engine changes (never the committed figures). */
  what_if: {
    experiments: string[];
    sync_commit: string;
    history: number;
    /** The live gateway's batching window, when the run changed it. */
    live_interval_ms?: number;
  } | null;
  targets: typeof targets;
  targets_met: { throughput: boolean; latency: boolean; correctness: boolean };
  seconds_total: number;
  raw_bullmq: RawBullmqResult;
  throughput: ThroughputResult[];
  latency: LatencyResult;
  sweep: SweepRow[];
  statement_costs: StatementCost[];
  /** Pipeline events/s with 1, 2... worker processes (child mode), against the same raw anchor. */
  worker_processes: WorkerProcessesRow[];
}

export interface WorkerProcessesRow {
  processes: number;
  events_per_s: number;
  /** events/s over the one-process figure of the same run. */
  speedup: number;
  correct: boolean;
  background_cores: number;
}

/** The child-mode throughput trials by number of worker processes. */
export function workerProcessesRows(throughput: ThroughputResult[]): WorkerProcessesRow[] {
  const child = throughput.filter(
    (t) => t.mode === 'child' && (t.config.path ?? 'direct-named') === 'direct-named',
  );
  const one = child.find((t) => t.config.processes === 1)?.events_per_s;
  return child.map((t) => ({
    processes: t.config.processes,
    events_per_s: t.events_per_s,
    speedup: one ? round(t.events_per_s / one, 2) : 0,
    correct: t.correctness.ok,
    background_cores: t.background_cores,
  }));
}

/** Where the workers of a trial ran, in words. */
export function hostName(mode: string, processes = 1, path?: DatabasePath): string {
  if (mode === 'inline') return `workers in the bench process${pathLabel(path)}`;
  return `${processes === 1 ? 'workers in a child process' : `workers in ${processes} child processes`}${pathLabel(path)}`;
}

export function buildReport(input: {
  quick: boolean;
  machine: Machine;
  raw: RawBullmqResult;
  throughput: ThroughputResult[];
  latency: LatencyResult;
  sweep: SweepRow[];
  statementCosts: StatementCost[];
  secondsTotal: number;
  whatIf: BenchReport['what_if'];
}): BenchReport {
  const headline = input.throughput[0]!;
  const allCorrect = input.throughput.every((t) => t.correctness.ok);
  const latencyClean =
    input.latency.record_errors === 0 &&
    input.latency.events_open_after === 0 &&
    input.latency.events === Math.round(input.latency.offered_load_per_s * input.latency.seconds);
  const correctnessOk = allCorrect && latencyClean && input.sweep.every((s) => s.ok);
  const sum = (f: (t: ThroughputResult) => number) => input.throughput.reduce((s, t) => s + f(t), 0);
  return {
    date: new Date().toISOString(),
    quick: input.quick,
    machine: input.machine,
    raw_bullmq_jobs_per_s: input.raw.jobs_per_s,
    pipeline_events_per_s: headline.events_per_s,
    ratio: round(headline.events_per_s / input.raw.jobs_per_s, 3),
    latency_ms: {
      p50: input.latency.latency_ms.p50,
      p95: input.latency.latency_ms.p95,
      p99: input.latency.latency_ms.p99,
    },
    offered_load_per_s: input.latency.offered_load_per_s,
    duplicates_submitted: headline.correctness.duplicates_submitted,
    duplicates_applied: sum((t) => t.correctness.duplicates_applied),
    ledger_consistent: input.throughput.every((t) => t.correctness.ledger_consistent),
    events_failed: sum((t) => t.correctness.events_failed),
    events: headline.events,
    players: headline.players,
    correctness_ok: correctnessOk,
    headline_mode: headline.mode,
    what_if: input.whatIf,
    targets,
    targets_met: {
      throughput: headline.events_per_s >= targets.pipeline_events_per_s,
      latency: input.latency.latency_ms.p99 <= targets.latency_p99_ms,
      correctness: correctnessOk,
    },
    seconds_total: round(input.secondsTotal, 1),
    raw_bullmq: input.raw,
    throughput: input.throughput,
    latency: input.latency,
    sweep: input.sweep,
    statement_costs: input.statementCosts,
    worker_processes: workerProcessesRows(input.throughput),
  };
}

export function writeReport(report: BenchReport): { json: string; markdown: string } {
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const json = `${dir}latest.json`;
  if (report.what_if) {
    // What-if runs never replace the figures of the engine as it is.
    const json = `${dir}what-if.json`;
    writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
    return { json, markdown: '(what-if run: table printed only)' };
  }
  // Only a full run writes latest.md (committed, so the figures live in the repository).
  const markdown = `${dir}${report.quick ? 'quick.md' : 'latest.md'}`;
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, renderMarkdown(report));
  return { json, markdown };
}
