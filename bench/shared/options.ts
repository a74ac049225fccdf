/**
 * What one `npm run bench` does, from the command line and the environment.
 *
 *   npm run bench                      full run (50,000 events / 5,000 players, 10 s latency)
 *   npm run bench -- --quick           under a minute (10,000 events / 1,000 players, 3 s latency)
 *   npm run bench -- --sweep           adds throughput trials over worker concurrency and pool size
 *   --workers=inline|child|both        where startSyncWorkers runs (default: both on a full run)
 *   --concurrency=N --pool=N           economy worker concurrency, pg pool size per process
 *   --events=N --players=N --rate=N --latency-seconds=N --producers=N
 *   --quiet-wait=S                     wait up to S s before each phase for the machine to be quiet
 *                                      (default 60 on a full run, 0 with --quick)
 *   --statement-costs[=false]          each hot-path step alone: Postgres CPU, wall time, prepared or not
 *                                      (default on for a full run)
 *   --no-profile                       skip statement counting and pg_stat_activity sampling
 *   --sync-commit=on|workers|off       what-if: synchronous_commit off for the worker process's
 *                                      connections only (child mode), or for the whole database
 *   --history=N                        what-if: every player starts with N ledger rows (old players)
 *   --what-if=prepared                 what-if: engine changes emulated at the pool (experiments.ts)
 *   --rank-latency=N                   rank-ups on Telegram timed to the Discord role in the sandbox
 *                                      (default 100 on a full run, 10 with --quick; 0 skips the phase)
 *   --database-paths=P[,Q...]          throughput once per way to PostgreSQL: direct-named (default),
 *                                      direct-unnamed, pgbouncer-unnamed (a PgBouncer in transaction mode
 *                                      started by the bench; DATABASE_NAMED_STATEMENTS=false)
 *   --worker-processes=N[,M...]        child-mode throughput with N worker processes, then M...
 *                                      (default 1,2 on a full run, 1 with --quick)
 *   --live-clients=N                   signed-in socket.io clients of the live-path phase
 *                                      (default 200, on a full run and with --quick; 0 skips the phase)
 *   --live-changes=N --live-rate=N     changes published in the live-path phase (200) and per second (20)
 *   --live-interval=MS                 what-if: the live gateway's batching window (default: the
 *                                      gateway's own, 250 ms)
 *   --scale                            only the scale phase (bench/scale/): seeds a history of each size
 *                                      in turn and times every query the product runs against it
 *   --scale-sizes=N,M                  ledger rows of each size (default 2000000,20000000)
 *   --scale-players=N                  players of the seeded history (default 1000000)
 *   --scale-runs=N                     measured runs per interactive query, the median reported (default 5)
 *   --scale-keep                       keep the seeded database afterwards (its URL is printed) to inspect
 *                                      plans by hand; drop it with `dropdb` when done
 */
import { type DatabasePath, parseDatabasePaths } from './database-paths.ts';
import { type Experiment, parseExperiments } from './experiments.ts';

export type WorkerMode = 'inline' | 'child';

