import { afterEach, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { type ChangeSubscription, subscribeToChanges } from '../live/changes.ts';
import { createTask, updateTask } from '../tasks/manage-tasks.ts';
import { type ContentCache, createContentCache } from './content-cache.ts';
import { createMenuButton, updateMenuButton } from './menu-buttons.ts';
import { createScenario, updateScenario } from './scenarios.ts';

let tandem: TestTandem;
let subscription: ChangeSubscription | undefined;
afterEach(async () => {
  await subscription?.close();
  subscription = undefined;
  await tandem?.stop();
});

/** A cache wired like a bot process: announced changes of this test's installation drop its entries. */
async function followedCache(): Promise<ContentCache> {
  const cache = createContentCache(tandem.db);
  subscription = await subscribeToChanges(
    tandem.redisUrl,
    tandem.prefix,
    (c) => cache.onChange(c),
    tandem.logger,
  );
  return cache;
}

const labels = async (cache: ContentCache) => (await cache.menu()).map((item) => item.label);

describe('content cache', () => {
  it('serves the menu from memory, and shows an edit right after its change is announced', async () => {
    tandem = await openTestTandem();
    const cache = await followedCache();
    expect(await cache.menu()).toEqual([]);
    const daily = await createMenuButton(tandem, { label: 'Daily', command: '/daily', position: 20 });
    await waitFor(async () => (await labels(cache)).length === 1, 'created button shown');

    // Written behind the services' back (no announcement): the cache keeps answering from memory.
    await tandem.db.prisma.menuButton.update({ where: { id: daily.id }, data: { label: 'Sneaky' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(await labels(cache)).toEqual(['Daily']);

    await updateMenuButton(tandem, { id: daily.id, label: 'Daily bonus' });
    await waitFor(async () => (await labels(cache))[0] === 'Daily bonus', 'edited label shown');

    const site = await createMenuButton(tandem, { label: 'Site', url: 'https://example.org', position: 10 });
    await waitFor(async () => (await labels(cache)).length === 2, 'second button shown');
    expect(await cache.menu()).toEqual([
      { id: site.id, label: 'Site', target: { kind: 'url', url: 'https://example.org' } },
      { id: daily.id, label: 'Daily bonus', target: { kind: 'command', command: '/daily' } },
    ]);
  });

  it('resolves scenario buttons, hides what leads to inactive scenarios, and follows scenario and task edits', async () => {
    tandem = await openTestTandem();
    const cache = await followedCache();
    const guide = await createScenario(tandem, {
      slug: 'guide',
      title: 'Guide',
      text: 'How it works',
      buttons: [
        { label: 'Next', scenario: 'ranks' },
        { label: 'Not written yet', scenario: 'later' },
        { label: 'Daily', command: '/daily' },
      ],
    });
    const ranks = await createScenario(tandem, {
      slug: 'ranks',
      title: 'Ranks',
      text: 'XP sets your rank',
      rewardXp: 25,
    });
    await createMenuButton(tandem, { label: 'Ranks', scenarioId: ranks.id });
    const view = await cache.scenario(guide.id);
    expect(view).toEqual({
      id: guide.id,
      slug: 'guide',
      title: 'Guide',
      text: 'How it works',
      rewardXp: 0,
      rewardCoins: 0,
      buttons: [
        { label: 'Next', target: { kind: 'scenario', scenarioId: ranks.id } },
        { label: 'Daily', target: { kind: 'command', command: '/daily' } },
      ],
    });
    expect(await cache.scenarioBySlug('ranks')).toMatchObject({ id: ranks.id, rewardXp: 25 });
    expect(await labels(cache)).toEqual(['Ranks']);

    // Deactivating a scenario hides it, the buttons leading to it, and the menu button opening it.
    await updateScenario(tandem, { id: ranks.id, active: false });
    await waitFor(async () => (await cache.scenario(ranks.id)) === null, 'inactive scenario hidden');
    expect((await cache.scenario(guide.id))?.buttons.map((b) => b.label)).toEqual(['Daily']);
    expect(await cache.menu()).toEqual([]);

    await updateScenario(tandem, { id: guide.id, text: 'Read me' });
    await waitFor(async () => (await cache.scenario(guide.id))?.text === 'Read me', 'edited text shown');

    expect(await cache.tasks()).toEqual([]);
    const task = await createTask(tandem, { title: 'Say hi', rewardXp: 10 });
    await waitFor(async () => (await cache.tasks()).length === 1, 'created task shown');
    await updateTask(tandem, { id: task.id, active: false });
    await waitFor(async () => (await cache.tasks()).length === 0, 'inactive task hidden');
  });

  it('sees an unannounced edit once its entry expires, and ignores changes of other entities', async () => {
    tandem = await openTestTandem();
    let clock = 1_000_000;
    const cache = createContentCache(tandem.db, 60_000, () => clock);
    const button = await createMenuButton(tandem, { label: 'Daily', command: '/daily' });
    const task = await createTask(tandem, { title: 'Say hi', rewardXp: 10 });
    expect(await labels(cache)).toEqual(['Daily']);
    expect((await cache.tasks())[0]?.title).toBe('Say hi');

    await tandem.db.prisma.menuButton.update({ where: { id: button.id }, data: { label: 'Daily bonus' } });
    await tandem.db.prisma.task.update({ where: { id: task.id }, data: { title: 'Say hello' } });
    cache.onChange({ entity: 'players', action: 'updated', id: 'x' });
    cache.onChange({ entity: 'settings', action: 'updated', id: 'economy' });
    clock += 59_999;
    expect(await labels(cache)).toEqual(['Daily']);
    expect((await cache.tasks())[0]?.title).toBe('Say hi');

    clock += 1;
    expect(await labels(cache)).toEqual(['Daily bonus']);
    expect((await cache.tasks())[0]?.title).toBe('Say hello');
  });
});
