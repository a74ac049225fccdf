import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuePagerCode } from '../../src/alerts/pager-signup.ts';
import { upsertAlertScheduler } from '../../src/sync/maintenance/schedulers.ts';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * The acceptance test of the pager: the real bots, workers and ports against the emulators, the
 * pager ticking every 300 ms with its windows shortened to seconds. An admin signs up on Telegram
 * with the panel's code; Discord refusing role writes while a player ranks up reaches that admin by
 * DM, once, and a "resolved" DM follows once the bot has its permission back.
 */
describe('the bots page the admins who signed up (real bots against the emulators)', () => {
  let world: BotWorld;
  let adminId: string;
  const ana = () => world.telegramUser(0);
  const pages = (pattern: RegExp) =>
    ana()
      .botTexts()
      .filter((text) => pattern.test(text));

  beforeAll(async () => {
    world = await openBotWorld({
      pager: {
        everyMs: 300,
        windows: { signalBucketMs: 1_000, refusalWindowMs: 3_000, resolveAfterClearMs: 1_000 },
      },
    });
    const admin = await world.tandem.db.prisma.admin.create({
      data: { username: 'ana-admin', passwordHash: 'scrypt$not-used-here' },
    });
    adminId = admin.id;
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('signs an admin up on Telegram with the one-time code the panel shows', async () => {
    const { code } = await issuePagerCode(world.tandem.db.pool, adminId);
    expect(await ana().command('pager', 'ABCDEFGH')).toMatch(/expired or is not valid/);
    expect(await ana().command('pager', code)).toMatch(
      /You will get Tandem's alerts here, as admin ana-admin/,
    );
    // Single use: the same code signs nobody else up.
    expect(await world.telegramUser(1).command('pager', code)).toMatch(/expired or is not valid/);
    const targets = await world.tandem.db.prisma.adminPagerTarget.findMany();
    expect(targets).toEqual([
      expect.objectContaining({
        adminId,
        platform: 'telegram',
        platformUserId: String(ana().id),
        language: 'en',
      }),
    ]);
  });

  it('pages once when Discord refuses role writes, and once more when they work again', async () => {
    const { control } = world.discord;
    const { guildId, roles } = world.demo.discord;
    const bob = world.discordMember('bob');
    expect(await bob.command('daily')).toMatch(/XP/);
    const botRole = (await control.guild(guildId)).roles.find((role) => role.id === roles.botRole)!;
    // The bot loses Manage Roles: Discord answers its role writes 403 Missing Permissions (50013).
    await control.setRolePermissions(guildId, roles.botRole, []);
    await world.tandem.engine.record({
      key: `admin-grant-pager-${await bob.playerId()}`,
      playerId: await bob.playerId(),
      type: 'xp_change',
      source: 'admin',
      xpDelta: 450,
      reason: 'grant',
    });
    await waitFor(async () => pages(/Discord refused/).length > 0, 'the "opened" page on Telegram', 30_000);
    expect(await bob.roleIds()).not.toContain(roles.bronze);

    await control.setRolePermissions(guildId, roles.botRole, botRole.permissions);
    await waitFor(
      async () => pages(/Discord accepts role changes again/).length > 0,
      'the "resolved" page on Telegram',
      30_000,
    );
    await world.settle();
    expect(pages(/Discord refused/)).toHaveLength(1);
    expect(pages(/Discord accepts role changes again/)).toHaveLength(1);
    const incidents = await world.tandem.db.prisma.alertIncident.findMany({ include: { pages: true } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ conditionKey: 'role-refusals' });
    expect(incidents[0]!.resolvedAt).not.toBeNull();
    expect(incidents[0]!.pages.map((page) => [page.kind, page.platform, page.folded]).sort()).toEqual([
      ['opened', 'telegram', false],
      ['resolved', 'telegram', false],
    ]);
  });

  it('never pages a player: only the admin who signed up got a page', async () => {
    for (const index of [1] as const) {
      expect(
        world
          .telegramUser(index)
          .botTexts()
          .filter((text) => /Tandem:/.test(text)),
      ).toEqual([]);
    }
  });
});

/**
 * The Discord gateway stopping while the community is active: the bot receives nothing, which pages
 * the admin, and receiving again resolves it. Discord is kept busy (a member chatting) so that only
 * the outage is a silence; the pager starts once the admin has signed up.
 */
describe('a Discord gateway that stopped pages the admins (real bots against the emulators)', () => {
  let world: BotWorld;
  let chatting = true;
  let chatter: Promise<void> = Promise.resolve();
  const ana = () => world.telegramUser(0);
  const pages = (pattern: RegExp) =>
    ana()
      .botTexts()
      .filter((text) => pattern.test(text));

  beforeAll(async () => {
    world = await openBotWorld({
      pager: { windows: { platformSilentMs: 4_000, resolveAfterClearMs: 1_000 } },
    });
    const admin = await world.tandem.db.prisma.admin.create({
      data: { username: 'gateway-watch', passwordHash: 'scrypt$not-used-here' },
    });
    const { code } = await issuePagerCode(world.tandem.db.pool, admin.id);
    expect(await ana().command('pager', code)).toMatch(/as admin gateway-watch/);
    // Activity in the last hour: the community counts as active.
    expect(await world.discordMember('alice').command('daily')).toMatch(/XP/);
    const alice = world.discordMember('alice');
    chatter = (async () => {
      for (let i = 0; chatting; i++) {
        await alice.say(`still here ${i}`).catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
  });
  afterAll(async () => {
    chatting = false;
    await chatter;
    await world?.stop();
  });

  it('pages once when the gateway stops, and once more when the bot receives again', async () => {
    await upsertAlertScheduler(world.tandem.queues, 300);
    const silent = /Discord bot has received nothing/;
    const stoppedAt = new Date();
    await world.discord.control.stopGateway();
    await waitFor(async () => pages(silent).length > 0, 'the "opened" page on Telegram', 30_000);
    await world.discord.control.clearFaults();
    await waitFor(
      async () => pages(/Discord bot receives updates again/).length > 0,
      'the "resolved" page on Telegram',
      60_000,
    );
    expect(pages(silent)).toHaveLength(1);
    // One incident, and of the outage: while Discord was talking nothing was paged.
    const incidents = await world.tandem.db.prisma.alertIncident.findMany({
      where: { conditionKey: 'platform-silent:discord' },
    });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.startedAt.getTime()).toBeGreaterThanOrEqual(stoppedAt.getTime());
    expect(incidents[0]!.resolvedAt).not.toBeNull();
  });
});
