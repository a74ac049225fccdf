import { type ChildProcess, spawn } from 'node:child_process';
import type { WorkerProcessSettings } from '../../fixtures/worker-process.ts';

/** A worker process of test/fixtures/worker-process.ts that a fault scenario can kill. */
export interface WorkerProcess {
  name: string;
  pid: number;
  /** Still running: a fault must not take a process down (a crash would only show as a slower recovery). */
  alive(): boolean;
  /** SIGKILL, as a crash or the OOM killer would; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (jobs in flight finish), SIGKILL after 10 s; resolves once the process is gone. */
  stop(): Promise<void>;
}

const fixture = 'test/fixtures/worker-process.ts';
const startTimeoutMs = 30_000;
const running = new Set<WorkerProcess>();

/**
 * Starts `count` worker processes named `<name>-1`, `<name>-2`... on the same database, Redis and
 * queue prefix, and resolves once all of them run their workers.
 */
export function startWorkerProcesses(
  count: number,
  settings: Omit<WorkerProcessSettings, 'workerName'> & { name?: string },
): Promise<WorkerProcess[]> {
  const { name = 'worker', ...rest } = settings;
  return Promise.all(
    Array.from({ length: count }, (_, i) => startWorkerProcess({ ...rest, workerName: `${name}-${i + 1}` })),
  );
}

export function startWorkerProcess(settings: WorkerProcessSettings): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, TANDEM_TEST_WORKER: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  forwardStderr(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const worker: WorkerProcess = {
    name: settings.workerName ?? 'doomed-worker',
    pid: child.pid ?? 0,
    alive: () => !gone(),
    async kill() {
      running.delete(worker);
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      running.delete(worker);
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(worker);
  return waitUntilReady(child, worker);
}

/** Stops every worker process still running (for afterEach: a failed test leaves none behind). */
export async function stopAllWorkerProcesses(): Promise<void> {
  await Promise.all([...running].map((worker) => worker.stop()));
}

/**
 * The child's stderr, less the bare connection errors BullMQ's queues print while Redis is away
 * (one per reconnect attempt, expected in a Redis fault): a crash's stack trace still shows.
 */
function forwardStderr(child: ChildProcess): void {
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    const kept = lines.filter(
      (line) => !/^Error: (connect ECONNREFUSED|read ECONNRESET|write ECONNRESET|write EPIPE)/.test(line),
    );
    if (kept.length > 0) process.stderr.write(`${kept.join('\n')}\n`);
  });
}

function waitUntilReady(child: ChildProcess, worker: WorkerProcess): Promise<WorkerProcess> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      void worker.kill();
      reject(new Error(`${worker.name} did not start within ${startTimeoutMs} ms`));
    }, startTimeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (!/^ready$/m.test(out)) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      // Keep reading (a full pipe would block the child's logging): its log lines when asked for.
      if (process.env.TEST_LOG_LEVEL) child.stdout?.pipe(process.stderr);
      else child.stdout?.resume();
      resolve(worker);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${worker.name} exited before it was ready (${signal ?? code})`));
    });
  });
}
