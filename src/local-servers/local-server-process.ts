/**
 * The server processes Tandem runs on this machine when no external one is configured (the
 * embedded PostgreSQL, the private Redis), and the ports they listen on on 127.0.0.1.
 *
 * Each server is a child in its own process group, so only Tandem decides when it stops. That
 * leaves two cases to handle: our own child (start it on a usable port, wait until it accepts
 * connections, stop it with us) and a server a SIGKILLed parent left running on the data folder
 * (found through the pid file the server writes, and told apart from a stale pid file).
 */
import { type ChildProcess, execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logging/logger.ts';

/** The ids a program is run as (`run`) or a server is spawned as. */
export interface SystemUser {
  uid: number;
  gid: number;
}

// ---------------------------------------------------------------------------------------------
// Ports

/** The server could not bind its port: another process took it between the check and the bind. */
export class PortInUseError extends Error {}

/**
 * Spawns a server with `spawnOn(port)` on `ports.fixed`; without one, on the port it used last
 * time if that is free (so its URL stays the same across restarts), else on any free port. A free
 * port can be taken before the server binds it, so a `PortInUseError` on a chosen port is retried
 * once on another free port.
 */
export async function spawnOnPort(
  ports: { fixed: number | undefined; remembered: number | undefined },
  spawnOn: (port: number) => Promise<ChildProcess>,
  server: { name: string; logger: Logger },
): Promise<{ port: number; child: ChildProcess }> {
  const port = ports.fixed ?? (await choosePort(ports.remembered));
  try {
    return { port, child: await spawnOn(port) };
  } catch (err) {
    if (ports.fixed !== undefined || !(err instanceof PortInUseError)) throw err;
    const other = await freePort();
    server.logger.warn(
      { port: other },
      `port was taken while ${server.name} started; retrying on another port`,
    );
    return { port: other, child: await spawnOn(other) };
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

// ---------------------------------------------------------------------------------------------
// Our own server child

export interface FollowServerOptions {
  /** The server in log messages: 'PostgreSQL', 'Redis'. */
  name: string;
  /** The server in error messages. Default: `name`. */
  nameInErrors?: string;
  logger: Logger;
  /** Logs one line of the server's output at the level it deserves. */
  logLine(line: string): void;
  /** Text of the line the server prints once it accepts connections. */
  readyLine: string;
  timeoutMs: number;
  /** The error when `readyLine` does not come within `timeoutMs` (the last log lines follow). */
  timeoutMessage: string;
}

export interface FollowedServer {
  /**
   * Resolves once the server prints `readyLine`. Rejects if it exits first (with
   * `PortInUseError` when its log says the port was taken), or does not get ready in time: both
   * errors end with its last log lines. A failed spawn rejects with the spawn error as it is.
   */
  ready: Promise<void>;
  /** The server's last 30 lines of output, oldest first. */
  lastLines(): string;
}

/**
 * Follows a server child from its spawn on: its output and its exit are logged for as long as it
 * runs. Stopping it when `ready` rejects is the caller's part (only it knows the right signals).
 */
export function followServer(child: ChildProcess, opts: FollowServerOptions): FollowedServer {
  const { name, logger } = opts;
  const nameInErrors = opts.nameInErrors ?? name;
  const lines: string[] = [];
  const lastLines = (): string => lines.join('\n');
  let onLine: ((line: string) => void) | undefined;
  const handle = (line: string): void => {
    lines.push(line);
    if (lines.length > 30) lines.shift();
    opts.logLine(line);
    onLine?.(line);
  };
  forEachLine(child.stdout, handle);
  forEachLine(child.stderr, handle);
  child.on('error', (err) => logger.error({ err }, `${name} process error`));
  child.on('exit', (code, signal) => {
    if (code === 0) logger.debug(`${name} exited`);
    else logger.warn({ code, signal }, `${name} exited unexpectedly`);
  });

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${opts.timeoutMessage}. Last log lines:\n${lastLines()}`));
    }, opts.timeoutMs);
    const done = (err?: Error): void => {
      clearTimeout(timer);
      onLine = undefined;
      child.off('close', onExitEarly);
      child.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    // 'close' (not 'exit') so that the last log lines have arrived.
    const onExitEarly = (code: number | null, signal: NodeJS.Signals | null): void => {
      const log = lastLines();
      const msg = `${nameInErrors} exited while starting (code ${code}, signal ${signal}). Last log lines:\n${log}`;
      done(/Address already in use/i.test(log) ? new PortInUseError(msg) : new Error(msg));
    };
    onLine = (line) => {
      if (line.includes(opts.readyLine)) done();
    };
    child.once('close', onExitEarly);
    child.once('error', done);
  });
  return { ready, lastLines };
}

/**
 * Ties a server child's life to this process: returns an idempotent `stop()` that runs
 * `stopChild`, and until it is called, a process 'exit' hook sends the child `exitSignal` as a
 * synchronous last resort (the server then shuts down cleanly on its own after we are gone).
 */
export function stopWithProcess(
  child: ChildProcess,
  exitSignal: NodeJS.Signals,
  stopChild: () => Promise<void>,
): () => Promise<void> {
  const onExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill(exitSignal);
  };
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      process.off('exit', onExit);
      await stopChild();
    })();
    return stopping;
  };
}

/** Resolves true when `exited` settles within `ms`, false on timeout (the timer is cleared either way). */
export async function within(exited: Promise<void>, ms: number): Promise<boolean> {
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

// ---------------------------------------------------------------------------------------------
// A server left over from a SIGKILLed parent

/** What a server's pid file says about the server that ran last on its data folder. */
export type LeftoverServer =
  /** No pid file: the server shut down cleanly, or never ran. */
  | { kind: 'none' }
  /** The pid is dead, or now belongs to an unrelated process (pids are reused, in containers especially). */
  | { kind: 'stale'; pid: number }
  /** Our server, still running after the process that started it died. */
  | { kind: 'orphaned'; pid: number }
  /** Our server, still run by the process that started it: another running Tandem process. */
  | { kind: 'owned'; pid: number; ownerPid: number };

/**
 * Reads `pidFile` (the pid on its first line) and tells whether a `command` process runs under that
 * pid on `dataDir` (the servers chdir to their data folder), and whether its parent is still
 * `ownerPid`, the process recorded as having started it.
 */
export async function findLeftoverServer(
  pidFile: string,
  server: { command: string; dataDir: string; ownerPid: number | undefined },
): Promise<LeftoverServer> {
  let text: string;
  try {
    text = await fs.readFile(pidFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw err;
  }
  const pid = Number.parseInt(text, 10);
  if (!(pid > 0 && isAlive(pid) && (await isProcessOn(pid, server.command, server.dataDir)))) {
    return { kind: 'stale', pid };
  }
  const parent = parentPid(pid);
  if (server.ownerPid !== undefined && parent === server.ownerPid && isAlive(parent)) {
    return { kind: 'owned', pid, ownerPid: parent };
  }
  return { kind: 'orphaned', pid };
}

/** Resolves true once `pid` is no longer running, false if it still is after `ms`. */
export async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return !isAlive(pid);
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
    // ps and lsof answer at once; one that hangs cannot tell us either.
    const command = await run('ps', ['-o', 'comm=', '-p', String(pid)], { timeoutMs: 10_000 });
    if (!path.basename(command.trim()).startsWith(name)) return false;
    const lsof = await run('lsof', ['-a', '-p', String(pid), '-d', 'cwd', '-Fn'], { timeoutMs: 10_000 });
    const cwd = lsof.split('\n').find((line) => line.startsWith('n'));
    return cwd !== undefined && (await fs.realpath(cwd.slice(1))) === want;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Programs that run to completion

/**
 * Runs `file` and resolves with its stdout. A failure rejects with execFile's error (`code` is
 * the exit code), its message followed by the program's stderr (or stdout when stderr is empty).
 */
export function run(
  file: string,
  args: string[],
  opts: {
    user?: SystemUser | undefined;
    /** Added to this process's environment. */
    env?: Record<string, string>;
    /** Default 120 s: initdb on a slow disk takes a while. */
    timeoutMs?: number;
  } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { ...(opts.user ?? {}), env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs ?? 120_000 },
      (err, stdout, stderr) => {
        if (err) {
          const detail = `${stderr}`.trim() || `${stdout}`.trim();
          reject(Object.assign(err, { message: `${err.message}${detail ? `\n${detail}` : ''}` }));
        } else {
          resolve(`${stdout}`);
        }
      },
    );
  });
}