export interface BenchOptions {
  quick: boolean;
  adminDatabaseUrl: string;
  /** When DATABASE_URL is given, the bench still creates (and drops) a database of its own on that server. */
  redisUrl: string;
  events: number;
  players: number;
  /** Share of events submitted three times (same key), interleaved with the rest. */
  duplicateShare: number;
  /** Engine.record calls in flight at once. */
  producerConcurrency: number;
  /** Economy worker concurrency (startSyncWorkers `concurrency`). */
  workerConcurrency: number;
  /** pg pool size of each process (producer process, worker process). */
  poolSize: number;
  /** Modes measured for throughput; the first one is the headline (and the latency) mode. */
  modes: WorkerMode[];
  rawJobs: number;
  rawConcurrency: number;
  latencyRate: number;
  latencySeconds: number;
  sweep: boolean;
  sweepEvents: number;
  profile: boolean;
  /** Give up waiting for completions after this long (a correctness failure, not a hang). */
  timeoutMs: number;
  seed: number;
  /** Diagnostic: 'workers' sets synchronous_commit=off on the worker process's connections. */
  syncCommit: 'on' | 'workers' | 'off';
  /** Diagnostic: ledger rows every player has before the trial. */
  history: number;
  /** Measure each hot-path step on its own (bench/pipeline/statement-costs.ts). */
  statementCosts: boolean;
  /** Before each phase, wait up to this long for the shared machine to be quiet (others' tests). */
  quietWaitMs: number;
  /** Diagnostic: engine changes emulated by rewriting its SQL (bench/shared/experiments.ts). */
  experiments: Experiment[];
  /** Rank-ups timed from Telegram to the Discord rank role in the sandbox (bench/rank-latency/); 0 skips. */
  rankLatencySamples: number;
  /** Throughput trials once per way to PostgreSQL; the first is the headline's (and latency's). */
  databasePaths: DatabasePath[];
  /** Child-mode throughput trials, one per count of worker processes (each a replica of `npm run worker`). */
  workerProcesses: number[];
  /** The live-path phase (bench/live-path/): signed-in socket.io clients; 0 skips. */
  liveClients: number;
  /** Changes published in the live-path phase, and how many per second. */
  liveChanges: number;
  liveRate: number;
  /** What-if: the live gateway's batching window; undefined keeps the gateway's default. */
  liveIntervalMs: number | undefined;
  /** `--scale`: the scale phase alone (bench/scale/scale.ts). */
  scale: { enabled: boolean; sizes: number[]; players: number; runs: number; keep: boolean };
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`Unknown argument ${arg} (see bench/shared/options.ts)`);
    flags.set(match[1]!, match[2] ?? 'true');
  }
  const quick = flags.has('quick');
  const int = (name: string, fallback: number): number => {
    const raw = flags.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
    return value;
  };
  const modeFlag = flags.get('workers') ?? (quick ? 'inline' : 'both');
  const modes: WorkerMode[] =
    modeFlag === 'both'
      ? ['inline', 'child']
      : modeFlag === 'inline' || modeFlag === 'child'
        ? [modeFlag]
        : (() => {
            throw new Error('--workers must be inline, child or both');
          })();
  return {
    quick,
    adminDatabaseUrl: env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    events: int('events', quick ? 10_000 : 50_000),
    players: int('players', quick ? 1_000 : 5_000),
    duplicateShare: int('duplicates', 0.1),
    producerConcurrency: int('producers', 64),
    workerConcurrency: int('concurrency', 16),
    poolSize: int('pool', 20),
    modes,
    rawJobs: int('raw-jobs', quick ? 10_000 : 50_000),
    rawConcurrency: int('raw-concurrency', 50),
    latencyRate: int('rate', 500),
    latencySeconds: int('latency-seconds', quick ? 3 : 10),
    sweep: flags.has('sweep'),
    sweepEvents: int('sweep-events', 15_000),
    profile: flags.get('profile') !== 'false' && !flags.has('no-profile'),
    timeoutMs: int('timeout-ms', quick ? 60_000 : 300_000),
    seed: int('seed', 20261122),
    syncCommit: (() => {
      const v = flags.get('sync-commit') ?? 'on';
      if (v !== 'on' && v !== 'workers' && v !== 'off')
        throw new Error('--sync-commit must be on, workers or off');
      return v;
    })(),
    history: flags.has('history') ? int('history', 0) : 0,
    experiments: parseExperiments(flags.get('what-if')),
    statementCosts: flags.has('statement-costs') ? flags.get('statement-costs') !== 'false' : !quick,
    rankLatencySamples: (() => {
      const raw = flags.get('rank-latency');
      if (raw === undefined || raw === 'true') return quick ? 10 : 100;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 0) throw new Error('--rank-latency must be 0 or more samples');
      return value;
    })(),
    databasePaths: parseDatabasePaths(flags.get('database-paths')),
    workerProcesses: (() => {
      const raw = flags.get('worker-processes');
      if (raw === undefined) return quick ? [1] : [1, 2];
      const counts = raw.split(',').map(Number);
      if (counts.some((c) => !Number.isInteger(c) || c < 1 || c > 8))
        throw new Error('--worker-processes must be a list of counts from 1 to 8, e.g. 1,2');
      return counts;
    })(),
    liveClients: (() => {
      const raw = flags.get('live-clients');
      if (raw === undefined || raw === 'true') return 200;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 0) throw new Error('--live-clients must be 0 or more clients');
      return value;
    })(),
    liveChanges: int('live-changes', 200),
    liveRate: int('live-rate', 20),
    liveIntervalMs: flags.has('live-interval') ? int('live-interval', 250) : undefined,
    scale: {
      enabled: flags.has('scale'),
      sizes: (() => {
        const raw = flags.get('scale-sizes');
        if (raw === undefined) return [2_000_000, 20_000_000];
        const sizes = raw.split(',').map(Number);
        if (
          sizes.some((n) => !Number.isInteger(n) || n < 1) ||
          sizes.some((n, i) => i > 0 && n <= sizes[i - 1]!)
        )
          throw new Error('--scale-sizes must be growing counts of ledger rows, e.g. 2000000,20000000');
        return sizes;
      })(),
      players: int('scale-players', 1_000_000),
      runs: int('scale-runs', 5),
      keep: flags.has('scale-keep'),
    },
    quietWaitMs: (flags.has('quiet-wait') ? Number(flags.get('quiet-wait')) : quick ? 0 : 60) * 1000,
  };
}
