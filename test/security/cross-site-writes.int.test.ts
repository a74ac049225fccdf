// Writes made with a signed-in admin's cookie from a page that is not the panel: a page on another
// port of the same host is "same-site", so SameSite=Lax sends the cookie along. Each is refused 403
// (415 for a body that is not JSON) and changes nothing; the same request from the panel's origin
// goes through. The rule itself, proxies and ALLOWED_ORIGINS included, is unit-tested in
// src/admin-api/http/panel-origin.unit.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { requestPayout } from '../../src/payouts/request-payout.ts';
import { queueNames } from '../../src/sync/queues.ts';
import { submitTask } from '../../src/tasks/submit-task.ts';
import { type AdminApiWorld, json, openAdminApiWorld } from '../support/admin-api-world.ts';
import { waitFor } from '../support/wait-for.ts';
import { databaseFingerprint } from './support/database-fingerprint.ts';

let world: AdminApiWorld;
let cookie: string;
/** The panel's origin, and a page on another port of the same host. */
let panel: string;
let sameSite: string;

beforeAll(async () => {
  world = await openAdminApiWorld({ attempts: 2, backoffMs: 20 });
  await world.createAdmin('alice', 'admin');
  cookie = await world.signIn('alice');
  panel = new URL(world.url).origin;
  const url = new URL(world.url);
  url.port = String(Number(url.port) === 65535 ? 1024 : Number(url.port) + 1);
  sameSite = url.origin;
});
afterAll(async () => {
  await world?.stop();
});

interface RawRequest {
  method?: string;
  /** Omitted: no Origin header at all. */
  origin?: string;
  secFetchSite?: string;
  contentType?: string;
  body?: string;
  panelHeader?: boolean;
  signedIn?: boolean;
}

/** A request exactly as given: no header is added but the session cookie. */
function send(path: string, request: RawRequest): Promise<Response> {
  const headers: Record<string, string> = {};
  if (request.signedIn ?? true) headers.cookie = cookie;
  if (request.origin) headers.origin = request.origin;
  if (request.secFetchSite) headers['sec-fetch-site'] = request.secFetchSite;
  if (request.contentType) headers['content-type'] = request.contentType;
  if (request.panelHeader) headers['x-requested-with'] = 'tandem-admin';
  return fetch(`${world.url}${path}`, {
    method: request.method ?? 'POST',
    redirect: 'manual',
    headers,
    body: request.body,
  });
}

/** Sends each request, expects each refused with `status` and a message matching `message`, and nothing written. */
async function expectRefused(
  cases: Array<[string, string, RawRequest, number, RegExp]>,
  changedNothing: () => Promise<unknown> = async () => null,
): Promise<void> {
  const before = { db: await databaseFingerprint(world.tandem.db.pool), other: await changedNothing() };
  for (const [what, path, request, status, message] of cases) {
    const response = await send(path, request);
    expect(response.status, what).toBe(status);
    expect(response.headers.get('content-type'), what).toMatch(/^application\/json/);
    expect((await json(response)).message, what).toMatch(message);
    expect(response.headers.get('set-cookie'), what).toBeNull();
  }
  expect(await databaseFingerprint(world.tandem.db.pool)).toEqual(before.db);
  expect(await changedNothing()).toEqual(before.other);
}

const fromAnotherPage = /not from the admin panel/;

describe('a write from a page that is not the panel', () => {
  it('approving a held payout with a text/plain form on another port of the same host is refused', async () => {
    const t = world.tandem;
    const playerId = await t.createPlayer('Held');
    await t.engine.record({
      key: `sys-grant-${playerId}`,
      playerId,
      type: 'balance_change',
      source: 'system',
      coinDelta: 500,
      reason: 'task',
    });
    const { payout } = await requestPayout(t, { playerId, amount: 200, requestId: 'r1', source: 'telegram' });
    const path = `/api/payouts/${payout.id}/approve`;
    // What `<form enctype="text/plain">` with one field named `{"version":1,"x":"` posts.
    const form = '{"version":1,"x":"="}';

    await expectRefused([
      [
        'the form, from another port',
        path,
        { origin: sameSite, secFetchSite: 'same-site', contentType: 'text/plain', body: form },
        403,
        new RegExp(`comes from ${sameSite}, not from the admin panel`),
      ],
      [
        'the form, from a browser that sends no Origin',
        path,
        { secFetchSite: 'same-site', contentType: 'text/plain', body: form },
        403,
        /Sec-Fetch-Site: same-site/,
      ],
      [
        'the form, naming no origin at all',
        path,
        { contentType: 'text/plain', body: form },
        403,
        /no Origin/,
      ],
      [
        'an opaque origin (a sandboxed frame)',
        path,
        { origin: 'null', contentType: 'text/plain', body: form },
        403,
        fromAnotherPage,
      ],
      [
        'the form, even from the panel: not JSON',
        path,
        { origin: panel, contentType: 'text/plain', body: form },
        415,
        /send it as JSON/,
      ],
    ]);
    expect(await t.db.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({
      status: 'held',
      version: 1,
    });

    const approved = await send(path, {
      origin: panel,
      contentType: 'application/json',
      body: JSON.stringify({ version: 1 }),
    });
    expect(approved.status).toBe(200);
    expect((await t.db.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } })).status).toBe(
      'approved',
    );
  });

  it('approving a task submission with a JSON fetch and a foreign Origin is refused, and the player is not paid', async () => {
    const t = world.tandem;
    const playerId = await t.createPlayer('Submitter');
    const task = await t.db.prisma.task.create({ data: { title: 'Share the server', rewardXp: 100 } });
    const { submission } = await submitTask(t, {
      taskId: task.id,
      playerId,
      platform: 'telegram',
      proof: 'done',
    });
    const path = `/api/task_submissions/${submission.id}/approve`;
    const body = JSON.stringify({ version: 1 });

    await expectRefused([
      [
        'from another site',
        path,
        { origin: 'https://evil.example', contentType: 'application/json', body },
        403,
        /comes from https:\/\/evil.example, not from the admin panel/,
      ],
      [
        'from another port of the same host',
        path,
        { origin: sameSite, contentType: 'application/json', body, panelHeader: true },
        403,
        fromAnotherPage,
      ],
      [
        'from the panel host over another scheme',
        path,
        { origin: panel.replace(/^http:/, 'https:'), contentType: 'application/json', body },
        403,
        fromAnotherPage,
      ],
    ]);
    expect(await t.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).toMatchObject({ xp: 0 });

    const approved = await send(path, { origin: panel, contentType: 'application/json', body });
    expect(approved.status).toBe(200);
    expect(await t.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).toMatchObject({
      xp: 100,
    });
  });

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
