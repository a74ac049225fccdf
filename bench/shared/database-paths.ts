import { startPgBouncer } from '../../test/support/pgbouncer.ts';

/**
 * How the engine's processes reach PostgreSQL in a throughput trial: directly or through PgBouncer
 * in transaction mode, with the record statement prepared by name or planned at each call
 * (DATABASE_NAMED_STATEMENTS). PgBouncer before 1.21 cannot carry named statements, so it has no
 * `pgbouncer-named`.
 */
export const databasePaths = ['direct-named', 'direct-unnamed', 'pgbouncer-unnamed'] as const;
export type DatabasePath = (typeof databasePaths)[number];

export function parseDatabasePaths(raw: string | undefined): DatabasePath[] {
  if (raw === undefined) return ['direct-named'];
  const paths = raw.split(',');
  const unknown = paths.filter((p) => !(databasePaths as readonly string[]).includes(p));
  if (unknown.length > 0 || paths.length === 0)
    throw new Error(`--database-paths takes a list of ${databasePaths.join(', ')}`);
  return paths as DatabasePath[];
}

/** The path in words, for the report; empty for the default (direct, named). */
export function pathLabel(path: DatabasePath | undefined): string {
  if (path === 'direct-unnamed') return ', direct, statements planned at each call';
  if (path === 'pgbouncer-unnamed')
    return ', through PgBouncer (transaction mode), statements planned at each call';
  return '';
}

export interface OpenedPath {
  /** The URL the engine's pools connect to. */
  url: string;
  namedStatements: boolean;
  /** e.g. `PgBouncer 1.18.0`, null when direct. */
  pooler: string | null;
  close(): Promise<void>;
}

/**
 * Opens `path` to the bench database: a PgBouncer of the bench's own in transaction mode with as
 * many server connections as one process's pool (the pooler's point is to cap them).
 */
export async function openDatabasePath(
  path: DatabasePath,
  databaseUrl: string,
  poolSize: number,
): Promise<OpenedPath> {
  const namedStatements = path === 'direct-named';
  if (!path.startsWith('pgbouncer'))
    return { url: databaseUrl, namedStatements, pooler: null, close: async () => {} };
  const bouncer = await startPgBouncer(databaseUrl, { poolSize });
  return {
    url: bouncer.url,
    namedStatements,
    pooler: `PgBouncer ${bouncer.version}`,
    close: () => bouncer.stop(),
  };
}
