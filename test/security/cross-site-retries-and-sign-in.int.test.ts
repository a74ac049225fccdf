// Event retries, sign-ins and Bull Board's API called with a signed-in admin's cookie from a page
// that is not the panel: refused and changing nothing, while the same request from the panel goes
// through. Payout and task decisions are in cross-site-decisions.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { queueNames } from '../../src/sync/queues.ts';
import type { AdminApiWorld } from '../support/admin-api-world.ts';
import { waitFor } from '../support/wait-for.ts';
import { crossSiteRequests, fromAnotherPage, openCrossSiteWorld } from './support/cross-site-requests.ts';

let world: AdminApiWorld;
let cookie: string;
/** The panel's origin, and a page on another port of the same host. */
let panel: string;
let sameSite: string;

beforeAll(async () => {
  ({ world, cookie, panel, sameSite } = await openCrossSiteWorld());
});
afterAll(async () => {
  await world?.stop();
});

const { send, expectRefused } = crossSiteRequests(() => ({ world, cookie }));

describe('a write from a page that is not the panel', () => {
  it('retrying events with a bodiless POST and a foreign Origin is refused; the panel must send its header', async () => {
    const t = world.tandem;
    const playerId = await t.createPlayer('Failed');
    const outcome = await t.engine.record({
      key: `dc-lost-${playerId}`,
      playerId,
      type: 'xp_change',
      source: 'discord',
      xpDelta: 5,
      reason: 'message',
    });
    await t.db.pool.query(`UPDATE sync_events SET status = 'failed', error_message = 'lost' WHERE id = $1`, [
      outcome.eventId,
    ]);
    const path = `/api/sync_events/${outcome.eventId}/retry`;
    const jobs = () => t.queues.economy.getJobCounts();

    await expectRefused(
      [
        ['from another port', path, { origin: sameSite, panelHeader: true }, 403, fromAnotherPage],
        [
          'from another site',
          '/api/sync_events/retry',
          { origin: 'https://evil.example' },
          403,
          fromAnotherPage,
        ],
        [
          'from the panel, without its header',
          path,
          { origin: panel },
          403,
          /must carry the panel's header X-Requested-With: tandem-admin/,
        ],
        [
          'a DELETE from the panel, without its header',
          '/api/ranks/1',
          { method: 'DELETE', origin: panel },
          403,
          /X-Requested-With/,
        ],
      ],
      jobs,
    );

    const retried = await send(path, { origin: panel, panelHeader: true });
    expect(retried.status).toBe(200);
    expect(
      (await t.db.prisma.syncEvent.findUniqueOrThrow({ where: { id: outcome.eventId } })).status,
    ).not.toBe('failed');
  });

  it('signing in from another page is refused (no session is planted), and from the panel goes through', async () => {
    const body = JSON.stringify({ username: 'alice', password: 'correct horse battery' });
    await expectRefused([
      [
        'from another port',
        '/api/auth/login',
        { signedIn: false, origin: sameSite, contentType: 'application/json', body },
        403,
        fromAnotherPage,
      ],
      [
        'a text/plain form from the panel',
        '/api/auth/login',
        { signedIn: false, origin: panel, contentType: 'text/plain', body },
        415,
        /JSON/,
      ],
    ]);
    const panelSignIn = await send('/api/auth/login', {
      signedIn: false,
      secFetchSite: 'same-origin',
      contentType: 'application/json',
      body,
    });
    expect(panelSignIn.status).toBe(200);
    expect(panelSignIn.headers.get('set-cookie')).toMatch(/tandem_session=/);
  });
});

describe("a write to Bull Board's API from a page that is not the panel", () => {
  it('retrying a failed job with a foreign Origin is refused; from the panel it runs', async () => {
    const t = world.tandem;
    const readCatalog = t.catalog.get.bind(t.catalog);
    let catalogDown = true;
    t.catalog.get = (): Promise<Catalog> =>
      catalogDown ? Promise.reject(new Error('catalog unreachable (test)')) : readCatalog();
    const workers = t.startWorkers();
    try {
      const playerId = await t.createPlayer('Board');
      const key = `tg-game-board-${playerId}`;
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
      catalogDown = false;
      // Jobs of the earlier tests' events run too once workers are up: let them settle, so the
      // database compared below changes only by what the refused requests would do.
      await waitFor(async () => {
        for (const queue of t.queues.all()) {
          const open = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          if (Object.values(open).some((n) => n > 0)) return false;
        }
        return true;
      }, 'every queue idle');
      const path = `/admin/queues/api/queues/${queueNames.economy}/${key}/retry`;
      const jobState = async () => (await t.queues.economy.getJob(key))?.getState();

      await expectRefused(
        [
          ['from another port', path, { method: 'PUT', origin: sameSite }, 403, fromAnotherPage],
          [
            'a whole state, from another site',
            `/admin/queues/api/queues/${queueNames.economy}/retry/failed`,
            { method: 'PUT', origin: 'https://evil.example' },
            403,
            fromAnotherPage,
          ],
          [
            'from another page of a browser that sends no Origin',
            path,
            { method: 'PUT', secFetchSite: 'same-site' },
            403,
            fromAnotherPage,
          ],
        ],
        async () => ({ state: await jobState(), counts: await t.queues.economy.getJobCounts() }),
      );
      expect(await jobState()).toBe('failed');

      // Bull Board's page sends no header of its own: the origin is what it is held to.
      const retried = await send(path, { method: 'PUT', origin: panel });
      expect(retried.status).toBe(204);
      await waitFor(
        async () =>
          (await t.db.prisma.syncEvent.findFirst({ where: { idempotencyKey: key } }))?.status === 'completed',
        'the retried event completed',
      );
      expect(await t.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).toMatchObject({
        xp: 40,
      });
    } finally {
      t.catalog.get = readCatalog;
      await workers.close();
    }
  });
});
