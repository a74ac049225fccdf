import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type StartedAdminApi, startAdminApi } from '../../src/admin-api/app.ts';
import { createLoginRateLimit } from '../../src/admin-api/auth/login-rate-limit.ts';
import type { ChangesMessage } from '../../src/admin-api/live/change-batch.ts';
import { connectRedis, type RedisConnection } from '../../src/redis/connection.ts';
import { openBotStateRedis } from '../../src/telegram/bot-state-redis.ts';
import { createConversationSteps } from '../../src/telegram/conversation-steps.ts';
import { createUpdateClaims } from '../../src/telegram/update-claims.ts';
import { expectEveryEventOnce, waitUntilDrained } from '../faults/support/exactly-once.ts';
import { loadChange, loadKeys, sleep, startSteadyLoad } from '../faults/support/steady-load.ts';
import { startWorkerProcesses, stopAllWorkerProcesses } from '../faults/support/worker-processes.ts';
import { type AdminApiWorld, openAdminApiWorld } from '../support/admin-api-world.ts';
import { uniqueQueuePrefix } from '../support/database.ts';
import { type RedisClusterUnderTest, startRedisCluster } from '../support/redis-cluster.ts';
import { openTestTandem, type TestTandem } from '../support/services.ts';
import { waitFor } from '../support/wait-for.ts';

// Tandem on a Redis Cluster of three masters: with a hash-tag QUEUE_PREFIX every key of an install
// is in one slot, so queues, Lua scripts and MULTI work as on one server, and pub/sub (the change
// feed, the socket.io adapter) reaches every node.

let cluster: RedisClusterUnderTest;
/** A plain connection to the cluster, for what the tests read themselves. */
let redis: RedisConnection;
/** Every prefix a test used: nothing in the cluster may be outside them. */
const prefixes: string[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster();
  redis = connectRedis(cluster.url);
  redis.on('error', () => {});
});
afterAll(async () => {
  redis?.disconnect();
  await cluster?.stop();
});

/**
 * Every install keeps all its keys under its prefix (so in its one slot): nothing the tests of this
 * file wrote is outside the prefixes they used.
 */
async function expectNoStrayKeys(): Promise<void> {
  const strays = (await keysOnEachMaster())
    .flat()
    .filter((key) => !prefixes.some((prefix) => key.startsWith(`${prefix}:`)));
  expect(strays).toEqual([]);
}

/** Every key of every master, as a SCAN must read a cluster: node by node. */
async function keysOnEachMaster(): Promise<string[][]> {
  if (!('nodes' in redis)) throw new Error('not a cluster connection');
  const masters = redis.nodes('master');
  expect(masters).toHaveLength(3);
  return Promise.all(
    masters.map(async (node) => {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await node.scan(cursor, 'COUNT', 1000);
        keys.push(...found);
        cursor = next;
      } while (cursor !== '0');
      return keys;
    }),
  );
}

describe('the engine on a three-master cluster', () => {
  let tandem: TestTandem | undefined;
  afterEach(async () => {
    await stopAllWorkerProcesses();
    await tandem?.stop();
    tandem = undefined;
  });

  it('completes every event of a steady load with duplicates once, with workers in two processes', async () => {
    tandem = await openTestTandem({ redisUrl: cluster.url, hashTagPrefix: true });
    const t = tandem;
    prefixes.push(t.prefix);
    // A worker process of its own, which also runs the outbox relay (and so upserts the schedulers
    // under their lock), and the workers of this process: two processes share the queues. Both
    // hold job locks for 3 s and look for stalled jobs every second (production: 30 s each): a job
    // whose lock lapsed on a starved machine is run again within seconds, not half a minute.
    const locks = { lockDurationMs: 3000, stalledIntervalMs: 1000 };
    const workerProcessStarted = startWorkerProcesses(1, {
      databaseUrl: t.database.url,
      redisUrl: cluster.url,
      prefix: t.prefix,
      relayEveryMs: 1000,
      outboxStaleAfterMs: 2000,
      ...locks,
    });
    t.startWorkers(locks);
    // Players on Discord: their first event derives a rank_change, a job of the platform queue.
    const players: string[] = [];
    for (let i = 0; i < 12; i++) {
      const playerId = await t.createPlayer(`P${i}`);
      if (i % 2 === 0)
        await t.db.prisma.identity.create({
          data: { playerId, platform: 'discord', platformUserId: String(910_000 + i) },
        });
      players.push(playerId);
    }
    await workerProcessStarted;
    // Each change is recorded twice at once, and an earlier one again: the duplicates a client's
    // retries and a redelivering platform make.
    const load = startSteadyLoad({
      perSecond: 50,
      submit: async (i) => {
        const change = loadChange(i, players);
        await Promise.all([t.engine.record(change), t.engine.record(change)]);
        if (i >= 5) await t.engine.record(loadChange(i - 5, players));
      },
    });
    await sleep(3000);
    const report = await load.stop();

    await waitUntilDrained(t, 30_000);
    await expectEveryEventOnce(t, { keys: loadKeys(report.submitted, players), reason: 'event_bonus' });
    expect(report.submitted).toBeGreaterThan(50);

    // All of the install's keys, queues included, are on the one master that owns its slot.
    const perMaster = (await keysOnEachMaster()).map((keys) =>
      keys.filter((key) => key.startsWith(t.prefix)),
    );
    expect(perMaster.filter((keys) => keys.length > 0)).toHaveLength(1);
    expect(perMaster.flat()).toEqual(
      expect.arrayContaining([`${t.prefix}:economy-events:meta`, `${t.prefix}:platform-sync:meta`]),
    );
    await expectNoStrayKeys();
  });
});

