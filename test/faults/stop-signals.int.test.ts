import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtEntrypoint } from '../support/built-entrypoint.ts';
import { waitFor } from '../support/wait-for.ts';
import { type ProcessId, processTree, stillRunning } from './support/process-tree.ts';
import { openTerminal } from './support/terminal.ts';

// `npm start` with nothing configured (embedded PostgreSQL, private Redis, the sandbox) stopped the
// ways it is stopped in practice: Ctrl+C in a terminal, and one signal to the pid a process manager
// holds (npm's under `npm start`, node's when node runs the entrypoint itself). Each time, one
// signal is enough: the shutdown runs once to the end ("stopped", status 0) and every process the
// command started, down to PostgreSQL's backends, is gone.
const checkout = resolve(import.meta.dirname, '..', '..');
const readyText = 'Stop with Ctrl+C.';
const startTimeoutMs = 60_000;
const stopTimeoutMs = 30_000;
let dataDir: string;
let logDir: string;
const started: ProcessId[][] = [];

/** The environment of a first `npm start` on a laptop, but with its own data folder and free ports. */
function environment(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    DATA_DIR: dataDir,
    PORT: '0',
    SANDBOX_PORT: '0',
    LOG_LEVEL: 'info',
  };
}

beforeAll(async () => {
  logDir = await mkdtemp(join(tmpdir(), 'tandem-stop-log-'));
  dataDir = await mkdtemp(join(tmpdir(), 'tandem-stop-data-'));
  // As root the embedded PostgreSQL runs as "postgres", which must enter the data folder.
  await chmod(dataDir, 0o755);
});

afterAll(async () => {
  // Whatever failed above, leave nothing running.
  for (const tree of started) for (const p of stillRunning(tree)) process.kill(p.pid, 'SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
  await rm(logDir, { recursive: true, force: true });
});

/** The processes the command runs once it is up: the pids checked after it stopped. */
function recordTree(pid: number): ProcessId[] {
  const tree = processTree(pid);
  started.push(tree);
  return tree;
}

function expectStoppedOnce(output: string, status: number | null, tree: ProcessId[]): void {
  expect(output).toMatch(/shutting down/);
  expect(output).toMatch(/stopped/);
  expect(output).not.toMatch(/second signal/);
  expect(output).not.toMatch(/shutdown step failed/);
  expect(status, output).toBe(0);
  expect(stillRunning(tree).map((p) => p.command)).toEqual([]);
}

/** Spawns `command` in a session of its own, as a process manager does, with its output piped. */
function spawnManaged(command: string, args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, {
    cwd: checkout,
    env: environment(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output };
}

async function stopManaged(
  managed: { child: ChildProcess; output: () => string },
  signal: NodeJS.Signals,
): Promise<void> {
  const { child, output } = managed;
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await waitFor(async () => output().includes(readyText), 'Tandem is running', startTimeoutMs).catch(
    (err: Error) => {
      throw new Error(`${err.message}:\n${output()}`);
    },
  );
  const tree = recordTree(child.pid!);
  child.kill(signal);
  const status = await exited;
  // Servers Tandem started exit on their own schedule after the parent: give them the stop bound.
  await waitFor(async () => stillRunning(tree).length === 0, 'every process gone', stopTimeoutMs).catch(
    () => {},
  );
  expectStoppedOnce(output(), status, tree);
  // Not on a terminal: one JSON object a line, as log collectors expect.
  expect(output()).toMatch(/^\{"level":30,.*"msg":"stopped"\}$/m);
}

describe('one stop signal stops `npm start` gracefully', () => {
  it('Ctrl+C in a terminal', { timeout: startTimeoutMs + stopTimeoutMs + 10_000 }, async () => {
    // The shell prints npm's exit status: tmux can mark the pane dead (its terminal closed) before
    // it has reaped the process, and then never shows a status. Like an interactive shell, bash
    // waits out a Ctrl+C its foreground command handles, and carries on.
    const terminal = await openTerminal(`bash -c 'npm start; echo "[npm exited with $?]"'`, {
      cwd: checkout,
      env: environment(),
      logDir,
    });
    try {
      await terminal.waitForText(readyText, startTimeoutMs);
      const tree = recordTree(terminal.pid);
      await terminal.sendKeys('C-c');
      await terminal.waitForText(/\[npm exited with \d+\]/, stopTimeoutMs);
      await terminal.exited(stopTimeoutMs);
      await waitFor(async () => stillRunning(tree).length === 0, 'every process gone', stopTimeoutMs).catch(
        () => {},
      );
      const output = await terminal.output();
      const status = Number(/\[npm exited with (\d+)\]/.exec(output)?.[1]);
      expectStoppedOnce(output, status, tree);
      // On a terminal the log is readable lines, not JSON, and the banner stands as one block.
      expect(output).not.toMatch(/\{"level":/);
      expect(output).toMatch(/INFO.*shutting down/);
      const banner = output.slice(output.indexOf('Tandem is running.'), output.indexOf(readyText));
      expect(banner).toMatch(/Admin {8}http/);
      expect(banner).not.toMatch(/INFO|WARN|ERROR/);
    } finally {
      await terminal.close();
    }
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} to npm's pid`, { timeout: startTimeoutMs + stopTimeoutMs + 10_000 }, async () => {
      await stopManaged(spawnManaged('npm', ['start']), signal);
    });
  }

  it("SIGINT to node's pid when node runs the entrypoint", {
    timeout: startTimeoutMs + stopTimeoutMs + 10_000,
  }, async () => {
    await stopManaged(spawnManaged(process.execPath, [builtEntrypoint('start')]), 'SIGINT');
  });
});
