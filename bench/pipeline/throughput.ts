import type { BenchContext } from '../shared/bench-context.ts';
import {
  backgroundCores,
  type CpuProfile,
  cpuBetween,
  cpuPerEvent,
  cpuSnapshot,
  postgresPids,
} from '../shared/cpu.ts';
import type { DatabasePath } from '../shared/database-paths.ts';
import {
  type ActivityProfile,
  countersPerEvent,
  databaseCounters,
  sampleActivity,
} from '../shared/database-profile.ts';
import type { WorkerMode } from '../shared/options.ts';
import { type StatementRow, statementTable } from '../shared/statements.ts';
import { boundedAll, epochMs, percentiles, round } from '../shared/stats.ts';
import { type Correctness, checkCorrectness, type ProducerTally } from './correctness.ts';
import { allEventsCompleted, startTrial } from './trial.ts';
import { buildWorkload } from './workload.ts';

export interface ThroughputParams {
  mode: WorkerMode;
  /** Worker processes in child mode (replicas of `npm run worker`, each with its own pool). */
  processes: number;
  events: number;
  players: number;
  concurrency: number;
  poolSize: number;
  producers: number;
  duplicateShare: number;
  seed: number;
  /** How the engine reaches PostgreSQL. @defaultValue direct-named */
  path?: DatabasePath;
  /** The URL of `path` (a pooler's), when not the bench database itself. */
  databaseUrl?: string;
}

export interface ThroughputResult {
  mode: WorkerMode;
  config: Omit<ThroughputParams, 'mode'>;
  events: number;
  players: number;
  record_calls: number;
  /** Unique events / seconds from the first record to the moment every SyncEvent was completed. */
  events_per_s: number;
  seconds: number;
  /** Unique events / seconds from the first record until each submitted event's job completed. */
  economy_events_per_s: number;
  /** Record calls (duplicates included) / seconds the producer took to make them all. */
  record_calls_per_s: number;
  record_ms: { p50: number; p99: number };
  derived_jobs_completed: number;
  failed_attempts: number;
  logged_warnings: number;
  first_warnings: string[];
  correctness: Correctness;
  /** Cores used on average during the trial, by process group. */
  cpu: CpuProfile;
  /** Cores other sessions' work took meanwhile (the machine is shared): figures are lower by that much. */
  background_cores: number;
  cpu_per_event: ReturnType<typeof cpuPerEvent>;
  profile?: {
    statements: StatementRow[];
    statements_per_event: number;
    db_per_event: Record<string, number>;
    activity: ActivityProfile;
  };
}

/**
 * Throughput: N events (a share of them submitted three times) recorded through Engine.record with
 * bounded concurrency while startSyncWorkers drains the queues; the clock runs from the first record
 * to the moment every SyncEvent (the derived ones too) is completed.
 */
export async function runThroughput(ctx: BenchContext, params: ThroughputParams): Promise<ThroughputResult> {
  const trial = await startTrial(ctx, {
    mode: params.mode,
    processes: params.processes,
    players: params.players,
    concurrency: params.concurrency,
    poolSize: params.poolSize,
    label: `pipe-${params.mode}${params.processes > 1 ? `x${params.processes}` : ''}`,
    databaseUrl: params.databaseUrl,
    namedStatements: (params.path ?? 'direct-named') === 'direct-named',
  });
  const workload = buildWorkload({
    events: params.events,
    players: trial.players,
    duplicateShare: params.duplicateShare,
    seed: params.seed,
    tag: 'b',
  });
  trial.tracker.expect(workload.uniqueKeys);
  const tally: ProducerTally = { appliedTrue: 0, appliedFalse: 0, errors: 0, firstErrors: [] };
  const recordMs: number[] = [];
  const engine = trial.producer.services.engine;
  const profiling = ctx.options.profile;

  const countersBefore = await databaseCounters(ctx.control, ctx.database.name);
  const cpuBefore = cpuSnapshot();
  const activity = profiling ? sampleActivity(ctx.database.url, ctx.database.name) : null;

  const startedAt = epochMs();
  await boundedAll(workload.submissions.length, params.producers, async (i) => {
    const t = epochMs();
    try {
      const outcome = await engine.record(workload.submissions[i]!);
      if (outcome.applied) tally.appliedTrue++;
      else tally.appliedFalse++;
    } catch (error) {
      tally.errors++;
      if (tally.firstErrors.length < 5) tally.firstErrors.push((error as Error).message);
    }
    recordMs.push(epochMs() - t);
  });
  const recordedAt = epochMs();
  let economyDoneAt = 0;
  let timedOut: string | null = null;
  try {
    economyDoneAt = await trial.tracker.all(ctx.options.timeoutMs);
  } catch (error) {
    timedOut = (error as Error).message;
  }
  const settled = await allEventsCompleted(ctx.control, trial.tracker, timedOut ? 1 : ctx.options.timeoutMs);
  const finishedAt = Math.max(settled.at, economyDoneAt);

  const profile = activity ? await activity.stop() : null;
  const pids = await postgresPids(ctx.control, ctx.database.name);
  const cpu = cpuBetween(cpuBefore, cpuSnapshot(), new Set([process.pid, ...trial.host.pids]), pids);
  const countersAfter = await databaseCounters(ctx.control, ctx.database.name);
  const { statements, logs } = await trial.close();
  const correctness = await checkCorrectness(ctx.control, workload, tally, trial.tracker.completedRuns);
  if (timedOut) process.stderr.write(`throughput (${params.mode} x${params.processes}): ${timedOut}\n`);
  if (tally.firstErrors.length) process.stderr.write(`record errors: ${tally.firstErrors.join(' | ')}\n`);

  const seconds = (finishedAt - startedAt) / 1000;
  const recordPct = percentiles(recordMs);
  const statementRows = statementTable(statements, params.events);
  const { mode, databaseUrl: _url, ...config } = params;
  return {
    mode,
    config,
    events: params.events,
    players: params.players,
    record_calls: workload.submissions.length,
    events_per_s: round(params.events / seconds),
    seconds: round(seconds, 2),
    economy_events_per_s: round(params.events / ((economyDoneAt - startedAt) / 1000)),
    record_calls_per_s: round(workload.submissions.length / ((recordedAt - startedAt) / 1000)),
    record_ms: { p50: recordPct.p50, p99: recordPct.p99 },
    derived_jobs_completed: trial.tracker.derived,
    failed_attempts: trial.tracker.failures.length,
    logged_warnings: logs.count,
    first_warnings: logs.first,
    correctness,
    cpu,
    background_cores: backgroundCores(cpu),
    cpu_per_event: cpuPerEvent(cpu, seconds, params.events),
    profile:
      profiling && profile
        ? {
            statements: statementRows,
            statements_per_event: round(statementRows.reduce((s, r) => s + r.count, 0) / params.events, 2),
            db_per_event: countersPerEvent(countersBefore, countersAfter, params.events),
            activity: profile,
          }
        : undefined,
  };
}
