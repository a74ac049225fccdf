import type { ControlInteraction } from '@tandem/emulators/discord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBotHarness, startDiscordBotHarness } from '../../test/support/discord-bot-harness.ts';
import { issuePagerCode } from '../alerts/pager-signup.ts';
import { issueLinkCode } from '../linking/issue-link-code.ts';
import { somethingWentWrong } from '../replies/errors.ts';

let harness: DiscordBotHarness;
beforeAll(async () => {
  harness = await startDiscordBotHarness();
});
afterAll(async () => {
  await harness?.stop();
});

/** Presses the button whose custom id starts with `prefix` under a command's reply; resolves with the answer's text. */
async function press(done: ControlInteraction, prefix: string, userId: string): Promise<string> {
  const row = (done.original?.components ?? []) as Array<{ components: Array<{ custom_id: string }> }>;
  const customId = row.flatMap((r) => r.components).find((c) => c.custom_id.startsWith(prefix))?.custom_id;
  if (!customId || !done.original) throw new Error(`no "${prefix}" button under: ${done.original?.content}`);
  const pressed = await harness.control.pressButton({ messageId: done.original.id, userId, customId });
  const answered = await harness.control.interaction(pressed.id, { until: 'completed', timeoutMs: 10_000 });
  const data = answered.response?.data as { content?: string } | null;
  return data?.content ?? answered.original?.content ?? '';
}

async function identitiesOf(discordUserId: string) {
  const playerId = await harness.playerOf(discordUserId);
  const rows = await harness.tandem.db.prisma.identity.findMany({
    where: { playerId: playerId ?? undefined },
  });
  return rows.map((row) => `${row.platform}:${row.platformUserId}`).sort();
}

async function ledgerRows(reason: string): Promise<number> {
  const { rows } = await harness.tandem.db.pool.query(
    'SELECT count(*)::int AS n FROM ledger_entries WHERE reason = $1',
    [reason],
  );
  return rows[0].n;
}

