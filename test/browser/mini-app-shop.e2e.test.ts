import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInitData } from '../../src/mini-app/init-data.ts';
import { createShopItem } from '../../src/shop/manage-shop-items.ts';
import { fulfilPurchase, markGranted } from '../../src/shop/settle-purchase.ts';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';
import { type NpmStartSandbox, openNpmStartSandbox } from '../support/npm-start-sandbox.ts';
import { uiTimeoutMs } from '../support/panel-page.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * A player spends coins in the Telegram Mini App's shop: they see the items and their coins, buy a
 * Discord role (held, then granted while they watch) and a custom item (held until an admin hands it
 * over), and read a refusal in their language when the coins run short.
 */

const botToken = '424243:browser-mini-app-shop-token';
const telegramUserId = 778001;
let world: BrowserWorld;
let supporter: number;
let shoutOut: number;
let crown: number;
beforeAll(async () => {
  world = await openBrowserWorld({ telegramBotToken: botToken });
  const items = [
    {
      name: 'Supporter',
      description: 'A colour of your own',
      kind: 'discord_role' as const,
      price: 50,
      discordRoleId: '424243000000000001',
      durationDays: 7,
    },
    { name: 'Shout-out', kind: 'custom' as const, price: 60, stock: 3 },
    { name: 'Crown', kind: 'custom' as const, price: 5000 },
  ];
  const ids: number[] = [];
  for (const item of items) ids.push((await createShopItem(world.tandem, item)).id);
  [supporter, shoutOut, crown] = ids as [number, number, number];
});
closeBrowserWorldAfterTests(() => world);

function appAddress(user: Record<string, unknown>): string {
  const initData = signInitData(
    { auth_date: String(Math.floor(Date.now() / 1000)), user: JSON.stringify(user) },
    botToken,
  );
  return `/app/#${new URLSearchParams({ tgWebAppData: initData, tgWebAppVersion: '8.0' })}`;
}

const ana = { id: telegramUserId, first_name: 'Ana', username: 'ana_plays', language_code: 'en' };

describe('the Mini App shop', () => {
  it('buys a role and a custom item, follows them to granted, and shows a refusal', async () => {
    const page = await world.signedOutPage();
    await page.goto(appAddress(ana));
    await page.getByRole('heading', { name: 'Shop', exact: true }).waitFor();
    await page.getByText('You have 0 coins to spend.').waitFor();
    await page.getByText('No purchases yet.').waitFor();

    // Ana earned some coins and linked her Discord account since.
    const { rows } = await world.tandem.db.pool.query<{ player_id: string }>(
      `SELECT player_id FROM identities WHERE platform = 'telegram' AND platform_user_id = $1`,
      [String(telegramUserId)],
    );
    const playerId = rows[0]!.player_id;
    await world.tandem.engine.record({
      key: `sys-shop-test-${playerId}`,
      playerId,
      type: 'reward_grant',
      source: 'system',
      coinDelta: 150,
      reason: 'daily',
    });
    await world.tandem.db.prisma.identity.create({
      data: { playerId, platform: 'discord', platformUserId: '424243000000000099', username: 'ana' },
    });
    await page.goto('/admin/');
    await page.goto(appAddress(ana));
    await page.getByText('You have 150 coins to spend.').waitFor();
    const role = page.locator(`#shop-items li[data-item-id="${supporter}"]`);
    await role.getByText('Supporter · 50 coins').waitFor();
    await role.getByText('Discord role · for 7 days').waitFor();
    await page.locator(`#shop-items li[data-item-id="${shoutOut}"]`).getByText('3 left').waitFor();

    await role.getByRole('button', { name: 'Buy' }).click();
    await role.getByText('Bought: your coins are held and Supporter is given to you shortly.').waitFor();
    await page.getByText('You have 100 coins to spend.').waitFor();
    const purchases = page.locator('#purchase-list li');
    await purchases.getByText('coins held, being given').waitFor();

    // The bot grants it: the page, following the purchase, shows it granted without a reload.
    const [purchase] = await world.tandem.db.prisma.shopPurchase.findMany({ where: { playerId } });
    await markGranted(world.tandem, purchase!.id);
    await purchases.getByText(/^granted until \d{4}-\d\d-\d\d \d\d:\d\d UTC$/).waitFor({ timeout: 15_000 });

    const custom = page.locator(`#shop-items li[data-item-id="${shoutOut}"]`);
    await custom.getByRole('button', { name: 'Buy' }).click();
    await custom.getByText('Bought: your coins are held until an admin hands Shout-out over.').waitFor();
    await custom.getByText('2 left').waitFor();
    await page.getByText('You have 40 coins to spend.').waitFor();
    await purchases.getByText('coins held, an admin will hand it over').waitFor();
    await world.screenshot(page, 'mini-app-shop');

    const dear = page.locator(`#shop-items li[data-item-id="${crown}"]`);
    await dear.getByRole('button', { name: 'Buy' }).click();
    await dear
      .locator('.result.error')
      .getByText('You have 40 coins: not enough for this item at 5,000 coins.')
      .waitFor();

    // An admin hands the shout-out over: opened again, it is granted.
    const pending = await world.tandem.db.prisma.shopPurchase.findFirstOrThrow({
      where: { playerId, itemId: shoutOut },
    });
    await fulfilPurchase(world.tandem, { purchaseId: pending.id, adminId: 'boss' });
    await page.goto('/admin/');
    await page.goto(appAddress(ana));
    await page.getByText('You have 40 coins to spend.').waitFor();
    expect(await purchases.allTextContents()).toEqual([
      'Shout-out · 60 coins · granted',
      expect.stringMatching(/^Supporter · 50 coins · granted until /),
    ]);
    const bought = await world.tandem.db.pool.query(
      'SELECT item_id, status FROM shop_purchases WHERE player_id = $1 ORDER BY created_at',
      [playerId],
    );
    expect(bought.rows).toEqual([
      { item_id: supporter, status: 'granted' },
      { item_id: shoutOut, status: 'granted' },
    ]);
    expect(world.pageErrors).toEqual([]);
  });

  it('speaks Russian to a Russian player', async () => {
    const page = await world.signedOutPage();
    await page.goto(appAddress({ id: 778002, first_name: 'Вера', language_code: 'ru' }));
    await page.getByRole('heading', { name: 'Магазин' }).waitFor();
    await page.getByText('У вас 0 монет на покупки.').waitFor();
    const role = page.locator(`#shop-items li[data-item-id="${supporter}"]`);
    await role.getByText('Роль в Discord · на 7 дней').waitFor();
    await role.getByRole('button', { name: 'Купить' }).click();
    await role
      .locator('.result.error')
      .getByText('привяжите свой аккаунт Discord', { exact: false })
      .waitFor();
    expect(world.pageErrors).toEqual([]);
  });
});

