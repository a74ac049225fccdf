import { beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';

/**
 * A new community has no seasons, boosts or tasks: their empty lists explain what would appear there
 * and offer to create the first one, since an empty list shows no toolbar.
 */

let world: BrowserWorld;

beforeAll(async () => {
  world = await openBrowserWorld();
});

closeBrowserWorldAfterTests(() => world);

describe('an empty list', () => {
  it('offers to create the first season', async () => {
    const page = await world.signedInPage('/seasons');
    await page.getByText('No seasons').waitFor();
    await page.getByRole('link', { name: 'Create' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/seasons\/create$/);
  });

  it('offers to create the first boost', async () => {
    const page = await world.signedInPage('/boosts');
    await page.getByRole('link', { name: 'Create' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/boosts\/create$/);
  });

  it('offers no create where records only arrive from players', async () => {
    const page = await world.signedInPage('/task-submissions');
    await page.getByRole('heading', { level: 6 }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Create' }).count()).toBe(0);
  });
});
