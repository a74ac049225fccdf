/**
 * A command run in a real pseudo-terminal, as a person runs it: a tmux session on a private tmux
 * server (its own socket, so nothing else using tmux on the machine is touched). Keys sent to it go
 * through the terminal's line discipline, so C-c signals the whole foreground process group, just
 * as Ctrl+C in a terminal window does.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '../../support/wait-for.ts';

const exec = promisify(execFile);

export interface TerminalSession {
  /** The pid of the command (the shell execs it). */
  pid: number;
  /** Everything the terminal showed so far. */
  output(): Promise<string>;
  /** Resolves once the terminal showed `text`. */
  waitForText(text: string | RegExp, timeoutMs: number): Promise<void>;
  /** Types keys, in tmux's names: 'C-c' is Ctrl+C. */
  sendKeys(keys: string): Promise<void>;
  /** Resolves with the command's exit status once it ended (null if a signal ended it). */
  exited(timeoutMs: number): Promise<number | null>;
  /** Ends the session and its tmux server. */
  close(): Promise<void>;
}

/**
 * Starts `command` (a shell command line) in a new terminal with `env` as the tmux server's whole
 * environment (its panes inherit it). Output is copied to `logDir/terminal-<id>.log`.
 */
export async function openTerminal(
  command: string,
  opts: { cwd: string; env: Record<string, string>; logDir: string },
): Promise<TerminalSession> {
  const socket = `tandem-test-${randomBytes(4).toString('hex')}`;
  const log = join(opts.logDir, `terminal-${socket}.log`);
  const tmux = (...args: string[]) =>
    exec('tmux', ['-L', socket, '-f', '/dev/null', ...args], { cwd: opts.cwd, env: opts.env });
  // One client call: the output is piped and a dead pane kept (for its exit status) from the start.
  await tmux(
    'new-session',
    '-d',
    '-s',
    'main',
    '-x',
    '200',
    '-y',
    '50',
    `exec ${command}`,
    ';',
    'set-option',
    '-g',
    'remain-on-exit',
    'on',
    ';',
    'set-option',
    '-g',
    'history-limit',
    '50000',
    ';',
    'pipe-pane',
    '-t',
    'main',
    '-o',
    `cat >> '${log}'`,
  );
  const display = async (format: string) =>
    (await tmux('display-message', '-p', '-t', 'main', format)).stdout.trim();
  const pid = Number.parseInt(await display('#{pane_pid}'), 10);
  const output = () => readFile(log, 'utf8').catch(() => '');
  return {
    pid,
    output,
    async waitForText(text, timeoutMs) {
      const found = (out: string) => (typeof text === 'string' ? out.includes(text) : text.test(out));
      await waitFor(async () => found(await output()), `terminal shows ${text}`, timeoutMs).catch(
        async (err: Error) => {
          throw new Error(`${err.message}; the terminal shows:\n${await output()}`);
        },
      );
    },
    async sendKeys(keys) {
      await tmux('send-keys', '-t', 'main', keys);
    },
    async exited(timeoutMs) {
      await waitFor(async () => (await display('#{pane_dead}')) === '1', 'the command exits', timeoutMs);
      const status = await display('#{pane_dead_status}');
      return status === '' ? null : Number.parseInt(status, 10);
    },
    async close() {
      await tmux('kill-server').catch(() => {});
    },
  };
}
