import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { queueNames } from '../../src/sync/queues.ts';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * Bull Board's own page writes under the API's origin rule and content security policy: its
 * requests carry no header of the panel's, only the origin the browser names. A failed economy
 * job retried there runs again and is applied once.
 */

let world: BrowserWorld;
let key: string;
let playerId: string;
let catalogDown = true;
beforeAll(async () => {
  world = await openBrowserWorld({ attempts: 1 });
  const t = world.tandem;
  const readCatalog = t.catalog.get.bind(t.catalog);
  t.catalog.get = (): Promise<Catalog> =>
    catalogDown ? Promise.reject(new Error('catalog unreachable (test)')) : readCatalog();
  t.startWorkers();
  playerId = await t.createPlayer('Board Retry');
  key = `tg-game-board-${playerId}`;
  await t.engine.record({
    key,
    playerId,
    type: 'xp_change',
    source: 'telegram',
    xpDelta: 25,
    reason: 'game',
  });
  await waitFor(
    async () =>
      (await t.db.prisma.syncEvent.findFirst({ where: { idempotencyKey: key } }))?.status === 'failed',
    'the event failed',
  );
});
closeBrowserWorldAfterTests(() => world);

describe('a failed job in Bull Board', () => {
  it('is retried from the board page and applied once', async () => {
    catalogDown = false;
    const page = await world.signedInTab(`/admin/queues/queue/${queueNames.economy}?status=failed`);
    await page.getByRole('button', { name: 'Retry all' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    const t = world.tandem;
    await waitFor(
      async () =>
        (await t.db.prisma.syncEvent.findFirst({ where: { idempotencyKey: key } }))?.status === 'completed',
      'the retried event completed',
    );
    expect(await t.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).toMatchObject({ xp: 25 });
    expect(await t.db.prisma.ledgerEntry.count({ where: { playerId } })).toBe(1);
  });
});
