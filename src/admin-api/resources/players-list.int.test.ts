import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkAccounts } from '../../../test/support/link-accounts.ts';
import { playerMaker } from '../../../test/support/resources-players.ts';
import {
  openResourcesTestApp,
  type ResourcesTestApp,
  totalOf,
} from '../../../test/support/resources-test-app.ts';

let api: ResourcesTestApp;
beforeEach(async () => {
  api = await openResourcesTestApp();
});
afterEach(async () => {
  await api.close();
});

const player = playerMaker(() => api);

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
