import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkAccounts } from '../../../test/support/link-accounts.ts';
import {
  openResourcesTestApp,
  type ResourcesTestApp,
  totalOf,
} from '../../../test/support/resources-test-app.ts';
import { waitFor } from '../../../test/support/wait-for.ts';

let api: ResourcesTestApp;
beforeEach(async () => {
  api = await openResourcesTestApp();
});
afterEach(async () => {
  await api.close();
});

/** A player with identities, given XP and coins through the engine (as the bots would). */
async function player(
  displayName: string,
  options: { xp?: number; coins?: number; telegram?: string; discord?: string } = {},
): Promise<string> {
  const { tandem } = api;
  const id = await tandem.createPlayer(displayName);
  if (options.telegram)
    await tandem.db.prisma.identity.create({
      data: {
        playerId: id,
        platform: 'telegram',
        platformUserId: options.telegram,
        username: options.telegram,
      },
    });
  if (options.discord)
    await tandem.db.prisma.identity.create({
      data: {
        playerId: id,
        platform: 'discord',
        platformUserId: options.discord,
        username: `${displayName}#d`,
      },
    });
  if (options.xp || options.coins)
    await tandem.engine.record({
      key: `sys-test-${displayName}-${id}`,
      playerId: id,
      type: 'reward_grant',
      source: 'system',
      xpDelta: options.xp ?? 0,
      coinDelta: options.coins ?? 0,
      reason: 'task',
    });
  return id;
}

describe('players list', () => {
  it('follows the list contract: sort, range, Content-Range, getMany', async () => {
    const ada = await player('Ada', { xp: 600, coins: 50, telegram: '111', discord: '222' });
    const bob = await player('Bob', { xp: 100, telegram: '333' });
    const cy = await player('Cy', { xp: 1_500 });

    const top = await api.list('players', { sort: ['xp', 'DESC'], range: [0, 1] });
    expect(top.status).toBe(200);
    expect(top.headers.get('content-range')).toBe('players 0-1/3');
    expect(top.body.map((p) => p.displayName)).toEqual(['Cy', 'Ada']);
    expect(top.body[1]).toMatchObject({
      id: ada,
      xp: 600,
      balance: 50,
      rankName: 'Rookie',
      linked: true,
      mergedIntoId: null,
      version: 1,
      identities: [
        { platform: 'telegram', platformUserId: '111', username: '111' },
        { platform: 'discord', platformUserId: '222', username: 'Ada#d' },
      ],
    });
    expect(top.body[1]).not.toHaveProperty('lastMessageXpAt');

    const second = await api.list('players', { sort: ['displayName', 'ASC'], range: [1, 2] });
    expect(second.headers.get('content-range')).toBe('players 1-2/3');
    expect(second.body.map((p) => p.id)).toEqual([bob, cy]);

    const many = await api.list('players', { filter: { id: [bob, cy] } });
    expect(many.body.map((p) => p.id).sort()).toEqual([bob, cy].sort());

    const none = await api.list('players', { filter: { q: 'nobody' } });
    expect(none.body).toEqual([]);
    expect(totalOf(none)).toBe(0);
  });

  it('filters by text, platform, linking and rank', async () => {
    const ada = await player('Ada', { xp: 600, telegram: '111', discord: '222' });
    const bob = await player('Bob', { xp: 100, telegram: '333' });
    const cy = await player('Cy', { xp: 1_500 });
    const ids = async (filter: Record<string, unknown>) =>
      (await api.list('players', { filter, sort: ['displayName', 'ASC'] })).body.map((p) => p.id);

    expect(await ids({ q: 'ad' })).toEqual([ada]);
    expect(await ids({ q: 'ada#' })).toEqual([ada]);
    expect(await ids({ q: '333' })).toEqual([bob]);
    expect(await ids({ platform: 'telegram' })).toEqual([ada, bob]);
    expect(await ids({ linked: true })).toEqual([ada]);
    expect(await ids({ linked: 'false' })).toEqual([bob, cy]);
    const ranks = await api.tandem.db.prisma.rank.findMany();
    const rookie = ranks.find((r) => r.name === 'Rookie')!;
    const newcomer = ranks.find((r) => r.name === 'Newcomer')!;
    expect(await ids({ rank: rookie.id })).toEqual([ada]);
    expect(await ids({ rank: String(newcomer.id) })).toEqual([bob]);
  });

  it('refuses a list request it cannot answer exactly, saying what was wrong', async () => {
    const cases: Array<[string, string]> = [
      ['sort=["password","ASC"]', 'sort.field'],
      ['sort=["xp","UP"]', 'sort.order'],
      ['sort=["xp"', 'sort'],
      ['range=[0,500]', 'range'],
      ['range=[10,2]', 'range'],
      ['filter={"rank":"high"}', 'filter.rank'],
      ['filter={"nickname":"x"}', 'filter'],
      ['filter=[1]', 'filter'],
    ];
    for (const [query, field] of cases) {
      const answer = await api.request<{ message: string; errors: Record<string, string> }>(
        'GET',
        `/players?${query.replace(/[[\]{}"]/g, encodeURIComponent)}`,
      );
      expect(answer.status, query).toBe(400);
      expect(answer.body.message, query).toMatch(/^Bad list request: /);
      expect(Object.keys(answer.body.errors), query).toContain(field);
    }
    const unknownFilter = await api.request<{ message: string }>(
      'GET',
      `/players?filter=${encodeURIComponent('{"nickname":"x"}')}`,
    );
    expect(unknownFilter.body.message).toContain('cannot filter by nickname; filters: id, q, rank');
  });
});

