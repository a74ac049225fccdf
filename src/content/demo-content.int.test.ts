import { afterEach, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { createContentCache } from './content-cache.ts';
import { seedDemoContent } from './demo-content.ts';
import { createMenuButton } from './menu-buttons.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

describe('demo content', () => {
  it('fills empty tables once: a menu, a three-page guide paying 25 XP once, three tasks', async () => {
    tandem = await openTestTandem();
    const [first, second] = await Promise.all([
      seedDemoContent(tandem.db.prisma),
      seedDemoContent(tandem.db.prisma),
    ]);
    expect([first, second]).toContainEqual({ menuButtons: 6, scenarios: 3, tasks: 3 });
    expect([first, second]).toContainEqual({ menuButtons: 0, scenarios: 0, tasks: 0 });
    expect(await seedDemoContent(tandem.db.prisma)).toEqual({ menuButtons: 0, scenarios: 0, tasks: 0 });

    const cache = createContentCache(tandem.db);
    const menu = await cache.menu();
    expect(menu.map((item) => [item.label, item.target.kind])).toEqual([
      ['Profile', 'command'],
      ['Daily bonus', 'command'],
      ['Play', 'command'],
      ['Tasks', 'command'],
      ['How it works', 'scenario'],
      ['Community site', 'url'],
    ]);
    const welcome = await cache.scenarioBySlug('welcome');
    // Every page's buttons resolve (no dangling slug), and exactly one page pays.
    const pages = await Promise.all(
      ['welcome', 'earning', 'ranks'].map((slug) => cache.scenarioBySlug(slug)),
    );
    for (const [i, page] of pages.entries()) {
      const stored = await tandem.db.prisma.scenario.findUniqueOrThrow({ where: { id: page!.id } });
      expect(page!.buttons, `page ${i}`).toHaveLength((stored.buttons as unknown[]).length);
    }
    expect(pages.map((p) => p!.rewardXp)).toEqual([0, 0, 25]);
    expect(menu[4]!.target).toEqual({ kind: 'scenario', scenarioId: welcome!.id });
    expect((await cache.tasks()).map((t) => t.title)).toEqual([
      'Introduce yourself',
      'Invite a friend',
      'Share a highlight',
    ]);
  });

  it('leaves content an admin made alone', async () => {
    tandem = await openTestTandem();
    await createMenuButton(tandem, { label: 'Ours', command: '/daily' });
    expect(await seedDemoContent(tandem.db.prisma)).toEqual({ menuButtons: 0, scenarios: 3, tasks: 3 });
    expect((await tandem.db.prisma.menuButton.findMany()).map((b) => b.label)).toEqual(['Ours']);
  });
});
