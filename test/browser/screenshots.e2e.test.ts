import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPayout } from '../../src/payouts/request-payout.ts';
import { approveSubmission, rejectSubmission } from '../../src/tasks/decide-submission.ts';
import { submitTask } from '../../src/tasks/submit-task.ts';
import { type BrowserWorld, type NewPlayer, openBrowserWorld } from '../support/browser.ts';
import { FakeDiscord, FakeTelegram } from '../support/fake-ports.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * The main pages of the panel over a small but lived-in community, saved to
 * test-results/screenshots/ for a person to look at. Each page must show its content (no error, no
 * endless spinner) before it is taken.
 */

const community: NewPlayer[] = [
  { name: 'Dara Okafor', telegram: 'dara_ok', discord: 'dara', xp: 5200, coins: 910 },
  { name: 'Ada Lovelace', telegram: 'ada_l', discord: 'ada.codes', xp: 3180, coins: 420 },
  { name: 'Jade Nguyen', telegram: 'jaden', discord: 'jade', xp: 2950, coins: 330 },
  { name: 'Bjorn Eriksen', discord: 'bjorn', xp: 1450, coins: 180 },
  { name: 'Hana Sato', discord: 'hana.s', xp: 1300, coins: 260 },
  { name: 'Chen Wei', telegram: 'chenwei', xp: 980, coins: 75 },
  { name: 'Elif Yilmaz', discord: 'elif', xp: 610, coins: 40 },
  { name: 'Farah Haddad', telegram: 'farah_h', xp: 240, coins: 12 },
  { name: 'Gus Moreau', telegram: 'gusm', discord: 'gus', xp: 75 },
  { name: 'Ivan Petrov', telegram: 'ivanp', xp: 35 },
];

let world: BrowserWorld;
const ids = new Map<string, string>();
beforeAll(async () => {
  const discord = new FakeDiscord();
  world = await openBrowserWorld({ ports: { discord, telegram: new FakeTelegram() }, attempts: 1 });
  const t = world.tandem;
  const prisma = t.db.prisma;
  // Rank roles on Discord; Scout's sits above the bot's role, so those role changes fail.
  const roles = { Newcomer: '881', Rookie: '882', Scout: '883', Adventurer: '884', Challenger: '885' };
  for (const [name, discordRoleId] of Object.entries(roles)) {
    await prisma.rank.updateMany({ where: { name }, data: { discordRoleId } });
  }
  t.catalog.invalidate();
  discord.forbiddenRoles.add(roles.Scout);
  t.startWorkers();

  for (const player of community) ids.set(player.name, await world.addPlayer(player));
  // Some everyday earning, so the ledger and the chart have more than the first grant.
  for (const [name, playerId] of [...ids].slice(0, 6)) {
    for (const n of [1, 2, 3]) {
      await t.engine.record({
        key: `tg-msg-${n}-${playerId}`,
        playerId,
        type: 'xp_change',
        source: name.length % 2 ? 'telegram' : 'discord',
        xpDelta: 5 + n * 3,
        reason: 'message',
      });
    }
  }

  const tasks = await Promise.all(
    [
      { title: 'Share the launch post', rewardXp: 150, rewardCoins: 50 },
      { title: 'Invite a friend to the server', rewardXp: 100, rewardCoins: 25 },
      { title: 'Stream a ranked match', rewardXp: 300, rewardCoins: 0 },
    ].map((data) => prisma.task.create({ data })),
  );
  const submit = (task: number, name: string, proof: string) =>
    submitTask(t, { taskId: tasks[task]!.id, playerId: ids.get(name)!, platform: 'telegram', proof });
  await submit(0, 'Chen Wei', 'https://t.me/tandem_community/1042');
  await submit(0, 'Farah Haddad', 'https://x.com/farah_h/status/1790012345');
  await submit(1, 'Gus Moreau', 'Invited @leo_plays, he joined yesterday');
  await submit(2, 'Jade Nguyen', 'https://twitch.tv/videos/2231987');
  const approved = await submit(1, 'Ada Lovelace', 'Invited my brother: discord name ada.bro');
  await approveSubmission(t, { submissionId: approved.submission.id, decidedBy: 'alice' });
  const rejected = await submit(0, 'Ivan Petrov', 'done');
  await rejectSubmission(t, {
    submissionId: rejected.submission.id,
    decidedBy: 'alice',
    note: 'Send the link to your post, please.',
  });

  for (const [name, amount] of [
    ['Dara Okafor', 500],
    ['Jade Nguyen', 200],
    ['Bjorn Eriksen', 150],
  ] as const) {
    await requestPayout(t, { playerId: ids.get(name)!, amount, requestId: 'first', source: 'telegram' });
  }

  await t.settle();
  await waitFor(
    async () => (await prisma.syncEvent.count({ where: { status: 'failed' } })) > 0,
    'the refused Scout role failed',
  );
});
afterAll(async () => {
  await world?.stop();
});