describe('merged accounts', () => {
  it('are left out of the list unless asked for, and are listed on the kept player', async () => {
    const ana = await player('Ana', { xp: 50, coins: 10, telegram: '111' });
    const dora = await player('Dora', { xp: 1_200, coins: 750, discord: '222' });
    const cy = await player('Cy', { xp: 5 });
    const linked = await linkAccounts(
      api.tandem,
      { platform: 'telegram', platformUserId: '111' },
      { platform: 'discord', platformUserId: '222' },
      new Date(),
    );
    expect(linked).toMatchObject({ playerId: ana, absorbedPlayerId: dora });
    const ids = async (filter: Record<string, unknown>) =>
      (await api.list('players', { filter, sort: ['displayName', 'ASC'] })).body.map((p) => p.id);

    const all = await api.list('players', { sort: ['xp', 'DESC'] });
    expect(all.body.map((p) => p.id)).toEqual([ana, cy]);
    expect(totalOf(all)).toBe(2);
    expect(await ids({ merged: true })).toEqual([dora]);
    expect(await ids({ merged: false })).toEqual([ana, cy]);
    // A reference by id (a link from the kept player's page, a ledger row) still finds it.
    expect(await ids({ id: [dora] })).toEqual([dora]);

    const kept = await api.request<Record<string, unknown>>('GET', `/players/${ana}`);
    expect(kept.body).toMatchObject({
      xp: 1_250,
      balance: 760,
      mergedFrom: [{ id: dora, displayName: 'Dora' }],
    });
    const gone = await api.request<Record<string, unknown>>('GET', `/players/${dora}`);
    expect(gone.body).toMatchObject({ xp: 0, balance: 0, mergedIntoId: ana, mergedFrom: [] });
  });
});

