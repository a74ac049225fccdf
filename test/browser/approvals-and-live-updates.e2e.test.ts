import type { Route } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { submitTask } from '../../src/tasks/submit-task.ts';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';
import { shownText } from '../support/panel-page.ts';

/** What an admin sees move: a reward paid by their approval, and changes made by someone else. */

let world: BrowserWorld;
beforeAll(async () => {
  world = await openBrowserWorld();
});
closeBrowserWorldAfterTests(() => world);

describe('task submissions', () => {
  it('approved from the panel pay the reward once: the player’s balance changes', async () => {
    const mia = await world.addPlayer({ name: 'Mia Wong', telegram: 'miaw', xp: 200, coins: 15 });
    const task = await world.tandem.db.prisma.task.create({
      data: { title: 'Share the launch post', rewardXp: 150, rewardCoins: 50 },
    });
    await submitTask(world.tandem, {
      taskId: task.id,
      playerId: mia,
      platform: 'telegram',
      proof: 'https://t.me/tandem_community/42',
    });

    const page = await world.signedInPage(`/players/${mia}/show`);
    // The head of the player's page (its labels are shown in capitals).
    const summary = page.locator('.MuiCard-root', { hasText: 'Player since' });
    await expect.poll(() => shownText(summary)).toMatch(/Coins\s*15\b/i);

    await page.getByRole('menuitem', { name: 'Task submissions' }).click();
    const row = page.locator('tbody tr', { hasText: 'Mia Wong' });
    await row.getByText('Share the launch post').waitFor();
    await row.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved: the reward is paid.').waitFor();
    // The list shows pending submissions: the decided one leaves it.
    await row.waitFor({ state: 'detached' });

    await page.getByRole('menuitem', { name: 'Players' }).click();
    const listed = page.locator('tbody tr', { hasText: 'Mia Wong' });
    await expect.poll(() => shownText(listed)).toMatch(/350\s*XP[\s\S]*65/);
    await listed.click();
    await expect.poll(() => shownText(summary)).toMatch(/XP\s*350\s*Coins\s*65\b/i);

    const ledger = await world.tandem.db.prisma.ledgerEntry.findMany({
      where: { playerId: mia, reason: 'task' },
    });
    expect(ledger).toMatchObject([{ source: 'admin', xpDelta: 150, coinDelta: 50 }]);
    expect((ledger[0]!.metadata as Record<string, unknown>).decidedBy).toBe('alice');

    // The audit trail names the approver; the row opens on the fields the decision changed.
    await page.getByRole('menuitem', { name: 'Audit' }).click();
    const audited = page.locator('tbody tr', { hasText: 'Task submissions' });
    await expect.poll(() => shownText(audited)).toMatch(/alice[\s\S]*approve/);
    await audited.click();
    const status = page.locator('tbody tr', { hasText: /^status/ });
    await expect.poll(() => shownText(status)).toMatch(/status\s*pending\s*approved/);
  });
});

describe('live updates', () => {
  it('show another admin’s adjustment on the open list without a reload, and the connection state', async () => {
    await world.addPlayer({ name: 'Liam Ortiz', discord: 'liam', xp: 900 });
    const noah = await world.addPlayer({ name: 'Noah Park', telegram: 'noahp', xp: 40 });
    const page = await world.signedInPage('/players');
    const rows = page.locator('tbody tr');
    const noahRow = rows.filter({ hasText: 'Noah Park' });
    await noahRow.waitFor();
    await expect.poll(() => shownText(noahRow)).toMatch(/\b40\s*XP/);
    // Survives only as long as the document: a reload would drop it.
    await page.evaluate('window.tandemTestMark = "still the same page"');

    const bruno = await world.otherSession('bruno');
    const sent = Date.now();
    await bruno(`/api/players/${noah}/adjustments`, {
      body: { xpDelta: 2000, coinDelta: 25, reason: 'Won the spring tournament' },
    });
    await expect.poll(() => shownText(noahRow), { timeout: 3_000, interval: 50 }).toMatch(/2,040\s*XP/);
    const seenAfterMs = Date.now() - sent;
    // Sorted by XP, Noah now leads.
    expect(await shownText(rows.first())).toContain('Noah Park');
    expect(await page.evaluate('window.tandemTestMark')).toBe('still the same page');
    expect(seenAfterMs).toBeLessThan(3_000);

    const live = page.locator('[data-live-status]');
    expect(await shownText(live)).toBe('Live');
    const restore = await world.cutLiveConnection(page);
    await page.locator('[data-live-status="reconnecting"]').waitFor();
    expect(await shownText(live)).toBe('Reconnecting…');

    // What happens while the page is cut off shows up once it is back.
    await bruno(`/api/players/${noah}/adjustments`, {
      body: { xpDelta: 0, coinDelta: 100, reason: 'Prize money' },
    });
    await restore();
    await page.locator('[data-live-status="live"]').waitFor({ timeout: 15_000 });
    expect(await shownText(live)).toBe('Live');
    await expect.poll(() => shownText(noahRow)).toMatch(/2,040\s*XP[\s\S]*\b125\b/);
    expect(await page.evaluate('window.tandemTestMark')).toBe('still the same page');
  });

  it('keep the admin signed in through a short API outage', async () => {
    const page = await world.signedInPage('/players');
    await page.locator('[data-live-status="live"]').waitFor();
    // The API is unreachable from this page for a moment (a restart), and its live connection
    // drops from the server side: the panel re-checks the session, which must not sign anyone out.
    const refuse = (route: Route) => route.abort('connectionrefused');
    await page.route('**/api/**', refuse);
    const restoreLive = await world.cutLiveConnection(page);
    await page.locator('[data-live-status="reconnecting"]').waitFor();
    await page.getByRole('menuitem', { name: 'Ranks' }).click();
    await expect.poll(() => page.url()).toContain('#/ranks');
    await page.unroute('**/api/**', refuse);
    await restoreLive();
    await page.locator('[data-live-status="live"]').waitFor({ timeout: 15_000 });
    expect(page.url()).not.toContain('#/login');
    await page.getByText('Newcomer').first().waitFor();
  });
});
