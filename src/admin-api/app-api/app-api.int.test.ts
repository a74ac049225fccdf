import { afterEach, describe, expect, it } from 'vitest';
import { type AdminApiWorld, openAdminApiWorld } from '../../../test/support/admin-api-world.ts';
import { signInitData } from '../../mini-app/init-data.ts';
import { createShopItem } from '../../shop/manage-shop-items.ts';

const botToken = '777000:mini-app-test-token';
let world: AdminApiWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const open = () => openAdminApiWorld({ api: { telegramBotToken: botToken } });

/** Init data for a Telegram user, signed as Telegram signs it (or with another token, or long ago). */
function initData(
  user: { id: number; username?: string; first_name?: string; language_code?: string },
  options: { token?: string; authDate?: Date } = {},
): string {
  const authDate = Math.floor((options.authDate ?? new Date()).getTime() / 1000);
  return signInitData(
    { auth_date: String(authDate), user: JSON.stringify({ first_name: 'Player', ...user }) },
    options.token ?? botToken,
  );
}

/** The Mini App's call: no cookie, no panel header, no origin; only the init data. */
const app = (w: AdminApiWorld, path: string, init: { auth?: string; body?: unknown; cookie?: string } = {}) =>
  fetch(`${w.url}/api/app${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      ...(init.auth === undefined ? {} : { authorization: init.auth }),
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

describe('the Mini App API', () => {
  it('makes the init data user a player, as the bot would, and shows their profile', async () => {
    world = await open();
    const auth = `tma ${initData({ id: 5001, username: 'ann', language_code: 'ru' })}`;
    const me = await app(world, '/me', { auth });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { playerId: string; displayName: string; language: string };
    expect(body).toMatchObject({ displayName: 'ann', language: 'ru' });
    const identity = await world.tandem.db.pool.query(
      `SELECT player_id, client_language FROM identities WHERE platform = 'telegram' AND platform_user_id = '5001'`,
    );
    expect(identity.rows).toEqual([{ player_id: body.playerId, client_language: 'ru' }]);
    // A second call finds the same player.
    const again = (await (await app(world, '/me', { auth })).json()) as { playerId: string };
    expect(again.playerId).toBe(body.playerId);

    const profile = await app(world, '/profile', { auth });
    expect(profile.status).toBe(200);
    expect(profile.headers.get('cache-control')).toBe('no-store');
    expect(await profile.json()).toMatchObject({ playerId: body.playerId, xp: 0, balance: 0 });
  });

  it('refuses forged, foreign, stale, future or missing init data with a 401 and a reason', async () => {
    world = await open();
    const good = initData({ id: 5002 });
    const forged = good.replace('5002', '5003');
    const cases: Array<[string | undefined, RegExp]> = [
      [undefined, /Authorization: tma/],
      [`Bearer ${good}`, /Authorization: tma/],
      [`tma ${forged}`, /not signed by this bot/],
      [`tma ${initData({ id: 5002 }, { token: '1:another-bot' })}`, /not signed by this bot/],
      [`tma ${initData({ id: 5002 }, { authDate: new Date(Date.now() - 25 * 3600_000) })}`, /expired/],
      [`tma ${initData({ id: 5002 }, { authDate: new Date(Date.now() + 3600_000) })}`, /future/],
      ['tma user=%7B%7D', /no valid hash/],
    ];
    for (const [auth, reason] of cases) {
      const answer = await app(world, '/me', { auth });
      expect(answer.status, String(auth)).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('tma');
      expect(((await answer.json()) as { message: string }).message).toMatch(reason);
    }
    // A refused request's body is not read: 401, not a complaint about its JSON.
    const unread = await fetch(`${world.url}/api/app/tasks/1/submissions`, {
      method: 'POST',
      headers: { authorization: `tma ${forged}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(unread.status).toBe(401);
    // Nothing was created for the refused calls.
    const identities = await world.tandem.db.pool.query(
      `SELECT 1 FROM identities WHERE platform = 'telegram'`,
    );
    expect(identities.rowCount).toBe(0);
  });

  it('takes no admin session cookie in place of init data, and the panel API takes no init data', async () => {
    world = await open();
    await world.createAdmin('boss');
    const cookie = await world.signIn('boss');
    const withCookie = await app(world, '/me', { cookie });
    expect(withCookie.status).toBe(401);
    const asPanel = await world.call('/api/app/profile', { cookie });
    expect(asPanel.status).toBe(401);
    const panelWithInitData = await fetch(`${world.url}/api/players`, {
      headers: { authorization: `tma ${initData({ id: 5004 })}` },
    });
    expect(panelWithInitData.status).toBe(401);
  });

  it('is off (404) where no Telegram bot runs', async () => {
    world = await openAdminApiWorld();
    const answer = await app(world, '/me', { auth: `tma ${initData({ id: 5005 })}` });
    expect(answer.status).toBe(404);
  });

  it('lists tasks and takes proof with the bot’s rules and texts, in the player’s language', async () => {
    world = await open();
    const { rows } = await world.tandem.db.pool.query<{ id: number }>(
      `INSERT INTO tasks (title, description, reward_xp) VALUES ('Post a clip', 'Share a highlight', 50) RETURNING id`,
    );
    const taskId = rows[0]!.id;
    const auth = `tma ${initData({ id: 5006, username: 'bob', language_code: 'en' })}`;
    const tasks = (await (await app(world, '/tasks', { auth })).json()) as {
      tasks: Array<{ id: number; title: string; submission: unknown }>;
    };
    expect(tasks.tasks).toEqual([
      expect.objectContaining({ id: taskId, title: 'Post a clip', submission: null }),
    ]);

    const empty = await app(world, `/tasks/${taskId}/submissions`, { auth, body: { proof: '  ' } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { message: string }).message).toMatch(/proof/i);

    const sent = await app(world, `/tasks/${taskId}/submissions`, {
      auth,
      body: { proof: 'https://clips/1' },
    });
    expect(sent.status).toBe(201);
    expect(await sent.json()).toMatchObject({ submission: { status: 'pending' }, resubmitted: false });
    const stored = await world.tandem.db.pool.query(
      'SELECT proof, platform, status FROM task_submissions WHERE task_id = $1',
      [taskId],
    );
    expect(stored.rows).toEqual([{ proof: 'https://clips/1', platform: 'telegram', status: 'pending' }]);

    const twice = await app(world, `/tasks/${taskId}/submissions`, { auth, body: { proof: 'again' } });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { message: string }).message).toContain('Post a clip');

    const ru = `tma ${initData({ id: 5007, language_code: 'ru' })}`;
    const missing = await app(world, '/tasks/999999/submissions', { auth: ru, body: { proof: 'x' } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toMatch(/[а-я]/);
    const notANumber = await app(world, '/tasks/abc/submissions', { auth: ru, body: { proof: 'x' } });
    expect(notANumber.status).toBe(400);
  });

  it('shows the board with the bot’s visibility rules and marks the viewer', async () => {
    world = await open();
    await world.tandem.db.pool.query(
      `INSERT INTO players (display_name, xp, board_hidden) VALUES ('top', 900, false), ('shy', 800, true)`,
    );
    const auth = `tma ${initData({ id: 5008, username: 'me' })}`;
    await app(world, '/me', { auth });
    const me = await world.tandem.db.pool.query(
      `SELECT player_id FROM identities WHERE platform_user_id = '5008'`,
    );
    await world.tandem.db.pool.query('UPDATE players SET xp = 100 WHERE id = $1', [me.rows[0].player_id]);
    const board = (await (await app(world, '/leaderboard', { auth })).json()) as {
      rows: Array<{ displayName: string; you: boolean; playerId?: string }>;
    };
    expect(board.rows.map((r) => [r.displayName, r.you])).toEqual([
      ['top', false],
      ['me', true],
    ]);
    expect(board.rows[0]).not.toHaveProperty('playerId');
  });

  it('shows the season boards (running first, then past ones) without a public board, hidden players left out', async () => {
    world = await open();
    const w = world;
    const auth = `tma ${initData({ id: 5009, username: 'me' })}`;
    const me = (await (await app(w, '/me', { auth })).json()) as { playerId: string };
    const other = await w.tandem.createPlayer('rival');
    const shy = await w.tandem.createPlayer('shy');
    await w.tandem.db.pool.query('UPDATE players SET board_hidden = true WHERE id = $1', [shy]);
    const earn = (playerId: string, xp: number, key: string) =>
      w.tandem.engine.record({
        key: `test-app-season-${key}`,
        playerId,
        type: 'xp_change',
        source: 'telegram',
        xpDelta: xp,
        reason: 'message',
      });
    await earn(me.playerId, 40, 'me');
    await earn(other, 70, 'rival');
    await earn(shy, 500, 'shy');
    const hour = 3600_000;
    const now = Date.now();
    const create = async (name: string, startsAt: number, endsAt: number) =>
      (
        await w.tandem.db.prisma.season.create({
          data: { name, winners: 1, startsAt: new Date(startsAt), endsAt: new Date(endsAt) } as never,
        })
      ).id;
    const past = await create('Last week', now - 10 * 24 * hour, now - 3 * 24 * hour);
    const current = await create('This week', now - hour, now + 24 * hour);
    const future = await create('Next week', now + 2 * 24 * hour, now + 9 * 24 * hour);

    // The community's public board is off (the default): the signed-in player still sees the seasons.
    expect((await fetch(`${w.url}/api/public/leaderboard/seasons`)).status).toBe(404);
    const list = await app(w, '/seasons', { auth });
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    const { seasons } = (await list.json()) as {
      seasons: Array<{ id: number; name: string; running: boolean }>;
    };
    expect(seasons.map((s) => [s.id, s.name, s.running])).toEqual([
      [current, 'This week', true],
      [past, 'Last week', false],
    ]);

    const board = await app(w, `/seasons/${current}`, { auth });
    expect(board.status).toBe(200);
    const body = (await board.json()) as {
      season: { name: string; running: boolean };
      rows: Array<{ position: number; displayName: string; xp: number; you: boolean }>;
    };
    expect(body.season).toMatchObject({ name: 'This week', running: true });
    expect(body.rows).toEqual([
      { position: 1, displayName: 'rival', xp: 70, you: false },
      { position: 2, displayName: 'me', xp: 40, you: true },
    ]);
    expect(JSON.stringify(body)).not.toContain('shy');

    // XP earned before a past season's window is not on its board.
    const pastBoard = (await (await app(w, `/seasons/${past}`, { auth })).json()) as { rows: unknown[] };
    expect(pastBoard.rows).toEqual([]);

    for (const id of [String(future), '999999', 'abc']) {
      const missing = await app(w, `/seasons/${id}`, { auth });
      expect(missing.status, id).toBe(404);
      expect(((await missing.json()) as { message: string }).message).toContain(`no season ${id}`);
    }

    const forged = `tma ${initData({ id: 5009 }).replace('5009', '5010')}`;
    for (const path of ['/seasons', `/seasons/${current}`]) {
      const refused = await app(w, path, { auth: forged });
      expect(refused.status, path).toBe(401);
      expect(((await refused.json()) as { message: string }).message).toMatch(/not signed by this bot/);
    }
  });

  it('lists the shop with the balance, buys once per button press and shows the purchase', async () => {
    world = await open();
    const w = world;
    const auth = `tma ${initData({ id: 5011, username: 'shopper', language_code: 'en' })}`;
    const me = (await (await app(w, '/me', { auth })).json()) as { playerId: string };
    await w.tandem.engine.record({
      key: `test-app-shop-coins-${me.playerId}`,
      playerId: me.playerId,
      type: 'balance_change',
      source: 'admin',
      coinDelta: 120,
      reason: 'grant',
    });
    const shout = await createShopItem(w.tandem, {
      name: 'Shout-out',
      description: 'A word from the admins',
      kind: 'custom',
      price: 80,
      stock: 5,
      perPlayerLimit: 2,
    });

    const listed = await app(w, '/shop', { auth });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('cache-control')).toBe('no-store');
    expect(await listed.json()).toMatchObject({
      balance: 120,
      items: [
        {
          id: shout.id,
          name: 'Shout-out',
          description: 'A word from the admins',
          kind: 'custom',
          price: 80,
          left: 5,
          perPlayerLimit: 2,
          bought: 0,
        },
      ],
      purchases: [],
    });

    // One press, sent twice (a double tap, a retry after a lost answer): one purchase, one hold.
    const press = { requestId: '0b6f2f4e-5d1c-4c36-9a0e-1f2a3b4c5d6e' };
    const bought = await app(w, `/shop/${shout.id}/buy`, { auth, body: press });
    expect(bought.status).toBe(201);
    const first = (await bought.json()) as { purchase: { id: string }; created: boolean; balance: number };
    expect(first).toMatchObject({
      created: true,
      balance: 40,
      purchase: { itemId: shout.id, name: 'Shout-out', kind: 'custom', price: 80, status: 'pending' },
    });
    const again = await app(w, `/shop/${shout.id}/buy`, { auth, body: press });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false, purchase: { id: first.purchase.id } });
    const purchases = await w.tandem.db.pool.query(
      'SELECT status, source FROM shop_purchases WHERE player_id = $1',
      [me.playerId],
    );
    expect(purchases.rows).toEqual([{ status: 'pending', source: 'telegram' }]);
    const player = await w.tandem.db.pool.query<{ balance: number }>(
      'SELECT balance FROM players WHERE id = $1',
      [me.playerId],
    );
    expect(player.rows[0]!.balance).toBe(40);

    const after = (await (await app(w, '/shop', { auth })).json()) as {
      balance: number;
      items: Array<{ left: number; bought: number }>;
      purchases: Array<{ id: string; status: string; name: string }>;
    };
    expect(after.balance).toBe(40);
    expect(after.items[0]).toMatchObject({ left: 4, bought: 1 });
    expect(after.purchases).toEqual([
      expect.objectContaining({ id: first.purchase.id, status: 'pending', name: 'Shout-out' }),
    ]);
    // The player's view of a purchase carries no ledger internals.
    expect(after.purchases[0]).not.toHaveProperty('holdId');

    const forged = `tma ${initData({ id: 5011 }).replace('5011', '5012')}`;
    for (const [path, body] of [
      ['/shop', undefined],
      [`/shop/${shout.id}/buy`, { requestId: 'forged-press' }],
    ] as const) {
      const refused = await app(w, path, { auth: forged, body });
      expect(refused.status, path).toBe(401);
      expect(((await refused.json()) as { message: string }).message).toMatch(/not signed by this bot/);
    }
    expect((await w.tandem.db.pool.query('SELECT 1 FROM shop_purchases')).rowCount).toBe(1);
  });

  it('refuses a purchase with the bot’s words in the player’s language, changing nothing', async () => {
    world = await open();
    const w = world;
    const auth = `tma ${initData({ id: 5013, username: 'vera', language_code: 'ru' })}`;
    const me = (await (await app(w, '/me', { auth })).json()) as { playerId: string };
    const dear = await createShopItem(w.tandem, { name: 'Crown', kind: 'custom', price: 500 });
    const role = await createShopItem(w.tandem, {
      name: 'Supporter',
      kind: 'discord_role',
      price: 1,
      discordRoleId: '123456789012345678',
      durationDays: 7,
    });
    const refusals: Array<[string, unknown, number, RegExp]> = [
      // Not enough coins: the balance and the price, in Russian.
      [`/shop/${dear.id}/buy`, { requestId: 'press-1' }, 400, /0 монет.*500 монет/],
      // A Discord role for a player with no Discord account linked.
      [`/shop/${role.id}/buy`, { requestId: 'press-2' }, 400, /Discord/],
      [`/shop/999999/buy`, { requestId: 'press-3' }, 404, /[а-я]/],
      ['/shop/abc/buy', { requestId: 'press-4' }, 404, /[а-я]/],
      // The page's id of the press is missing or not one: a clear 400.
      [`/shop/${dear.id}/buy`, {}, 400, /requestId/],
      [`/shop/${dear.id}/buy`, { requestId: 'a b' }, 400, /requestId/],
      [`/shop/${dear.id}/buy`, { requestId: 7 }, 400, /requestId/],
    ];
    for (const [path, body, status, message] of refusals) {
      const answer = await app(w, path, { auth, body });
      expect(answer.status, `${path} ${JSON.stringify(body)}`).toBe(status);
      expect(((await answer.json()) as { message: string }).message).toMatch(message);
    }
    const written = await w.tandem.db.pool.query(
      `SELECT (SELECT count(*)::int FROM shop_purchases) AS purchases,
              (SELECT count(*)::int FROM ledger_holds) AS holds,
              (SELECT balance FROM players WHERE id = $1) AS balance`,
      [me.playerId],
    );
    expect(written.rows).toEqual([{ purchases: 0, holds: 0, balance: 0 }]);
  });

  it('serves the page at /app/ with a policy that lets Telegram frame it', async () => {
    world = await open();
    const page = await fetch(`${world.url}/app/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="app.js"');
    // Its words in every language, from the pages locale files, as data the page reads.
    const texts = JSON.parse(
      /<script type="application\/json" id="page-texts">(.*?)<\/script>/s.exec(html)![1]!,
    );
    expect(texts.en.send).toBe('Send proof');
    expect(texts.ru.send).toBe('Отправить');
    expect(texts.ru.failed).toContain('{reason}');
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain('frame-ancestors https://web.telegram.org');
    expect(policy).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBeNull();
    const bare = await fetch(`${world.url}/app`, { redirect: 'manual' });
    expect([301, 308]).toContain(bare.status);
  });
});
