import { beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';

/**
 * The ledger past a thousand rows: the panel pages it without a total ("of more than"), each
 * neighbour page opened by the cursor of the page beside it, forward and back.
 */

const rows = 1_230;

let world: BrowserWorld;
beforeAll(async () => {
  world = await openBrowserWorld();
  const playerId = await world.addPlayer({ name: 'Rowan Page' });
  // Rows appended straight to the ledger (its append-only trigger guards updates and deletes):
  // row n is n seconds after the first, so the newest first reads row-1230, row-1229, …
  await world.tandem.db.pool.query(
    `INSERT INTO ledger_entries (idempotency_key, player_id, type, source, xp_delta, coin_delta,
                                 xp_after, balance_after, reason, created_at)
     SELECT 'paging-' || n, $1, 'xp_change', 'discord', 1, 0, n, 0, 'row-' || n,
            timestamptz '2030-01-01' + make_interval(secs => n)
       FROM generate_series(1, $2::int) n`,
    [playerId, rows],
  );
});
closeBrowserWorldAfterTests(() => world);

describe('the ledger list', () => {
  it('pages forward and back without a total, by cursor', async () => {
    const page = await world.signedInPage('/ledger');
    const ledgerCalls: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/api/ledger')) ledgerCalls.push(url.search);
    });
    const firstReason = () => page.locator('tbody tr').first().locator('td').nth(2).textContent();
    const range = page.getByText(/^\d+-\d+ of more than \d+$/);

    await expect.poll(firstReason).toBe('row-1230');
    expect(await range.textContent()).toBe('1-25 of more than 25');

    const next = page.getByRole('button', { name: 'Go to next page' });
    const previous = page.getByRole('button', { name: 'Go to previous page' });
    await next.click();
    await expect.poll(firstReason).toBe('row-1205');
    expect(await range.textContent()).toBe('26-50 of more than 50');
    await next.click();
    await expect.poll(firstReason).toBe('row-1180');

    await previous.click();
    await expect.poll(firstReason).toBe('row-1205');
    await previous.click();
    await expect.poll(firstReason).toBe('row-1230');
    expect(await previous.isDisabled()).toBe(true);

    // Page 2 and 3 were opened after the rows before them, page 2 again before page 3's first row;
    // page 1 is always read from the top.
    const cursors = ledgerCalls.map((search) => new URLSearchParams(search));
    expect(
      cursors.map((query) => (query.has('after') ? 'after' : query.has('before') ? 'before' : 'top')),
    ).toEqual(['after', 'after', 'before', 'top']);
    expect(world.pageErrors).toEqual([]);
  });
});
