import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Experiment } from '../shared/experiments.ts';
import type { WorkerMode } from '../shared/options.ts';
import type { BenchServices } from '../shared/services.ts';
import { startBenchWorkers } from '../shared/services.ts';
import { mergeStats, type StatementStat } from '../shared/statements.ts';
import { type CompletionSink, watchWorkers } from './completions.ts';
import type { ChildMessage, ChildStart } from './worker-child.ts';

type HostTally = { statements: Array<[string, StatementStat]>; logs: { count: number; first: string[] } };

export interface WorkerHost {
  mode: WorkerMode;
  /** The workers' process ids (the bench's own for inline workers). */
  pids: number[];
  /** Stops the workers; for worker processes, returns their statement counts and log tally. */
  close(): Promise<HostTally>;
}

/**
 * Runs startSyncWorkers either in the bench process (sharing the producer's services and pool, as
 * `npm start` does) or in child processes of their own (as `npm run worker` beside the API does,
 * `processes` copies of it: each with its own pool of `poolSize` and `concurrency` per queue).
 */
export async function startWorkerHost(options: {
  mode: WorkerMode;
  /** Worker processes in child mode. @defaultValue 1 */
  processes?: number;
  producer: BenchServices;
  databaseUrl: string;
  namedStatements: boolean;
  redisUrl: string;
  prefix: string;
  poolSize: number;
  concurrency: number;
  profile: boolean;
  experiments: Experiment[];
  sink: CompletionSink;
}): Promise<WorkerHost> {
  if (options.mode === 'inline') {
    const workers = startBenchWorkers(options.producer.services, options.prefix, options.concurrency);
    watchWorkers(workers, options.sink);
    await Promise.all(workers.workers.map((w) => w.waitUntilReady()));
    return {
      mode: 'inline',
      pids: [process.pid],
      async close() {
        await workers.close();
        // Inline workers share the producer's pool: their statements are in the producer's stats.
        return { statements: [], logs: { count: 0, first: [] } };
      },
    };
  }
  const children = await Promise.all(
    Array.from({ length: options.processes ?? 1 }, () => startChild(options)),
  );
  return {
    mode: 'child',
    pids: children.map((c) => c.pid),
    async close() {
      const tallies = await Promise.all(children.map((c) => c.close()));
      return {
        statements: [
          ...mergeStats(
            new Map(),
            tallies.flatMap((t) => t.statements),
          ),
        ],
        logs: {
          count: tallies.reduce((sum, t) => sum + t.logs.count, 0),
          first: tallies.flatMap((t) => t.logs.first).slice(0, 5),
        },
      };
    },
  };
}

async function startChild(
  options: Parameters<typeof startWorkerHost>[0],
): Promise<{ pid: number; close(): Promise<HostTally> }> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./worker-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let stopped: ((m: Extract<ChildMessage, { type: 'stopped' }>) => void) | undefined;
  const ready = new Promise<number>((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      switch (message.type) {
        case 'ready':
          resolve(message.pid);
          break;
        case 'batch':
          for (const c of message.completions) options.sink.completed(c);
          for (const f of message.failures) options.sink.failed(f);
          break;
        case 'stopped':
          stopped?.(message);
          break;
        case 'error':
          reject(new Error(`worker process failed: ${message.message}`));
          break;
      }
    });
    child.once('exit', (code) => reject(new Error(`worker process exited with ${code} before it was ready`)));
  });
  const start: ChildStart = {
    type: 'start',
    databaseUrl: options.databaseUrl,
    namedStatements: options.namedStatements,
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    poolSize: options.poolSize,
    concurrency: options.concurrency,
    profile: options.profile,
    experiments: options.experiments,
  };
  child.send(start);
  const pid = await ready;
  return {
    pid,
    async close() {
      const result = new Promise<Extract<ChildMessage, { type: 'stopped' }>>((resolve) => {
        stopped = resolve;
      });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      const message = await Promise.race([
        result,
        exited.then(() => ({ type: 'stopped' as const, statements: [], logs: { count: 0, first: [] } })),
      ]);
      await exited;
      return { statements: message.statements, logs: message.logs };
    },
  };
}
