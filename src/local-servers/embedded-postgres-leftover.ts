/**
 * Recovery from a PostgreSQL left running on the data folder by a SIGKILLed parent.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logging/logger.ts';
import { type Binaries, errorMessage, STATE_FILE, type State } from './embedded-postgres-cluster.ts';
import { findLeftoverServer, waitForExit } from './leftover-server.ts';
import { run, type SystemUser } from './local-server-process.ts';

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
export async function clearLeftoverServer(
  bins: Binaries,
  pgdata: string,
  state: State,
  owner: SystemUser | undefined,
  logger: Logger,
): Promise<void> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  const leftover = await findLeftoverServer(pidFile, {
    command: 'postgres',
    dataDir: pgdata,
    ownerPid: state.ownerPid,
  });
  if (leftover.kind === 'owned') {
    throw new Error(
      `The embedded PostgreSQL in ${pgdata} is already run by another process (pid ${leftover.ownerPid}, ` +
        `server pid ${leftover.pid}, port ${state.port}). Run one process with the embedded defaults per data ` +
        `folder and point the others at it with DATABASE_URL (user and password are in ` +
        `${path.join(path.dirname(pgdata), STATE_FILE)}).`,
    );
  }
  if (leftover.kind === 'orphaned') {
    const { pid } = leftover;
    logger.warn(
      { serverPid: pid },
      'a PostgreSQL left over from an earlier run is still running on the data folder; stopping it',
    );
    try {
      await run(bins.pg_ctl, ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '30'], { user: owner });
    } catch (err) {
      logger.warn(
        { serverPid: pid, err: errorMessage(err) },
        'fast shutdown of the leftover PostgreSQL failed; trying immediate',
      );
      await run(bins.pg_ctl, ['stop', '-D', pgdata, '-m', 'immediate', '-w', '-t', '10'], { user: owner });
    }
    // pg_ctl returns once postmaster.pid is gone; the process itself exits a moment later.
    await waitForExit(pid, 5_000);
  } else if (leftover.kind === 'stale') {
    logger.info(
      { serverPid: leftover.pid },
      'removing a stale postmaster.pid (no server of ours runs under that pid)',
    );
    await fs.rm(pidFile, { force: true });
  }
  // Socket lock files can be stale the same way; no server of ours runs now.
  for (const entry of await fs.readdir(pgdata)) {
    if (entry.startsWith('.s.PGSQL.')) await fs.rm(path.join(pgdata, entry), { force: true });
  }
}
