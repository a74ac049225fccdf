import { type ChildProcess, spawn } from 'node:child_process';
import { builtEntrypoint } from './built-entrypoint.ts';
import { waitFor } from './wait-for.ts';

export type EntrypointName = 'api' | 'worker' | 'telegram' | 'discord';

/** A Tandem entrypoint running as a process of its own, as `npm run <name>` starts it. */
export interface EntrypointProcess {
  name: EntrypointName;
  child: ChildProcess;
  /** Where its `/healthz` and `/readyz` answer (HEALTH_PORT's server, or the API's port). */
  probeUrl: string;
  /** Everything it wrote so far, stdout and stderr. */
  output(): string;
  /** Polls `/readyz` until it answers 200; resolves with its body. */
  ready(timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Sends SIGTERM and resolves with how it exited; SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<ProcessExit>;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From the signal to the exit. */
  ms: number;
}

/** The log lines that name where a process's probes answer. */
const probeLines = new Set([
  'probes listening: /healthz, /readyz',
  'probes listening: /healthz, /readyz, /metrics',
  'admin API running',
]);

/**
 * Spawns `node dist/entrypoints/<name>.js` (what `npm run <name>` runs) with `settings` as its whole environment
 * (plus PATH): probes on free ports (HEALTH_PORT=0, PORT=0) unless given. Resolves once the process
 * logged where its probes answer; rejects if it exits first or takes longer than `timeoutMs`.
 */
export function startEntrypoint(
  name: EntrypointName,
  settings: Record<string, string>,
  timeoutMs = 20_000,
): Promise<EntrypointProcess> {
  const child = spawn(process.execPath, [builtEntrypoint(name)], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', HEALTH_PORT: '0', PORT: '0', ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not announce its probes within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited early (${code ?? signal}):\n${output}`));
    });
    const onLine = (line: string) => {
      const entry = parseLogLine(line);
      if (!entry || !probeLines.has(String(entry.msg)) || typeof entry.url !== 'string') return;
      clearTimeout(timer);
      resolve(running(name, child, entry.url, () => output, exited));
    };
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  });
}

function running(
  name: EntrypointName,
  child: ChildProcess,
  probeUrl: string,
  output: () => string,
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
): EntrypointProcess {
  return {
    name,
    child,
    probeUrl,
    output,
    async ready(timeoutMs = 20_000) {
      let body: Record<string, unknown> = {};
      await waitFor(
        async () => {
          const res = await fetch(`${probeUrl}/readyz`).catch(() => null);
          if (!res) return false;
          body = (await res.json()) as Record<string, unknown>;
          return res.status === 200;
        },
        `${name} ready`,
        timeoutMs,
      );
      return body;
    },
    async stop(timeoutMs = 15_000) {
      const started = Date.now();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const exit = await exited;
      clearTimeout(killer);
      return { ...exit, ms: Date.now() - started };
    },
  };
}

function parseLogLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}