describe('a player', () => {
  it('shows achievements, held coins and the latest ledger rows', async () => {
    const ada = await player('Ada', { xp: 50, coins: 10 });
    const firstWin = await api.tandem.db.prisma.achievement.findFirstOrThrow({
      where: { slug: 'first-win' },
    });
    await api.tandem.db.prisma.playerAchievement.create({
      data: { playerId: ada, achievementId: firstWin.id },
    });

    const shown = await api.request<Record<string, unknown>>('GET', `/players/${ada}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      id: ada,
      displayName: 'Ada',
      heldCoins: 0,
      achievements: [{ id: firstWin.id, slug: 'first-win', name: firstWin.name }],
      recentLedger: [{ playerId: ada, xpDelta: 50, coinDelta: 10, reason: 'task', playerName: 'Ada' }],
    });
    expect((await api.request('GET', '/players/not-an-id')).status).toBe(404);
    expect((await api.request('GET', '/players/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('is renamed over the version the admin opened; a stale or bad edit writes nothing', async () => {
    const ada = await player('Ada');
    const renamed = await api.request<Record<string, unknown>>('PUT', `/players/${ada}`, {
      id: ada,
      displayName: ' Ada Lovelace ',
      version: 1,
      xp: 1_000_000,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ displayName: 'Ada Lovelace', version: 2, xp: 0 });

    const stale = await api.request<{ message: string }>('PUT', `/players/${ada}`, {
      displayName: 'Countess',
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('changed by someone else');

    const blank = await api.request<{ errors: Record<string, string> }>('PUT', `/players/${ada}`, {
      displayName: '   ',
      version: 2,
    });
    expect(blank.status).toBe(400);
    expect(blank.body.errors.displayName).toBe('is required');

    const row = await api.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: ada } });
    expect(row).toMatchObject({ displayName: 'Ada Lovelace', version: 2 });
    await waitFor(async () => api.announced.some((c) => c.entity === 'players' && c.id === ada));
  });
});

describe('adjustments', () => {
  it('go through the engine: a ledger row per total, naming the admin and the reason', async () => {
    const ada = await player('Ada', { coins: 30 });
    const answer = await api.request<Record<string, unknown>>('POST', `/players/${ada}/adjustments`, {
      xpDelta: 120,
      coinDelta: -20,
      reason: 'Tournament prize, minus the entry fee',
      requestId: 'click-1',
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ applied: true, xp: 120, balance: 10 });

    const rows = await api.tandem.db.prisma.ledgerEntry.findMany({
      where: { playerId: ada, source: 'admin' },
      orderBy: { id: 'asc' },
    });
    expect(rows).toMatchObject([
      {
        idempotencyKey: `admin-adjust-click-1.xp-${ada}`,
        type: 'xp_change',
        xpDelta: 120,
        coinDelta: 0,
        reason: 'admin_adjustment',
        metadata: { admin: 'alice', note: 'Tournament prize, minus the entry fee' },
      },
      { idempotencyKey: `admin-adjust-click-1.coins-${ada}`, type: 'balance_change', coinDelta: -20 },
    ]);
    const events = await api.tandem.db.prisma.syncEvent.count({ where: { playerId: ada, source: 'admin' } });
    expect(events).toBe(2);

    // The same request again (a double click) is the same change, once.
    const again = await api.request<Record<string, unknown>>('POST', `/players/${ada}/adjustments`, {
      xpDelta: 120,
      coinDelta: -20,
      reason: 'Tournament prize, minus the entry fee',
      requestId: 'click-1',
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ applied: false, xp: 120, balance: 10 });

    const single = await api.request('POST', `/players/${ada}/adjustments`, {
      xpDelta: 5,
      reason: 'typo fix',
    });
    expect(single.status).toBe(201);
    const keys = await api.tandem.db.prisma.ledgerEntry.findMany({
      where: { playerId: ada, source: 'admin' },
      select: { idempotencyKey: true },
    });
    expect(keys).toHaveLength(3);
    expect(keys[2]!.idempotencyKey).toMatch(new RegExp(`^admin-adjust-[0-9a-f-]{36}-${ada}$`));
    await waitFor(async () => api.announced.some((c) => c.entity === 'players' && c.id === ada));
  });

  it('refuses to take totals below zero or to change without a reason, writing nothing', async () => {
    const ada = await player('Ada', { xp: 10, coins: 5 });
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ coinDelta: -6, reason: 'fine' }, 'coinDelta', 'the balance cannot go below zero'],
      [{ xpDelta: 5, coinDelta: -6, reason: 'fine' }, 'coinDelta', 'the balance cannot go below zero'],
      [{ xpDelta: -11, reason: 'fine' }, 'xpDelta', 'XP cannot go below zero'],
      [{ xpDelta: 10 }, 'reason', 'say why'],
      [{ xpDelta: 10, reason: '  ' }, 'reason', 'say why'],
      [{ reason: 'nothing' }, 'xpDelta', 'give some XP or coins'],
      [{ xpDelta: 1.5, reason: 'half' }, 'xpDelta', 'whole number'],
      [{ xpDelta: '10', reason: 'text' }, 'xpDelta', 'must be a number'],
    ];
    for (const [body, field, message] of cases) {
      const answer = await api.request<{ errors: Record<string, unknown> }>(
        'POST',
        `/players/${ada}/adjustments`,
        body,
      );
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.errors[field], JSON.stringify(body)).toContain(message);
    }
    const account = await api.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: ada } });
    expect(account).toMatchObject({ xp: 10, balance: 5 });
    expect(await api.tandem.db.prisma.ledgerEntry.count({ where: { playerId: ada } })).toBe(1);
  });
});
