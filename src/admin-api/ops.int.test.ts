import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, json, openAdminApiWorld } from '../../test/support/admin-api-world.ts';
import { startPrivateRedis } from '../local-servers/private-redis.ts';
import { createLogger } from '../logging/logger.ts';
import { observeWorkers } from '../metrics/job-metrics.ts';
import { createProcessMetrics } from '../metrics/process-metrics.ts';
import { createProducerConnection } from '../redis/connection.ts';
import { queueNames } from '../sync/queues.ts';
import { startAdminApi } from './app.ts';

let world: AdminApiWorld;
beforeAll(async () => {
  world = await openAdminApiWorld({ metrics: createProcessMetrics({ process: 'api', nodeMetrics: true }) });
});

async function scrape(): Promise<string> {
  const response = await world.call('/metrics');
  expect(response.status).toBe(200);
  return response.text();
}
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

  it('tells how long the oldest waiting job of each queue has waited', async () => {
    const { economy } = world.tandem.queues;
    // Added before the workers run: the first has been due for ten minutes, the second just now.
    await economy.add('stale', { eventId: randomUUID() }, { timestamp: Date.now() - 600_000 });
    await economy.add('fresh', { eventId: randomUUID() });
    const text = await scrape();
    const age = Number(
      /tandem_queue_oldest_waiting_job_age_seconds\{queue="economy-events"\} ([\d.]+)/.exec(text)?.[1],
    );
    expect(age).toBeGreaterThanOrEqual(600);
    expect(age).toBeLessThan(3600);
    expect(text).toMatch(/tandem_queue_oldest_waiting_job_age_seconds\{queue="notifications"\} 0\n/);
    expect(text).toMatch(/tandem_queue_jobs\{queue="economy-events",state="waiting"\} 2\n/);
  });

  it('counts reconcile runs in a row that found drift, the newest first', async () => {
    const run = (minutesAgo: number, findings: unknown[]) =>
      world.tandem.db.pool.query(
        `INSERT INTO reconcile_runs (started_at, finished_at, findings)
         VALUES (now() - make_interval(mins => $1), now() - make_interval(mins => $1), $2::jsonb)`,
        [minutesAgo, JSON.stringify(findings)],
      );
    const roles = { kind: 'roles', playerId: randomUUID(), discordUserId: '1', action: 'restored' };
    await run(45, [roles]);
    await run(30, [{ kind: 'error', step: 'roles', message: 'Discord answered 503' }]);
    await run(15, [{ kind: 'totals', playerId: randomUUID() }]);
    await run(0, [roles, { kind: 'truncated', omitted: 3 }]);
    expect(await scrape()).toMatch(/tandem_reconcile_consecutive_drift_runs 2\n/);
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
      // The same key again: nothing is recorded twice, and the duplicate is counted as one.
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
      // Open work is read at the scrape; completed events are counted as they complete.
      expect(text).toMatch(/tandem_sync_events\{type="xp_change",status="pending"\} 0\n/);
      expect(text).toMatch(/tandem_sync_events\{type="xp_change",status="failed"\} 0\n/);
      expect(text).not.toMatch(/tandem_sync_events\{[^}]*status="completed"/);
      expect(text).toMatch(/tandem_sync_oldest_pending_event_age_seconds 0\n/);
      expect(text).toMatch(
        /tandem_sync_events_recorded_total\{type="xp_change",source="telegram",outcome="recorded"\} 1\n/,
      );
      expect(text).toMatch(/tandem_sync_events_processed_total\{type="xp_change",outcome="completed"\} 1\n/);
      expect(text).toMatch(/tandem_sync_event_latency_seconds_count\{type="xp_change"\} 1\n/);
      expect(text).toMatch(/tandem_jobs_total\{queue="economy-events",outcome="completed"\} [1-9]/);
      expect(text).toMatch(
        /tandem_job_duration_seconds_count\{queue="economy-events",outcome="completed"\} [1-9]/,
      );
      expect(text).toMatch(
        /tandem_sync_events_recorded_total\{type="xp_change",source="telegram",outcome="duplicate"\} 1\n/,
      );
      expect(text).toMatch(/tandem_process_cpu_seconds_total/);
    } finally {
      stopObserving();
      await workers.close();
    }
  });
});
