/**
 * Real redis-server processes for the tests of Redis topologies (Sentinel, Cluster, TLS): each on a
 * free port of 127.0.0.1 with its files in a temporary folder, stopped by the test (or, whatever
 * happens, when the test process exits).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface RedisProcess {
  port: number;
  /** The folder it runs in (its config, AOF and nodes.conf). */
  dir: string;
  /** SIGKILL, as a crashed machine; resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM; resolves once it is gone. Idempotent. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A port nobody listens on now. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/**
 * Starts `redis-server` (or `redis-server --sentinel` with `sentinel: true`) with these extra
 * arguments on a free port, and resolves once it answers PING (`ping: false` skips that, for a
 * server that takes only TLS connections).
 */
export async function startRedisProcess(
  args: string[] = [],
  options: {
    sentinel?: boolean;
    port?: number;
    ping?: boolean;
    dir?: string;
    /**
     * Lines of the sentinel's config file, e.g. `sentinel monitor mymaster 127.0.0.1 6380 2`
     * (a `sentinel` directive cannot be given as an argument).
     */
    sentinelConfig?: string[];
  } = {},
): Promise<RedisProcess> {
  const port = options.port ?? (await freeLoopbackPort());
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'tandem-redis-topology-'));
  const base = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--daemonize',
    'no',
  ];
  // Sentinel rewrites its config file: it must be a file of its own, given first.
  const child = options.sentinel
    ? spawn('redis-server', [sentinelConfig(dir, options.sentinelConfig), '--sentinel', ...base, ...args], {
        stdio: 'ignore',
      })
    : spawn('redis-server', [...base, ...args], { stdio: 'ignore' });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  if (options.ping !== false) await waitForPing(port, exited);
  return {
    port,
    dir,
    kill: () => end('SIGKILL'),
    stop: async () => {
      await end('SIGTERM');
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function sentinelConfig(dir: string, lines: string[] = []): string {
  const file = join(dir, 'sentinel.conf');
  writeFileSync(file, lines.map((line) => `${line}\n`).join(''));
  return file;
}

async function waitForPing(port: number, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`redis-server on port ${port} exited while starting`);
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not listening yet
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer within 15 s`);
}
