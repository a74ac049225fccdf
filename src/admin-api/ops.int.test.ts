import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, json, openAdminApiWorld } from '../../test/support/admin-api-world.ts';
import { startPrivateRedis } from '../local-servers/private-redis.ts';
import { createLogger } from '../logging/logger.ts';
import { createProducerConnection } from '../redis/connection.ts';
import { queueNames } from '../sync/queues.ts';
import { startAdminApi } from './app.ts';
import { observeWorkers } from './ops/worker-metrics.ts';

let world: AdminApiWorld;
beforeAll(async () => {
  world = await openAdminApiWorld();
});
afterAll(async () => {
  await world?.stop();
});

describe('monitoring', () => {
  it('answers /healthz and /readyz without a session', async () => {
    const health = await world.call('/healthz');
    expect(health.status).toBe(200);
    expect(await json(health)).toEqual({ ok: true });
    const ready = await world.call('/readyz');
    expect(ready.status).toBe(200);
    expect(await json(ready)).toEqual({ postgres: true, redis: true });
  });

  it('is not ready while Redis is away', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tandem-readyz-'));
    const redis = await startPrivateRedis({ dataDir, logger: createLogger('silent') });
    const connection = createProducerConnection(redis.url);
    connection.on('error', () => {});
    const api = await startAdminApi({ ...world.tandem, redis: connection }, { port: 0, host: '127.0.0.1' });
    try {
      // Without an offline queue a command sent before the connection is up fails at once.
      if (connection.status !== 'ready') await once(connection, 'ready');
      expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
      await redis.stop();
      const down = await fetch(`${api.url}/readyz`);
      expect(down.status).toBe(503);
      expect(await json(down)).toEqual({ postgres: true, redis: false });
    } finally {
      await api.close();
      connection.disconnect();
      await redis.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('exposes HTTP latency, queue depths, events by status and job outcomes on /metrics', async () => {
    const t = world.tandem;
    const workers = t.startWorkers();
    const stopObserving = observeWorkers(workers, world.started.api.metrics);
    try {
      const playerId = await t.createPlayer();
      await t.engine.record({
        key: `tg-game-metrics-${playerId}`,
        playerId,
        type: 'xp_change',
        source: 'telegram',
        xpDelta: 10,
        reason: 'game',
      });
      await t.settle();
      await world.call('/healthz');
      await world.call('/api/players');

      const response = await world.call('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toMatch(
        /tandem_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} [1-9]/,
      );
      expect(text).toMatch(
        /tandem_http_request_duration_seconds_count\{method="GET",route="\/api\/\*",status="401"\} 1/,
      );
      for (const queue of Object.values(queueNames))
        expect(text).toMatch(new RegExp(`tandem_queue_jobs\\{queue="${queue}",state="failed"\\} 0`));
      expect(text).toMatch(/tandem_queue_jobs\{queue="economy-events",state="completed"\} [1-9]/);
      expect(text).toMatch(/tandem_sync_events\{status="completed"\} [1-9]/);
      expect(text).toMatch(/tandem_sync_events\{status="failed"\} 0/);
      expect(text).toMatch(/tandem_jobs_total\{queue="economy-events",outcome="completed"\} [1-9]/);
      expect(text).toMatch(
        /tandem_job_duration_seconds_count\{queue="economy-events",outcome="completed"\} [1-9]/,
      );
      expect(text).toMatch(/tandem_process_cpu_seconds_total/);
    } finally {
      stopObserving();
      await workers.close();
    }
  });
});
