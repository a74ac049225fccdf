import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { type AdminApiWorld, openAdminApiWorld } from '../../../test/support/admin-api-world.ts';
import type { PublicBoardPage } from '../../leaderboard/public-board.ts';
import { apiErrorHandler } from '../error-handler.ts';
import { createPublicRoutes } from './public-routes.ts';

let world: AdminApiWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

/** Players straight into the table: the board reads totals, however they were earned. */
async function seed(w: AdminApiWorld, players: Array<[string, number, Record<string, unknown>?]>) {
  for (const [name, xp, extra = {}] of players) {
    await w.tandem.db.pool.query(
      `INSERT INTO players (display_name, xp, board_hidden, departure, departed_at)
       VALUES ($1, $2, $3, $4::"PlayerDeparture", CASE WHEN $4::text IS NULL THEN NULL ELSE now() END)`,
      [name, xp, extra.hidden ?? false, extra.departure ?? null],
    );
  }
}

async function setLeaderboard(w: AdminApiWorld, value: Record<string, unknown>) {
  await w.createAdmin('boss');
  const cookie = await w.signIn('boss');
  const saved = await w.call('/api/settings/leaderboard', { method: 'PUT', cookie, body: value });
  expect(saved.status).toBe(200);
  return saved.json();
}

type Answer = { message: string; errors: Record<string, string> };

/** A visitor: no cookie, no panel header, no origin. */
const visit = (w: AdminApiWorld, path: string, headers: Record<string, string> = {}) =>
  fetch(`${w.url}${path}`, { headers, redirect: 'manual' });

describe('the public leaderboard', () => {
  it('is a 404 (JSON and page) while the community has not made it public', async () => {
    world = await openAdminApiWorld();
    await seed(world, [['alice', 500]]);
    const json = await visit(world, '/api/public/leaderboard');
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({ message: 'This community has no public leaderboard.' });
    const page = await visit(world, '/leaderboard', { 'accept-language': 'ru-RU,ru;q=0.9' });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('нет открытой таблицы лидеров');
  });

  it('shows places, names, XP and ranks without a session, never ids nor hidden players', async () => {
    world = await openAdminApiWorld();
    await seed(world, [
      ['alice', 900],
      ['<b>bob</b>', 700],
      ['carol', 650, { hidden: true }],
      ['dave', 600, { departure: 'left' }],
      ['erin', 550, { departure: 'banned' }],
      ['frank', 0],
    ]);
    const saved = await setLeaderboard(world, { public: true, onLeave: 'keep', onBan: 'hide', version: 0 });
    expect(saved).toMatchObject({
      id: 'leaderboard',
      public: true,
      onLeave: 'keep',
      onBan: 'hide',
      version: 1,
    });

    const json = await visit(world, '/api/public/leaderboard?perPage=2');
    expect(json.status).toBe(200);
    const first = (await json.json()) as PublicBoardPage;
    expect(first).toMatchObject({ page: 1, perPage: 2, hasMore: true });
    expect(first.rows).toEqual([
      { position: 1, displayName: 'alice', xp: 900, rankName: expect.any(String) },
      { position: 2, displayName: '<b>bob</b>', xp: 700, rankName: expect.any(String) },
    ]);
    const second = (await (
      await visit(world, '/api/public/leaderboard?page=2&perPage=2')
    ).json()) as PublicBoardPage;
    // carol hid herself, erin is banned under `hide`, frank has no XP; dave left under `keep`.
    expect(second).toMatchObject({ hasMore: false, rows: [{ position: 3, displayName: 'dave', xp: 600 }] });
    expect(JSON.stringify([first, second])).not.toMatch(/"(id|playerId)"/);

    const page = await visit(world, '/leaderboard?perPage=2&lang=ru');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('Таблица лидеров');
    expect(html).toContain('&lt;b&gt;bob&lt;/b&gt;');
    expect(html).not.toContain('<b>bob</b>');
    expect(html).toContain('href="?page=2&amp;perPage=2&amp;lang=ru"');
    const english = await (await visit(world, '/leaderboard?page=2&perPage=2')).text();
    expect(english).toContain('Page 2');
    expect(english).toContain('dave');
    expect(english).not.toContain('carol');

    // Policies apply at once to those already away.
    const cookie = await world.signIn('boss');
    await world.call('/api/settings/leaderboard', {
      method: 'PUT',
      cookie,
      body: { public: true, onLeave: 'hide', onBan: 'keep', version: 1 },
    });
    const after = (await (await visit(world, '/api/public/leaderboard')).json()) as PublicBoardPage;
    expect(after.rows.map((r) => r.displayName)).toEqual(['alice', '<b>bob</b>', 'erin']);
  });

  it('refuses a page out of bounds with a clear 400, and a bad setting changes nothing', async () => {
    world = await openAdminApiWorld();
    await setLeaderboard(world, { public: true, version: 0 });
    for (const query of ['perPage=101', 'perPage=0', 'page=abc', 'page=1001&perPage=10']) {
      const answer = await visit(world, `/api/public/leaderboard?${query}`);
      expect(answer.status, query).toBe(400);
      expect(((await answer.json()) as Answer).message).toMatch(/page/);
    }
    const cookie = await world.signIn('boss');
    const bad = await world.call('/api/settings/leaderboard', {
      method: 'PUT',
      cookie,
      body: { public: true, onBan: 'delete', version: 1 },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Answer).errors).toHaveProperty('onBan');
    expect(
      ((await (await world.call('/api/settings/leaderboard', { cookie })).json()) as { version: number })
        .version,
    ).toBe(1);
  });

  it('limits each address to its budget of public requests', async () => {
    world = await openAdminApiWorld();
    await setLeaderboard(world, { public: true, version: 0 });
    const app = express();
    app.use(createPublicRoutes(world.tandem as never, { limit: 3, windowSeconds: 60 }));
    app.use(apiErrorHandler(world.tandem.logger));
    const server = app.listen(0);
    const port = (server.address() as { port: number }).port;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await fetch(`http://127.0.0.1:${port}/api/public/leaderboard`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      server.close();
    }
  });
});
