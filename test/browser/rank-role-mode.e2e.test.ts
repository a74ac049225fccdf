import { beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';

/**
 * An admin switches rank roles from replace to stack on the panel's Rank roles page: the setting is
 * saved over its version, and a reconcile run is queued to bring every member in line.
 */

let world: BrowserWorld;

beforeAll(async () => {
  world = await openBrowserWorld();
});

closeBrowserWorldAfterTests(() => world);

describe('the Rank roles page', () => {
  it('is reached from the menu and switches the mode, which queues the members’ refresh', async () => {
    const page = await world.signedInPage('/');
    await page.getByRole('menuitem', { name: 'Rank roles' }).click();
    const stack = page.getByLabel('Stack: the roles of every rank up to the current one');
    await stack.waitFor();
    // The form shows the saved mode once the setting has loaded.
    const replace = page.getByLabel('Replace: only the role of the current rank');
    await expect.poll(() => replace.isChecked()).toBe(true);
    await stack.check();
    await page.getByRole('button', { name: 'Save' }).click();

    await expect
      .poll(
        async () =>
          (await world.tandem.db.prisma.setting.findUnique({ where: { key: 'rank-roles' } }))?.value,
      )
      .toEqual({ mode: 'stack' });
    // The refresh is queued once the save has committed, a moment after the row can be read.
    await expect
      .poll(async () => (await world.tandem.queues.maintenance.getJob('rank-roles-mode-1')) !== undefined)
      .toBe(true);
  });
});
