import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, openAdminApiWorld } from '../../test/support/admin-api-world.ts';
import { collectChanges, connected, openLiveSocket } from '../../test/support/live-sockets.ts';
import { freeLoopbackPort } from '../../test/support/redis-processes.ts';
import { type SentinelTopology, startSentinelTopology } from '../../test/support/sentinel-topology.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { type StartedAdminApi, startAdminApi } from '../admin-api/app.ts';
import type { ChangesMessage } from '../admin-api/live/change-batch.ts';
import { checkRedis } from '../doctor/redis-checks.ts';

// Tandem on a Redis behind Sentinel (REDIS_URL=redis+sentinel://…): the doctor's Redis check, and
// the admin API's sessions, change feed and socket.io adapter, before and after the master is
// SIGKILLed and a replica promoted.
let topology: SentinelTopology;
let world: AdminApiWorld;
/** A second API process on the same Redis and PostgreSQL. */
let second: StartedAdminApi;
const sockets: Socket[] = [];

beforeAll(async () => {
  topology = await startSentinelTopology();
  world = await openAdminApiWorld({ redisUrl: topology.url });
  second = await startAdminApi(world.tandem, { port: 0, host: '127.0.0.1' });
  await world.createAdmin('alice', 'admin');
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await second?.close();
  await world?.stop();
  await topology?.stop();
});

/**
 * Announces changes until the socket has one: an announcement made while Redis is between masters
 * is dropped (caches catch up when they expire), as it is in production.
 */
async function announceUntilReceived(received: ChangesMessage[], id: string): Promise<void> {
  await waitFor(async () => {
    await world.tandem.changes.publish({ entity: 'players', action: 'updated', id });
    await new Promise((resolve) => setTimeout(resolve, 200));
    return received.some((message) => message.changes.some((change) => 'id' in change && change.id === id));
  }, `change ${id} relayed`);
}

const openSocket = (url: string, cookie?: string) => openLiveSocket(sockets, url, { cookie });
const collect = collectChanges;

describe('npm run doctor on Redis behind Sentinel', () => {
  it('reaches the master through the sentinels', async () => {
    expect((await checkRedis(topology.url))[0]).toMatchObject({
      ok: true,
      detail: `connected to sentinels ${topology.sentinels.map((s) => `127.0.0.1:${s.port}`).join(', ')} (master tandem)`,
    });
  });

  it('names a master the sentinels do not know, and sentinels that do not answer', async () => {
    const unknown = topology.url.replace(/\/tandem$/, '/elsewhere');
    const [named] = await checkRedis(unknown);
    expect(named).toMatchObject({ ok: false, detail: 'the sentinels know no master named "elsewhere"' });
    expect(named!.fix).toContain('SENTINEL MASTERS');

    const silent = `redis+sentinel://127.0.0.1:${await freeLoopbackPort()}/tandem`;
    const [unanswered] = await checkRedis(silent);
    expect(unanswered).toMatchObject({ ok: false, blocking: true });
    expect(unanswered!.detail).toMatch(/^no sentinel answered/);
  });
});

describe('the admin API on Redis behind Sentinel', () => {
  it('keeps sessions and live updates in Redis, and through a failover', async () => {
    const cookie = await world.signIn('alice');
    const here = openSocket(world.url, cookie);
    const there = openSocket(second.url, cookie);
    await Promise.all([connected(here), connected(there)]);
    const [hereReceived, thereReceived] = [collect(here), collect(there)];
    await announceUntilReceived(hereReceived, 'before');
    await announceUntilReceived(thereReceived, 'before');

    // The session reached the replica before the master dies (replication is asynchronous: a
    // session created in the master's last moment could be lost, and its admin signs in again).
    expect(await world.tandem.redis.call('WAIT', 1, 5000)).toBe(1);
    const oldMaster = await topology.masterPort();
    await topology.servers.get(oldMaster)!.kill();
    await topology.waitForNewMaster(oldMaster);

    // Nobody restarts the API: its connections find the promoted replica by themselves.
    await waitFor(async () => (await world.call('/api/auth/me', { cookie })).status === 200, 'the session');
    await announceUntilReceived(hereReceived, 'after');
    await announceUntilReceived(thereReceived, 'after');
    const anotherCookie = await world.signIn('alice');
    expect((await world.call('/api/auth/me', { cookie: anotherCookie })).status).toBe(200);

    // Signing out through the first process closes the page on the second: the socket.io adapter
    // carries it over the new master.
    const disconnected = new Promise<string>((resolve) => there.once('disconnect', resolve));
    expect((await world.call('/api/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect((await world.call('/api/auth/me', { cookie })).status).toBe(401);
  });
});
