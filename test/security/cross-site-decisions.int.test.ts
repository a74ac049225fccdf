// Payout and task decisions made with a signed-in admin's cookie from a page that is not the panel:
// a page on another port of the same host is "same-site", so SameSite=Lax sends the cookie along.
// Each is refused 403 (415 for a body that is not JSON) and changes nothing; the same request from
// the panel's origin goes through. The rule itself, proxies and ALLOWED_ORIGINS included, is
// unit-tested in src/admin-api/http/panel-origin.unit.test.ts. Event retries, sign-ins and Bull
// Board's API are in cross-site-retries-and-sign-in.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPayout } from '../../src/payouts/request-payout.ts';
import { submitTask } from '../../src/tasks/submit-task.ts';
import type { AdminApiWorld } from '../support/admin-api-world.ts';
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
});
