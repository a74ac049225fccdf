import { afterEach, describe, expect, it } from 'vitest';
import {
  openResourcesTestApp,
  type ResourcesTestApp,
  totalOf,
} from '../../../test/support/resources-test-app.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import type { EconomySettings } from '../../economy/earning-rules.ts';
import { verifyPassword } from '../auth/passwords.ts';
import type { Dashboard } from './dashboard-data.ts';

let api: ResourcesTestApp;
afterEach(async () => {
  await api?.close();
});

type Answer = { message: string; errors: Record<string, unknown> } & Record<string, unknown>;

describe('settings', () => {
  it('show the earning rules with their defaults, saved over the version with field errors', async () => {
    api = await openResourcesTestApp();
    const list = await api.list('settings');
    expect(list.headers.get('content-range')).toBe('settings 0-5/6');
    expect(list.body[0]).toMatchObject({ id: 'economy', version: 0 });

    const economy = await api.request<EconomySettings & { id: string; version: number }>(
      'GET',
      '/settings/economy',
    );
    expect(economy.body).toMatchObject({
      id: 'economy',
      version: 0,
      updatedAt: null,
      message: { minXp: 15, maxXp: 25, cooldownSeconds: 60 },
      daily: { baseXp: 100 },
    });

    const bad = await api.request<Answer>('PUT', '/settings/economy', {
      ...economy.body,
      message: { ...economy.body.message, minXp: 40, maxXp: 30 },
      game: { ...economy.body.game, maxAttempts: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toMatchObject({
      'message.minXp': 'message.minXp must be less than or equal to message.maxXp',
    });
    expect(Object.keys(bad.body.errors)).toContain('game.maxAttempts');
    expect(await api.tandem.db.prisma.setting.count()).toBe(0);

    const saved = await api.request<Answer>('PUT', '/settings/economy', {
      ...economy.body,
      message: { ...economy.body.message, cooldownSeconds: 30 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, message: { cooldownSeconds: 30, minXp: 15 } });
    expect((await api.tandem.settings.economy()).message.cooldownSeconds).toBe(30);

    const stale = await api.request<Answer>('PUT', '/settings/economy', { ...economy.body });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('changed by someone else');
    expect((await api.request('GET', '/settings/secrets')).status).toBe(404);
    await waitFor(async () => api.announced.some((c) => c.entity === 'settings' && c.id === 'economy'));
  });
});

describe('admins', () => {
  it('are created with a hashed password, listed without it, and edited over their version', async () => {
    api = await openResourcesTestApp();
    const created = await api.request<Answer>('POST', '/admins', {
      username: 'bob',
      password: 'correct horse battery',
      role: 'operator',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ username: 'bob', role: 'operator', active: true, version: 1 });
    expect(created.body).not.toHaveProperty('passwordHash');
    const row = await api.tandem.db.prisma.admin.findUniqueOrThrow({ where: { username: 'bob' } });
    expect(await verifyPassword('correct horse battery', row.passwordHash)).toBe(true);

    const list = await api.list('admins');
    expect(list.headers.get('content-range')).toBe('admins 0-1/2');
    expect(list.body.map((a) => a.username)).toEqual(['alice', 'bob']);
    expect(JSON.stringify(list.body)).not.toContain('hash');
    expect(totalOf(await api.list('admins', { filter: { role: 'operator' } }))).toBe(1);

    const promoted = await api.request<Answer>('PUT', `/admins/${created.body.id}`, {
      ...created.body,
      role: 'admin',
      password: 'a new password!',
    });
    expect(promoted.body).toMatchObject({ role: 'admin', mustChangePassword: true, version: 2 });
    const stale = await api.request<Answer>('PUT', `/admins/${created.body.id}`, {
      ...created.body,
      active: false,
    });
    expect(stale.status).toBe(409);

    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ username: 'bob', password: 'long enough pw' }, 'username', '"bob" is taken'],
      [{ username: 'carol', password: 'short' }, 'password', 'at least 12 characters'],
      [{ username: 'c d', password: 'long enough pw' }, 'username', 'letters, digits'],
      [{ username: 'carol', password: 'long enough pw', role: 'root' }, 'role', 'must be admin or operator'],
    ];
    for (const [body, field, message] of cases) {
      const answer = await api.request<Answer>('POST', '/admins', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.errors[field], field).toContain(message);
    }
    expect(totalOf(await api.list('admins'))).toBe(2);
  });

  it('cannot lock themselves out: no self-demotion, deactivation or password reset', async () => {
    api = await openResourcesTestApp();
    const opened = (await api.request<Answer>('GET', `/admins/${api.admin.id}`)).body;
    // Saving one's own record as the form sends it (role and active unchanged) is fine.
    const me = (await api.request<Answer>('PUT', `/admins/${api.admin.id}`, opened)).body;
    expect(me).toMatchObject({ role: 'admin', active: true, version: 2 });
    for (const [change, field] of [
      [{ role: 'operator' }, 'role'],
      [{ active: false }, 'active'],
      [{ password: 'another long one' }, 'password'],
    ] as const) {
      const answer = await api.request<Answer>('PUT', `/admins/${api.admin.id}`, { ...me, ...change });
      expect(answer.status).toBe(400);
      expect(answer.body.errors[field]).toMatch(/yourself|your own/);
    }
    expect(await api.tandem.db.prisma.admin.findUniqueOrThrow({ where: { id: api.admin.id } })).toMatchObject(
      {
        role: 'admin',
        active: true,
        version: 2,
      },
    );
  });

  it('are closed to operators, reads included', async () => {
    api = await openResourcesTestApp({ role: 'operator' });
    const answer = await api.list('admins');
    expect(answer.status).toBe(403);
  });
});

describe('dashboard', () => {
  it('sums up events, queues, the last reconcile, top players and what waits for an admin', async () => {
    api = await openResourcesTestApp();
    const ada = await api.tandem.createPlayer('Ada');
    await api.tandem.db.prisma.identity.createMany({
      data: [
        { playerId: ada, platform: 'telegram', platformUserId: '1' },
        { playerId: ada, platform: 'discord', platformUserId: '2' },
      ],
    });
    api.tandem.startWorkers();
    await api.tandem.engine.record({
      key: `tg-daily-1-${ada}`,
      playerId: ada,
      type: 'reward_grant',
      source: 'telegram',
      xpDelta: 100,
      coinDelta: 50,
      reason: 'daily',
    });
    await api.tandem.settle();
    await api.tandem.db.prisma.reconcileRun.create({
      data: {
        finishedAt: new Date(),
        playersChecked: 1,
        rolesFixed: 1,
        findings: [{ kind: 'role_drift', playerId: ada }],
      },
    });

    const { status, body } = await api.request<Dashboard>('GET', '/dashboard');
    expect(status).toBe(200);
    expect(body.eventsPerMinute).toHaveLength(60);
    expect(body.eventsPerMinute.at(-1)).toMatchObject({ completed: expect.any(Number), failed: 0 });
    // The daily reward, and the rank change it brought.
    expect(body.countsByStatus).toEqual({ pending: 0, processing: 0, completed: 2, failed: 0 });
    const completed = body.eventsPerMinute.map((point) => point.completed);
    expect(completed.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect(body.queues.map((q) => q.name)).toEqual([
      'economy-events',
      'platform-sync',
      'notifications',
      'maintenance',
    ]);
    expect(body.queues[0]).toMatchObject({ completed: 1, failed: 0, waiting: 0, error: null });
    expect(body.lastReconcile).toMatchObject({ playersChecked: 1, rolesFixed: 1, findingsCount: 1 });
    expect(body.lastReconcile?.findings).toEqual([{ kind: 'role_drift', playerId: ada }]);
    expect(body.topPlayers).toMatchObject([{ position: 1, playerId: ada, displayName: 'Ada', xp: 100 }]);
    expect(body.totals).toEqual({
      players: 1,
      linkedPlayers: 1,
      heldPayouts: 0,
      heldCoins: 0,
      pendingSubmissions: 0,
      failedEvents: 0,
    });
  });
});
