/**
 * The embedded PostgreSQL and the private Redis another process (`npm start`) runs on a data
 * folder, found through the files they keep there, so an operator command (`npm run doctor`,
 * `import-xp`, `export-xp`) works on the same database instead of starting a second server on it.
 *
 * Only a server whose starting process still runs it counts ("owned" in leftover-server.ts): a
 * server left behind by a killed parent is stopped and replaced by whoever starts one next.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PGDATA, STATE_FILE as POSTGRES_STATE_FILE } from './embedded-postgres-cluster.ts';
import { findLeftoverServer } from './leftover-server.ts';

/**
 * Where a process's PostgreSQL or Redis came from: the settings (DATABASE_URL, REDIS_URL), the
 * embedded one `npm start` is running on DATA_DIR, or one started for this process alone.
 */
export type LocalServerSource = 'configured' | 'running' | 'started';

/**
 * The URL of the embedded PostgreSQL running on `dataDir` (DATA_DIR/postgres), or undefined when
 * none runs there. `dataDir` may be the symbolic link the placement made as root: it is followed.
 */
export async function findRunningEmbeddedPostgres(
  dataDir: string,
  database = 'tandem',
): Promise<string | undefined> {
  const state = parseState(await readTextIfPresent(path.join(dataDir, POSTGRES_STATE_FILE)));
  if (!state?.port || typeof state.user !== 'string' || typeof state.password !== 'string') return undefined;
  const pgdata = path.join(dataDir, PGDATA);
  const server = await findLeftoverServer(path.join(pgdata, 'postmaster.pid'), {
    command: 'postgres',
    dataDir: pgdata,
    ownerPid: state.ownerPid,
  }).catch(() => ({ kind: 'none' as const }));
  if (server.kind !== 'owned') return undefined;
  return `postgresql://${encodeURIComponent(state.user)}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${encodeURIComponent(database)}`;
}

/** The URL of the private Redis running on `dataDir` (DATA_DIR/redis), or undefined when none runs there. */
export async function findRunningPrivateRedis(dataDir: string): Promise<string | undefined> {
  // The file names private-redis.ts writes (its layout comment lists them).
  const state = parseState(await readTextIfPresent(path.join(dataDir, 'private-redis.json')));
  if (!state?.port) return undefined;
  const server = await findLeftoverServer(path.join(dataDir, 'redis.pid'), {
    command: 'redis-server',
    dataDir: path.resolve(dataDir),
    ownerPid: state.ownerPid,
  }).catch(() => ({ kind: 'none' as const }));
  return server.kind === 'owned' ? `redis://127.0.0.1:${state.port}` : undefined;
}

interface ServerState {
  port?: number;
  ownerPid?: number;
  user?: unknown;
  password?: unknown;
}

function parseState(text: string | undefined): ServerState | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return {
      ...(typeof parsed.port === 'number' && parsed.port > 0 ? { port: parsed.port } : {}),
      ...(typeof parsed.ownerPid === 'number' && parsed.ownerPid > 0 ? { ownerPid: parsed.ownerPid } : {}),
      user: parsed.user,
      password: parsed.password,
    };
  } catch {
    // Half-written by hand or cut short: nothing can be said about a server from it.
    return undefined;
  }
}

/** The file's text, or undefined when it does not exist or this user may not read it. */
async function readTextIfPresent(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
