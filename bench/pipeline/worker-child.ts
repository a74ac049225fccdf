// A separate worker process for the bench: startSyncWorkers on its own pool and Redis connections,
// reporting each job's completion to the parent over IPC (batched every 10 ms).

import type { Experiment } from '../shared/experiments.ts';
import { openBenchServices, startBenchWorkers } from '../shared/services.ts';
import type { Completion, Failure } from './completions.ts';
import { watchWorkers } from './completions.ts';

export interface ChildStart {
  type: 'start';
  databaseUrl: string;
  namedStatements: boolean;
  redisUrl: string;
  prefix: string;
  poolSize: number;
  concurrency: number;
  profile: boolean;
  experiments: Experiment[];
}

export type ChildMessage =
  | { type: 'ready'; pid: number }
  | { type: 'batch'; completions: Completion[]; failures: Failure[] }
  | {
      type: 'stopped';
      statements: Array<[string, { count: number; totalMs: number }]>;
      logs: { count: number; first: string[] };
    }
  | { type: 'error'; message: string };

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function main(start: ChildStart): Promise<void> {
  const bench = await openBenchServices(start);
  const completions: Completion[] = [];
  const failures: Failure[] = [];
  const flush = async () => {
    if (completions.length === 0 && failures.length === 0) return;
    await send({ type: 'batch', completions: completions.splice(0), failures: failures.splice(0) });
  };
  const workers = startBenchWorkers(bench.services, start.prefix, start.concurrency);
  watchWorkers(workers, { completed: (c) => completions.push(c), failed: (f) => failures.push(f) });
  await Promise.all(workers.workers.map((w) => w.waitUntilReady()));
  const timer = setInterval(() => void flush(), 10);
  process.on('message', async (message: { type: string }) => {
    if (message.type !== 'stop') return;
    clearInterval(timer);
    await workers.close();
    await flush();
    await send({ type: 'stopped', statements: [...bench.statements], logs: bench.logs });
    await bench.services.close();
    process.exit(0);
  });
  await send({ type: 'ready', pid: process.pid });
}

process.once('message', (message: ChildStart) => {
  main(message).catch(async (error: Error) => {
    await send({ type: 'error', message: error.stack ?? error.message });
    process.exit(1);
  });
});
// The parent going away (Ctrl+C, crash) must not leave this process running.
process.on('disconnect', () => process.exit(0));
