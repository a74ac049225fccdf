/**
 * The private Redis used when Tandem starts without REDIS_URL: a `redis-server` child process
 * (there is no npm-shipped Redis binary) on 127.0.0.1, with its data in `dataDir`.
 *
 * Layout of `dataDir`:
 *   appendonlydir/        AOF (appendonly yes; no RDB snapshots: save "")
 *   redis.pid             written by redis-server (--pidfile), removed on a clean shutdown
 *   private-redis.json    the port used last time (so the URL stays the same across restarts)
 *                         and the pid of the process that started the server
 *
 * The child runs in its own process group (`detached`), so a Ctrl-C in the terminal reaches
 * only Node and the application stops Redis when its shutdown sequence is done with it (call
 * `stop()`). It does not outlive the parent: `stop()` and a `process.on('exit')` hook send it
 * SIGTERM. A SIGKILLed parent cannot run either, so the next start finds the leftover server
 * through redis.pid and stops it (its data is on disk in the AOF) before starting its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logging/logger.ts';
import { findLeftoverServer, waitForExit } from './leftover-server.ts';
import { spawnOnPort } from './local-server-ports.ts';
import { followServer, stopWithProcess, within } from './local-server-process.ts';

export interface PrivateRedisOptions {
  /** Folder for the AOF, pid file and remembered port; created if missing. */
  dataDir: string;
  /** TCP port on 127.0.0.1. 0 or undefined: the port used last time if free, else a free one. */
  port?: number;
  logger: Logger;
  /** Path or name (looked up on PATH) of redis-server. Default 'redis-server'. */
  binary?: string;
}

export interface PrivateRedis {
  /** redis://127.0.0.1:port */
  url: string;
  /** SIGTERM (Redis flushes the AOF and exits), SIGKILL after 5 s. Idempotent. */
  stop(): Promise<void>;
}

const STATE_FILE = 'private-redis.json';
const PID_FILE = 'redis.pid';
/** Loading a large AOF happens before "Ready to accept connections". */
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

export async function startPrivateRedis(opts: PrivateRedisOptions): Promise<PrivateRedis> {
  const started = performance.now();
  const logger = opts.logger.child({ component: 'private-redis' });
  const dataDir = path.resolve(opts.dataDir);
  const binary = await findRedisServer(opts.binary ?? 'redis-server');

  await fs.mkdir(dataDir, { recursive: true });
  const state = await readState(dataDir);
  await clearLeftoverServer(dataDir, state, logger);

  const { port, child } = await spawnOnPort(
    { fixed: opts.port ? opts.port : undefined, remembered: state.port },
    (port) => spawnServer(binary, dataDir, port, logger),
    { name: 'Redis', logger },
  );
  // On exit without stop(), Redis shuts down cleanly on its own (it flushes the AOF on SIGTERM).
  const stop = stopWithProcess(child, 'SIGTERM', () => stopServer(child, logger));

  try {
    await saveState(dataDir, { port, ownerPid: process.pid });
  } catch (err) {
    await stop();
    throw err;
  }

  const url = `redis://127.0.0.1:${port}`;
  logger.info(
    { port, dataDir, serverPid: child.pid, ms: Math.round(performance.now() - started) },
    'private Redis started',
  );
  return { url, stop };
}

// ---------------------------------------------------------------------------------------------
// Finding the binary

function notInstalled(binary: string, detail: string): Error {
  return new Error(
    `redis-server was not found (${detail}). With no REDIS_URL set, Tandem runs a private Redis and ` +
      `needs "${binary}": install it with "sudo apt-get install redis-server" (Debian/Ubuntu) or ` +
      `"brew install redis" (macOS), or set REDIS_URL=redis://host:6379 to use an existing Redis.`,
  );
}

async function findRedisServer(binary: string): Promise<string> {
  const candidates = binary.includes('/')
    ? [path.resolve(binary)]
    : (process.env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, binary));
  for (const candidate of candidates) {
    try {
      const st = await fs.stat(candidate);
      if (!st.isFile()) continue;
      await fs.access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not this one
    }
  }
  throw notInstalled(
    binary,
    binary.includes('/') ? `no executable at ${binary}` : `"${binary}" is not on PATH`,
  );
}

// ---------------------------------------------------------------------------------------------
// A server left over from a SIGKILLed parent

