import { afterEach, describe, expect, it } from 'vitest';
import { openResourcesTestApp, type ResourcesTestApp } from '../../test/support/resources-test-app.ts';

let api: ResourcesTestApp;
afterEach(async () => {
  await api?.close();
});

type Answer = { message: string; errors: Record<string, unknown> } & Record<string, unknown>;

describe('the rank role mode in the admin API', () => {
  it('defaults to replace, refuses an unknown mode by its field, and queues a refresh on a switch', async () => {
    api = await openResourcesTestApp();
    const opened = await api.request<Answer>('GET', '/settings/rank-roles');
    expect(opened.body).toMatchObject({ id: 'rank-roles', mode: 'replace', version: 0 });

    const bad = await api.request<Answer>('PUT', '/settings/rank-roles', { mode: 'pile', version: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toMatchObject({ mode: expect.stringContaining('replace, stack') });
    expect(await api.tandem.db.prisma.setting.count()).toBe(0);

    const saved = await api.request<Answer>('PUT', '/settings/rank-roles', { mode: 'stack', version: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ mode: 'stack', version: 1 });
    const refresh = await api.tandem.queues.maintenance.getJob('rank-roles-mode-1');
    expect(refresh?.data).toEqual({ task: 'reconcile' });

    // Saving the mode it already has changes nothing on Discord: no run is queued.
    const same = await api.request<Answer>('PUT', '/settings/rank-roles', { mode: 'stack', version: 1 });
    expect(same.status).toBe(200);
    expect(await api.tandem.queues.maintenance.getJob('rank-roles-mode-2')).toBeUndefined();
  });
});
