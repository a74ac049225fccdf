import type pg from 'pg';
import type { BenchContext } from '../shared/bench-context.ts';
import {
  addHistory,
  createPlayers,
  deletePrefix,
  resetEconomy,
  uniquePrefix,
  withOptions,
} from '../shared/infra.ts';
import type { WorkerMode } from '../shared/options.ts';
import { type BenchServices, type LogTally, openBenchServices } from '../shared/services.ts';
import { mergeStats, type StatementStats } from '../shared/statements.ts';
import { sleep } from '../shared/stats.ts';
import type { Completion, CompletionSink, Failure } from './completions.ts';
import { startWorkerHost, type WorkerHost } from './worker-host.ts';

/** Follows job completions: the bench's own keys (to a target) and everything derived from them. */
export class Tracker implements CompletionSink {
  /** Bench key -> how many times its processor answered 'completed' (more than once is a bug). */
  readonly completedRuns = new Map<string, number>();
  readonly failures: Failure[] = [];
  /** Completions of jobs the bench did not submit (rank changes, achievements and their rewards). */
  derived = 0;
  skipped = 0;
  lastAt = 0;
  onCompletion?: (c: Completion) => void;
  private keys = new Set<string>();
  private done = 0;
  private resolveAll?: (at: number) => void;

  expect(keys: Iterable<string>): void {
    for (const key of keys) this.keys.add(key);
  }

  get completedBench(): number {
    return this.done;
  }

  completed(c: Completion): void {
    this.lastAt = Math.max(this.lastAt, c.at);
    if (c.result === 'skipped') this.skipped++;
    if (!this.keys.has(c.id)) {
      this.derived++;
      return;
    }
    const runs = this.completedRuns.get(c.id);
    if (runs === undefined) this.done++;
    this.completedRuns.set(c.id, (runs ?? 0) + (c.result === 'completed' ? 1 : 0));
    this.onCompletion?.(c);
    if (this.done === this.keys.size) this.resolveAll?.(c.at);
  }

  failed(f: Failure): void {
    this.failures.push(f);
  }

  /** Resolves with the time the last expected key completed; rejects after `timeoutMs`. */
  all(timeoutMs: number): Promise<number> {
    if (this.done === this.keys.size) return Promise.resolve(this.lastAt);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.keys.size - this.done} of ${this.keys.size} events not completed`)),
        timeoutMs,
      );
      this.resolveAll = (at) => {
        clearTimeout(timer);
        resolve(at);
      };
    });
  }
}

/** Waits until no SyncEvent is pending or processing; returns the last completion time seen then. */
export async function allEventsCompleted(
  control: pg.Pool,
  tracker: Tracker,
  timeoutMs: number,
): Promise<{ at: number; open: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await control.query<{ open: number }>(
      `SELECT count(*)::int AS open FROM sync_events WHERE status <> 'completed'`,
    );
    const open = rows[0]!.open;
    if (open === 0 || Date.now() > deadline) {
      await sleep(60); // completions of a worker process arrive in 10 ms batches
      return { at: tracker.lastAt, open };
    }
    await sleep(20);
  }
}

export interface Trial {
  mode: WorkerMode;
  prefix: string;
  players: string[];
  producer: BenchServices;
  host: WorkerHost;
  tracker: Tracker;
  /** Stops workers and connections, removes the trial's Redis keys; returns all statements counted. */
  close(): Promise<{ statements: StatementStats; logs: LogTally }>;
}

/** Fresh players and queues, the producer's services and the workers, ready for records. */
export async function startTrial(
  ctx: BenchContext,
  params: {
    mode: WorkerMode;
    /** Worker processes in child mode. @defaultValue 1 */
    processes?: number;
    players: number;
    concurrency: number;
    poolSize: number;
    label: string;
    /** Where the engine's pools connect, when not the bench database directly (a pooler). */
    databaseUrl?: string;
    /** DATABASE_NAMED_STATEMENTS. @defaultValue true */
    namedStatements?: boolean;
  },
): Promise<Trial> {
  await resetEconomy(ctx.control);
  const players = await createPlayers(ctx.control, params.players);
  if (ctx.options.history > 0) await addHistory(ctx.control, ctx.options.history);
  const prefix = uniquePrefix(params.label);
  const { redisUrl, profile } = ctx.options;
  const engineUrl = params.databaseUrl ?? ctx.database.url;
  const namedStatements = params.namedStatements ?? true;
  const producer = await openBenchServices({
    databaseUrl: engineUrl,
    namedStatements,
    poolSize: params.poolSize,
    redisUrl,
    prefix,
    profile,
    experiments: ctx.options.experiments,
  });
  const tracker = new Tracker();
  const host = await startWorkerHost({
    mode: params.mode,
    processes: params.processes,
    producer,
    databaseUrl:
      ctx.options.syncCommit === 'workers' ? withOptions(engineUrl, '-c synchronous_commit=off') : engineUrl,
    namedStatements,
    redisUrl,
    prefix,
    poolSize: params.poolSize,
    concurrency: params.concurrency,
    profile,
    experiments: ctx.options.experiments,
    sink: tracker,
  });
  return {
    mode: params.mode,
    prefix,
    players,
    producer,
    host,
    tracker,
    async close() {
      const fromHost = await host.close();
      const statements = mergeStats(new Map(producer.statements), fromHost.statements);
      const logs: LogTally = {
        count: producer.logs.count + fromHost.logs.count,
        first: [...producer.logs.first, ...fromHost.logs.first].slice(0, 5),
      };
      for (const queue of producer.services.queues.all())
        await queue.obliterate({ force: true }).catch(() => {});
      await producer.services.close();
      await deletePrefix(redisUrl, prefix);
      return { statements, logs };
    },
  };
}
