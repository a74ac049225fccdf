import { afterEach, describe, expect, it } from 'vitest';
import { type AdminApiWorld, openAdminApiWorld } from '../../test/support/admin-api-world.ts';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { closeDueSeasons } from './close-season.ts';

let world: AdminApiWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The database's clock, with a pause either side so no ledger row shares the instant. */
async function mark(w: AdminApiWorld): Promise<Date> {
  await pause(20);
  const { rows } = await w.tandem.db.pool.query<{ now: Date }>('SELECT clock_timestamp() AS now');
  await pause(20);
  return rows[0]!.now;
}

async function earn(w: AdminApiWorld, playerId: string, xp: number, key: string) {
  await w.tandem.engine.record({
    key: `test-season-${key}`,
    playerId,
    type: 'xp_change',
    source: 'telegram',
    xpDelta: xp,
    reason: 'message',
  });
}

/**
 * alice earns before the window, bob, carol and alice inside it, carol again after it: a season over
 * the window ranks bob 80, carol 60, alice 30, whatever their lifetime XP.
 */
async function seedWindow(w: AdminApiWorld) {
  const alice = await w.tandem.createPlayer('alice');
  const bob = await w.tandem.createPlayer('bob');
  const carol = await w.tandem.createPlayer('carol');
  await earn(w, alice, 500, 'a1');
  const startsAt = await mark(w);
  await earn(w, bob, 80, 'b1');
  await earn(w, carol, 60, 'c1');
  await earn(w, alice, 30, 'a2');
  const endsAt = await mark(w);
  await earn(w, carol, 1000, 'c2');
  return { alice, bob, carol, startsAt, endsAt };
}

async function createSeason(w: AdminApiWorld, values: Record<string, unknown>): Promise<number> {
  const season = await w.tandem.db.prisma.season.create({
    data: { name: 'Week', winners: 2, ...values } as never,
  });
  return season.id;
}

async function makePublic(w: AdminApiWorld) {
  await w.createAdmin('boss');
  const cookie = await w.signIn('boss');
  const saved = await w.call('/api/settings/leaderboard', {
    method: 'PUT',
    cookie,
    body: { public: true, onLeave: 'keep', onBan: 'keep', version: 0 },
  });
  expect(saved.status).toBe(200);
}

describe('a season', () => {
  it('ranks the XP gained inside its window, read from the ledger, on the public board without a session', async () => {
    world = await openAdminApiWorld();
    const { carol, startsAt, endsAt } = await seedWindow(world);
    const id = await createSeason(world, { startsAt, endsAt });
    const before = await fetch(`${world.url}/api/public/leaderboard/seasons/${id}`);
    expect(before.status).toBe(404);
    await makePublic(world);

    const board = await fetch(`${world.url}/api/public/leaderboard/seasons/${id}?perPage=2`);
    expect(board.status).toBe(200);
    expect(await board.json()).toMatchObject({
      season: { id, name: 'Week', closed: false },
      page: 1,
      perPage: 2,
      hasMore: true,
      rows: [
        { position: 1, displayName: 'bob', xp: 80 },
        { position: 2, displayName: 'carol', xp: 60 },
      ],
    });
    const list = (await (await fetch(`${world.url}/api/public/leaderboard/seasons`)).json()) as {
      seasons: unknown[];
    };
    expect(list.seasons).toEqual([expect.objectContaining({ id, name: 'Week' })]);

    const page = await fetch(`${world.url}/leaderboard?season=${id}&lang=en`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>Week</h1>');
    expect(html).toMatch(/<td>bob<\/td><td class="num">80<\/td><\/tr>/);
    expect(html).not.toContain('<th>Rank</th>');
    const lifetime = await (await fetch(`${world.url}/leaderboard?lang=en`)).text();
    expect(lifetime).toContain(`<a href="?season=${id}&amp;lang=en">Week</a>`);
    const missing = await fetch(`${world.url}/leaderboard?season=999`, { redirect: 'manual' });
    expect(missing.status).toBe(302);

    // The lifetime board's visibility rule: a player hidden by /privacy is not on a season board.
    await world.tandem.db.pool.query('UPDATE players SET board_hidden = true WHERE id = $1', [carol]);
    const hidden = (await (await fetch(`${world.url}/api/public/leaderboard/seasons/${id}`)).json()) as {
      rows: Array<{ displayName: string; xp: number }>;
    };
    expect(hidden.rows.map((r: { displayName: string }) => r.displayName)).toEqual(['bob', 'alice']);
    expect(hidden.rows[1]).toMatchObject({ xp: 30 });

    const unknown = await fetch(`${world.url}/api/public/leaderboard/seasons/999`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ message: 'There is no season 999.' });
    const bad = await fetch(`${world.url}/api/public/leaderboard/seasons/${id}?page=0`);
    expect(bad.status).toBe(400);
  });

  it('rewards its winners exactly once across two scheduler ticks and opens the next window', async () => {
    world = await openAdminApiWorld();
    const { bob, carol, startsAt, endsAt } = await seedWindow(world);
    const id = await createSeason(world, {
      startsAt,
      endsAt,
      recurrence: 'weekly',
      rewards: [
        { xp: 100, coins: 10 },
        { xp: 50, coins: 5 },
      ],
    });
    const deps = { db: world.tandem.db, engine: world.tandem.engine };

    const [first, second] = await Promise.all([closeDueSeasons(deps), closeDueSeasons(deps)]);
    const closed = [...first, ...second];
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({
      seasonId: id,
      winners: [
        { place: 1, playerId: bob, xp: 80, rewardXp: 100, rewardCoins: 10 },
        { place: 2, playerId: carol, xp: 60, rewardXp: 50, rewardCoins: 5 },
      ],
    });
    expect(await closeDueSeasons(deps)).toEqual([]);

    const { rows: rewards } = await world.tandem.db.pool.query(
      `SELECT player_id, xp_delta, coin_delta FROM ledger_entries WHERE reason = 'season_reward' ORDER BY xp_delta DESC`,
    );
    expect(rewards).toEqual([
      { player_id: bob, xp_delta: 100, coin_delta: 10 },
      { player_id: carol, xp_delta: 50, coin_delta: 5 },
    ]);
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
    const results = await world.tandem.db.prisma.seasonResult.findMany({ orderBy: { place: 'asc' } });
    expect(results.map((r) => [r.place, r.playerId, r.xpGained])).toEqual([
      [1, bob, 80],
      [2, carol, 60],
    ]);

    const seasons = await world.tandem.db.prisma.season.findMany({ orderBy: { id: 'asc' } });
    expect(seasons).toHaveLength(2);
    expect(seasons[0]!.closedAt).toBeInstanceOf(Date);
    expect(seasons[1]).toMatchObject({ startsAt: endsAt, recurrence: 'weekly', closedAt: null });
    expect(seasons[1]!.endsAt.getTime() - endsAt.getTime()).toBe(7 * 86_400_000);
  });
});