/** Each page: where it is, and what shows that it is loaded. */
const pages: Array<{ name: string; route: string; ready: (page: Page) => Promise<void> }> = [
  {
    name: 'dashboard',
    route: '/',
    ready: async (page) => {
      await page.locator('.recharts-surface').first().waitFor();
      await page.getByText('Dara Okafor').first().waitFor();
    },
  },
  { name: 'players', route: '/players', ready: (page) => rows(page, 10) },
  {
    name: 'player-show',
    route: '/players/:Ada Lovelace/show',
    ready: async (page) => {
      await page.getByRole('heading', { level: 2, name: 'Ada Lovelace' }).waitFor();
      await page.locator('tbody tr').first().waitFor();
    },
  },
  { name: 'sync-events', route: '/sync_events', ready: (page) => rows(page, 10) },
  { name: 'task-submissions', route: '/task_submissions', ready: (page) => rows(page, 4) },
  { name: 'payouts', route: '/payouts', ready: (page) => rows(page, 3) },
  { name: 'ledger', route: '/ledger', ready: (page) => rows(page, 10) },
  { name: 'ranks', route: '/ranks', ready: (page) => rows(page, 5) },
  { name: 'texts', route: '/texts', ready: (page) => rows(page, 5) },
  {
    name: 'text-edit',
    route: '/texts/common.coins',
    ready: async (page) => {
      await page.getByTestId('preview-examples').first().waitFor();
    },
  },
  {
    name: 'earning-rules',
    route: '/settings/economy',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Save' }).waitFor();
    },
  },
];

async function rows(page: Page, atLeast: number): Promise<void> {
  await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThanOrEqual(atLeast);
}

describe('screenshots of the main pages', () => {
  it('sign-in', async () => {
    const page = await world.signedOutPage();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await world.screenshot(page, 'sign-in');
  });

  // One tab, moved from page to page as a person clicks through the menu (no reload in between).
  let page: Page;
  it.each(pages)('$name', async ({ name, route, ready }) => {
    const at = route.replace(/:([^/]+)/, (_, player: string) => ids.get(player)!);
    page ??= await world.signedInPage(at);
    await page.goto(`/admin/#${at}`);
    await ready(page);
    // Nothing on the page says it failed to load.
    expect(
      await page
        .getByRole('alert')
        .filter({ hasText: /error|failed|could not/i })
        .count(),
    ).toBe(0);
    await world.screenshot(page, name);
  });

  // The same tab in Russian: the language the admin picks is kept in the browser's store.
  it.each([
    '/',
    '/players',
    '/settings/economy',
    '/texts/common.coins',
    '/sync_events',
    '/task_submissions',
    '/payouts',
    '/ledger',
  ])('in Russian: %s', async (route) => {
    await page.evaluate(`localStorage.setItem('RaStore.locale', JSON.stringify('ru'))`);
    await page.goto(`/admin/#${route}`);
    await page.reload();
    await page.getByText('Сообщество', { exact: true }).waitFor();
    await page.locator('main').getByText(/\S/).first().waitFor();
    await page.waitForLoadState('networkidle');
    await world.screenshot(page, `ru${route.replaceAll('/', '-').replace(/-$/, '') || '-dashboard'}`);
  });

  it('bull-board', async () => {
    const page = await world.signedInTab('/admin/queues');
    // The queue cards, with their job counts, not only the sidebar.
    await expect.poll(() => page.getByText(/^\d+ Jobs$/).count()).toBe(4);
    await world.screenshot(page, 'bull-board');
    await page.close();
  });

  it('left no uncaught error in any page', () => {
    expect(world.pageErrors).toEqual([]);
  });
});
