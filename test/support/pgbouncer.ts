/**
 * A PgBouncer of a test's own, in transaction mode, in front of one database of the test
 * PostgreSQL: what a deployment behind a pooler runs on. Debian's `pgbouncer` package (1.18 on
 * Debian 12) provides the binary; `.ci/run` installs it.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { serverOwner } from '../../src/local-servers/embedded-postgres-cluster.ts';
import { freePort } from '../../src/local-servers/local-server-ports.ts';
import { stopWithProcess } from '../../src/local-servers/local-server-process.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { waitFor } from './wait-for.ts';

const exec = promisify(execFile);

export interface PgBouncer {
  /** The database through the pooler: the same name, user and password, PgBouncer's port. */
  url: string;
  /** e.g. `1.18.0` */
  version: string;
  /** SIGTERM (immediate shutdown), SIGKILL after 5 s; resolves once it is gone. Idempotent. */
  stop(): Promise<void>;
}

export interface PgBouncerOptions {
  /** Server connections per user and database (`default_pool_size`). @defaultValue 20 */
  poolSize?: number;
}

/** Where Debian puts it: in /usr/sbin, which a user's PATH often leaves out. */
const binaries = ['pgbouncer', '/usr/sbin/pgbouncer'];

/** The installed PgBouncer and its version (`1.18.0`); a clear error when it is not installed. */
export async function findPgBouncer(): Promise<{ binary: string; version: string }> {
  for (const binary of binaries) {
    try {
      const { stdout } = await exec(binary, ['--version']);
      return { binary, version: /PgBouncer (\S+)/.exec(stdout)?.[1] ?? 'unknown' };
    } catch {}
  }
  throw new Error('pgbouncer is not installed: apt-get install -y pgbouncer (.ci/run does)');
}

/** PgBouncer in transaction mode on a free port, in front of `databaseUrl`'s database. */
export async function startPgBouncer(
  databaseUrl: string,
  options: PgBouncerOptions = {},
): Promise<PgBouncer> {
  const { binary, version } = await findPgBouncer();
  const dir = await mkdtemp(join(tmpdir(), 'tandem-pgbouncer-'));
  // PgBouncer refuses to run as root: it then runs as the `postgres` user, which must read its files.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await serverOwner(createLogger('silent'));
  await chmod(dir, 0o755);
  const target = new URL(databaseUrl);
  const user = decodeURIComponent(target.username || 'postgres');
  await writeFile(join(dir, 'users.txt'), `"${user}" ""\n`);
  await chmod(join(dir, 'users.txt'), 0o644);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    await writeFile(join(dir, 'pgbouncer.ini'), config(target, port, version, dir, options));
    await chmod(join(dir, 'pgbouncer.ini'), 0o644);
    const child = spawn(binary, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const collect = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = new URL(databaseUrl);
    url.port = String(port);
    url.hostname = '127.0.0.1';
    try {
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}):\n${log}`);
          return accepts(url.toString());
        },
        'pgbouncer accepts connections',
        30_000,
      );
    } catch (error) {
      await stopProcess(child, exited);
      // The port was taken between the check and pgbouncer's bind: another one.
      if (attempt < 3 && /Address already in use/.test(log)) continue;
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    // A test process ending without stop() (a crash) takes its pooler with it.
    const stop = stopWithProcess(child, 'SIGTERM', async () => {
      await stopProcess(child, exited);
      await rm(dir, { recursive: true, force: true });
    });
    return { url: url.toString(), version, stop };
  }
}

function config(target: URL, port: number, version: string, dir: string, options: PgBouncerOptions): string {
  const database = decodeURIComponent(target.pathname.slice(1));
  const server = [
    `host=${target.hostname}`,
    `port=${target.port || 5432}`,
    `dbname=${database}`,
    ...(target.password ? [`password=${decodeURIComponent(target.password)}`] : []),
  ].join(' ');
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return [
    '[databases]',
    `${database} = ${server}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    'auth_type = trust',
    `auth_file = ${join(dir, 'users.txt')}`,
    'pool_mode = transaction',
    `default_pool_size = ${options.poolSize ?? 20}`,
    'max_client_conn = 1000',
    // node-postgres sends extra_float_digits only when asked; `options` carries session settings,
    // which a pooler sharing server connections cannot honour: accepted and ignored, as deployed.
    'ignore_startup_parameters = extra_float_digits,options',
    // 1.21+ can follow named statements (max_prepared_statements > 0); kept off so the pooler here
    // behaves as 1.18 does whatever the installed version.
    ...(major > 1 || minor >= 21 ? ['max_prepared_statements = 0'] : []),
  ].join('\n');
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