/**
 * redis.pid names the server that last ran on this folder. If that pid is alive and is a
 * redis-server whose working folder is dataDir (redis chdirs to --dir), it is a leftover from a
 * parent that was SIGKILLed: stop it (SIGTERM flushes the AOF; SIGKILL after 5 s) rather than
 * reuse it, because we could not watch or log it and it may run with other settings. Otherwise
 * the pid file is stale (the pid is dead or was reused by an unrelated process): delete it.
 *
 * Unless its parent is still the process that started it (recorded in private-redis.json): then
 * it is the Redis of another running Tandem process on the same folder, and we refuse to start
 * instead of killing it.
 */
async function clearLeftoverServer(dataDir: string, state: State, logger: Logger): Promise<void> {
  const pidFile = path.join(dataDir, PID_FILE);
  const leftover = await findLeftoverServer(pidFile, {
    command: 'redis-server',
    dataDir,
    ownerPid: state.ownerPid,
  });
  if (leftover.kind === 'none') return;
  const { pid } = leftover;
  if (leftover.kind === 'owned') {
    throw new Error(
      `The private Redis in ${dataDir} is already run by another process (pid ${leftover.ownerPid}, server pid ${pid}). ` +
        'Run one process with the embedded defaults per data folder and point the others at it with ' +
        `REDIS_URL=redis://127.0.0.1:${state.port ?? '<port>'}.`,
    );
  }
  if (leftover.kind === 'orphaned') {
    logger.warn(
      { serverPid: pid },
      'a Redis left over from an earlier run is still running on the data folder; stopping it',
    );
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, STOP_GRACE_MS))) {
      logger.warn({ serverPid: pid }, 'the leftover Redis ignored SIGTERM; sending SIGKILL');
      process.kill(pid, 'SIGKILL');
      if (!(await waitForExit(pid, STOP_GRACE_MS))) {
        throw new Error(`A Redis left over from an earlier run (pid ${pid}) on ${dataDir} cannot be stopped`);
      }
    }
  } else {
    logger.info({ serverPid: pid }, 'removing a stale redis.pid (no server of ours runs under that pid)');
  }
  await fs.rm(pidFile, { force: true });
}

// ---------------------------------------------------------------------------------------------
// Running the server

async function spawnServer(
  binary: string,
  dataDir: string,
  port: number,
  logger: Logger,
): Promise<ChildProcess> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dataDir,
    '--appendonly',
    'yes',
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
    '--daemonize',
    'no',
    '--pidfile',
    path.join(dataDir, PID_FILE),
  ];
  const child = spawn(binary, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });

  const server = followServer(child, {
    name: 'Redis',
    nameInErrors: `Redis (${binary})`,
    logger,
    logLine: (line) => {
      // Redis 7 marks even its start-up banner '#'; only its real warnings deserve a person's eye
      // (the memory overcommit one is about the host and harmless for a private instance).
      if (/WARNING/.test(line) && !/Memory overcommit/.test(line)) logger.warn(line);
      else logger.debug(line);
    },
    readyLine: 'Ready to accept connections',
    timeoutMs: READY_TIMEOUT_MS,
    timeoutMessage: `Redis (${binary}) did not print "Ready to accept connections" within ${READY_TIMEOUT_MS / 1000} s`,
  });
  try {
    await server.ready;
  } catch (err) {
    await stopServer(child, logger);
    const code = (err as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' ? notInstalled(binary, (err as Error).message) : err;
  }
  return child;
}

async function stopServer(child: ChildProcess, logger: Logger): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  if (!(await within(exited, STOP_GRACE_MS))) {
    logger.warn(
      { serverPid: child.pid },
      `Redis did not stop within ${STOP_GRACE_MS / 1000} s; sending SIGKILL`,
    );
    child.kill('SIGKILL');
    await exited;
  }
}

// ---------------------------------------------------------------------------------------------
// The state file

interface State {
  port?: number;
  ownerPid?: number;
}

async function readState(dataDir: string): Promise<State> {
  try {
    const parsed = JSON.parse(await fs.readFile(path.join(dataDir, STATE_FILE), 'utf8')) as Record<
      string,
      unknown
    >;
    const state: State = {};
    if (typeof parsed.port === 'number' && parsed.port > 0) state.port = parsed.port;
    if (typeof parsed.ownerPid === 'number' && parsed.ownerPid > 0) state.ownerPid = parsed.ownerPid;
    return state;
  } catch {
    return {};
  }
}

async function saveState(dataDir: string, state: State): Promise<void> {
  const file = path.join(dataDir, STATE_FILE);
  await fs.writeFile(`${file}.${process.pid}.tmp`, `${JSON.stringify(state)}\n`);
  await fs.rename(`${file}.${process.pid}.tmp`, file);
}