/**
 * `npm start` with nothing configured: Ana opens the Mini App from the sandbox page, and, her Discord
 * account linked and a /daily's coins earned, buys the Supporter role the first start put in the
 * shop; the bot sets it on her Discord member and the page shows it granted.
 */
describe('the sandbox’s shop in the Mini App', () => {
  let sandbox: NpmStartSandbox;
  beforeAll(async () => {
    sandbox = await openNpmStartSandbox('sandbox-shop');
  }, 120_000);
  afterAll(() => sandbox?.close());

  it('sells Ana the Supporter role, set on her Discord member', async () => {
    const { browser, sandboxUrl, telegram, discord, pool, services } = sandbox;
    const context = await browser.newContext();
    context.setDefaultTimeout(uiTimeoutMs);
    const page = await context.newPage();
    await page.goto(sandboxUrl);
    const ana = (await telegram.world()).users.find((user) => user.first_name === 'Ana')!;
    await page.locator('#telegram select').first().selectOption(String(ana.id));
    const opening = context.waitForEvent('page');
    await page.locator('#telegram').getByRole('button', { name: 'Open the app' }).click();
    const app = await opening;
    await app.getByRole('heading', { name: 'Shop', exact: true }).waitFor();
    const role = app.locator('#shop-items li', { hasText: 'Supporter · 50 coins' });
    await role.getByText('Discord role · for 7 days').waitFor();

    // Ana linked her Discord account (alice) and claimed a /daily since.
    const { rows } = await pool.query<{ player_id: string }>(
      `SELECT player_id FROM identities WHERE platform = 'telegram' AND username = 'ana_plays'`,
    );
    const playerId = rows[0]!.player_id;
    const state = (await discord.state()) as {
      guilds: Array<{ id: string; roles: Array<{ id: string; name: string }> }>;
      users: Array<{ id: string; username: string }>;
    };
    const guild = state.guilds[0]!;
    const alice = state.users.find((user) => user.username === 'alice')!.id;
    const supporter = guild.roles.find((r) => r.name === 'Supporter')!.id;
    await pool.query(
      `INSERT INTO identities (player_id, platform, platform_user_id, username) VALUES ($1, 'discord', $2, 'alice')`,
      [playerId, alice],
    );
    await services.engine.record({
      key: `telegram-daily-sandbox-shop-${playerId}`,
      playerId,
      type: 'reward_grant',
      source: 'telegram',
      xpDelta: 100,
      coinDelta: 50,
      reason: 'daily',
    });
    await app.reload();
    await app.getByText('You have 50 coins to spend.').waitFor();
    await role.getByRole('button', { name: 'Buy' }).click();
    await role.getByText('Bought: your coins are held and Supporter is given to you shortly.').waitFor();
    await app
      .locator('#purchase-list li', { hasText: 'Supporter' })
      .getByText(/^granted until /)
      .waitFor({ timeout: 60_000 });
    await waitFor(
      async () =>
        (await discord.guild(guild.id)).members.some(
          (member) => member.user.id === alice && member.roles.includes(supporter),
        ),
      'the Supporter role on alice',
      30_000,
    );
    await app.getByText('You have 0 coins to spend.').waitFor();
    await context.close();
  });
});
