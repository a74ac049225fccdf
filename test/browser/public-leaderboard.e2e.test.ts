import { beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';

/**
 * An admin turns the public leaderboard on in the panel and picks what a ban does; a visitor with no
 * session reads the board, pages through it, and reads it in Russian. A player who hid themselves
 * with /privacy is not on it.
 */

let world: BrowserWorld;
beforeAll(async () => {
  world = await openBrowserWorld();
  for (let i = 1; i <= 30; i++)
    await world.addPlayer({ name: `player ${String(i).padStart(2, '0')}`, xp: 1000 - i * 10 });
  const hidden = await world.addPlayer({ name: 'shy sam', xp: 5000 });
  await world.tandem.db.pool.query('UPDATE players SET board_hidden = true WHERE id = $1', [hidden]);
});
closeBrowserWorldAfterTests(() => world);

describe('the public leaderboard', () => {
  it('is turned on in the panel, then read and paged by a visitor without signing in', async () => {
    const visitor = await world.signedOutPage();
    const off = await visitor.goto('/leaderboard');
    expect(off?.status()).toBe(404);
    await visitor.getByText('This community has no public leaderboard.').waitFor();

    const admin = await world.signedInPage('/settings/leaderboard');
    await admin.getByText('Who sees the leaderboards and who is on them.', { exact: false }).waitFor();
    await admin.getByLabel('Public leaderboard').check();
    await admin.getByLabel('Hide them and reset their XP to zero', { exact: false }).check();
    await admin.getByText('A reset takes XP back through the ledger', { exact: false }).waitFor();
    await admin.getByRole('button', { name: 'Save' }).click();
    await world.screenshot(admin, 'leaderboard-settings');
    await expect
      .poll(
        async () =>
          (await world.tandem.db.pool.query(`SELECT value FROM settings WHERE key = 'leaderboard'`)).rows[0]
            ?.value,
      )
      .toEqual({ public: true, onLeave: 'keep', onBan: 'reset' });

    await visitor.goto('/leaderboard');
    await visitor.getByRole('heading', { name: 'Leaderboard' }).waitFor();
    const names = () => visitor.locator('tbody tr td:nth-child(2)').allTextContents();
    expect((await names()).slice(0, 3)).toEqual(['player 01', 'player 02', 'player 03']);
    expect(await names()).toHaveLength(25);
    expect(await visitor.content()).not.toContain('shy sam');
    await world.screenshot(visitor, 'public-leaderboard');

    await visitor.getByRole('link', { name: 'Next →' }).click();
    await visitor.getByText('Page 2').waitFor();
    expect(await names()).toEqual(['player 26', 'player 27', 'player 28', 'player 29', 'player 30']);
    expect(await visitor.locator('tbody tr td:first-child').first().textContent()).toBe('26');
    expect(await visitor.getByRole('link', { name: 'Next →' }).count()).toBe(0);
    await visitor.getByRole('link', { name: '← Previous' }).click();
    await visitor.getByText('Page 1').waitFor();

    await visitor.goto('/leaderboard?lang=ru');
    await visitor.getByRole('heading', { name: 'Таблица лидеров' }).waitFor();
    await visitor.getByRole('link', { name: 'Дальше →' }).click();
    await visitor.getByText('Страница 2').waitFor();

    // A Russian browser reads the board in Russian without asking: the words of the pages locale file.
    const russianBrowser = await world.browser.newContext({ baseURL: world.url, locale: 'ru-RU' });
    const russian = await russianBrowser.newPage();
    const answer = await russian.goto('/leaderboard');
    expect(await answer?.request().headerValue('accept-language')).toMatch(/^ru/);
    expect(answer?.headers()['content-language']).toBe('ru');
    await russian.getByRole('heading', { name: 'Таблица лидеров' }).waitFor();
    await russian.getByRole('columnheader', { name: 'Игрок' }).waitFor();
    await russian.getByRole('columnheader', { name: 'Ранг' }).waitFor();
    await russian.getByText('Страница 1').waitFor();
    expect(await russian.getByRole('link', { name: 'Дальше →' }).count()).toBe(1);
    expect(await russian.locator('html').getAttribute('lang')).toBe('ru');
    await russianBrowser.close();
    expect(world.pageErrors).toEqual([]);
  });
});
