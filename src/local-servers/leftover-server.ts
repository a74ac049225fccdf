/**
 * A server a SIGKILLed parent left running on its data folder, found through the pid file the
 * server writes and told apart from a stale pid file (pids are reused) and from a server another
 * running Tandem process still owns.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { run } from './local-server-process.ts';

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
