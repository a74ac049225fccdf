import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, json, openAdminApiWorld } from '../../test/support/admin-api-world.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { queueNames } from '../sync/queues.ts';

let world: AdminApiWorld;
beforeAll(async () => {
  world = await openAdminApiWorld({ attempts: 2, backoffMs: 20 });
  await world.createAdmin('alice', 'admin');
  await world.createAdmin('oscar', 'operator');
});
afterAll(async () => {
  await world?.stop();
});

describe('Bull Board behind the sign-in', () => {
  it('sends a visitor without a session to the panel sign-in, and refuses its API', async () => {
    const page = await world.call('/admin/queues');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/admin/#/login');
    expect((await world.call('/admin/queues/queue/economy-events')).status).toBe(302);
    const api = await world.call('/admin/queues/api/queues');
    expect(api.status).toBe(401);
    const forged = await world.call('/admin/queues/api/queues', {
      cookie: 'tandem_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(forged.status).toBe(401);
    const retry = await world.call('/admin/queues/api/queues/economy-events/any/retry', { method: 'PUT' });
    expect(retry.status).toBe(401);
  });

  it('shows every queue to a signed-in operator, who cannot empty or obliterate one', async () => {
    const cookie = await world.signIn('oscar');
    const page = await world.call('/admin/queues', { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const { queues } = (await json(await world.call('/admin/queues/api/queues', { cookie }))) as {
      queues: Array<{ name: string }>;
    };
    expect(queues.map((q) => q.name).sort()).toEqual(Object.values(queueNames).sort());
    for (const action of ['empty', 'obliterate', 'pause']) {
      const refused = await world.call(`/admin/queues/api/queues/${queueNames.maintenance}/${action}`, {
        cookie,
        method: 'PUT',
      });
      expect(refused.status, action).toBe(403);
      expect((await json(refused)).message).toMatch(/needs the admin role/);
    }
  });

  it('applies a failed economy event exactly once when an operator retries its job, even twice', async () => {
    const t = world.tandem;
    // The event fails while the catalog cannot be read, on every attempt.
    const readCatalog = t.catalog.get.bind(t.catalog);
    let catalogDown = true;
    t.catalog.get = (): Promise<Catalog> =>
      catalogDown ? Promise.reject(new Error('catalog unreachable (test)')) : readCatalog();
    const workers = t.startWorkers();
    try {
      const playerId = await t.createPlayer('Retried');
      const key = `tg-game-retry-${playerId}`;
      await t.engine.record({
        key,
        playerId,
        type: 'xp_change',
        source: 'telegram',
        xpDelta: 40,
        reason: 'game',
      });
      await waitFor(
        async () =>
          (await t.db.prisma.syncEvent.findFirst({ where: { idempotencyKey: key } }))?.status === 'failed',
        'the event failed',
      );
      expect(await (await t.queues.economy.getJob(key))?.getState()).toBe('failed');

      catalogDown = false;
      const cookie = await world.signIn('oscar');
      const retried = await world.call(`/admin/queues/api/queues/${queueNames.economy}/${key}/retry`, {
        cookie,
        method: 'PUT',
      });
      expect(retried.status).toBe(204);
      await waitFor(
        async () =>
          (await t.db.prisma.syncEvent.findFirst({ where: { idempotencyKey: key } }))?.status === 'completed',
        'the retried event completed',
      );
      // A second click retries the now completed job: the processor finds nothing left to do.
      const again = await world.call(`/admin/queues/api/queues/${queueNames.economy}/${key}/retry`, {
        cookie,
        method: 'PUT',
      });
      expect(again.status).toBe(204);
      await waitFor(
        async () => (await t.queues.economy.getJob(key).then((j) => j?.getState())) === 'completed',
      );
      await t.settle();

      expect(await t.db.prisma.ledgerEntry.count({ where: { playerId } })).toBe(1);
      expect(await t.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).toMatchObject({
        xp: 40,
      });
      const event = await t.db.prisma.syncEvent.findFirstOrThrow({ where: { idempotencyKey: key } });
      expect(event).toMatchObject({ status: 'completed', errorMessage: null });
      const state = await t.db.prisma.syncState.findUnique({ where: { playerId } });
      expect(state?.lastBalance).toBe(0);
    } finally {
      t.catalog.get = readCatalog;
      await workers.close();
    }
  });
});
