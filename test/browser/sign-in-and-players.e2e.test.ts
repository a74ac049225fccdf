import { beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';
import { panelAdmin, shownText, signInThroughForm } from '../support/panel-page.ts';

/** An admin signs in, finds players by search and by filter, and renames one without losing anyone's edit. */

let world: BrowserWorld;
let ada: string;
let bob: string;
beforeAll(async () => {
  world = await openBrowserWorld();
  ada = await world.addPlayer({ name: 'Ada Lovelace', telegram: 'ada_l', xp: 1300, coins: 40 });
  bob = await world.addPlayer({ name: 'Bob Builder', discord: 'bobthebuilder', xp: 600 });
  await world.addPlayer({ name: 'Cyd Charisse', telegram: 'cyd', discord: 'cyd.dance', xp: 120 });
});
closeBrowserWorldAfterTests(() => world);

describe('signing in', () => {
  it('refuses a wrong password on the sign-in page, then lets the admin in and keeps them in', async () => {
    const page = await world.signedOutPage();
    const signIn = page.getByRole('button', { name: 'Sign in' });
    await signIn.waitFor();
    expect(page.url()).toContain('#/login');

    await signInThroughForm(page, panelAdmin.username, 'not the password');
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();
    expect(page.url()).toContain('#/login');
    expect(await page.locator('[data-live-status]').count()).toBe(0);

    await signInThroughForm(page);
    await page.locator('[data-live-status="live"]').waitFor();
    await page.getByText('Submissions to review').waitFor();
    expect(page.url()).not.toContain('login');
    await page.getByRole('button', { name: 'Profile' }).filter({ hasText: panelAdmin.username }).waitFor();

    // The session survives a reload (an httpOnly cookie, not page memory).
    await page.reload();
    await page.getByText('Submissions to review').waitFor();
    expect(page.url()).not.toContain('login');
  });
});

describe('players', () => {
  it('are listed, found by name or username and filtered by platform', async () => {
    const page = await world.signedInPage('/players');
    const rows = page.locator('tbody tr');
    const row = (name: string) => rows.filter({ hasText: name });
    await row('Cyd Charisse').waitFor();
    // Most XP first: Ada (1,300), Bob (600), Cyd (120).
    expect(await rows.allInnerTexts()).toEqual([
      expect.stringContaining('Ada Lovelace'),
      expect.stringContaining('Bob Builder'),
      expect.stringContaining('Cyd Charisse'),
    ]);
    expect(await shownText(row('Ada Lovelace'))).toMatch(/1,300\s*XP/);

    const search = page.getByPlaceholder('Name or username');
    await search.fill('bobthe');
    await row('Ada Lovelace').waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);
    await row('Bob Builder').waitFor();
    await search.fill('');
    await row('Ada Lovelace').waitFor();

    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Platform', exact: true }).click();
    await page.getByRole('combobox', { name: 'Platform', exact: true }).click();
    await page.getByRole('option', { name: 'Discord' }).click();
    await row('Ada Lovelace').waitFor({ state: 'detached' });
    expect(await rows.allInnerTexts()).toEqual([
      expect.stringContaining('Bob Builder'),
      expect.stringContaining('Cyd Charisse'),
    ]);
  });

  it('is renamed from its page: the save waits for the API and the list shows the new name', async () => {
    const page = await world.signedInPage(`/players/${ada}/show`);
    await page.getByRole('heading', { level: 2, name: 'Ada Lovelace' }).waitFor();
    await page.getByRole('link', { name: 'Rename' }).click();
    const name = page.getByLabel('Display name');
    await expect.poll(() => name.inputValue()).toBe('Ada Lovelace');
    await name.fill('Ada King');
    await page.getByRole('button', { name: 'Save' }).click();

    // Pessimistic: back on the player's page only once the API saved it.
    await page.getByRole('heading', { level: 2, name: 'Ada King' }).waitFor();
    const saved = await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: ada } });
    expect(saved).toMatchObject({ displayName: 'Ada King', version: 2 });

    await page.getByRole('menuitem', { name: 'Players' }).click();
    await page.locator('tbody tr', { hasText: 'Ada King' }).waitFor();
    expect(await page.locator('tbody tr', { hasText: 'Ada Lovelace' }).count()).toBe(0);
  });

  it('refuses a stale rename: the other admin’s change stays and the editor is told why', async () => {
    const other = await world.otherSession('bruno');
    const page = await world.signedInPage(`/players/${bob}`);
    const name = page.getByLabel('Display name');
    await expect.poll(() => name.inputValue()).toBe('Bob Builder');
    await name.fill('Bobby Tables');

    // Meanwhile another admin renames him from their own desk.
    const current = (await other(`/api/players/${bob}`)) as { version: number };
    await other(`/api/players/${bob}`, {
      method: 'PUT',
      body: { displayName: 'Robert Builder', version: current.version },
    });
    // The live update tells the editor before they save, and keeps what they typed.
    await page.getByTestId('changed-elsewhere').waitFor();
    expect(await name.inputValue()).toBe('Bobby Tables');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/changed by someone else since you opened it/).waitFor();
    expect(page.url()).toMatch(new RegExp(`#/players/${bob}$`));
    const stored = await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: bob } });
    expect(stored.displayName).toBe('Robert Builder');
  });
});
