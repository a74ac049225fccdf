/**
 * The embedded PostgreSQL's server process: starting it on a cluster, stopping it, and creating
 * the application's database in it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import pg from 'pg';
import type { Logger } from '../logging/logger.ts';
import type { Binaries, State } from './embedded-postgres-cluster.ts';
import { followServer, type SystemUser, within } from './local-server-process.ts';

const READY_TIMEOUT_MS = 60_000;
/** sun_path is 108 bytes on Linux, 104 on macOS; PostgreSQL refuses longer socket paths. */
const MAX_SOCKET_PATH = 100;

/**
 * Starts `postgres` on `pgdata` and resolves once it accepts connections. Rejects with
 * `PortInUseError` when the port was taken; a server that fails to start is stopped.
 */
export async function spawnServer(
  bins: Binaries,
  pgdata: string,
  port: number,
  owner: SystemUser | undefined,
  logger: Logger,
): Promise<ChildProcess> {
  const socketDir = `${pgdata}/.s.PGSQL.${port}`.length <= MAX_SOCKET_PATH ? pgdata : '';
  if (!socketDir) logger.info({ pgdata }, 'data folder path too long for a unix socket; TCP only');
  const args = [
    '-D',
    pgdata,
    '-p',
    String(port),
    '-k',
    socketDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'lc_messages=C',
    // Sized for one machine's single Tandem: one I/O worker instead of three, and no logical
    // replication launcher (nothing here replicates), each a process that holds memory while idle.
    '-c',
    'io_workers=1',
    '-c',
    'max_logical_replication_workers=0',
  ];
  const child = spawn(bins.postgres, args, {
    ...(owner ?? {}),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });

  const server = followServer(child, {
    name: 'PostgreSQL',
    logger,
    logLine: (line) => {
      if (/\b(FATAL|PANIC|ERROR)\b/.test(line)) logger.warn(line);
      else if (/\bWARNING\b/.test(line)) logger.info(line);
      else logger.debug(line);
    },
    readyLine: 'database system is ready to accept connections',
    timeoutMs: READY_TIMEOUT_MS,
    timeoutMessage: `PostgreSQL did not become ready within ${READY_TIMEOUT_MS / 1000} s`,
  });
  try {
    await server.ready;
  } catch (err) {
    await stopServer(child, logger);
    if (err instanceof Error && !err.message.includes('Last log lines')) {
      err.message += `. Last log lines:\n${server.lastLines()}`;
    }
    throw err;
  }
  return child;
}

export async function stopServer(child: ChildProcess, logger: Logger): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGINT = fast shutdown; SIGQUIT = immediate (crash recovery on next start); SIGKILL last.
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    child.kill(signal);
    if (await within(exited, waitMs)) {
      logger.debug({ serverPid: child.pid, signal }, 'PostgreSQL stopped');
      return;
    }
    logger.warn({ serverPid: child.pid, signal }, 'PostgreSQL did not stop in time; escalating');
  }
}

export async function ensureDatabase(port: number, state: State, database: string): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: state.user,
    password: state.password,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      } catch (err) {
        // 42P04 duplicate_database: created concurrently.
        if ((err as { code?: unknown }).code !== '42P04') throw err;
      }
    }
  } finally {
    await client.end();
  }
}
