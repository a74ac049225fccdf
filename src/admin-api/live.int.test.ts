import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, openAdminApiWorld } from '../../test/support/admin-api-world.ts';
import { collectChanges, connected, openLiveSocket } from '../../test/support/live-sockets.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import type { EntityChange } from '../live/changes.ts';
import { type StartedAdminApi, startAdminApi } from './app.ts';

let world: AdminApiWorld;
/** A second API process on the same Redis and PostgreSQL. */
let second: StartedAdminApi;
const sockets: Socket[] = [];

beforeAll(async () => {
  world = await openAdminApiWorld();
  second = await startAdminApi(world.tandem, { port: 0, host: '127.0.0.1' });
  await world.createAdmin('alice', 'admin');
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await second?.close();
  await world?.stop();
});

const openSocket = (url: string, cookie?: string) => openLiveSocket(sockets, url, { cookie });
const collect = collectChanges;

function refusal(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected without a session')));
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

describe('the live connection', () => {
  it('is refused without a session, or with a forged one', async () => {
    expect(await refusal(openSocket(world.url))).toBe('unauthorized');
    expect(
      await refusal(openSocket(world.url, 'tandem_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')),
    ).toBe('unauthorized');
  });

  it('relays a change to a signed-in page within a second', async () => {
    const socket = openSocket(world.url, await world.signIn('alice'));
    await connected(socket);
    const received = collect(socket);
    const sentAt = Date.now();
    await world.tandem.changes.publish({ entity: 'players', action: 'updated', id: 'p-1' });
    await waitFor(async () => received.length > 0, 'the change relayed', 1000);
    expect(received[0]!.changes).toEqual([{ entity: 'players', action: 'updated', id: 'p-1' }]);
    expect(received[0]!.receivedAt - sentAt).toBeLessThan(1000);
    expect(Date.parse(received[0]!.at)).not.toBeNaN();
  });

  it('folds a burst into one message, duplicates once, a flood of one entity as `many`', async () => {
    const socket = openSocket(world.url, await world.signIn('alice'));
    await connected(socket);
    const received = collect(socket);
    const burst: EntityChange[] = [
      { entity: 'task_submissions', action: 'updated', id: 's-1' },
      { entity: 'players', action: 'updated', id: 'p-1' },
      { entity: 'task_submissions', action: 'updated', id: 's-1' },
      ...Array.from({ length: 40 }, (_, i) => ({
        entity: 'ledger' as const,
        action: 'created' as const,
        id: `l-${i}`,
      })),
      { entity: 'players', action: 'updated', id: 'p-1' },
    ];
    await Promise.all(burst.map((change) => world.tandem.changes.publish(change)));
    await waitFor(async () => received.length > 0, 'the burst relayed', 1000);
    await new Promise((r) => setTimeout(r, 400));
    expect(received).toHaveLength(1);
    expect(received[0]!.changes).toEqual([
      { entity: 'task_submissions', action: 'updated', id: 's-1' },
      { entity: 'players', action: 'updated', id: 'p-1' },
      { entity: 'ledger', action: 'many' },
    ]);
  });

  it('reaches pages on every API process exactly once, and ends on sign-out wherever it is', async () => {
    const cookie = await world.signIn('alice');
    const here = openSocket(world.url, cookie);
    const there = openSocket(second.url, cookie);
    await Promise.all([connected(here), connected(there)]);
    const [hereReceived, thereReceived] = [collect(here), collect(there)];
    await world.tandem.changes.publish({ entity: 'payouts', action: 'created', id: 'po-1' });
    await waitFor(async () => hereReceived.length > 0 && thereReceived.length > 0, 'both relayed', 1000);
    await new Promise((r) => setTimeout(r, 400));
    for (const received of [hereReceived, thereReceived]) {
      expect(received).toHaveLength(1);
      expect(received[0]!.changes).toEqual([{ entity: 'payouts', action: 'created', id: 'po-1' }]);
    }

    // Signing out through the first process closes the page connected to the second (Redis adapter).
    const disconnected = new Promise<string>((resolve) => there.once('disconnect', resolve));
    expect((await world.call('/api/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect(await refusal(openSocket(second.url, cookie))).toBe('unauthorized');
  });
});
