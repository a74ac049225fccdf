// Every admin write leaves an audit row naming the admin, the entity and the row before and after,
// written in the write's own transaction, and the trail is listed with filters. (That it can never be
// changed is in audit-trail-append-only.int.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPayout } from '../../src/payouts/request-payout.ts';
import { submitTask } from '../../src/tasks/submit-task.ts';
import { type AdminApiWorld, json, openAdminApiWorld } from '../support/admin-api-world.ts';
import { type AuditRow, auditTrail } from './support/audit-trail.ts';

let world: AdminApiWorld;
let alice: string;
let aliceId: string;
let carol: string;
let carolId: string;
let operator: string;

beforeAll(async () => {
  world = await openAdminApiWorld();
  aliceId = await world.createAdmin('alice', 'admin');
  carolId = await world.createAdmin('carol', 'admin');
  await world.createAdmin('oscar', 'operator');
  alice = await world.signIn('alice');
  carol = await world.signIn('carol');
  operator = await world.signIn('oscar');
});
afterAll(async () => {
  await world?.stop();
});

const { write, auditOf, auditCount } = auditTrail(() => ({ world, alice }));

describe('the audit trail', () => {
  it('records content, rank, achievement, settings and admin writes with who, what, before and after', async () => {
    const scenario = await write(alice, 'POST', '/api/scenarios', {
      slug: 'rules',
      title: 'Rules',
      text: 'Be kind',
    });
    await write(alice, 'PUT', `/api/scenarios/${scenario.id}`, { title: 'House rules', version: 1 });
    const button = await write(alice, 'POST', '/api/menu_buttons', {
      label: 'Rules',
      scenarioId: scenario.id,
    });
    await write(carol, 'DELETE', `/api/menu_buttons/${button.id}?version=1`, undefined);

    const scenarioRows = await auditOf('scenarios', scenario.id);
    expect(scenarioRows).toHaveLength(2);
    expect(scenarioRows[0]).toMatchObject({
      adminId: aliceId,
      adminUsername: 'alice',
      action: 'create',
      operation: 'insert',
      before: null,
      after: { slug: 'rules', title: 'Rules' },
    });
    expect(scenarioRows[0]!.address).toMatch(/127\.0\.0\.1/);
    expect(scenarioRows[1]).toMatchObject({
      action: 'update',
      operation: 'update',
      before: { title: 'Rules', version: 1 },
      after: { title: 'House rules', version: 2 },
    });
    const buttonRows = await auditOf('menu_buttons', button.id);
    expect(buttonRows.map((r) => [r.adminUsername, r.action, r.operation])).toEqual([
      ['alice', 'create', 'insert'],
      ['carol', 'delete', 'delete'],
    ]);
    expect(buttonRows[1]).toMatchObject({ adminId: carolId, before: { label: 'Rules' }, after: null });

    const task = await write(alice, 'POST', '/api/tasks', { title: 'Share', rewardXp: 10 });
    expect(await auditOf('tasks', task.id)).toMatchObject([{ action: 'create', after: { title: 'Share' } }]);

    const rank = await write(alice, 'POST', '/api/ranks', { name: 'Ascended', minXp: 300_000, priority: 21 });
    await write(alice, 'PUT', `/api/ranks/${rank.id}`, { minXp: 400_000, version: 1 });
    expect(await auditOf('ranks', rank.id)).toMatchObject([
      { action: 'create', after: { name: 'Ascended', min_xp: 300_000 } },
      { action: 'update', before: { min_xp: 300_000 }, after: { min_xp: 400_000 } },
    ]);

    const achievement = await write(alice, 'POST', '/api/achievements', {
      slug: 'talker',
      name: 'Talker',
      rule: { kind: 'messages', count: 10 },
    });
    await write(carol, 'PUT', `/api/achievements/${achievement.id}`, { name: 'Chatter', version: 1 });
    expect(await auditOf('achievements', achievement.id)).toMatchObject([
      { adminUsername: 'alice', action: 'create', after: { slug: 'talker' } },
      { adminUsername: 'carol', action: 'update', before: { name: 'Talker' }, after: { name: 'Chatter' } },
    ]);

    const economy = await json(await world.call('/api/settings/economy', { cookie: alice }));
    await write(alice, 'PUT', '/api/settings/economy', {
      ...economy,
      message: { ...economy.message, cooldownSeconds: 30 },
    });
    const [setting] = await auditOf('settings', 'economy');
    expect(setting).toMatchObject({ action: 'save', operation: 'insert', before: null, entityId: 'economy' });
    expect(setting!.after).toMatchObject({ key: 'economy', value: { message: { cooldownSeconds: 30 } } });

    const bob = await write(alice, 'POST', '/api/admins', {
      username: 'bob',
      password: 'a long enough secret',
      role: 'operator',
    });
    await write(alice, 'PUT', `/api/admins/${bob.id}`, { role: 'admin', version: 1 });
    const adminRows = await auditOf('admins', bob.id);
    expect(adminRows).toMatchObject([
      { action: 'create', after: { username: 'bob', role: 'operator' } },
      { action: 'update', before: { role: 'operator' }, after: { role: 'admin' } },
    ]);
    // The password hash is never copied into the trail.
    for (const row of adminRows) {
      expect(row.before ?? {}).not.toHaveProperty('password_hash');
      expect(row.after).not.toHaveProperty('password_hash');
    }
  });

  it('records player renames and adjustments, task and payout decisions, and event retries', async () => {
    const { tandem } = world;
    const ada = await tandem.createPlayer('Ada');
    await write(alice, 'PUT', `/api/players/${ada}`, { displayName: 'Ada L.', version: 1 });
    await write(alice, 'POST', `/api/players/${ada}/adjustments`, {
      xpDelta: 50,
      coinDelta: 500,
      reason: 'prize',
    });
    const playerRows = await auditOf('players', ada);
    expect(playerRows[0]).toMatchObject({
      action: 'rename',
      before: { display_name: 'Ada' },
      after: { display_name: 'Ada L.' },
    });
    const adjusted = playerRows.filter((r) => r.action === 'adjust');
    expect(adjusted.length).toBeGreaterThan(0);
    expect(adjusted[0]!.before).toMatchObject({ xp: 0, balance: 0 });
    expect(adjusted.at(-1)!.after).toMatchObject({ xp: 50, balance: 500 });

    const task = await tandem.db.prisma.task.create({ data: { title: 'Invite', rewardXp: 20 } });
    const submit = (playerId: string) =>
      submitTask(tandem, { taskId: task.id, playerId, platform: 'telegram', proof: 'done' });
    const { submission: approved } = await submit(ada);
    await write(alice, 'POST', `/api/task_submissions/${approved.id}/approve`, { version: 1 });
    expect(await auditOf('task_submissions', approved.id)).toMatchObject([
      {
        adminId: aliceId,
        action: 'approve',
        before: { status: 'pending', decided_by: null },
        after: { status: 'approved', decided_by: 'alice' },
      },
    ]);
    // The reward it paid is part of the same decision.
    expect((await auditOf('players', ada)).at(-1)).toMatchObject({ action: 'approve', after: { xp: 70 } });
    const bea = await tandem.createPlayer('Bea');
    const { submission: rejected } = await submit(bea);
    await write(carol, 'POST', `/api/task_submissions/${rejected.id}/reject`, {
      version: 1,
      note: 'no proof',
    });
    expect(await auditOf('task_submissions', rejected.id)).toMatchObject([
      { adminUsername: 'carol', action: 'reject', after: { status: 'rejected', note: 'no proof' } },
    ]);

    const hold = (requestId: string) =>
      requestPayout(tandem, { playerId: ada, amount: 100, requestId, source: 'telegram' });
    const { payout: first } = await hold('p1');
    const { payout: second } = await hold('p2');
    await write(alice, 'POST', `/api/payouts/${first.id}/approve`, { version: 1 });
    await write(carol, 'POST', `/api/payouts/${second.id}/decline`, { version: 1, note: 'not this month' });
    expect(await auditOf('payouts', first.id)).toMatchObject([
      {
        adminUsername: 'alice',
        action: 'approve',
        before: { status: 'held' },
        after: { status: 'approved' },
      },
    ]);
    expect(await auditOf('payouts', second.id)).toMatchObject([
      {
        adminUsername: 'carol',
        action: 'decline',
        before: { status: 'held' },
        after: { status: 'declined' },
      },
    ]);
    expect((await auditOf('players', ada)).at(-1)).toMatchObject({
      adminUsername: 'carol',
      action: 'decline',
      before: { balance: 300 },
      after: { balance: 400 },
    });

    const [event] = (
      await tandem.db.pool.query<{ id: string }>(
        `UPDATE sync_events SET status = 'failed', error_message = 'gave up'
          WHERE id = (SELECT id FROM sync_events ORDER BY created_at LIMIT 1) RETURNING id`,
      )
    ).rows;
    await write(operator, 'POST', `/api/sync_events/${event!.id}/retry`, {});
    expect(await auditOf('sync_events', event!.id)).toMatchObject([
      { adminUsername: 'oscar', action: 'retry', before: { status: 'failed' }, after: { status: 'pending' } },
    ]);
  });

  it('is listed with filters by admin, entity and time, in pages with Content-Range', async () => {
    const list = (filter: Record<string, unknown>, range = [0, 99]) =>
      world.call(
        `/api/audit?filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent(JSON.stringify(range))}`,
        { cookie: alice },
      );
    const all = await list({});
    const total = Number(all.headers.get('content-range')?.split('/')[1]);
    expect(total).toBe(await auditCount());
    const page = await list({}, [0, 1]);
    expect(page.headers.get('content-range')).toBe(`audit 0-1/${total}`);
    const rows: AuditRow[] = await json(page);
    // Newest first by default.
    expect(BigInt(rows[0]!.id)).toBeGreaterThan(BigInt(rows[1]!.id));

    const byCarol: AuditRow[] = await json(await list({ adminId: carolId }));
    expect(byCarol.length).toBeGreaterThan(0);
    expect(byCarol.every((r) => r.adminUsername === 'carol')).toBe(true);
    const ranks: AuditRow[] = await json(await list({ entity: ['ranks', 'payouts'] }));
    expect(new Set(ranks.map((r) => r.entity))).toEqual(new Set(['ranks', 'payouts']));
    const future: AuditRow[] = await json(
      await list({ createdAt_gte: new Date(Date.now() + 60_000).toISOString() }),
    );
    expect(future).toEqual([]);
    const past: AuditRow[] = await json(
      await list({ createdAt_lte: new Date(Date.now() + 60_000).toISOString() }),
    );
    expect(past).toHaveLength(total);
    const one = await world.call(`/api/audit/${rows[0]!.id}`, { cookie: alice });
    expect(await json(one)).toEqual(rows[0]);

    expect((await list({ entity: 'ledger' })).status).toBe(400);
    expect((await list({ adminId: 'alice' })).status).toBe(400);
    const forOperators = await world.call('/api/audit', { cookie: operator });
    expect(forOperators.status).toBe(403);
    expect((await json(forOperators)).message).toContain('Only admins');
  });
});