describe('the admin API on the cluster', () => {
  let world: AdminApiWorld | undefined;
  let second: StartedAdminApi | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await second?.close();
    await world?.stop();
    world = second = undefined;
  });

  const openSocket = (url: string, cookie: string) => {
    const socket = connect(url, {
      path: '/socket.io',
      reconnection: false,
      extraHeaders: { origin: new URL(url).origin, cookie },
    });
    sockets.push(socket);
    return new Promise<Socket>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };
  const collect = (socket: Socket) => {
    const received: ChangesMessage[] = [];
    socket.on('changes', (message: ChangesMessage) => received.push(message));
    return received;
  };

  it('keeps sessions, relays changes to both API processes, and ends a session on both', async () => {
    world = await openAdminApiWorld({ redisUrl: cluster.url, hashTagPrefix: true });
    prefixes.push(world.tandem.prefix);
    second = await startAdminApi(world.tandem, { port: 0, host: '127.0.0.1' });
    await world.createAdmin('alice');
    // Signing in reserves a try (a Lua script on two keys) and stores the session (MULTI).
    const cookie = await world.signIn('alice');
    expect((await world.call('/api/auth/me', { cookie })).status).toBe(200);

    const [here, there] = await Promise.all([openSocket(world.url, cookie), openSocket(second.url, cookie)]);
    const [hereReceived, thereReceived] = [collect(here), collect(there)];
    await world.tandem.changes.publish({ entity: 'players', action: 'updated', id: 'p-1' });
    await waitFor(async () => hereReceived.length > 0 && thereReceived.length > 0, 'the change on both');
    for (const received of [hereReceived, thereReceived])
      expect(received[0]!.changes).toEqual([{ entity: 'players', action: 'updated', id: 'p-1' }]);

    // Signing out through the first process closes the page connected to the second: the
    // socket.io adapter's request travels through the cluster's pub/sub.
    const disconnected = new Promise<string>((resolve) => there.once('disconnect', resolve));
    expect((await world.call('/api/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect((await world.call('/api/auth/me', { cookie })).status).toBe(401);
    await expectNoStrayKeys();
  });

  it('counts the public leaderboard against its rate limit (MULTI on one key)', async () => {
    world = await openAdminApiWorld({ redisUrl: cluster.url, hashTagPrefix: true });
    prefixes.push(world.tandem.prefix);
    // 120 requests a minute pass; the 121st of a window is refused. A window may end during the
    // run, so up to two windows' worth are sent before giving up.
    let answered = 0;
    let status = 0;
    while (status !== 429 && answered < 242) {
      status = (await fetch(`${world.url}/api/public/leaderboard`)).status;
      answered++;
    }
    expect(status).toBe(429);
    expect(answered).toBeGreaterThanOrEqual(121);
    await expectNoStrayKeys();
  });
});

describe("the bots' own state on the cluster", () => {
  it('claims updates, keeps conversation steps and counts sign-in failures', async () => {
    const prefix = `{${uniqueQueuePrefix()}}`;
    prefixes.push(prefix);
    // The bot's connection of its own (a duplicate of the shared one, with a command timeout).
    const state = openBotStateRedis(redis);
    try {
      const update = { update_id: 41, message: { text: '/daily' } };
      const first = createUpdateClaims(state, { keyPrefix: prefix, botId: 7, processId: 'first' });
      const restarted = createUpdateClaims(state, { keyPrefix: prefix, botId: 7, processId: 'restarted' });
      expect(await first.claim(update)).toBe('run');
      expect(await first.claim(update)).toBe('skip');
      expect(await restarted.claim(update)).toBe('rerun');
      await restarted.markDone(update);
      expect(await first.claim(update)).toBe('skip');

      const steps = createConversationSteps(state, prefix, { warn: () => {} });
      await steps.expect(1, 2, { kind: 'task_proof', taskId: 9 });
      expect(await steps.take(1, 2)).toEqual({ kind: 'task_proof', taskId: 9 });
      expect(await steps.take(1, 2)).toBeNull();
    } finally {
      state.disconnect();
    }

    const limit = createLoginRateLimit(redis, prefix, { perUsername: 2, perAddress: 10 });
    expect(await limit.reserve('10.0.0.1', 'alice')).toBe(0);
    expect(await limit.reserve('10.0.0.1', 'alice')).toBe(0);
    expect(await limit.reserve('10.0.0.1', 'Alice')).toBeGreaterThan(0);
    await limit.release('10.0.0.1', 'alice');
    expect(await limit.reserve('10.0.0.1', 'alice')).toBe(0);
    await expectNoStrayKeys();
  });
});
