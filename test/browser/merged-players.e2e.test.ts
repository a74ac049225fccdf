import { beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';
import { linkAccounts } from '../support/link-accounts.ts';

/** An account merged away by linking is not a zero row in the list; the kept player's page leads to it. */

let world: BrowserWorld;
let kept: string;
let merged: string;
beforeAll(async () => {
  world = await openBrowserWorld();
  kept = await world.addPlayer({ name: 'Tess Telegram', telegram: 'tess', xp: 50, coins: 10 });
  merged = await world.addPlayer({
    name: 'Dora Discord',
    discord: 'dora',
    discordId: '123456789012345678',
    xp: 1_200,
    coins: 750,
  });
  await world.addPlayer({ name: 'Cyd Charisse', telegram: 'cyd', xp: 120 });
  const telegramId = (await world.tandem.db.prisma.identity.findFirstOrThrow({ where: { playerId: kept } }))
    .platformUserId;
  await linkAccounts(
    world.tandem,
    { platform: 'telegram', platformUserId: telegramId },
    { platform: 'discord', platformUserId: '123456789012345678' },
    new Date(),
  );
});
closeBrowserWorldAfterTests(() => world);

describe('merged players', () => {
  it('are hidden from the list, shown on the kept player’s page and opened from there', async () => {
    const page = await world.signedInPage('/players');
    const rows = page.locator('tbody tr');
    await rows.filter({ hasText: 'Cyd Charisse' }).waitFor();
    expect(await rows.allInnerTexts()).toEqual([
      expect.stringContaining('Tess Telegram'),
      expect.stringContaining('Cyd Charisse'),
    ]);

    await rows.filter({ hasText: 'Tess Telegram' }).click();
    await page.getByRole('heading', { level: 2, name: 'Tess Telegram' }).waitFor();
    await page.getByRole('link', { name: /Dora Discord/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Dora Discord' }).waitFor();
    expect(page.url()).toContain(`#/players/${merged}/show`);
    await page.getByRole('link', { name: 'Merged into another account' }).waitFor();
  });
});
