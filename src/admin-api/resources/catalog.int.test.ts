import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

type Answer = { message: string; errors: Record<string, unknown> } & Record<string, unknown>;

describe('ranks', () => {
  it('list the seeded table by priority, filtered and paged', async () => {
    const page = await api.list('ranks', { range: [0, 4] });
    expect(page.headers.get('content-range')).toBe('ranks 0-4/20');
    expect(page.body.map((r) => r.name)).toEqual(['Newcomer', 'Rookie', 'Scout', 'Adventurer', 'Challenger']);
    const top = await api.list('ranks', { sort: ['minXp', 'DESC'], range: [0, 0] });
    expect(top.body[0]).toMatchObject({ name: 'Immortal', minXp: 254_000, version: 1 });
    expect(totalOf(await api.list('ranks', { filter: { q: 'master' } }))).toBe(2);
    expect(totalOf(await api.list('ranks', { filter: { hasRole: true } }))).toBe(0);
  });

  it('are created, edited and deleted: validated, versioned, the catalog dropped and the change announced', async () => {
    const created = await api.request<Answer>('POST', '/ranks', {
      name: 'Ascended',
      minXp: 300_000,
      priority: 21,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Ascended', discordRoleId: null, active: true, version: 1 });
    const id = created.body.id as number;
    expect((await api.tandem.catalog.get()).ranks.some((r) => r.name === 'Ascended')).toBe(true);

    const edited = await api.request<Answer>('PUT', `/ranks/${id}`, {
      ...created.body,
      minXp: 310_000,
      discordRoleId: '123456789012345678',
    });
    expect(edited.body).toMatchObject({ minXp: 310_000, discordRoleId: '123456789012345678', version: 2 });
    expect((await api.tandem.catalog.get()).ranks.find((r) => r.id === id)?.minXp).toBe(310_000);

    const stale = await api.request<Answer>('PUT', `/ranks/${id}`, { ...created.body, minXp: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('This rank was changed by someone else');

    const staleDelete = await api.request<Answer>('DELETE', `/ranks/${id}?version=1`);
    expect(staleDelete.status).toBe(409);
    const deleted = await api.request<Answer>('DELETE', `/ranks/${id}?version=2`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id, name: 'Ascended' });
    expect((await api.request('GET', `/ranks/${id}`)).status).toBe(404);
    await waitFor(async () => api.announced.filter((c) => c.entity === 'ranks').length === 3);
    expect(api.announced.filter((c) => c.entity === 'ranks').map((c) => c.action)).toEqual([
      'created',
      'updated',
      'deleted',
    ]);
  });

  it('refuse bad values and taken names or priorities next to the field, writing nothing', async () => {
    const rookie = (await api.list('ranks', { filter: { q: 'rookie' } })).body[0]!;
    const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
      [{ name: 'Low', minXp: -1, priority: 30 }, { minXp: 'cannot be negative' }],
      [{ name: '', minXp: 5, priority: 30 }, { name: 'is required' }],
      [{ name: 'Rookie', minXp: 5, priority: 30 }, { name: 'another rank is already called "Rookie"' }],
      [
        { name: 'Other', minXp: 5, priority: 2 },
        { priority: 'rank "Rookie" already has priority 2: pick a free one' },
      ],
      [
        { name: 'Other', minXp: 5, priority: 30, discordRoleId: '@mods' },
        { discordRoleId: 'must be a Discord role id' },
      ],
    ];
    for (const [body, fields] of cases) {
      const answer = await api.request<Answer>('POST', '/ranks', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      for (const [field, message] of Object.entries(fields))
        expect(answer.body.errors[field], field).toContain(message);
    }
    const rename = await api.request<Answer>('PUT', `/ranks/${rookie.id}`, { ...rookie, name: 'Newcomer' });
    expect(rename.status).toBe(400);
    expect(rename.body.errors.name).toBe('another rank is already called "Newcomer"');
    expect(totalOf(await api.list('ranks'))).toBe(20);
    expect((await api.request<Answer>('GET', `/ranks/${rookie.id}`)).body).toMatchObject({
      name: 'Rookie',
      version: 1,
    });
  });
});

describe('achievements', () => {
  it('list with unlock counts, filtered by rule kind and text', async () => {
    const page = await api.list('achievements', { sort: ['slug', 'ASC'], range: [0, 2] });
    expect(page.status).toBe(200);
    expect(totalOf(page)).toBeGreaterThan(3);
    expect(page.body[0]).toHaveProperty('unlockedBy', 0);
    const streaks = await api.list('achievements', { filter: { kind: 'daily_streak' } });
    expect(streaks.body.map((a) => a.slug).sort()).toEqual(['month-streak', 'week-streak']);
    const found = await api.list('achievements', {
      filter: { q: 'fire', kind: ['daily_streak', 'messages'] },
    });
    expect(found.body.map((a) => a.slug)).toEqual(['week-streak']);
    expect((await api.list('achievements', { filter: { kind: 'luck' } })).status).toBe(400);
  });

  it('validate the rule, check the version, and keep those players unlocked', async () => {
    const created = await api.request<Answer>('POST', '/achievements', {
      slug: 'talker',
      name: 'Talker',
      rule: { kind: 'messages', count: 10 },
      rewardCoins: 5,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'talker', rule: { kind: 'messages', count: 10 }, version: 1 });
    const id = created.body.id as number;

    const badRule = await api.request<Answer>('PUT', `/achievements/${id}`, {
      ...created.body,
      rule: { kind: 'messages', count: 0 },
    });
    expect(badRule.status).toBe(400);
    expect(Object.keys(badRule.body.errors)).toContain('rule.count');
    const unknownKind = await api.request<Answer>('POST', '/achievements', {
      slug: 'lucky',
      name: 'Lucky',
      rule: { kind: 'luck' },
    });
    expect(unknownKind.status).toBe(400);
    expect(Object.keys(unknownKind.body.errors)).toContain('rule.kind');

    const edited = await api.request<Answer>('PUT', `/achievements/${id}`, {
      ...created.body,
      rule: { kind: 'messages', count: 20 },
    });
    expect(edited.body).toMatchObject({ rule: { kind: 'messages', count: 20 }, version: 2 });
    const stale = await api.request<Answer>('PUT', `/achievements/${id}`, { ...created.body, name: 'Old' });
    expect(stale.status).toBe(409);
    const taken = await api.request<Answer>('POST', '/achievements', {
      slug: 'talker',
      name: 'Again',
      rule: { kind: 'first_game' },
    });
    expect(taken.body.errors.slug).toContain('another achievement already uses "talker"');

    const ada = await api.tandem.createPlayer('Ada');
    await api.tandem.db.prisma.playerAchievement.create({ data: { playerId: ada, achievementId: id } });
    const refused = await api.request<Answer>('DELETE', `/achievements/${id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('1 player has unlocked this achievement');
    expect((await api.request<Answer>('GET', `/achievements/${id}`)).body).toMatchObject({ unlockedBy: 1 });
    await api.tandem.db.prisma.playerAchievement.deleteMany({ where: { achievementId: id } });
    expect((await api.request('DELETE', `/achievements/${id}?version=2`)).status).toBe(200);
    await waitFor(async () => api.announced.filter((c) => c.entity === 'achievements').length === 3);
  });
});
