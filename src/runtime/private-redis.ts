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
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { constants as fsConstants, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logging/logger.ts';

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

  const remembered = state.port;
  const fixedPort = opts.port ? opts.port : undefined;
  let port = fixedPort ?? (await choosePort(remembered));
  let child: ChildProcess;
  try {
    child = await spawnServer(binary, dataDir, port, logger);
  } catch (err) {
    // Another process may have taken the port between the check and the bind.
    if (fixedPort !== undefined || !(err instanceof PortInUseError)) throw err;
    port = await freePort();
    logger.warn({ port }, 'port was taken while Redis started; retrying on another port');
    child = await spawnServer(binary, dataDir, port, logger);
  }

  const onExit = (): void => {
    // Synchronous last resort when the process exits without stop(); Redis then shuts down
    // cleanly on its own (it flushes the AOF on SIGTERM).
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('exit', onExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.off('exit', onExit);
      await stopChild(child, logger);
    })();
    return stopping;
  };

  try {
    const file = path.join(dataDir, STATE_FILE);
    await fs.writeFile(`${file}.${process.pid}.tmp`, `${JSON.stringify({ port, ownerPid: process.pid })}\n`);
    await fs.rename(`${file}.${process.pid}.tmp`, file);
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
  let text: string;
  try {
    text = await fs.readFile(pidFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const pid = Number.parseInt(text.trim(), 10);
  if (pid > 0 && isAlive(pid) && (await isProcessOn(pid, 'redis-server', dataDir))) {
    const parent = parentPid(pid);
    if (state.ownerPid !== undefined && parent === state.ownerPid && isAlive(parent)) {
      throw new Error(
        `The private Redis in ${dataDir} is already run by another process (pid ${parent}, server pid ${pid}). ` +
          'Run one process with the embedded defaults per data folder and point the others at it with ' +
          `REDIS_URL=redis://127.0.0.1:${state.port ?? '<port>'}.`,
      );
    }
    logger.warn(
      { serverPid: pid },
      'a Redis left over from an earlier run is still running on the data folder; stopping it',
    );
    process.kill(pid, 'SIGTERM');
    if (!(await waitForDeath(pid, STOP_GRACE_MS))) {
      logger.warn({ serverPid: pid }, 'the leftover Redis ignored SIGTERM; sending SIGKILL');
      process.kill(pid, 'SIGKILL');
      if (!(await waitForDeath(pid, STOP_GRACE_MS))) {
        throw new Error(`A Redis left over from an earlier run (pid ${pid}) on ${dataDir} cannot be stopped`);
      }
    }
  } else {
    logger.info({ serverPid: pid }, 'removing a stale redis.pid (no server of ours runs under that pid)');
  }
  await fs.rm(pidFile, { force: true });
}

async function waitForDeath(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(25);
  }
  return !isAlive(pid);
}

// ---------------------------------------------------------------------------------------------
// Running the server

class PortInUseError extends Error {}

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

  const lastLines: string[] = [];
  let onLine: ((line: string) => void) | undefined;
  const handle = (line: string): void => {
    lastLines.push(line);
    if (lastLines.length > 30) lastLines.shift();
    // Redis marks lines with '.' debug, '-' verbose, '*' notice, '#' warning.
    if (/ # /.test(line) && !/WARNING Memory overcommit/.test(line)) logger.info(line);
    else logger.debug(line);
    onLine?.(line);
  };
  forEachLine(child.stdout, handle);
  forEachLine(child.stderr, handle);
  child.on('error', (err) => logger.error({ err }, 'Redis process error'));
  child.on('exit', (code, signal) => {
    if (code === 0) logger.debug('Redis exited');
    else logger.warn({ code, signal }, 'Redis exited unexpectedly');
  });

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `Redis (${binary}) did not print "Ready to accept connections" within ${READY_TIMEOUT_MS / 1000} s. ` +
              `Last log lines:\n${lastLines.join('\n')}`,
          ),
        );
      }, READY_TIMEOUT_MS);
      const done = (err?: Error): void => {
        clearTimeout(timer);
        onLine = undefined;
        child.off('close', onClose);
        child.off('error', onError);
        if (err) reject(err);
        else resolve();
      };
      // 'close' (not 'exit') so that the last log lines have arrived.
      const onClose = (code: number | null, signal: NodeJS.Signals | null): void => {
        const log = lastLines.join('\n');
        const msg = `Redis (${binary}) exited while starting (code ${code}, signal ${signal}). Last log lines:\n${log}`;
        done(/Address already in use/i.test(log) ? new PortInUseError(msg) : new Error(msg));
      };
      const onError = (err: NodeJS.ErrnoException): void => {
        done(err.code === 'ENOENT' ? notInstalled(binary, err.message) : err);
      };
      onLine = (line) => {
        if (line.includes('Ready to accept connections')) done();
      };
      child.once('close', onClose);
      child.once('error', onError);
    });
  } catch (err) {
    await stopChild(child, logger);
    throw err;
  }
  return child;
}

async function stopChild(child: ChildProcess, logger: Logger): Promise<void> {
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
// Small process and port helpers

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

async function choosePort(remembered: number | undefined): Promise<number> {
  if (remembered && (await isPortFree(remembered))) return remembered;
  return freePort();
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

/**
 * Whether `pid` is a running process. A zombie counts as dead: a server orphaned by a SIGKILLed
 * parent is re-parented to pid 1, and in containers pid 1 may be slow (or fail) to reap it.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

function parentPid(pid: number): number | undefined {
  try {
    if (process.platform === 'linux') {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // "pid (comm) state ppid ..."; comm may contain spaces and parentheses.
      return Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10) || undefined;
    }
    return (
      Number.parseInt(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }), 10) ||
      undefined
    );
  } catch {
    return undefined;
  }
}

/** Whether `pid` is a `name` process whose working folder is `dir`. */
async function isProcessOn(pid: number, name: string, dir: string): Promise<boolean> {
  try {
    const want = await fs.realpath(dir);
    if (process.platform === 'linux') {
      const comm = (await fs.readFile(`/proc/${pid}/comm`, 'utf8')).trim();
      return comm.startsWith(name) && (await fs.readlink(`/proc/${pid}/cwd`)) === want;
    }
    const command = await run('ps', ['-o', 'comm=', '-p', String(pid)]);
    if (!path.basename(command.trim()).startsWith(name)) return false;
    const lsof = await run('lsof', ['-a', '-p', String(pid), '-d', 'cwd', '-Fn']);
    const cwd = lsof.split('\n').find((line) => line.startsWith('n'));
    return cwd !== undefined && (await fs.realpath(cwd.slice(1))) === want;
  } catch {
    return false;
  }
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 10_000 }, (err, stdout) => (err ? reject(err) : resolve(`${stdout}`)));
  });
}

function forEachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  });
  stream.on('end', () => {
    if (buffer.trim()) onLine(buffer);
    buffer = '';
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves true when `exited` settles within `ms`, false on timeout (the timer is cleared either way). */
async function within(exited: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
