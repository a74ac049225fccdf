import { afterEach, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../../test/support/services.ts';
import type { Queryable } from '../../db/queryable.ts';
import { resolvePlayer } from '../../linking/identities.ts';
import { issueLinkCode } from '../../linking/issue-link-code.ts';
import { redeemLinkCode } from '../../linking/redeem-link-code.ts';
import { cleanupEventsBatchSql, cleanupLinkCodes, cleanupSyncEvents } from './cleanup.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

type Status = 'pending' | 'processing' | 'completed' | 'failed';

/** Records a real change (ledger row + event), then ages the event by hand. */
async function agedEvent(name: string, status: Status, ageDays: number, playerId: string): Promise<void> {
  const key = `admin-seed-${name}-${playerId}`;
  await tandem.engine.record({
    key,
    playerId,
    type: 'xp_change',
    source: 'admin',
    xpDelta: 1,
    reason: 'seed',
  });
  await tandem.db.pool.query(
    `UPDATE sync_events
        SET status = $2::"SyncStatus",
            created_at = now() - make_interval(days => $3) - interval '1 hour',
            updated_at = now() - make_interval(days => $3),
            processed_at = CASE WHEN $4 THEN now() - make_interval(days => $3) END
      WHERE idempotency_key = $1`,
    [key, status, ageDays, status === 'completed'],
  );
}

async function remainingEvents(): Promise<string[]> {
  const { rows } = await tandem.db.pool.query<{ key: string }>(
    `SELECT split_part(idempotency_key, '-', 3) AS key FROM sync_events ORDER BY 1`,
  );
  return rows.map((r) => r.key);
}

describe('cleanupSyncEvents', () => {
  it('deletes completed events after 30 days and failed ones after 7, never open events nor the ledger', async () => {
    tandem = await openTestTandem();
    const playerId = await tandem.createPlayer();
    // Names sort in the order asserted below.
    await agedEvent('c01-fresh', 'completed', 1, playerId);
    await agedEvent('c29', 'completed', 29, playerId);
    await agedEvent('c31', 'completed', 31, playerId);
    await agedEvent('c90', 'completed', 90, playerId);
    await agedEvent('f06', 'failed', 6, playerId);
    await agedEvent('f08', 'failed', 8, playerId);
    await agedEvent('f40', 'failed', 40, playerId);
    await agedEvent('p99', 'pending', 99, playerId);
    await agedEvent('r99', 'processing', 99, playerId);
    const ledgerBefore = await tandem.db.prisma.ledgerEntry.count();

    const deleted = await cleanupSyncEvents(tandem.db.pool, { completedDays: 30, failedDays: 7 });

    expect(deleted).toEqual({ completed: 2, failed: 2 });
    expect(await remainingEvents()).toEqual(['c01', 'c29', 'f06', 'p99', 'r99']);
    expect(await tandem.db.prisma.ledgerEntry.count()).toBe(ledgerBefore);
    const player = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } });
    expect(player.xp).toBe(9);
  });

  it('deletes a backlog larger than one batch, and a second pass finds nothing', async () => {
    tandem = await openTestTandem();
    const playerId = await tandem.createPlayer();
    for (let i = 0; i < 25; i++) await agedEvent(`old${i}`, 'completed', 45, playerId);
    await agedEvent('keep', 'completed', 2, playerId);

    expect(await cleanupSyncEvents(tandem.db.pool, { completedDays: 30, failedDays: 7 }, 10)).toEqual({
      completed: 25,
      failed: 0,
    });
    expect(await remainingEvents()).toEqual(['keep']);
    expect(await cleanupSyncEvents(tandem.db.pool, { completedDays: 30, failedDays: 7 }, 10)).toEqual({
      completed: 0,
      failed: 0,
    });
    expect(await tandem.db.prisma.ledgerEntry.count()).toBe(26);
  });
});

