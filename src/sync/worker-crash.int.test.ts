import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../../test/support/env.ts';
import { FakeDiscord } from '../../test/support/fake-ports.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { waitFor } from '../../test/support/wait-for.ts';

let tandem: TestTandem;
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await tandem?.stop();
});

function startWorkerProcess(t: TestTandem, options: { hangDiscord: boolean }): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/worker-process.ts'], {
    env: {
      ...process.env,
      TANDEM_TEST_WORKER: JSON.stringify({
        databaseUrl: t.database.url,
        redisUrl: testRedisUrl,
        prefix: t.prefix,
        ...options,
      }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    proc.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(proc));
    proc.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
  });
}

describe('a worker process killed in the middle of a job', () => {
  it('has its job run again by another worker, applied once', async () => {
    const discord = new FakeDiscord();
    tandem = await openTestTandem({ ports: { discord, telegram: null } });
    const rank = await tandem.db.prisma.rank.findFirstOrThrow({ where: { minXp: 0 } });
    await tandem.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: '700' } });
    const playerId = await tandem.createPlayer();
    await tandem.db.prisma.identity.create({
      data: { playerId, platform: 'discord', platformUserId: '4242' },
    });

    child = await startWorkerProcess(tandem, { hangDiscord: true });
    await tandem.engine.record({
      key: `dc-msg-1-${playerId}`,
      playerId,
      type: 'xp_change',
      source: 'discord',
      xpDelta: 20,
      reason: 'message',
    });
    // The rank_change job is now stuck inside the doomed worker's Discord call.
    await waitFor(
      async () =>
        (await tandem.db.prisma.syncEvent.count({
          where: { type: 'rank_change', status: 'processing', processedBy: 'doomed-worker' },
        })) === 1,
    );
    child.kill('SIGKILL');

    tandem.startWorkers({ lockDurationMs: 1500, stalledIntervalMs: 500 });
    await tandem.settle(30_000);

    const events = await tandem.db.prisma.syncEvent.findMany({ orderBy: { createdAt: 'asc' } });
    expect(events.map((e) => [e.type, e.status])).toEqual([
      ['xp_change', 'completed'],
      ['rank_change', 'completed'],
    ]);
    expect(events[1]!.attempts).toBe(2);
    expect(discord.calls.filter((c) => c.startsWith('setRankRole'))).toEqual(['setRankRole 4242 700']);
    expect(discord.rolesOf('4242')).toEqual(['700']);
    const player = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } });
    expect(player.xp).toBe(20);
  });

  it('loses and doubles nothing when killed at a random moment under load', async () => {
    tandem = await openTestTandem();
    const players = await Promise.all(Array.from({ length: 20 }, (_, i) => tandem.createPlayer(`P${i}`)));
    child = await startWorkerProcess(tandem, { hangDiscord: false });
    const records = Array.from({ length: 600 }, (_, i) => {
      const playerId = players[i % players.length]!;
      return () =>
        tandem.engine.record({
          key: `dc-msg-${i}-${playerId}`,
          playerId,
          type: 'xp_change',
          source: 'discord',
          xpDelta: 25,
          reason: 'message',
        });
    });
    let killed = false;
    for (const [i, record] of records.entries()) {
      await record();
      if (i === 300) {
        child.kill('SIGKILL');
        killed = true;
        tandem.startWorkers({ lockDurationMs: 1500, stalledIntervalMs: 500 });
      }
    }
    expect(killed).toBe(true);
    await tandem.settle(40_000);

    const { rows } = await tandem.db.pool.query(
      `SELECT status, count(*)::int AS n FROM sync_events GROUP BY status`,
    );
    expect(rows.filter((r) => r.status !== 'completed')).toEqual([]);
    expect(await tandem.db.prisma.ledgerEntry.count()).toBe(600);
    const sums = await tandem.db.pool.query(
      `SELECT count(*)::int AS drift FROM players p LEFT JOIN
         (SELECT player_id, sum(xp_delta) xp FROM ledger_entries GROUP BY player_id) l ON l.player_id = p.id
        WHERE p.xp <> coalesce(l.xp, 0)`,
    );
    expect(sums.rows[0].drift).toBe(0);
    // 600 messages of 25 XP over 20 players: 750 XP each; each rank reached is announced once.
    const ranks = await tandem.db.pool.query(
      `SELECT player_id, payload->>'toRankId' AS rank, count(*)::int AS n FROM sync_events
        WHERE type = 'rank_change' GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(ranks.rows).toEqual([]);
    const achievements = await tandem.db.pool.query(
      `SELECT player_id, achievement_id FROM player_achievements GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(achievements.rows).toEqual([]);
  });
});
