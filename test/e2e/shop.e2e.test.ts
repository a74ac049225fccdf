import type { TelegramTypes as Tg } from '@tandem/emulators/telegram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdState } from '../../src/ledger/holds.ts';
import { createShopItem } from '../../src/shop/manage-shop-items.ts';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';
import { ledgerMatchesTotals } from '../support/ledger.ts';
import { waitFor } from '../support/wait-for.ts';

type InlineButton = { text: string; callback_data?: string };
type SelectMenu = { custom_id?: string; options?: Array<{ label: string; value: string }> };

/** The code in a `/link` answer: six characters of the unambiguous alphabet. */
function codeIn(reply: string): string {
  const code = /\b([2-9A-HJKMNP-Z]{6})\b/.exec(reply)?.[1];
  if (!code) throw new Error(`no link code in: ${reply}`);
  return code;
}

describe('the shop through the bots (real bots and workers against the emulators)', () => {
  let world: BotWorld;
  /** Ana on Telegram, linked with alice on Discord: one player. */
  let buyerId: string;
  const items = { vip: 0, weekVip: 0, staff: 0, gift: 0, stickers: 0 };
  const roles = { vip: '', weekVip: '', badge: '' };

  const purchaseOf = async (playerId: string, itemId: number) => {
    const { rows } = await world.tandem.db.pool.query<{
      id: string;
      status: string;
      hold_id: string;
      expires_at: Date | null;
    }>(
      `SELECT id, status, hold_id::text, expires_at FROM shop_purchases
        WHERE player_id = $1 AND item_id = $2 ORDER BY created_at DESC`,
      [playerId, itemId],
    );
    return rows;
  };
  const balanceOf = async (playerId: string) =>
    (await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).balance;
  const grant = (playerId: string, coins: number, key: string) =>
    world.tandem.engine.record({
      key: `admin-grant-${key}-${playerId}`,
      playerId,
      type: 'balance_change',
      source: 'admin',
      coinDelta: coins,
      reason: 'grant',
    });

  /** `/shop` on Telegram as the demo user `index`: the message itself, with its buttons. */
  const telegramShop = async (index: 0 | 1) => {
    const { id } = world.demo.telegram.users[index]!;
    const { seq } = world.telegram.control.sendCommand({ from: id, command: 'shop' });
    const event = await world.telegram.control.waitFor({ types: ['bot.message'], chatId: id, since: seq });
    return (event as { message: Tg.Message }).message;
  };

  beforeAll(async () => {
    world = await openBotWorld();
    const { control } = world.discord;
    const guildId = world.demo.discord.guildId;
    // New roles sit at the bottom, below the bot's own: the bot may hand them out. Staff is above it.
    roles.vip = (await control.createRole(guildId, { name: 'VIP' })).id;
    roles.weekVip = (await control.createRole(guildId, { name: 'VIP of the week' })).id;
    roles.badge = (await control.createRole(guildId, { name: 'Badge' })).id;
    const create = async (input: Parameters<typeof createShopItem>[1]) =>
      (await createShopItem(world.tandem, input)).id;
    items.vip = await create({
      name: 'VIP',
      kind: 'discord_role',
      discordRoleId: roles.vip,
      price: 50,
      stock: 5,
    });
    items.weekVip = await create({
      name: 'VIP of the week',
      kind: 'discord_role',
      discordRoleId: roles.weekVip,
      durationDays: 7,
      price: 30,
    });
    items.staff = await create({
      name: 'Staff badge',
      kind: 'discord_role',
      discordRoleId: roles.badge,
      price: 40,
    });
    items.gift = await create({ name: 'Sticker', kind: 'custom', price: 20, perPlayerLimit: 1 });
    items.stickers = await create({ name: 'Sticker pack', kind: 'custom', price: 10 });

    const ana = world.telegramUser(0);
    const code = codeIn(await ana.command('link'));
    expect(await (await world.discordMember('alice').redeem(code)).confirm()).toMatch(/linked/i);
    buyerId = await ana.playerId();
    await grant(buyerId, 500, 'shop');
    await world.settle();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('/shop on Telegram lists the items by number with prices, stock, what they give and the balance', async () => {
    const shown = await telegramShop(0);
    const text = shown.text ?? '';
    expect(text).toContain(`${items.stickers}. Sticker pack: 10 coins`);
    expect(text).toContain(`${items.vip}. VIP: 50 coins`);
    expect(text).toContain('a Discord role, for good · 5 left');
    expect(text).toContain('a Discord role for 7 days');
    expect(text).toContain('an admin hands it over · you bought 0 of 1');
    expect(text).toContain('Your balance: 500 coins.');
    const buttons = (shown.reply_markup as { inline_keyboard: InlineButton[][] }).inline_keyboard.flat();
    expect(buttons.map((b) => b.callback_data)).toContain(`buy:${items.vip}`);
    expect(await world.telegramUser(0).command('help')).toMatch(/\/shop: [^\n]+\n\/buy: [^\n]+\n\/pay: /);
  });

  it('a Discord role bought on Telegram is set on Discord: coins held, then posted', async () => {
    const ana = world.telegramUser(0);
    const alice = world.discordMember('alice');
    expect(await ana.command('buy', String(items.vip))).toBe(
      '🛍️ You bought VIP for 50 coins. The role is on its way to your Discord account. Your balance: 450 coins.',
    );
    const [purchase] = await purchaseOf(buyerId, items.vip);
    expect(await balanceOf(buyerId)).toBe(450);
    await waitFor(async () => (await alice.roleIds()).includes(roles.vip), 'the VIP role on Discord');
    await waitFor(
      async () => (await holdState(world.tandem.db.pool, purchase!.hold_id)) === 'posted',
      'posted',
    );
    expect((await purchaseOf(buyerId, items.vip))[0]?.status).toBe('granted');
    await waitFor(
      async () => ana.botTexts().includes('🛍️ VIP is yours now.'),
      'the granted notice on Telegram',
    );
    expect(await balanceOf(buyerId)).toBe(450);
    expect(await ana.command('shop')).toContain('a Discord role, for good · 4 left');
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });

  it('a timed role is taken back when it expires', async () => {
    const ana = world.telegramUser(0);
    const alice = world.discordMember('alice');
    expect(await ana.command('buy', String(items.weekVip))).toContain(
      'You bought VIP of the week for 30 coins',
    );
    await waitFor(async () => (await alice.roleIds()).includes(roles.weekVip), 'the timed role on Discord');
    await waitFor(async () => (await purchaseOf(buyerId, items.weekVip))[0]?.status === 'granted', 'granted');
    const [purchase] = await purchaseOf(buyerId, items.weekVip);
    const week = 7 * 24 * 3_600_000;
    expect(Math.abs(purchase!.expires_at!.getTime() - (Date.now() + week))).toBeLessThan(60_000);

    // A week passes: the end is moved to now and its delayed job is run now rather than in seven days.
    await world.tandem.db.pool.query(`UPDATE shop_purchases SET expires_at = now() WHERE id = $1`, [
      purchase!.id,
    ]);
    // The end is scheduled just after the grant commits.
    const revokeJob = async () =>
      (await world.tandem.queues.platform.getJobs(['delayed'])).find(
        (job) =>
          job.name === 'shop-revoke' && (job.data as { purchaseId?: string }).purchaseId === purchase!.id,
      );
    await waitFor(async () => (await revokeJob()) !== undefined, 'the delayed revoke job');
    const revoke = await revokeJob();
    await revoke!.promote();
    await waitFor(async () => !(await alice.roleIds()).includes(roles.weekVip), 'the timed role taken back');
    await waitFor(async () => (await purchaseOf(buyerId, items.weekVip))[0]?.status === 'expired', 'expired');
    await waitFor(
      async () => ana.botTexts().includes('⌛ VIP of the week has expired.'),
      'the expiry notice on Telegram',
    );
    // The permanent role bought before stays.
    expect(await alice.roleIds()).toContain(roles.vip);
    expect(await balanceOf(buyerId)).toBe(420);
  });

  it('a role the Discord bot may not give (moved above its own since) is refunded, and the buyer told', async () => {
    const ana = world.telegramUser(0);
    const alice = world.discordMember('alice');
    const { control } = world.discord;
    const guildId = world.demo.discord.guildId;
    const top = Math.max(...(await control.guild(guildId)).roles.map((role) => role.position));
    await control.moveRole(guildId, roles.badge, top);
    expect(await ana.command('buy', String(items.staff))).toContain('Your balance: 380 coins.');
    await waitFor(async () => (await purchaseOf(buyerId, items.staff))[0]?.status === 'failed', 'failed');
    expect(await balanceOf(buyerId)).toBe(420);
    expect(await alice.roleIds()).not.toContain(roles.badge);
    const [purchase] = await purchaseOf(buyerId, items.staff);
    expect(await holdState(world.tandem.db.pool, purchase!.hold_id)).toBe('voided');
    await waitFor(
      async () => ana.botTexts().includes('⚠️ Staff badge could not be granted, so your 40 coins came back.'),
      'the refund notice on Telegram',
    );
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });

  it('a grant the Discord API keeps failing is retried, then refunded', async () => {
    const { control } = world.discord;
    await control.failNextRestCalls({
      count: 100,
      status: 503,
      route: 'PUT /guilds/:guildId/members/:userId/roles/:roleId',
    });
    try {
      expect(await world.telegramUser(0).command('buy', String(items.vip))).toContain(
        'Your balance: 370 coins.',
      );
      await waitFor(
        async () => (await purchaseOf(buyerId, items.vip))[0]?.status === 'failed',
        'the grant failed for good',
        60_000,
      );
    } finally {
      await control.clearFaults();
    }
    expect(await balanceOf(buyerId)).toBe(420);
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  }, 90_000);

  it('buys from the select menu of /shop on Discord, privately, and refuses past the per-player limit', async () => {
    const { control } = world.discord;
    const alice = world.demo.discord.users.alice;
    const created = await control.runCommand({
      channelId: world.demo.discord.channels.general,
      userId: alice,
      name: 'shop',
    });
    const shown = await control.interaction(created.id, { until: 'completed', timeoutMs: 10_000 });
    expect(shown.ephemeral).toBe(true);
    expect(shown.original?.content).toContain('Your balance: 420 coins.');
    const menu = ((shown.original?.components ?? []) as Array<{ components: SelectMenu[] }>)[0]
      ?.components[0];
    expect(menu?.custom_id).toBe('shop:buy');
    expect(menu?.options?.map((o) => o.label)).toContain('Sticker');

    const pick = async () => {
      const picked = await control.pressButton({
        messageId: shown.original!.id,
        userId: alice,
        customId: 'shop:buy',
        values: [String(items.gift)],
      });
      const answered = await control.interaction(picked.id, { until: 'completed', timeoutMs: 10_000 });
      expect(answered.ephemeral).toBe(true);
      const data = answered.response?.data as { content?: string } | null;
      return data?.content ?? answered.original?.content ?? '';
    };
    expect(await pick()).toBe(
      '🛍️ You bought Sticker for 20 coins. An admin will hand it over; until then the coins are set aside, ' +
        'and they come back if it is refused. Your balance: 400 coins.',
    );
    expect(await pick()).toBe('You already bought this item 1 time, as many as one player may.');
    const bought = await purchaseOf(buyerId, items.gift);
    expect(bought.map((p) => p.status)).toEqual(['pending']);
    expect(await balanceOf(buyerId)).toBe(400);
  });

  it('a double tap on a Telegram buy button buys once; the button of a new /shop buys again', async () => {
    const ben = world.telegramUser(1);
    await ben.command('profile');
    const benId = await ben.playerId();
    await grant(benId, 100, 'ben');
    // The grant's notice is sent before /shop, so the first answer to /shop is the list.
    await world.settle();
    const shown = await telegramShop(1);
    const data = `buy:${items.stickers}`;
    const tap = () => world.telegram.control.pressButton({ from: ben.id, messageId: shown.message_id, data });
    const taps = await Promise.all([tap(), tap()]);
    // Each tap is answered, in whichever order the two finish: the second waits for the first's
    // purchase to commit, then answers with it, while the first still queues the grant.
    const purchaseAnswers = () => ben.botTexts().filter((t) => /purchase|You bought/.test(t));
    await waitFor(async () => purchaseAnswers().length === 2, 'an answer to each tap');
    expect(taps).toHaveLength(2);
    expect(purchaseAnswers()).toHaveLength(2);
    expect(purchaseAnswers()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^🛍️ You bought Sticker pack for 10 coins\. An admin will hand it over/),
        'That purchase was made already: Sticker pack is on its way.',
      ]),
    );
    expect(await purchaseOf(benId, items.stickers)).toHaveLength(1);
    expect(await balanceOf(benId)).toBe(90);

    const again = await telegramShop(1);
    const pressed = await world.telegram.control.pressButton({
      from: ben.id,
      messageId: again.message_id,
      data,
    });
    await world.telegram.control.waitFor({ types: ['bot.message'], chatId: ben.id, since: pressed.seq });
    await waitFor(async () => (await purchaseOf(benId, items.stickers)).length === 2, 'a second purchase');
    expect(await balanceOf(benId)).toBe(80);
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });
});
