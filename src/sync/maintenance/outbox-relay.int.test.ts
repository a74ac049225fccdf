import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../../test/support/fake-ports.ts';
import { openTestTandem, type TestTandem } from '../../../test/support/services.ts';
import { Engine } from '../../ledger/engine.ts';
import type { Queues } from '../queues.ts';
import { relayPendingEvents } from './outbox-relay.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

/** The engine of a process whose Redis is unreachable: recording works, enqueueing throws. */
function engineWithoutRedis(t: TestTandem): Engine {
  const unreachable = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
  const queues: Queues = { ...t.queues, enqueueEvent: unreachable, enqueueEvents: unreachable };
  return new Engine(t.db, queues, t.logger);
}

async function openJobs(t: TestTandem): Promise<number> {
  let total = 0;
  for (const queue of [t.queues.economy, t.queues.platform]) {
    const counts = await queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active');
    total += Object.values(counts).reduce((a, b) => a + b, 0);
  }
  return total;
}

async function snapshot(t: TestTandem) {
  const { rows } = await t.db.pool.query(
    `SELECT (SELECT count(*)::int FROM ledger_entries) AS ledger,
            (SELECT count(*)::int FROM sync_events) AS events,
            (SELECT coalesce(sum(xp), 0)::int FROM players) AS xp,
            (SELECT coalesce(sum(balance), 0)::int FROM players) AS coins,
            (SELECT count(*)::int FROM players p
               LEFT JOIN (SELECT player_id, sum(xp_delta) xp, sum(coin_delta) coins
                            FROM ledger_entries GROUP BY player_id) l ON l.player_id = p.id
              WHERE p.xp <> coalesce(l.xp, 0) OR p.balance <> coalesce(l.coins, 0)) AS drifted`,
  );
  return rows[0] as { ledger: number; events: number; xp: number; coins: number; drifted: number };
}

describe('relayPendingEvents', () => {
  it('hands over events recorded while Redis was away; each completes exactly once', async () => {
    const discord = new FakeDiscord();
    const telegram = new FakeTelegram();
    tandem = await openTestTandem({ ports: { discord, telegram } });
    const rookie = await tandem.db.prisma.rank.findFirstOrThrow({ where: { priority: 2 } });
    await tandem.db.prisma.rank.update({ where: { id: rookie.id }, data: { discordRoleId: '902' } });
    const players = [await tandem.createPlayer('Ann'), await tandem.createPlayer('Bob')];
    await tandem.db.prisma.identity.createMany({
      data: [
        { playerId: players[0]!, platform: 'discord', platformUserId: '1001' },
        { playerId: players[0]!, platform: 'telegram', platformUserId: '2001' },
      ],
    });

    const offline = engineWithoutRedis(tandem);
    for (const [p, playerId] of players.entries()) {
      for (let i = 0; i < 3; i++) {
        const outcome = await offline.record({
          key: `dc-msg-${i}-${playerId}`,
          playerId,
          type: 'xp_change',
          source: 'discord',
          xpDelta: 20,
          reason: 'message',
        });
        expect(outcome.applied).toBe(true);
      }
      // An admin prize: a rank-up (to Rookie) and a cross-platform notice.
      await offline.record({
        key: `admin-prize-${p}-${playerId}`,
        playerId,
        type: 'reward_grant',
        source: 'admin',
        xpDelta: rookie.minXp,
        coinDelta: 30,
        reason: 'event_prize',
      });
    }
    expect(await tandem.db.prisma.syncEvent.count({ where: { status: 'pending' } })).toBe(8);
    expect(await openJobs(tandem)).toBe(0);

    // Young events are left to the enqueue that follows their recording.
    expect(await relayPendingEvents(tandem, { staleAfterMs: 60_000 })).toBe(0);
    // Several relay passes at once (two worker processes) still give one job per event.
    const relayed = await Promise.all([
      relayPendingEvents(tandem, { staleAfterMs: 0, batchSize: 3 }),
      relayPendingEvents(tandem, { staleAfterMs: 0 }),
    ]);
    expect(relayed).toEqual([8, 8]);
    expect(await openJobs(tandem)).toBe(8);

    tandem.startWorkers();
    await tandem.settle();
    const before = await snapshot(tandem);
    expect(before).toMatchObject({ ledger: 8, drifted: 0, xp: 2 * (60 + rookie.minXp), coins: 60 });
    const events = await tandem.db.prisma.syncEvent.findMany();
    // Processed after all were recorded, each player's first event finds Rookie's XP: one rank change each.
    expect(events.filter((e) => e.type === 'rank_change')).toHaveLength(2);
    expect(events).toHaveLength(10);
    for (const event of events) expect(event).toMatchObject({ status: 'completed', attempts: 1 });
    expect(discord.rolesOf('1001')).toEqual(['902']);
    const sent = { discord: discord.messages.length, telegram: telegram.messages.length };
    expect(telegram.messages.filter((m) => m.text.includes('An admin gave you'))).toHaveLength(1);

    // Later relay passes find nothing to do and change nothing.
    expect(await relayPendingEvents(tandem, { staleAfterMs: 0 })).toBe(0);
    expect(await relayPendingEvents(tandem, { staleAfterMs: 0 })).toBe(0);
    await tandem.settle();
    expect(await snapshot(tandem)).toEqual(before);
    expect({ discord: discord.messages.length, telegram: telegram.messages.length }).toEqual(sent);
  });

  it('re-enqueueing events that are already queued or running never runs them twice', async () => {
    tandem = await openTestTandem();
    const playerId = await tandem.createPlayer();
    tandem.startWorkers();
    const recording = Array.from({ length: 40 }, (_, i) =>
      tandem.engine.record({
        key: `tg-msg-${i}-${playerId}`,
        playerId,
        type: 'xp_change',
        source: 'telegram',
        xpDelta: 15,
        reason: 'message',
      }),
    );
    // Relay passes racing the normal enqueue and the workers.
    const relaying = Array.from({ length: 5 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 20)).then(() => relayPendingEvents(tandem, { staleAfterMs: 0 })),
    );
    await Promise.all([...recording, ...relaying]);
    await tandem.settle();

    const economy = await tandem.db.prisma.syncEvent.findMany({ where: { type: 'xp_change' } });
    expect(economy).toHaveLength(40);
    for (const event of economy) expect(event).toMatchObject({ status: 'completed', attempts: 1 });
    expect(await snapshot(tandem)).toMatchObject({ ledger: 40, xp: 600, drifted: 0 });
  });
});
