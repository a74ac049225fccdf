import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';

/** An admin moves a community's XP over from a file: preview, import once, a refused file, the exports. */

let world: BrowserWorld;
beforeAll(async () => {
  world = await openBrowserWorld();
  await world.addPlayer({ name: 'Ada Lovelace', discord: 'ada', discordId: '111', xp: 100 });
});
closeBrowserWorldAfterTests(() => world);

const csv = 'discord_id,telegram_id,username,xp,coins\n111,,Ada,50,5\n222,333,Brook,700,20\n';

async function written() {
  const { rows } = await world.tandem.db.pool.query(
    `SELECT (SELECT count(*)::int FROM players) players, (SELECT count(*)::int FROM ledger_entries) ledger`,
  );
  return rows[0];
}

describe('the Import & export page', () => {
  it('previews a CSV without writing, imports it on confirm, and a second time changes nothing', async () => {
    const page = await world.signedInPage('/');
    await page.getByRole('menuitem', { name: 'Import & export' }).click();
    await page.getByText('Import XP and coins').waitFor();
    await page.getByLabel('A CSV spreadsheet').check();
    await page.getByLabel('Add to it').check();
    const before = await written();
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const changes = page.getByTestId('import-changes');
    await changes.waitFor();
    expect(await changes.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/line 2\s+Ada Lovelace\s+Discord 111\s+100 → 150\s*\(\+50\)\s+0 → 5\s*\(\+5\)/),
      expect.stringMatching(/line 3\s+Brook\s+Discord 222 · Telegram 333\s+0 → 700.*new player/s),
    ]);
    expect(await written()).toEqual(before);

    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByTestId('import-done').filter({ hasText: 'Imported 2 rows (0 refused).' }).waitFor();
    expect(await written()).toMatchObject({ players: 2, ledger: 5 });
    const ada = await world.tandem.db.pool.query(
      `SELECT xp, balance FROM players WHERE display_name = 'Ada Lovelace'`,
    );
    expect(ada.rows[0]).toEqual({ xp: 150, balance: 5 });

    const after = await written();
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('This file has been imported before').waitFor();
    expect(await page.getByRole('button', { name: /^Import 0 rows/ }).isDisabled()).toBe(true);
    expect(await written()).toEqual(after);
  });

  it('shows why a malformed file is refused, and imports nothing', async () => {
    const page = await world.signedInPage('/import-export');
    await page.getByLabel('A CSV spreadsheet').check();
    const before = await written();
    await page.getByTestId('import-file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('discord_id,xp\n5,1\n6,-3\n'),
    });
    await page
      .getByTestId('import-failure')
      .filter({ hasText: 'The file was refused, nothing was imported: line 3: xp: cannot be negative' })
      .waitFor();
    expect(await page.getByTestId('import-changes').count()).toBe(0);
    expect(await written()).toEqual(before);
  });

  it('downloads the CSV export', async () => {
    const page = await world.signedInPage('/import-export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tandem-xp-\d{4}-\d\d-\d\d\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.split('\n')[0]).toBe('discord_id,telegram_id,username,xp,coins');
    expect(text).toContain('111,,Ada Lovelace,');
  });

  it('tells an operator that only admins import, and still offers the exports', async () => {
    await world.api.createAdmin('olga', 'operator');
    const page = await world.signedInPage('/import-export', 'olga');
    await page.getByText('Only admins can import').waitFor();
    expect(await page.getByTestId('import-file').count()).toBe(0);
    await page.getByRole('link', { name: 'Download Tandem JSON' }).waitFor();
  });
});
