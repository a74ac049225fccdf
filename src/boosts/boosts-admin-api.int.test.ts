import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openResourcesTestApp, type ResourcesTestApp } from '../../test/support/resources-test-app.ts';

let api: ResourcesTestApp;
beforeAll(async () => {
  api = await openResourcesTestApp();
});
afterAll(async () => {
  await api?.close();
});

type Answer = { message: string; errors: Record<string, unknown> } & Record<string, unknown>;

const weekend = {
  name: 'Double weekend',
  startsAt: '2026-12-12T00:00:00.000Z',
  endsAt: '2026-12-14T00:00:00.000Z',
  factor: 2,
  sources: ['message', 'voice'],
};

async function boostCount() {
  const { rows } = await api.tandem.db.pool.query('SELECT count(*)::int AS n FROM boosts');
  return rows[0].n as number;
}

describe('the boosts resource', () => {
  it('creates, edits (versioned) and deletes a boost', async () => {
    const created = await api.request<Answer>('POST', '/boosts', weekend);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...weekend, active: true, version: 1 });
    const id = created.body.id as number;
    const edited = await api.request<Answer>('PUT', `/boosts/${id}`, { ...created.body, factor: 3 });
    expect(edited.body).toMatchObject({ factor: 3, version: 2 });
    const stale = await api.request<Answer>('PUT', `/boosts/${id}`, { ...created.body, factor: 4 });
    expect(stale.status).toBe(409);
    expect((await api.request('DELETE', `/boosts/${id}?version=2`)).status).toBe(200);
    expect(await boostCount()).toBe(0);
  });

  it.each([
    [{ ...weekend, endsAt: weekend.startsAt }, 'endsAt', 'must be after startsAt'],
    [{ ...weekend, endsAt: '2026-12-11T00:00:00Z' }, 'endsAt', 'must be after startsAt'],
    [{ ...weekend, factor: 11 }, 'factor', 'at most 10'],
    [{ ...weekend, factor: 0 }, 'factor', 'at least 0.1'],
    [{ ...weekend, sources: [] }, 'sources', 'pick at least one source'],
    [{ ...weekend, sources: ['shop'] }, 'sources.0', 'each must be one of'],
    [{ ...weekend, startsAt: 'saturday' }, 'startsAt', 'must be a date and time'],
    [{ ...weekend, name: ' ' }, 'name', 'is required'],
  ])('refuses %o with a field error and writes nothing', async (body, field, message) => {
    const answer = await api.request<Answer>('POST', '/boosts', body);
    expect(answer.status).toBe(400);
    expect(String(answer.body.errors[field])).toContain(message);
    expect(await boostCount()).toBe(0);
  });

  it('refuses an edit that moves the end before the stored start', async () => {
    const created = await api.request<Answer>('POST', '/boosts', weekend);
    const id = created.body.id as number;
    const answer = await api.request<Answer>('PUT', `/boosts/${id}`, { endsAt: '2026-12-01T00:00:00Z' });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toMatchObject({ endsAt: 'must be after startsAt' });
    const stored = await api.request<Answer>('GET', `/boosts/${id}`);
    expect(stored.body).toMatchObject({ endsAt: weekend.endsAt, version: 1 });
  });
});

describe('the audit trail', () => {
  it('names the admin who created a boost', async () => {
    const created = await api.request<Answer>('POST', '/boosts', { ...weekend, name: 'Audited' });
    const { rows } = await api.tandem.db.pool.query(
      `SELECT action FROM admin_audit WHERE entity = 'boosts' AND entity_id = $1`,
      [String(created.body.id)],
    );
    expect(rows.map((r) => r.action)).toContain('create');
  });
});

describe('channel and global multipliers in the earning rules', () => {
  it('are saved for Discord channels and Telegram groups, and refused out of range with field errors', async () => {
    const economy = await api.request<Answer>('GET', '/settings/economy');
    const bad = await api.request<Answer>('PUT', '/settings/economy', {
      ...economy.body,
      channelMultipliers: { '-1001': 11 },
      globalMultiplier: -1,
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors)).toEqual(
      expect.arrayContaining(['channelMultipliers.-1001', 'globalMultiplier']),
    );
    const saved = await api.request<Answer>('PUT', '/settings/economy', {
      ...economy.body,
      channelMultipliers: { '-1001': 2, '123456789012345678': 1.5 },
      globalMultiplier: 1.2,
    });
    expect(saved.status).toBe(200);
    const rules = await api.tandem.settings.economy();
    expect(rules.channelMultipliers).toEqual({ '-1001': 2, '123456789012345678': 1.5 });
    expect(rules.globalMultiplier).toBe(1.2);
  });
});
