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

async function create(resource: string, body: Record<string, unknown>): Promise<Answer> {
  const answer = await api.request<Answer>('POST', `/${resource}`, body);
  if (answer.status !== 201) throw new Error(`${resource}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

describe('scenarios', () => {
  it('are listed by title with search, created, edited over their version and deleted', async () => {
    await create('scenarios', { slug: 'welcome', title: 'Welcome', text: 'Hello!' });
    await create('scenarios', { slug: 'rules', title: 'House rules', text: 'Be kind.', rewardXp: 10 });
    const faq = await create('scenarios', { slug: 'faq', title: 'FAQ', text: 'Questions' });

    const list = await api.list('scenarios', { range: [0, 1] });
    expect(list.headers.get('content-range')).toBe('scenarios 0-1/3');
    expect(list.body.map((s) => s.title)).toEqual(['FAQ', 'House rules']);
    expect((await api.list('scenarios', { filter: { q: 'RULE' } })).body.map((s) => s.slug)).toEqual([
      'rules',
    ]);
    expect((await api.list('scenarios', { filter: { rewarding: true } })).body.map((s) => s.slug)).toEqual([
      'rules',
    ]);

    const edited = await api.request<Answer>('PUT', `/scenarios/${faq.id}`, { ...faq, text: 'Answers' });
    expect(edited.body).toMatchObject({ text: 'Answers', version: 2 });
    const stale = await api.request<Answer>('PUT', `/scenarios/${faq.id}`, { ...faq, title: 'Old' });
    expect(stale.status).toBe(409);
    const bad = await api.request<Answer>('PUT', `/scenarios/${faq.id}`, {
      ...edited.body,
      slug: 'Not A Slug',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.slug).toContain('lowercase letters');
    expect((await api.request<Answer>('DELETE', `/scenarios/${faq.id}?version=2`)).body).toMatchObject({
      slug: 'faq',
    });
    expect(totalOf(await api.list('scenarios'))).toBe(2);
  });
});

describe('menu buttons', () => {
  it('list in menu order, refuse a button with two targets, and refuse deleting a scenario in use', async () => {
    const welcome = await create('scenarios', { slug: 'welcome', title: 'Welcome', text: 'Hello!' });
    await create('menu_buttons', { label: 'Site', url: 'https://example.org', position: 2 });
    const start = await create('menu_buttons', { label: 'Start', scenarioId: welcome.id, position: 1 });

    const list = await api.list('menu_buttons');
    expect(list.headers.get('content-range')).toBe('menu_buttons 0-1/2');
    expect(list.body.map((b) => b.label)).toEqual(['Start', 'Site']);
    expect((await api.list('menu_buttons', { filter: { scenarioId: welcome.id } })).body).toHaveLength(1);

    const both = await api.request<Answer>('POST', '/menu_buttons', {
      label: 'Both',
      url: 'https://example.org',
      command: 'daily',
    });
    expect(both.status).toBe(400);
    expect(both.body.errors).toMatchObject({ url: 'set only one of scenario, url or command' });

    // The whole record comes back from the form: its null targets do not count as targets.
    const moved = await api.request<Answer>('PUT', `/menu_buttons/${start.id}`, { ...start, position: 5 });
    expect(moved.body).toMatchObject({ position: 5, scenarioId: welcome.id, version: 2 });

    const inUse = await api.request<Answer>('DELETE', `/scenarios/${welcome.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.message).toContain('the menu button "Start"');
    expect((await api.request('DELETE', `/menu_buttons/${start.id}?version=1`)).status).toBe(409);
    expect((await api.request('DELETE', `/menu_buttons/${start.id}?version=2`)).status).toBe(200);
    expect((await api.request('DELETE', `/scenarios/${welcome.id}`)).status).toBe(200);
    await waitFor(async () => api.announced.filter((c) => c.entity === 'menu_buttons').length === 4);
  });
});

describe('tasks', () => {
  it('are listed with pending submissions, need a reward, and keep their submissions', async () => {
    const task = await create('tasks', { title: 'Share the server', rewardXp: 100, proofHint: 'A link' });
    await create('tasks', { title: 'Invite a friend', rewardCoins: 20, active: false });
    const ada = await api.tandem.createPlayer('Ada');
    await api.tandem.db.prisma.taskSubmission.create({
      data: { taskId: task.id as number, playerId: ada, platform: 'telegram', proof: 'https://x.test' },
    });

    const list = await api.list('tasks', { sort: ['title', 'DESC'] });
    expect(list.body).toMatchObject([
      { title: 'Share the server', pendingSubmissions: 1, version: 1 },
      { title: 'Invite a friend', pendingSubmissions: 0, active: false },
    ]);
    expect((await api.list('tasks', { filter: { active: false } })).body).toHaveLength(1);
    expect((await api.list('tasks', { filter: { q: 'share' } })).body).toHaveLength(1);

    const noReward = await api.request<Answer>('POST', '/tasks', { title: 'Nothing' });
    expect(noReward.status).toBe(400);
    expect(noReward.body.errors.rewardXp).toContain('a task needs a reward');
    const zeroed = await api.request<Answer>('PUT', `/tasks/${task.id}`, {
      ...task,
      rewardXp: 0,
      rewardCoins: 0,
    });
    expect(zeroed.status).toBe(400);
    const edited = await api.request<Answer>('PUT', `/tasks/${task.id}`, { ...task, proofHint: '' });
    expect(edited.body).toMatchObject({ proofHint: null, version: 2, pendingSubmissions: 1 });
    const stale = await api.request<Answer>('PUT', `/tasks/${task.id}`, { ...task, rewardXp: 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('This task was changed by someone else');
    const kept = await api.request<Answer>('DELETE', `/tasks/${task.id}`);
    expect(kept.status).toBe(409);
    expect(kept.body.message).toContain('Set it inactive');
    expect(totalOf(await api.list('tasks'))).toBe(2);
  });
});
