/**
 * For the tests of the servers Tandem runs itself when no external one is configured (embedded
 * PostgreSQL, private Redis): a server started by another Node process that a test can SIGKILL,
 * and the pids those servers write.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const fixture = join(import.meta.dirname, '..', '..', 'src', 'local-servers', 'fixtures', 'hold-server.ts');

export interface HeldServer {
  url: string;
  /**
   * SIGKILLs the Node process that started the server and waits until it is gone. The server,
   * in its own process group, keeps running: the leftover that the next start has to handle.
   */
  crash(): Promise<void>;
}

/** Starts the server in a child Node process and resolves once it accepts connections. */
export function holdServer(kind: 'postgres' | 'redis', dataDir: string): Promise<HeldServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, kind, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const crash = async (): Promise<void> => {
    child.kill('SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match) resolve({ url: match[1]!, crash });
    });
    child.once('exit', (code) => reject(new Error(`fixture exited with ${code}: ${err}`)));
  });
}

/** Running, and not a zombie waiting for pid 1 to reap it. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** The pid a server wrote on the first line of its pid file. */
export async function readPid(pidFile: string): Promise<number> {
  return Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0]!, 10);
}

/** Kills the server named in `pidFile` if it still runs, so that a failed test leaves none behind. */
export async function killServer(pidFile: string, signal: NodeJS.Signals): Promise<void> {
  const pid = await readPid(pidFile).catch(() => 0);
  if (pid > 0 && isAlive(pid)) process.kill(pid, signal);
}
