/**
 * A PostgreSQL server of a test's own (so the shared one is never stopped or reconfigured): a new
 * cluster in a temporary folder, on a free port, that the test can stop and start again on the
 * same port and data, or start with TLS settings. Runs Debian's binaries when installed (the
 * `postgresql` package, built with OpenSSL), else the embedded PostgreSQL's.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Binaries,
  loadBinaries,
  serverOwner,
} from '../../src/local-servers/embedded-postgres-cluster.ts';
import { freePort } from '../../src/local-servers/local-server-ports.ts';
import { followServer, run, type SystemUser, within } from '../../src/local-servers/local-server-process.ts';
import { createLogger } from '../../src/logging/logger.ts';

export interface PrivatePostgresOptions {
  /** Server settings (`-c name=value`), e.g. `ssl=on`. */
  settings?: Record<string, string>;
  /** pg_hba.conf in place of initdb's (trust for every local and host connection). */
  hba?: string;
  /** Files copied into the data folder, readable by the server alone (keys, certificates): name -> path. */
  files?: Record<string, string>;
}

export interface PrivatePostgres {
  port: number;
  /** `postgresql://postgres@127.0.0.1:<port>/<database>` with `params` as the query. */
  url(database?: string, params?: Record<string, string>): string;
  /** Fast shutdown (SIGINT: sessions are cut, data flushed); resolves once the server is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes its folder. Idempotent. */
  dispose(): Promise<void>;
}

const logger = createLogger('silent');

function debianBinaries(): Binaries | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const newest = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) return undefined;
  const bin = join(root, newest, 'bin');
  return { postgres: join(bin, 'postgres'), initdb: join(bin, 'initdb'), pg_ctl: join(bin, 'pg_ctl') };
}

export async function startPrivatePostgres(options: PrivatePostgresOptions = {}): Promise<PrivatePostgres> {
  const bins = debianBinaries() ?? (await loadBinaries());
  const owner = await serverOwner(logger);
  const dir = await mkdtemp(join(tmpdir(), 'tandem-private-pg-'));
  await chmod(dir, 0o755);
  const pgdata = join(dir, 'pgdata');
  await mkdir(pgdata, { mode: 0o700 });
  if (owner) await chown(pgdata, owner.uid, owner.gid);
  await run(
    bins.initdb,
    [
      `--pgdata=${pgdata}`,
      '--username=postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ],
    { user: owner, env: { LC_MESSAGES: 'C' } },
  );
  for (const [name, source] of Object.entries(options.files ?? {})) {
    await copyFile(source, join(pgdata, name));
    await placeForServer(join(pgdata, name), owner);
  }
  if (options.hba) {
    await writeFile(join(pgdata, 'pg_hba.conf'), options.hba);
    await placeForServer(join(pgdata, 'pg_hba.conf'), owner);
  }
  const port = await freePort();
  const args = ['-D', pgdata, '-p', String(port), '-k', '', '-c', 'listen_addresses=127.0.0.1'];
  // Nothing here must survive a machine crash, and the tests share a busy machine.
  for (const [name, value] of Object.entries({ fsync: 'off', ...options.settings }))
    args.push('-c', `${name}=${value}`);

  let child: ChildProcess | undefined;
  const onExit = () => child?.kill('SIGINT');
  process.on('exit', onExit);
  const start = async () => {
    const spawned = spawn(bins.postgres, args, {
      ...(owner ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    child = spawned;
    const server = followServer(spawned, {
      name: 'private PostgreSQL',
      logger,
      logLine: () => {},
      readyLine: 'database system is ready to accept connections',
      timeoutMs: 60_000,
      timeoutMessage: 'the private PostgreSQL did not become ready within 60 s',
    });
    try {
      await server.ready;
    } catch (error) {
      await stopChild(spawned);
      throw error;
    }
  };
  const stop = async () => {
    if (child) await stopChild(child);
  };
  await start().catch(async (error) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  let disposed: Promise<void> | undefined;
  return {
    port,
    url(database = 'postgres', params = {}) {
      const query = new URLSearchParams(params).toString();
      return `postgresql://postgres@127.0.0.1:${port}/${database}${query ? `?${query}` : ''}`;
    },
    stop,
    start,
    dispose() {
      disposed ??= (async () => {
        process.off('exit', onExit);
        await stop();
        await rm(dir, { recursive: true, force: true });
      })();
      return disposed;
    },
  };
}

async function placeForServer(file: string, owner: SystemUser | undefined): Promise<void> {
  await chmod(file, 0o600);
  if (owner) await chown(file, owner.uid, owner.gid);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (const signal of ['SIGINT', 'SIGQUIT', 'SIGKILL'] as const) {
    child.kill(signal);
    if (await within(exited, 10_000)) return;
  }
}
