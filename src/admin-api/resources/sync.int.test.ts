import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../../test/support/fake-ports.ts';
import {
  openResourcesTestApp,
  type ResourcesTestApp,
  totalOf,
} from '../../../test/support/resources-test-app.ts';
import { waitFor } from '../../../test/support/wait-for.ts';

let api: ResourcesTestApp;
afterEach(async () => {
  await api?.close();
});

async function earn(playerId: string, key: string, xp: number, coins = 0, reason = 'message') {
  return api.tandem.engine.record({
    key: `dc-${key}-${playerId}`,
    playerId,
    type: coins ? 'reward_grant' : 'xp_change',
    source: 'discord',
    xpDelta: xp,
    coinDelta: coins,
    reason,
  });
}

describe('ledger', () => {
  it('lists rows newest first with filters, and shows one; it has no writes', async () => {
    api = await openResourcesTestApp();
    const ada = await api.tandem.createPlayer('Ada');
    const bob = await api.tandem.createPlayer('Bob');
    await earn(ada, 'm1', 20);
    await earn(ada, 'g1', 50, 10, 'game_win');
    await earn(bob, 'm1', 15);

    const all = await api.list('ledger');
    expect(all.headers.get('content-range')).toBe('ledger 0-2/3');
    expect(all.body.map((r) => r.playerName)).toEqual(['Bob', 'Ada', 'Ada']);
    expect(typeof all.body[0]!.id).toBe('string');

    const adas = await api.list('ledger', {
      filter: { playerId: ada, reason: 'game_win' },
      sort: ['createdAt', 'ASC'],
      range: [0, 9],
    });
    expect(adas.body).toMatchObject([
      { playerId: ada, reason: 'game_win', xpDelta: 50, coinDelta: 10, xpAfter: 70, balanceAfter: 10 },
    ]);
    // Only what an index orders is sortable: amounts are filtered, not sorted.
    const byAmount = await api.list('ledger', { sort: ['xpDelta', 'ASC'] });
    expect(byAmount.status).toBe(400);
    expect(byAmount.body).toMatchObject({
      errors: { 'sort.field': 'cannot sort by this field; sortable fields: createdAt' },
    });
    const today = new Date().toISOString().slice(0, 10);
    expect(
      totalOf(
        await api.list('ledger', {
          filter: { createdAt_gte: today, source: ['discord'], playerId: [ada, bob] },
        }),
      ),
    ).toBe(3);
    // A source names millions of rows: it filters one player's rows, never the whole ledger.
    const everySource = await api.list('ledger', { filter: { source: ['discord'] } });
    expect(everySource.status).toBe(400);
    expect(everySource.body).toMatchObject({
      errors: { 'filter.source': expect.stringContaining('add playerId') },
    });
    expect(totalOf(await api.list('ledger', { filter: { createdAt_lte: '2000-01-01' } }))).toBe(0);

    const one = await api.request<Record<string, unknown>>('GET', `/ledger/${all.body[0]!.id}`);
    expect(one.body).toMatchObject({ playerId: bob, xpDelta: 15 });
    expect((await api.request('GET', '/ledger/99999')).status).toBe(404);
    expect((await api.request('PUT', `/ledger/${all.body[0]!.id}`, { xpDelta: 1000 })).status).toBe(404);
    expect((await api.request('DELETE', `/ledger/${all.body[0]!.id}`)).status).toBe(404);
    const bad = await api.list('ledger', { filter: { type: 'gift' } });
    expect(bad.status).toBe(400);
  });
});

