import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopItem } from '../../src/shop/manage-shop-items.ts';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';
import { ledgerMatchesTotals } from '../support/ledger.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * The last three of an item, and fifty players typing `/buy` at the same moment on Telegram, through
 * the emulator and the real bot: exactly three are sold, every other buyer is told it is sold out,
 * nobody pays without getting it, and the ledger still adds up to every player's totals.
 */

const buyers = 50;
const price = 10;
const startingCoins = 25;

describe('the last items of the shop, bought by fifty players at once', () => {
  let world: BotWorld;
  let itemId: number;
  const ids: number[] = [];

  beforeAll(async () => {
    world = await openBotWorld();
    itemId = (await createShopItem(world.tandem, { name: 'Last pins', kind: 'custom', price, stock: 3 })).id;
    const control = world.telegram.control;
    for (let n = 0; n < buyers; n++) {
      const user = control.createUser({ firstName: `Buyer ${n}`, username: `buyer_${n}` });
      ids.push(user.id);
    }
    // Each becomes a player by talking to the bot once, then has coins to spend.
    await Promise.all(
      ids.map(async (id) => {
        const { seq } = control.sendCommand({ from: id, command: 'profile' });
        await control.waitFor({ types: ['bot.message'], chatId: id, since: seq });
      }),
    );
    const { rows } = await world.tandem.db.pool.query<{ player_id: string }>(
      `SELECT player_id FROM identities WHERE platform = 'telegram' AND platform_user_id = ANY($1::text[])`,
      [ids.map(String)],
    );
    expect(rows).toHaveLength(buyers);
    for (const { player_id: playerId } of rows) {
      await world.tandem.engine.record({
        key: `admin-grant-last-items-${playerId}`,
        playerId,
        type: 'balance_change',
        source: 'admin',
        coinDelta: startingCoins,
        reason: 'grant',
      });
    }
    await world.settle();
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('sells exactly three, tells the other 47 it is sold out, and conserves every coin', async () => {
    const control = world.telegram.control;
    const sent = ids.map((id) => ({
      id,
      seq: control.sendCommand({ from: id, command: 'buy', args: String(itemId) }).seq,
    }));
    const answers = await Promise.all(
      sent.map(async ({ id, seq }) => {
        const event = await control.waitFor({ types: ['bot.message'], chatId: id, since: seq });
        return (event as { message: { text?: string } }).message.text ?? '';
      }),
    );

    expect(answers.filter((text) => text.startsWith('🛍️ You bought Last pins'))).toHaveLength(3);
    expect(answers.filter((text) => text === 'This item is sold out.')).toHaveLength(buyers - 3);
    const { rows: sold } = await world.tandem.db.pool.query<{ status: string; count: number }>(
      'SELECT status, count(*)::int AS count FROM shop_purchases WHERE item_id = $1 GROUP BY status',
      [itemId],
    );
    expect(sold).toEqual([{ status: 'pending', count: 3 }]);
    // The three buyers' coins are held; nobody else paid anything.
    const { rows: totals } = await world.tandem.db.pool.query<{ balance: number; count: number }>(
      `SELECT p.balance, count(*)::int AS count FROM players p
         JOIN identities i ON i.player_id = p.id AND i.platform = 'telegram'
        WHERE i.platform_user_id = ANY($1::text[]) GROUP BY p.balance ORDER BY p.balance`,
      [ids.map(String)],
    );
    expect(totals).toEqual([
      { balance: startingCoins - price, count: 3 },
      { balance: startingCoins, count: buyers - 3 },
    ]);
    await waitFor(() => ledgerMatchesTotals(world.tandem), 'the ledger to equal the totals');
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });
});
