import { beforeAll, describe, expect, it } from 'vitest';
import { queueNames } from '../../src/sync/queues.ts';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';
import { FakeDiscord } from '../support/fake-ports.ts';
import { shownText } from '../support/panel-page.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * A sync event Discord refused: the operator finds it with its error in the panel and in Bull Board,
 * fixes the cause, retries it from the panel, and it is applied exactly once.
 */

const rookieRole = '880000000000000001';
const memberId = '770000000000000042';

let world: BrowserWorld;
let discord: FakeDiscord;
let playerId: string;
let eventId: string;
beforeAll(async () => {
  discord = new FakeDiscord();
  world = await openBrowserWorld({ ports: { discord, telegram: null }, attempts: 1 });
  const prisma = world.tandem.db.prisma;
  await prisma.rank.updateMany({ where: { name: 'Rookie' }, data: { discordRoleId: rookieRole } });
  world.tandem.catalog.invalidate();
  // The bot's role sits below Rookie's: Discord refuses to assign it.
  discord.forbiddenRoles.add(rookieRole);
  world.tandem.startWorkers();
  playerId = await world.addPlayer({ name: 'Zoe Quinn', discord: 'zoeq', discordId: memberId, xp: 600 });
  await waitFor(async () => {
    const failed = await prisma.syncEvent.findFirst({
      where: { playerId, type: 'rank_change', status: 'failed' },
    });
    eventId = failed?.id ?? '';
    return failed !== null;
  }, 'the rank_change event failed');
});
closeBrowserWorldAfterTests(() => world);

describe('a failed sync event', () => {
  it('is listed in the panel with its error, and shown with it', async () => {
    const page = await world.signedInPage('/sync_events');
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Failed' }).click();
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.filter({ hasText: 'Zoe Quinn' });
    expect(await shownText(row)).toMatch(/Rank change[\s\S]*Failed[\s\S]*Missing Permissions/i);
    await row.getByRole('button', { name: 'Retry' }).waitFor();

    await row.click();
    await page.getByText(/Failed after 1 attempt: .*Missing Permissions/).waitFor();
    expect(page.url()).toContain(`#/sync_events/${eventId}/show`);
  });

  it('is in Bull Board’s failed jobs of the platform queue, opened from the panel with the same sign-in', async () => {
    const panel = await world.signedInPage('/sync_events');
    // The menu's Queues item opens Bull Board in a new tab: no second sign-in.
    const [board] = await Promise.all([
      panel.context().waitForEvent('page'),
      panel.getByRole('menuitem', { name: 'Queues' }).click(),
    ]);
    await board.getByRole('navigation').getByRole('link', { name: queueNames.platform }).click();
    await board.getByRole('heading', { level: 1, name: queueNames.platform }).waitFor();
    await board.getByRole('link', { name: 'FAILED 1' }).click();
    const key = (await world.tandem.db.prisma.syncEvent.findUniqueOrThrow({ where: { id: eventId } }))
      .idempotencyKey;
    await board.getByRole('link', { name: key }).waitFor();
    await board
      .getByRole('tabpanel', { name: 'Error' })
      .getByText(/Missing Permissions/)
      .waitFor();
  });

  it('retried from the panel once the cause is fixed, completes exactly once', async () => {
    const prisma = world.tandem.db.prisma;
    // The community's owner moved the bot's role above Rookie's.
    discord.forbiddenRoles.clear();
    const callsBefore = discord.calls.length;
    // One ledger row, the XP that moved Zoe to Rookie; a rank change never writes one.
    const ledgerBefore = await prisma.ledgerEntry.count({ where: { playerId } });
    expect(ledgerBefore).toBe(1);

    const page = await world.signedInPage(`/sync_events/${eventId}/show`);
    const retry = page.getByRole('button', { name: 'Retry' });
    await retry.click();
    await page.getByText('Queued again: the event will be applied once.').waitFor();
    // The page follows the event live: no reload, the status turns completed.
    await page.locator('[data-status="completed"]').waitFor();
    await retry.waitFor({ state: 'detached' });

    await world.tandem.settle();
    const event = await prisma.syncEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(event).toMatchObject({ status: 'completed', errorMessage: null });
    const roleWrites = discord.calls
      .slice(callsBefore)
      .filter((call) => /^(setRankRole|grantRole)/.test(call));
    expect(roleWrites).toEqual([`setRankRole ${memberId} ${rookieRole}`]);
    expect(discord.rolesOf(memberId)).toEqual([rookieRole]);
    expect(await prisma.ledgerEntry.count({ where: { playerId } })).toBe(ledgerBefore);
    expect(await prisma.syncEvent.count({ where: { playerId, type: 'rank_change' } })).toBe(1);

    // Bull Board agrees: nothing failed is left on the platform queue.
    await page.goto(`/admin/queues/queue/${queueNames.platform}?status=failed`);
    await page.getByRole('link', { name: 'FAILED', exact: true }).waitFor();
    expect(await world.tandem.queues.platform.getFailedCount()).toBe(0);
  });
});
