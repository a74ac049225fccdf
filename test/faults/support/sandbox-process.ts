import { type ChildProcess, spawn } from 'node:child_process';
import { builtEntrypoint } from '../../support/built-entrypoint.ts';

/** `npm start` in sandbox mode (no bot token) as a process of its own, on the settings given. */
export interface SandboxProcess {
  child: ChildProcess;
  output(): string;
  /** SIGKILL: the process dies at whatever line it is on. */
  kill(): Promise<void>;
  /** SIGTERM, as a process manager or Ctrl+C stops it; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Spawns `node dist/entrypoints/start.js` (what `npm start` runs) with `settings` as its
 * environment (plus PATH); resolves once it printed that Tandem is running.
 */
export function startSandboxProcess(
  settings: Record<string, string>,
  timeoutMs = 90_000,
): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [builtEntrypoint('start')], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const handle: SandboxProcess = {
    child,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start did not come up within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited early (${code}):\n${output}`));
    });
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\nTandem is running.')) {
        clearTimeout(timer);
        resolve(handle);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  });
}
