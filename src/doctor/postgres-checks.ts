import pg from 'pg';
import { readMigrations } from '../db/migrations.ts';
import type { LocalServerSource } from '../local-servers/running-local-servers.ts';
import { type CheckResult, failed, passed, reasonOf } from './check-result.ts';

type DatabaseSetting = 'DATABASE_URL' | 'DATABASE_DIRECT_URL';

/**
 * PostgreSQL answers at the configured address (or the embedded one's), and every migration in the
 * checkout is applied.
 */
export async function checkPostgres(
  databaseUrl: string,
  options: { source?: LocalServerSource } = {},
): Promise<CheckResult[]> {
  const source = options.source ?? 'configured';
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    return [failed('PostgreSQL reachable', connectProblem(error), connectFix(error))];
  }
  try {
    const results = [passed('PostgreSQL reachable', `connected to ${where(databaseUrl)}${embedded[source]}`)];
    results.push(await checkMigrated(client, source));
    return results;
  } finally {
    await client.end().catch(() => {});
  }
}

/** DATABASE_DIRECT_URL (PostgreSQL itself, past the pooler) answers: the migration runner needs it. */
export async function checkDirectPostgres(directUrl: string): Promise<CheckResult> {
  const client = new pg.Client({ connectionString: directUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return passed('PostgreSQL reachable directly', `connected to ${where(directUrl)} (DATABASE_DIRECT_URL)`);
  } catch (error) {
    const setting = 'DATABASE_DIRECT_URL';
    return failed(
      'PostgreSQL reachable directly',
      connectProblem(error, setting),
      connectFix(error, setting),
    );
  } finally {
    await client.end().catch(() => {});
  }
}

const embedded: Record<LocalServerSource, string> = {
  configured: '',
  running: ' (the embedded PostgreSQL npm start runs)',
  started: ' (the embedded PostgreSQL, started for this check: npm start is not running)',
};

async function checkMigrated(client: pg.Client, source: LocalServerSource): Promise<CheckResult> {
  const files = await readMigrations();
  // Asked first rather than caught: a failed query is logged by the server as an error.
  const { rows: table } = await client.query<{ found: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS found`,
  );
  let applied = new Set<string>();
  // No bookkeeping table: a database nothing was applied to yet.
  if (table[0]?.found) {
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
    );
    applied = new Set(rows.map((row) => row.migration_name));
  }
  const pending = files.map((file) => file.name).filter((name) => !applied.has(name));
  if (pending.length === 0) return passed('PostgreSQL migrated', `all ${files.length} migrations applied`);
  const detail = `${pending.length} pending: ${pending.join(', ')}`;
  // The embedded database is only ever used through `npm start`, which applies them as it starts.
  if (source !== 'configured')
    return failed('PostgreSQL migrated', detail, '`npm start` applies them as it starts.', false);
  return failed(
    'PostgreSQL migrated',
    detail,
    'Run `npm run migrate` (or `npm start`, which migrates by itself) with the same DATABASE_URL.',
  );
}

function where(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/** The server's certificate was not one the client could trust (Node's TLS error codes). */
const untrustedCertificate = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** pg_hba.conf has no line for this client without TLS: the server takes TLS connections only. */
function tlsRequired(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === '28000' && /no pg_hba\.conf entry.*(no encryption|SSL off)/.test(message ?? '');
}

function connectProblem(error: unknown, setting: DatabaseSetting = 'DATABASE_URL'): string {
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED') return 'the connection was refused: nothing listens at that address';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host in ${setting} is not found`;
  if (code && untrustedCertificate.has(code))
    return `the server's TLS certificate is not trusted: ${reasonOf(error)}`;
  if (tlsRequired(error)) return 'the server accepts only TLS connections from here';
  if (code === '28P01' || code === '28000') return `the user or password in ${setting} is wrong`;
  if (code === '3D000') return `the database named in ${setting} does not exist`;
  return reasonOf(error);
}

function connectFix(error: unknown, setting: DatabaseSetting = 'DATABASE_URL'): string {
  const code = (error as { code?: string }).code;
  if (code && untrustedCertificate.has(code))
    return `Point sslrootcert in ${setting} at the CA that signed the server's certificate (sslmode=verify-full&sslrootcert=/path/ca.pem), and connect by the name the certificate is for.`;
  if (tlsRequired(error))
    return `Add sslmode=verify-full&sslrootcert=/path/ca.pem to ${setting} (the CA that signed the server's certificate).`;
  if (code === '3D000')
    return `Create the database (createdb <name>) or correct the name at the end of ${setting}.`;
  if (code === '28P01' || code === '28000') return `Correct the user and password in ${setting}.`;
  return `Check ${setting} (host, port, database) and that PostgreSQL is running there.`;
}