describe('cleanupSyncEvents at size', () => {
  it('deletes a large backlog in batches by an index range, keeping recent and open events', async () => {
    tandem = await openTestTandem();
    const playerId = await tandem.createPlayer();
    const seed = (status: Status, count: number, ageDays: number, name: string) =>
      tandem.db.pool.query(
        `INSERT INTO sync_events (idempotency_key, source, type, player_id, status, created_at, updated_at, processed_at)
         SELECT 'admin-${name}-' || g || '-' || $1, 'admin', 'xp_change', $1::uuid, $2::"SyncStatus",
                now() - make_interval(days => $3) - g * interval '1 second',
                now() - make_interval(days => $3) - g * interval '1 second' + interval '1 minute',
                CASE WHEN $2 = 'completed' THEN now() - make_interval(days => $3) - g * interval '1 second' + interval '1 minute' END
           FROM generate_series(1, $4::int) g`,
        [playerId, status, ageDays, count],
      );
    await seed('completed', 12_000, 45, 'old');
    await seed('completed', 100_000, 2, 'new');
    await seed('failed', 3_000, 10, 'oldfail');
    await seed('pending', 2_000, 60, 'open');
    await tandem.db.pool.query('ANALYZE sync_events');

    const explained = await tandem.db.pool.query(`EXPLAIN ${cleanupEventsBatchSql}`, [
      'completed',
      '-infinity',
      '00000000-0000-0000-0000-000000000000',
      new Date(Date.now() - 30 * 86_400_000),
      5_000,
    ]);
    const plan = explained.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Index Scan using sync_events_status_created_at_idx/);
    expect(plan).toMatch(/Index Scan on sync_events_pkey|Index Scan using sync_events_pkey/);
    expect(plan).not.toMatch(/Seq Scan/);

    const statements: string[] = [];
    const counted: Queryable = {
      query: ((sql: string, params?: unknown[]) => {
        statements.push(sql);
        return tandem.db.pool.query(sql, params);
      }) as Queryable['query'],
    };
    expect(await cleanupSyncEvents(counted, { completedDays: 30, failedDays: 7 }, 5_000)).toEqual({
      completed: 12_000,
      failed: 3_000,
    });
    // Two batches of 5000 and a short one for completed events, one for failed ones.
    expect(statements.filter((sql) => sql === cleanupEventsBatchSql)).toHaveLength(4);
    const { rows } = await tandem.db.pool.query(
      'SELECT status, count(*)::int AS n FROM sync_events GROUP BY status ORDER BY status',
    );
    expect(rows).toEqual([
      { status: 'pending', n: 2_000 },
      { status: 'completed', n: 100_000 },
    ]);
  });
});

describe('cleanupLinkCodes', () => {
  it('deletes codes expired over a week ago with their previews, and keeps newer ones and every account', async () => {
    tandem = await openTestTandem();
    const who = (platform: 'telegram' | 'discord', platformUserId: string) => ({ platform, platformUserId });
    await resolvePlayer(tandem.db, who('telegram', '1'));
    await resolvePlayer(tandem.db, who('discord', '2'));
    await resolvePlayer(tandem.db, who('telegram', '3'));
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    // A code issued (and previewed on Discord) 9 days ago, one issued 3 days ago.
    const old = await issueLinkCode(tandem.db, { ...who('telegram', '1'), now: daysAgo(9) });
    await redeemLinkCode(tandem, { ...who('discord', '2'), code: old.code, now: daysAgo(9) });
    const recent = await issueLinkCode(tandem.db, { ...who('telegram', '3'), now: daysAgo(3) });
    const count = async () => ({
      codes: (await tandem.db.prisma.linkCode.findMany({ select: { code: true } })).map((c) => c.code),
      previews: await tandem.db.prisma.linkConfirmation.count(),
      players: await tandem.db.prisma.player.count(),
    });
    expect(await count()).toEqual({
      codes: expect.arrayContaining([old.code, recent.code]),
      previews: 1,
      players: 3,
    });

    expect(await cleanupLinkCodes(tandem.db.pool)).toBe(1);

    expect(await count()).toEqual({ codes: [recent.code], previews: 0, players: 3 });
    expect(await cleanupLinkCodes(tandem.db.pool)).toBe(0);
  });
});
