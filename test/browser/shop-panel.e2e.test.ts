import { beforeAll, describe, expect, it } from 'vitest';
import { buyItem } from '../../src/shop/buy-item.ts';
import { transferCoins } from '../../src/transfers/transfer-coins.ts';
import { readTransferSettings } from '../../src/transfers/transfer-settings.ts';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';
import { shownText } from '../support/panel-page.ts';

/**
 * The shop as an admin runs it: an item created (the API's field errors shown where they belong),
 * purchases arriving live, one fulfilled, another refunded with a reason (the coins go back), and
 * the limits of transfers between players.
 */

let world: BrowserWorld;
beforeAll(async () => {
  world = await openBrowserWorld();
});
closeBrowserWorldAfterTests(() => world);

const balanceOf = async (playerId: string) =>
  (await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).balance;

describe('the shop in the panel', () => {
  it('creates a custom item, then fulfils one purchase of it and refunds another', async () => {
    const page = await world.signedInPage('/');
    await page.getByRole('menuitem', { name: 'Shop', exact: true }).click();
    await page.getByText('The shop is empty').waitFor();
    await page.getByRole('link', { name: 'Create' }).click();

    await page.getByLabel(/^Name\b/).fill('Shout-out');
    // A title in a Telegram group first, with a chat id the API refuses: its reason shows on the field.
    await page.getByLabel(/^Kind\b/).click();
    await page.getByRole('option', { name: 'Telegram title' }).click();
    await page.getByLabel(/^Telegram group\b/).fill('12345');
    await page.getByLabel(/^Title\b/).fill('Legend');
    await page.getByLabel(/^Price\b/).fill('50');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .locator('.MuiFormHelperText-root.Mui-error', { hasText: 'must be a group chat id (negative)' })
      .waitFor();
    expect(await world.tandem.db.prisma.shopItem.count()).toBe(0);

    await page.getByLabel(/^Kind\b/).click();
    await page.getByRole('option', { name: 'Custom (handed over by an admin)' }).click();
    await page.getByLabel('Stock', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Save' }).click();
    const itemRow = page.locator('tbody tr', { hasText: 'Shout-out' });
    await expect.poll(() => shownText(itemRow)).toMatch(/Custom[\s\S]*50[\s\S]*5 left · 0 sold/);
    const item = await world.tandem.db.prisma.shopItem.findFirstOrThrow({ where: { name: 'Shout-out' } });
    expect(item).toMatchObject({ kind: 'custom', price: 50, stock: 5, telegramChatId: null, active: true });

    // The player buys from a bot while the admin looks at the queue of purchases.
    const ada = await world.addPlayer({ name: 'Ada Byrne', telegram: 'ada', coins: 200 });
    await page.getByRole('menuitem', { name: 'Purchases' }).click();
    await page.getByText('Nothing to settle here').waitFor();
    const first = await buyItem(world.tandem, {
      playerId: ada,
      itemId: item.id,
      requestId: 'tg-1',
      source: 'telegram',
    });
    const rows = page.locator('tbody tr', { hasText: 'Ada Byrne' });
    await expect.poll(() => rows.count(), { timeout: 5_000 }).toBe(1);
    expect(await shownText(rows.first())).toMatch(/Shout-out[\s\S]*50[\s\S]*Pending/);
    expect(await balanceOf(ada)).toBe(150);

    await rows.first().getByRole('button', { name: 'Fulfil' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Fulfil' }).click();
    await page.getByText('Fulfilled: the coins are spent and the buyer is told.').waitFor();
    // The queue shows pending purchases: the fulfilled one leaves it.
    await expect.poll(() => rows.count()).toBe(0);
    expect(
      await world.tandem.db.prisma.shopPurchase.findUniqueOrThrow({ where: { id: first.purchase.id } }),
    ).toMatchObject({ status: 'granted', settledBy: 'alice' });

    const second = await buyItem(world.tandem, {
      playerId: ada,
      itemId: item.id,
      requestId: 'tg-2',
      source: 'telegram',
    });
    await expect.poll(() => rows.count(), { timeout: 5_000 }).toBe(1);
    expect(await balanceOf(ada)).toBe(100);
    await rows.first().click();
    await page.getByText('“Shout-out”, handed over by an admin').waitFor();
    await page.getByRole('button', { name: 'Refund' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('We ran out of shout-outs this week');
    await dialog.getByRole('button', { name: 'Refund' }).click();
    await page.getByText('Refunded: the coins went back to the buyer.').waitFor();
    await page.locator('[data-status="refunded"]').waitFor();
    expect(await balanceOf(ada)).toBe(150);
    expect(
      await world.tandem.db.prisma.shopPurchase.findUniqueOrThrow({ where: { id: second.purchase.id } }),
    ).toMatchObject({ status: 'refunded', reason: 'We ran out of shout-outs this week' });

    // The purchase's ledger rows: the hold and the refund, and the ledger filtered to them.
    const ledgerRows = page.locator('tbody tr');
    await expect.poll(() => ledgerRows.count()).toBe(2);
    expect(await shownText(ledgerRows.nth(0))).toMatch(/shop_hold[\s\S]*−50/);
    expect(await shownText(ledgerRows.nth(1))).toMatch(/shop_refund[\s\S]*\+50/);
    await page.getByRole('link', { name: 'Open these rows in the ledger' }).click();
    await expect.poll(() => page.url()).toContain('#/ledger');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);

    // The item counts what was sold: the refunded purchase does not.
    await page.getByRole('menuitem', { name: 'Shop', exact: true }).click();
    await expect.poll(() => shownText(itemRow)).toMatch(/4 left · 1 sold/);
  });

  it('shows both sides of a transfer in the ledger', async () => {
    const mia = await world.addPlayer({ name: 'Mia Wong', telegram: 'miaw', coins: 80 });
    const noah = await world.addPlayer({ name: 'Noah Park', discord: 'noahp' });
    await world.tandem.db.pool.query(`UPDATE players SET created_at = now() - interval '30 days'`);
    const { transfer } = await transferCoins(world.tandem, {
      fromPlayerId: mia,
      toPlayerId: noah,
      amount: 30,
      requestId: 'pay-1',
    });
    const sent = await world.tandem.db.prisma.ledgerEntry.findFirstOrThrow({
      where: { playerId: mia, reason: 'transfer_out' },
    });
    const page = await world.signedInPage(`/ledger/${sent.id}/show`);
    await page.getByRole('link', { name: 'Both sides of the transfer' }).click();
    await expect.poll(() => decodeURIComponent(page.url())).toContain(`"transferId":"${transfer.id}"`);
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const shown = await shownText(page.locator('tbody'));
    expect(shown).toMatch(/Mia Wong[\s\S]*transfer_out[\s\S]*−30/);
    expect(shown).toMatch(/Noah Park[\s\S]*transfer_in[\s\S]*\+30/);
  });

  it('sets the transfer limits; a daily limit of 0 is explained as transfers off', async () => {
    const page = await world.signedInPage('/');
    await page.getByRole('menuitem', { name: 'Transfers' }).click();
    const limit = page.getByLabel('Daily limit (coins)');
    await expect.poll(() => limit.inputValue()).toBe('1000');
    await limit.fill('0');
    await page.getByText('With a daily limit of 0, /pay is off').waitFor();
    await page.getByLabel('Minimum account age (days)').fill('3');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await readTransferSettings(world.tandem)).version).toBe(1);
    expect((await readTransferSettings(world.tandem)).value).toEqual({ dailyLimit: 0, minAccountAgeDays: 3 });
    await page.getByRole('link', { name: 'See the transfers in the ledger' }).click();
    await expect
      .poll(() => decodeURIComponent(page.url()))
      .toContain('"reason":["transfer_out","transfer_in"]');
  });
});