describe('slash commands', () => {
  it('are registered in the guild at start, none globally', async () => {
    const inGuild = await harness.control.commands({ guildId: harness.world.guildId });
    expect(inGuild.map((command) => command.name).sort()).toEqual([
      'announcements',
      'daily',
      'help',
      'language',
      'link',
      'pager',
      'pay',
      'privacy',
      'profile',
      'shop',
      'sync',
      'top',
      'unlink',
    ]);
    const daily = inGuild.find((command) => command.name === 'daily');
    expect((daily?.description_localizations as Record<string, string> | undefined)?.ru).toBe(
      'Забрать ежедневный бонус',
    );
    expect(await harness.control.commands({ guildId: 'global' })).toEqual([]);
  });

  it('/profile sets up a new player under their Discord name and answers privately', async () => {
    const done = await harness.runCommand(harness.world.users.alice, 'profile');
    expect(done.response?.type).toBe(4);
    expect(done.ephemeral).toBe(true);
    expect(done.original?.content).toContain('👤 alice');
    expect(done.original?.content).toContain('Not linked with Telegram yet');
    expect(await harness.playerOf(harness.world.users.alice)).not.toBeNull();
  });

  it('/daily pays once a day; asking again says when the next one is ready', async () => {
    const first = await harness.runCommand(harness.world.users.alice, 'daily');
    expect(first.original?.content).toContain('🎁 Daily bonus');
    const again = await harness.runCommand(harness.world.users.alice, 'daily');
    expect(again.original?.content).toContain("You've already claimed today's bonus");
    expect(await ledgerRows('daily')).toBe(1);
  });

  it('/top shows the leaderboard to the channel', async () => {
    const done = await harness.runCommand(harness.world.users.bob, 'top');
    expect(done.ephemeral).toBe(false);
    expect(done.original?.content).toMatch(/🏆 Top players\n🥇 alice: \d+ XP/);
  });

  it('/link issues a private code to send to the Telegram bot', async () => {
    const done = await harness.runCommand(harness.world.users.carol, 'link');
    expect(done.ephemeral).toBe(true);
    const playerId = await harness.playerOf(harness.world.users.carol);
    const code = await harness.tandem.db.prisma.linkCode.findFirstOrThrow({ where: { playerId: playerId! } });
    expect(done.original?.content).toContain(`Send /link ${code.code} to the Telegram bot`);
  });

  it("/pager signs an admin up for alerts by DM with the panel's code, privately; code:off stops", async () => {
    const admin = await harness.tandem.db.prisma.admin.create({
      data: { username: 'discord-admin', passwordHash: 'scrypt$not-used-here' },
    });
    const { code } = await issuePagerCode(harness.tandem.db.pool, admin.id);
    const signedUp = await harness.runCommand(harness.world.users.alice, 'pager', { code });
    expect(signedUp.ephemeral).toBe(true);
    expect(signedUp.original?.content).toMatch(/alerts here, as admin discord-admin/);
    expect(await harness.tandem.db.prisma.adminPagerTarget.findMany()).toEqual([
      expect.objectContaining({
        adminId: admin.id,
        platform: 'discord',
        platformUserId: harness.world.users.alice,
      }),
    ]);
    const stopped = await harness.runCommand(harness.world.users.alice, 'pager', { code: 'off' });
    expect(stopped.original?.content).toMatch(/no longer get Tandem's alerts/);
    expect(await harness.tandem.db.prisma.adminPagerTarget.count()).toBe(0);
  });

  it('/link with a wrong code says so privately and links nothing', async () => {
    const wrong = await harness.runCommand(harness.world.users.bob, 'link', { code: 'WXYZ23' });
    expect(wrong.ephemeral).toBe(true);
    expect(wrong.original?.content).toMatch(/^That code has expired or is not valid\..*tries left\)\.$/);
    const malformed = await harness.runCommand(harness.world.users.bob, 'link', { code: 'no!' });
    expect(malformed.original?.content).toBe(
      "That doesn't look like a link code: 6 letters/digits, e.g. K7M2QX",
    );
    expect(await identitiesOf(harness.world.users.bob)).toEqual([`discord:${harness.world.users.bob}`]);
  });

  it('/link with a code from Telegram joins the accounts; /unlink parts them; a second /unlink explains', async () => {
    const { bob } = harness.world.users;
    const issued = await issueLinkCode(harness.tandem.db, {
      platform: 'telegram',
      platformUserId: '7001',
      now: new Date(),
    });
    const preview = await harness.runCommand(bob, 'link', { code: issued.code.toLowerCase() });
    expect(preview.ephemeral).toBe(true);
    expect(preview.original?.content).toMatch(
      /^🔗 Your Discord account \(.*\) will be merged into the Telegram account/,
    );
    expect(await identitiesOf(bob)).toEqual([`discord:${bob}`]);
    expect(await press(preview, 'link:yes:', bob)).toMatch(/^✅ Linked with .+ on Telegram/);
    expect(await identitiesOf(bob)).toEqual([`discord:${bob}`, 'telegram:7001']);

    const unlinked = await harness.runCommand(bob, 'unlink');
    expect(unlinked.original?.content).toContain('Unlinked. This Discord account starts fresh');
    expect(await identitiesOf(bob)).toEqual([`discord:${bob}`]);
    const again = await harness.runCommand(bob, 'unlink');
    expect(again.ephemeral).toBe(true);
    expect(again.original?.content).toBe(
      'Your Discord account is not linked to another platform: nothing to unlink.',
    );
  });

  it('/sync checks the totals and queues the rank role', async () => {
    const { tandem, world } = harness;
    const newcomer = await tandem.db.prisma.rank.findFirstOrThrow({ orderBy: { priority: 'asc' } });
    await tandem.db.prisma.rank.update({
      where: { id: newcomer.id },
      data: { discordRoleId: world.roles.bronze },
    });
    tandem.catalog.invalidate();
    const done = await harness.runCommand(world.users.alice, 'sync');
    expect(done.ephemeral).toBe(true);
    expect(done.original?.content).toContain('✅ Your XP and coins match your history.');
    expect(done.original?.content).toContain('Your rank and achievement roles are being re-applied');
    const playerId = await harness.playerOf(world.users.alice);
    const events = await tandem.db.prisma.syncEvent.findMany({
      where: { playerId: playerId!, type: 'rank_change' },
    });
    expect(events).toHaveLength(1);
  });

  it("a slow command is deferred within Discord's 3 s and answered when done", async () => {
    const { catalog } = harness.deps;
    const get = catalog.get;
    catalog.get = () => new Promise((resolve) => setTimeout(() => resolve(get()), 2_500));
    try {
      const done = await harness.runCommand(harness.world.users.bob, 'top');
      expect(done.response?.type).toBe(5);
      expect(done.ephemeral).toBe(false);
      expect(done.original?.content).toContain('🏆 Top players');
    } finally {
      catalog.get = get;
    }
  });

  it('a failure on our side gets the generic sentence, privately even for /top, and the bot goes on', async () => {
    const { catalog } = harness.deps;
    const get = catalog.get;
    catalog.get = () => Promise.reject(new Error('database unreachable (test)'));
    try {
      const created = await harness.control.runCommand({
        channelId: harness.world.channels.general,
        userId: harness.world.users.bob,
        name: 'top',
      });
      const failed = await harness.control.interaction(created.id, { until: 'completed' });
      expect(failed.ephemeral).toBe(true);
      expect(failed.original?.content).toBe(somethingWentWrong);
    } finally {
      catalog.get = get;
    }
    expect(harness.logs.some((line) => line.msg === 'slash command failed' && line.command === 'top')).toBe(
      true,
    );
    const after = await harness.runCommand(harness.world.users.bob, 'top');
    expect(after.original?.content).toContain('🏆 Top players');
  });
});
