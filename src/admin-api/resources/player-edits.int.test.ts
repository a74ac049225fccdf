import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { playerMaker } from '../../../test/support/resources-players.ts';
import { openResourcesTestApp, type ResourcesTestApp } from '../../../test/support/resources-test-app.ts';
import { waitFor } from '../../../test/support/wait-for.ts';

let api: ResourcesTestApp;
beforeEach(async () => {
  api = await openResourcesTestApp();
});
afterEach(async () => {
  await api.close();
});

const player = playerMaker(() => api);

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
