/**
 * The server processes Tandem runs on this machine when no external one is configured (the
 * embedded PostgreSQL, the private Redis), and the ports they listen on on 127.0.0.1.
 *
 * Each server is a child in its own process group, so only Tandem decides when it stops. That
 * leaves two cases to handle: our own child (here: follow its output until it accepts connections,
 * stop it with us; its port is chosen in local-server-ports.ts) and a server a SIGKILLed parent
 * left running on the data folder (leftover-server.ts).
 */
import { type ChildProcess, execFile } from 'node:child_process';
import type { Logger } from '../logging/logger.ts';
import { PortInUseError } from './local-server-ports.ts';

/** The ids a program is run as (`run`) or a server is spawned as. */
export interface SystemUser {
  uid: number;
  gid: number;
}

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
