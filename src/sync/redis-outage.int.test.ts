import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from '../../test/support/database.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { seedEconomyDefaults } from '../catalog/seed.ts';
import { type PrivateRedis, startPrivateRedis } from '../local-servers/private-redis.ts';
import { createLogger } from '../logging/logger.ts';
import { openServices, type Services } from '../runtime/services.ts';
import { relayPendingEvents } from './maintenance/outbox-relay.ts';
import { type SyncWorkers, startSyncWorkers } from './workers.ts';

const logger = createLogger('silent');
let redis: PrivateRedis | undefined;
let services: Services | undefined;
let workers: SyncWorkers | undefined;
let database: TestDatabase | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  // Forced: a worker whose Redis went away and came back has nothing left worth waiting for.
  await workers?.close(true);
  await services?.close();
  await redis?.stop();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('Redis unreachable while events are recorded', () => {
  it('keeps the events pending, answers the players, and completes them all once Redis is back', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tandem-redis-outage-'));
    redis = await startPrivateRedis({ dataDir, logger });
    database = await createTestDatabase();
    const prefix = uniqueQueuePrefix();
    services = openServices({
      databaseUrl: database.url,
      databasePoolSize: 10,
      redisUrl: redis.url,
      queuePrefix: prefix,
      syncAttempts: 3,
      syncBackoffMs: 50,
      logger,
    });
    await seedEconomyDefaults(services.db.prisma);
    const ctx = services;
    workers = startSyncWorkers(ctx, {
      connection: ctx.workerRedis,
      prefix,
      concurrency: 4,
      maintenance: {
        retention: { completedDays: 30, failedDays: 7 },
        reconcile: { roleDriftPolicy: 'restore', stuckAfterMs: 300_000 },
        outboxStaleAfterMs: 0,
      },
    });
    const player = await ctx.db.prisma.player.create({ data: { displayName: 'Ann' } });
    const record = (i: number) =>
      ctx.engine.record({
        key: `tg-msg-${i}-${player.id}`,
        playerId: player.id,
        type: 'xp_change',
        source: 'telegram',
        xpDelta: 10,
        reason: 'message',
      });

    for (let i = 0; i < 10; i++) await record(i);
    await redis.stop();

    // Redis is down: each player still gets an immediate, correct answer.
    for (let i = 10; i < 30; i++) {
      const outcome = await record(i);
      expect(outcome).toMatchObject({ applied: true, xp: (i + 1) * 10 });
    }
    const pending = await ctx.db.prisma.syncEvent.count({ where: { status: 'pending', type: 'xp_change' } });
    expect(pending).toBeGreaterThanOrEqual(20);

    redis = await startPrivateRedis({ dataDir, logger });
    await waitFor(async () => (await ctx.redis.ping().catch(() => null)) === 'PONG', 'Redis answering');
    await relayPendingEvents(ctx, { staleAfterMs: 0 });
    await waitFor(
      async () => (await ctx.db.prisma.syncEvent.count({ where: { status: { not: 'completed' } } })) === 0,
      'every event completed',
      30_000,
    );

    const events = await ctx.db.prisma.syncEvent.findMany({ where: { type: 'xp_change' } });
    expect(events).toHaveLength(30);
    expect(events.every((e) => e.status === 'completed')).toBe(true);
    const fresh = await ctx.db.prisma.player.findUniqueOrThrow({ where: { id: player.id } });
    expect(fresh.xp).toBe(300);
    expect(await ctx.db.prisma.ledgerEntry.count()).toBe(30);
  });
});
