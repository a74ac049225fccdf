import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueQueuePrefix } from '../../test/support/database.ts';
import { testRedisUrl } from '../../test/support/env.ts';
import { type PrivatePostgres, startPrivatePostgres } from '../../test/support/private-postgres.ts';
import { makeTestCertificates, type TestCertificates } from '../../test/support/tls-certificates.ts';
import { checkPostgres } from '../doctor/postgres-checks.ts';
import { createLogger } from '../logging/logger.ts';
import { openServices } from '../runtime/services.ts';
import { openDatabase } from './database.ts';
import { applyMigrations } from './migrations.ts';

let server: PrivatePostgres | undefined;
/** The server's certificate and the authority that signed it. */
let ca: TestCertificates | undefined;
/** Another authority, which signed nothing the server shows. */
let otherCa: TestCertificates | undefined;

/** The tandem database on the server, with `params` as the URL's query. */
const tandemUrl = (params: Record<string, string>) => server!.url('tandem', params);
/** TLS with the server's certificate checked against `trusted`'s authority. */
const verifiedBy = (trusted: TestCertificates | undefined) => ({
  sslmode: 'verify-full',
  sslrootcert: trusted!.caFile,
});

beforeAll(async () => {
  ca = await makeTestCertificates();
  otherCa = await makeTestCertificates();
  // A server that takes TLS connections only (no `host` or `hostnossl` line), as a managed one does.
  server = await startPrivatePostgres({
    settings: { ssl: 'on', ssl_cert_file: 'server.pem', ssl_key_file: 'server.key' },
    files: { 'server.pem': ca.certFile, 'server.key': ca.keyFile },
    hba: 'hostssl all all 127.0.0.1/32 trust\n',
  });
  const admin = new pg.Client({ connectionString: server.url('postgres', verifiedBy(ca)) });
  await admin.connect();
  await admin.query('CREATE DATABASE tandem');
  await admin.end();
}, 120_000);

afterAll(async () => {
  await server?.dispose();
  await ca?.remove();
  await otherCa?.remove();
});

describe('PostgreSQL over TLS with a private CA (sslmode=verify-full&sslrootcert=...)', () => {
  it('migrates, records an event over TLS, and the doctor finds it reachable and migrated', async () => {
    const url = tandemUrl(verifiedBy(ca));
    expect((await applyMigrations(url)).length).toBeGreaterThan(0);
    const services = openServices({
      databaseUrl: url,
      databasePoolSize: 4,
      redisUrl: testRedisUrl,
      queuePrefix: uniqueQueuePrefix(),
      syncAttempts: 1,
      syncBackoffMs: 50,
      logger: createLogger('silent'),
    });
    try {
      const player = await services.db.prisma.player.create({ data: { displayName: 'Ann' } });
      const outcome = await services.engine.record({
        key: `admin-grant-1-${player.id}`,
        playerId: player.id,
        type: 'xp_change',
        source: 'admin',
        xpDelta: 10,
        reason: 'grant',
      });
      expect(outcome).toMatchObject({ applied: true, xp: 10 });
      const { rows } = await services.db.pool.query<{ ssl: boolean }>(
        'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      );
      expect(rows[0]?.ssl).toBe(true);
    } finally {
      for (const queue of services.queues.all()) await queue.obliterate({ force: true }).catch(() => {});
      await services.close();
    }
    const doctor = await checkPostgres(url);
    expect(doctor.map((r) => [r.name, r.ok])).toEqual([
      ['PostgreSQL reachable', true],
      ['PostgreSQL migrated', true],
    ]);
  });

  it('refuses a server whose certificate the given CA did not sign, sslmode=require included', async () => {
    // node-postgres 8 checks the certificate and the host name for every sslmode but disable and
    // no-verify (libpq's weaker require and verify-ca only with uselibpqcompat=true).
    for (const sslmode of ['verify-full', 'require']) {
      const db = openDatabase(tandemUrl({ sslmode, sslrootcert: otherCa!.caFile }), 1);
      const error = await db.pool.query('SELECT 1').catch((e: Error & { code?: string }) => e);
      await db.close();
      expect(error, sslmode).toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    }
    const [reachable] = await checkPostgres(tandemUrl(verifiedBy(otherCa)));
    expect(reachable).toMatchObject({
      name: 'PostgreSQL reachable',
      ok: false,
      detail: expect.stringMatching(/^the server's TLS certificate is not trusted: /),
      fix: expect.stringContaining('sslrootcert in DATABASE_URL'),
    });
  });

  it('is refused without TLS, and the doctor says to add sslmode', async () => {
    for (const params of [{}, { sslmode: 'disable' }] as Array<Record<string, string>>) {
      const db = openDatabase(tandemUrl(params), 1);
      const error = await db.pool.query('SELECT 1').catch((e: Error & { code?: string }) => e);
      await db.close();
      expect(error).toMatchObject({
        code: '28000',
        message: expect.stringMatching(/no pg_hba\.conf entry for host .*no encryption/),
      });
    }
    const [reachable] = await checkPostgres(tandemUrl({}));
    expect(reachable).toMatchObject({
      ok: false,
      detail: 'the server accepts only TLS connections from here',
      fix: expect.stringContaining('sslmode=verify-full&sslrootcert='),
    });
  });
});
