import type { BenchContext } from '../shared/bench-context.ts';
import { backgroundCores, type CpuProfile, cpuBetween, cpuSnapshot, postgresPids } from '../shared/cpu.ts';
import type { WorkerMode } from '../shared/options.ts';
import { epochMs, type Percentiles, percentiles, round, sleep } from '../shared/stats.ts';
import type { Completion } from './completions.ts';
import { allEventsCompleted, startTrial } from './trial.ts';
import { changeFor, random } from './workload.ts';

export interface LatencyResult {
  mode: WorkerMode;
  offered_load_per_s: number;
  seconds: number;
  events: number;
  achieved_load_per_s: number;
  /** Record call to the economy worker's 'completed' event for the job (id = idempotency key). */
  latency_ms: Percentiles;
  /** Where the time goes, per event. */
  breakdown_ms: {
    /** Engine.record: validation, the one statement, the add to the queue. */
    record: Percentiles;
    /** From the add (job.timestamp) until a worker picked the job up (job.processedOn). */
    queue_wait: Percentiles;
    /** processEconomyEvent (job.processedOn to job.finishedOn). */
    processing: Percentiles;
  };
  /** How late the open-loop scheduler fired records (a busy event loop shows here). */
  schedule_lag_ms: { p99: number; max: number };
  record_errors: number;
  failed_attempts: number;
  events_open_after: number;
  /** Cores other sessions' work took during the measured window (the machine is shared). */
  background_cores: number;
  cpu: CpuProfile;
}

/**
 * Latency at a fixed offered load: records fire on a fixed schedule (open loop: whether or not
 * earlier ones completed); for each, the time from the record call to its job's completion.
 * A one-second warm-up at the same rate precedes the measured window.
 */
export async function runLatency(
  ctx: BenchContext,
  params: {
    mode: WorkerMode;
    rate: number;
    seconds: number;
    players: number;
    concurrency: number;
    poolSize: number;
  },
): Promise<LatencyResult> {
  const trial = await startTrial(ctx, {
    mode: params.mode,
    players: params.players,
    concurrency: params.concurrency,
    poolSize: params.poolSize,
    label: `lat-${params.mode}`,
  });
  const rnd = random(ctx.options.seed + 1);
  const engine = trial.producer.services.engine;
  let errors = 0;
  let onRecorded: ((key: string, ms: number) => void) | undefined;

  const fireAtRate = async (count: number, tag: string, onFire?: (key: string, at: number) => void) => {
    const changes = Array.from({ length: count }, (_, i) =>
      changeFor(rnd, tag, i, trial.players[Math.floor(rnd() * trial.players.length)]!),
    );
    trial.tracker.expect(changes.map((c) => c.key));
    const interval = 1000 / params.rate;
    const lags: number[] = [];
    const inFlight: Promise<unknown>[] = [];
    const startedAt = epochMs();
    let next = 0;
    while (next < count) {
      const now = epochMs();
      while (next < count && startedAt + next * interval <= now) {
        const change = changes[next]!;
        lags.push(now - (startedAt + next * interval));
        const at = epochMs();
        onFire?.(change.key, at);
        inFlight.push(
          engine.record(change).then(
            () => onRecorded?.(change.key, epochMs() - at),
            () => {
              errors++;
            },
          ),
        );
        next++;
      }
      await sleep(1);
    }
    await Promise.all(inFlight);
    return { lags, seconds: (epochMs() - startedAt) / 1000 };
  };

  // Warm-up (not measured).
  await fireAtRate(params.rate, 'w');
  await trial.tracker.all(ctx.options.timeoutMs).catch(() => {});

  const started = new Map<string, number>();
  const recordMs: number[] = [];
  const latencies: number[] = [];
  const queueWait: number[] = [];
  const processing: number[] = [];
  onRecorded = (key, ms) => {
    if (started.has(key)) recordMs.push(ms);
  };
  trial.tracker.onCompletion = (c: Completion) => {
    const at = started.get(c.id);
    if (at === undefined) return;
    latencies.push(c.at - at);
    queueWait.push(c.started - c.added);
    processing.push(c.finished - c.started);
  };
  const count = Math.round(params.rate * params.seconds);
  const cpuBefore = cpuSnapshot();
  const { lags, seconds } = await fireAtRate(count, 'l', (key, at) => started.set(key, at));
  let timedOut = false;
  await trial.tracker.all(ctx.options.timeoutMs).catch(() => {
    timedOut = true;
  });
  const pids = await postgresPids(ctx.control, ctx.database.name);
  const cpu = cpuBetween(cpuBefore, cpuSnapshot(), new Set([process.pid, ...trial.host.pids]), pids);
  const settled = await allEventsCompleted(ctx.control, trial.tracker, timedOut ? 1 : ctx.options.timeoutMs);
  await trial.close();
  const lagPct = percentiles(lags);
  return {
    mode: params.mode,
    offered_load_per_s: params.rate,
    seconds: params.seconds,
    events: latencies.length,
    achieved_load_per_s: round(count / seconds),
    latency_ms: percentiles(latencies),
    breakdown_ms: {
      record: percentiles(recordMs),
      queue_wait: percentiles(queueWait),
      processing: percentiles(processing),
    },
    schedule_lag_ms: { p99: lagPct.p99, max: lagPct.max },
    record_errors: errors,
    failed_attempts: trial.tracker.failures.length,
    events_open_after: settled.open,
    background_cores: backgroundCores(cpu),
    cpu,
  };
}
