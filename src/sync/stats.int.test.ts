import { afterEach, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { syncStats } from './stats.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

/** Half past the minute, so that seeded ages land in predictable one-minute buckets. */
function halfPastAMinute(): Date {
  return new Date(Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000 + 30_000);
}

let seq = 0;
async function seed(
  playerId: string,
  at: Date,
  event: {
    type?: string;
    status: 'pending' | 'processing' | 'completed' | 'failed';
    /** Seconds before `at`. */
    createdAgo: number;
    processedAgo?: number;
    updatedAgo?: number;
  },
): Promise<void> {
  seq += 1;
  await tandem.db.pool.query(
    `INSERT INTO sync_events (idempotency_key, source, type, player_id, status, created_at, updated_at, processed_at)
     VALUES ($1, 'system', $2::"EventType", $3, $4::"SyncStatus",
             $5::timestamptz - make_interval(secs => $6),
             $5::timestamptz - make_interval(secs => $7),
             $5::timestamptz - make_interval(secs => $8))`,
    [
      `sys-seed-${seq}-${playerId}`,
      event.type ?? 'xp_change',
      playerId,
      event.status,
      at,
      event.createdAgo,
      event.updatedAgo ?? event.processedAgo ?? event.createdAgo,
      event.processedAgo ?? null,
    ],
  );
}

describe('syncStats', () => {
  it('counts by status and type, measures throughput per minute and the oldest open events', async () => {
    tandem = await openTestTandem();
    const playerId = await tandem.createPlayer();
    const at = halfPastAMinute();
    // Completed in the current minute (2), the minute before (3), 14 minutes before (1, inside the
    // 15-minute window), 20 minutes before (1, outside the window, inside the series).
    for (const ago of [5, 25])
      await seed(playerId, at, { status: 'completed', createdAgo: ago + 1, processedAgo: ago });
    for (const ago of [31, 60, 89]) {
      await seed(playerId, at, {
        type: 'rank_change',
        status: 'completed',
        createdAgo: ago + 2,
        processedAgo: ago,
      });
    }
    await seed(playerId, at, { status: 'completed', createdAgo: 14 * 60 + 10, processedAgo: 14 * 60 });
    await seed(playerId, at, { status: 'completed', createdAgo: 20 * 60 + 10, processedAgo: 20 * 60 });
    // Completed days ago: history, outside the completed window and the throughput.
    await seed(playerId, at, { status: 'completed', createdAgo: 3 * 86_400, processedAgo: 3 * 86_400 - 5 });
    await seed(playerId, at, { status: 'pending', createdAgo: 42 });
    await seed(playerId, at, { type: 'reward_grant', status: 'pending', createdAgo: 7 });
    await seed(playerId, at, {
      type: 'achievement_unlock',
      status: 'processing',
      createdAgo: 400,
      updatedAgo: 300,
    });
    await seed(playerId, at, { type: 'balance_change', status: 'failed', createdAgo: 900, updatedAgo: 800 });

    const stats = await syncStats(tandem.db.pool, { windowMinutes: 15, seriesMinutes: 30, at });

    // Open and failed events whatever their age; completed ones of the last hour only.
    expect(stats.completedWindowMinutes).toBe(60);
    expect(stats.byStatus).toEqual({ pending: 2, processing: 1, completed: 7, failed: 1 });
    expect(stats.byType.xp_change).toEqual({ total: 5, pending: 1, processing: 0, completed: 4, failed: 0 });
    const week = await syncStats(tandem.db.pool, { completedWindowMinutes: 7 * 1440, at });
    expect(week.byStatus.completed).toBe(8);
    expect(stats.byType.rank_change).toEqual({
      total: 3,
      pending: 0,
      processing: 0,
      completed: 3,
      failed: 0,
    });
    expect(stats.byType.reward_grant.total).toBe(1);
    expect(stats.byType.achievement_unlock.processing).toBe(1);
    expect(stats.byType.balance_change.failed).toBe(1);
    expect(stats.throughput).toMatchObject({ windowMinutes: 15, completed: 6, perMinute: 0.4 });

    const series = stats.throughput.series;
    expect(series).toHaveLength(30);
    const minute = (back: number) => new Date(Math.floor(at.getTime() / 60_000) * 60_000 - back * 60_000);
    expect(series.at(-1)).toEqual({ minute: minute(0), completed: 2 });
    expect(series.at(-2)).toEqual({ minute: minute(1), completed: 3 });
    expect(series.at(-15)).toEqual({ minute: minute(14), completed: 1 });
    expect(series.at(-21)).toEqual({ minute: minute(20), completed: 1 });
    expect(series[0]!.minute).toEqual(minute(29));
    expect(series.reduce((sum, p) => sum + p.completed, 0)).toBe(7);

    expect(stats.oldestPendingAgeSeconds).toBe(42);
    expect(stats.oldestProcessingAgeSeconds).toBe(300);
    expect(stats.lastReconcile).toBeNull();
  });

  it('reports zeros on an idle system and summarises the last reconcile run', async () => {
    tandem = await openTestTandem();
    const idle = await syncStats(tandem.db.pool);
    expect(idle.byStatus).toEqual({ pending: 0, processing: 0, completed: 0, failed: 0 });
    expect(idle.throughput).toMatchObject({ windowMinutes: 15, completed: 0, perMinute: 0 });
    expect(idle.throughput.series).toHaveLength(60);
    expect(idle.oldestPendingAgeSeconds).toBeNull();
    expect(idle.oldestProcessingAgeSeconds).toBeNull();

    const startedAt = new Date(Date.now() - 60_000);
    await tandem.db.prisma.reconcileRun.create({
      data: { startedAt: new Date(startedAt.getTime() - 900_000), finishedAt: startedAt, playersChecked: 1 },
    });
    await tandem.db.prisma.reconcileRun.create({
      data: {
        startedAt,
        finishedAt: new Date(startedAt.getTime() + 1500),
        playersChecked: 120,
        totalsFixed: 1,
        rolesFixed: 2,
        eventsRequeued: 3,
        errors: 1,
        findings: [{ kind: 'totals' }, { kind: 'roles' }, { kind: 'truncated', omitted: 10 }],
      },
    });
    const { lastReconcile } = await syncStats(tandem.db.pool);
    expect(lastReconcile).toMatchObject({
      startedAt,
      durationMs: 1500,
      playersChecked: 120,
      totalsFixed: 1,
      rolesFixed: 2,
      eventsRequeued: 3,
      errors: 1,
      findings: 12,
    });
  });

  it('refuses a window that is not a whole number of minutes', async () => {
    tandem = await openTestTandem();
    await expect(syncStats(tandem.db.pool, { windowMinutes: 0 })).rejects.toThrow(/windowMinutes must be/);
    await expect(syncStats(tandem.db.pool, { seriesMinutes: 2.5 })).rejects.toThrow(/seriesMinutes must be/);
  });
});