describe('sync events', () => {
  /** A linked Discord member whose first XP gives them the first rank, whose role Discord refuses. */
  async function failingRankRole(discord: FakeDiscord) {
    const rank = await api.tandem.db.prisma.rank.findFirstOrThrow({ where: { minXp: 0 } });
    await api.tandem.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: '800' } });
    api.tandem.catalog.invalidate();
    const playerId = await api.tandem.createPlayer('Ada');
    await api.tandem.db.prisma.identity.create({
      data: { playerId, platform: 'discord', platformUserId: '5150' },
    });
    discord.forbiddenRoles.add('800');
    api.tandem.startWorkers();
    await earn(playerId, 'm1', 20);
    let failed: { id: string } | null = null;
    await waitFor(async () => {
      failed = await api.tandem.db.prisma.syncEvent.findFirst({
        where: { type: 'rank_change', status: 'failed' },
      });
      return failed !== null;
    }, 'a failed rank_change');
    return { playerId, eventId: failed!.id };
  }

  it('are listed with status, type, source and player filters', async () => {
    const discord = new FakeDiscord();
    api = await openResourcesTestApp({ ports: { discord, telegram: null }, attempts: 1 });
    const { playerId, eventId } = await failingRankRole(discord);
    await api.tandem.settle();

    const failed = await api.list('sync_events', { filter: { status: 'failed' } });
    expect(failed.headers.get('content-range')).toBe('sync_events 0-0/1');
    expect(failed.body[0]).toMatchObject({
      id: eventId,
      type: 'rank_change',
      source: 'system',
      status: 'failed',
      playerId,
      playerName: 'Ada',
    });
    expect(failed.body[0]!.errorMessage).toContain('Missing Permissions');
    const byType = await api.list('sync_events', {
      filter: { type: ['xp_change'], source: 'discord', playerId },
      sort: ['createdAt', 'ASC'],
    });
    expect(byType.body).toMatchObject([{ type: 'xp_change', status: 'completed' }]);
    expect(totalOf(await api.list('sync_events', { filter: { q: 'Missing Permissions' } }))).toBe(1);
    const bad = await api.list('sync_events', { filter: { status: 'stuck' } });
    expect(bad.status).toBe(400);
    expect((await api.request<{ errors: object }>('GET', '/sync_events?sort=["payload","ASC"]')).status).toBe(
      400,
    );
  });

  it('a failed one is retried once: reopened, its job run again, the role applied once', async () => {
    const discord = new FakeDiscord();
    api = await openResourcesTestApp({ ports: { discord, telegram: null }, attempts: 1 });
    const { eventId } = await failingRankRole(discord);
    discord.forbiddenRoles.clear();

    // Two operators click at once: one retry goes through, the other is told it is queued already.
    const [first, second] = await Promise.all([
      api.request<Record<string, unknown>>('POST', `/sync_events/${eventId}/retry`),
      api.request<Record<string, unknown>>('POST', `/sync_events/${eventId}/retry`),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const ok = first.status === 200 ? first : second;
    expect(ok.body).toMatchObject({ id: eventId, retried: true, job: 'retried' });

    await waitFor(async () => {
      const event = await api.tandem.db.prisma.syncEvent.findUniqueOrThrow({ where: { id: eventId } });
      return event.status === 'completed';
    }, 'the retried event completed');
    expect(discord.rolesOf('5150')).toEqual(['800']);
    expect(discord.calls.filter((c) => c === 'setRankRole 5150 800')).toHaveLength(2);

    const again = await api.request<{ message: string }>('POST', `/sync_events/${eventId}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('completed: nothing to retry');
    expect(
      (await api.request('POST', '/sync_events/00000000-0000-4000-8000-000000000000/retry')).status,
    ).toBe(404);
    await waitFor(async () => api.announced.some((c) => c.entity === 'sync_events' && c.id === eventId));
  });

  it('a failed economy event retried in bulk completes without a second ledger row', async () => {
    api = await openResourcesTestApp();
    const ada = await api.tandem.createPlayer('Ada');
    api.tandem.startWorkers();
    const outcome = await earn(ada, 'm1', 20);
    await api.tandem.settle();
    // A failure written down after the job finished (the worker lost its database mid-way).
    await api.tandem.db.pool.query(
      `UPDATE sync_events SET status = 'failed', error_message = 'connection lost' WHERE id = $1`,
      [outcome.eventId],
    );

    const bulk = await api.request<{ retried: string[]; results: Array<Record<string, unknown>> }>(
      'POST',
      '/sync_events/retry',
      { ids: [outcome.eventId, '00000000-0000-4000-8000-000000000000'] },
    );
    expect(bulk.status).toBe(200);
    expect(bulk.body.retried).toEqual([outcome.eventId]);
    expect(bulk.body.results[1]).toMatchObject({ retried: false, reason: 'no such event' });
    await api.tandem.settle();
    const event = await api.tandem.db.prisma.syncEvent.findUniqueOrThrow({ where: { id: outcome.eventId } });
    expect(event).toMatchObject({ status: 'completed', errorMessage: null });
    expect(await api.tandem.db.prisma.ledgerEntry.count({ where: { playerId: ada } })).toBe(1);
    expect(await api.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: ada } })).toMatchObject({
      xp: 20,
    });

    const empty = await api.request<{ errors: Record<string, string> }>('POST', '/sync_events/retry', {
      ids: [],
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.ids).toBe('choose at least one event');
  });
});

describe('sync states', () => {
  it('are read by player id, filtered by reconcile errors', async () => {
    api = await openResourcesTestApp();
    const ada = await api.tandem.createPlayer('Ada');
    const bob = await api.tandem.createPlayer('Bob');
    await api.tandem.db.prisma.syncState.create({ data: { playerId: ada, lastBalance: 5 } });
    await api.tandem.db.prisma.syncState.create({
      data: { playerId: bob, reconcileErrors: 2, lastError: 'Discord refused' },
    });

    const all = await api.list('sync_states', { sort: ['playerName', 'ASC'] });
    expect(all.headers.get('content-range')).toBe('sync_states 0-1/2');
    expect(all.body).toMatchObject([
      { id: ada, playerId: ada, playerName: 'Ada', lastBalance: 5 },
      { id: bob, playerName: 'Bob' },
    ]);
    const errored = await api.list('sync_states', { filter: { hasError: true } });
    expect(errored.body.map((s) => s.id)).toEqual([bob]);
    const one = await api.request<Record<string, unknown>>('GET', `/sync_states/${bob}`);
    expect(one.body).toMatchObject({ id: bob, lastError: 'Discord refused' });
    const bad = await api.list('sync_states', { filter: { hasError: 'maybe' } });
    expect(bad.status).toBe(400);
    expect((await api.request('GET', '/sync_states/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
