import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freeLoopbackPort,
  type RedisProcess,
  startRedisProcess,
} from '../../test/support/redis-processes.ts';
import { type SentinelTopology, startSentinelTopology } from '../../test/support/sentinel-topology.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import {
  makeTestCertificates,
  redisTlsArguments,
  type TestCertificates,
} from '../../test/support/tls-certificates.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { checkRedis } from '../doctor/redis-checks.ts';

// A Redis that takes only TLS connections, with a certificate from a private authority, as an owner
// runs one on another machine: REDIS_URL=rediss://host:port?ca=/path/ca.pem.
let certificates: TestCertificates;
let redis: RedisProcess;
let tlsPort: number;
let tandem: TestTandem | undefined;
let sentinels: SentinelTopology | undefined;

beforeAll(async () => {
  certificates = await makeTestCertificates();
  tlsPort = await freeLoopbackPort();
  redis = await startRedisProcess(redisTlsArguments(certificates, tlsPort), { ping: false });
  await waitFor(async () => (await checkRedis(trustingUrl()))[0]!.ok, 'Redis answering over TLS');
});
afterAll(async () => {
  await tandem?.stop();
  await sentinels?.stop();
  await redis?.stop();
  await certificates?.remove();
});

const trustingUrl = () => `rediss://127.0.0.1:${tlsPort}?ca=${encodeURIComponent(certificates.caFile)}`;

describe('Redis over TLS', () => {
  it('carries an event from the engine to a worker with the CA file in REDIS_URL', async () => {
    tandem = await openTestTandem({ redisUrl: trustingUrl() });
    const t = tandem;
    t.startWorkers();
    const playerId = await t.createPlayer('Tess');
    await t.engine.record({
      key: 'tls-1',
      playerId,
      source: 'system',
      reason: 'event_bonus',
      type: 'xp_change',
      xpDelta: 40,
    });
    await t.settle();
    await expectCompleted(t, 'tls-1', playerId);
    // The job went through this Redis, and nothing else: it listens on TLS only.
    expect(await t.queues.economy.getJobCounts('completed')).toEqual({ completed: 1 });
    expect((await checkRedis(trustingUrl()))[0]).toMatchObject({
      ok: true,
      detail: `connected to 127.0.0.1:${tlsPort}, TLS`,
    });
  });

  it('is refused with only the system’s authorities, and the doctor names the certificate', async () => {
    const [reachable] = await checkRedis(`rediss://127.0.0.1:${tlsPort}`);
    expect(reachable).toMatchObject({ name: 'Redis reachable', ok: false, blocking: true });
    expect(reachable!.detail).toContain('TLS certificate is not trusted');
    expect(reachable!.detail).not.toContain('nothing listens');
    expect(reachable!.fix).toContain('?ca=');
  });

  it('tells an owner who wrote redis:// for a Redis that takes only TLS to write rediss://', async () => {
    const [reachable] = await checkRedis(`redis://127.0.0.1:${tlsPort}`);
    expect(reachable).toMatchObject({ ok: false, blocking: true });
    expect(reachable!.detail).toContain('closed the connection');
    expect(reachable!.fix).toContain('rediss://');
  });

  it('reaches servers and sentinels that take only TLS through rediss+sentinel://', async () => {
    // The sentinels monitor and fail over the servers over TLS too (tls-replication).
    sentinels = await startSentinelTopology({ tls: certificates });
    expect((await checkRedis(sentinels.url))[0]).toMatchObject({
      ok: true,
      detail: expect.stringContaining('TLS'),
    });
    await tandem?.stop();
    tandem = await openTestTandem({ redisUrl: sentinels.url });
    tandem.startWorkers();
    const playerId = await tandem.createPlayer('Sam');
    await tandem.engine.record({
      key: 'tls-sentinel-1',
      playerId,
      source: 'system',
      reason: 'event_bonus',
      type: 'xp_change',
      xpDelta: 40,
    });
    await tandem.settle();
    await expectCompleted(tandem, 'tls-sentinel-1', playerId);

    const [untrusted] = await checkRedis(sentinels.url.replace(/\?ca=.*$/, ''));
    expect(untrusted).toMatchObject({ ok: false, blocking: true });
    expect(untrusted!.detail).toContain('TLS certificate is not trusted');
    expect(untrusted!.fix).toContain('?ca=');
  });
});

async function expectCompleted(t: TestTandem, key: string, playerId: string): Promise<void> {
  const event = await t.db.prisma.syncEvent.findUniqueOrThrow({ where: { idempotencyKey: key } });
  expect(event.status).toBe('completed');
  expect((await t.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).xp).toBe(40);
}
