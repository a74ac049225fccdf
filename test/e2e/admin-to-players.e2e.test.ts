import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateMenuButton } from '../../src/content/menu-buttons.ts';
import { approvePayout } from '../../src/payouts/decide-payout.ts';
import { approveSubmission } from '../../src/tasks/decide-submission.ts';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';
import { ledgerMatchesTotals } from '../support/ledger.ts';
import { waitFor } from '../support/wait-for.ts';

describe('admin decisions reach the players (real bots against the emulators)', () => {
  let world: BotWorld;
  beforeAll(async () => {
    world = await openBotWorld();
    // Ana plays on both platforms: her Discord DMs carry the announcements too.
    const ana = world.telegramUser(0);
    const code = /\b([2-9A-HJKMNP-Z]{6})\b/.exec(await ana.command('link'))![1]!;
    const preview = await world.discordMember('alice').redeem(code);
    expect(await preview.confirm()).toMatch(/linked/i);
  });
  afterAll(async () => {
    await world?.stop();
  });

  const discordDms = async (userId: string) =>
    (await world.discord.control.directMessages({ userId })).flatMap((dm) =>
      dm.messages.map((m) => m.content),
    );

  it('shows an admin edit of a menu button at the next /start, without a restart', async () => {
    const ana = world.telegramUser(0);
    const first = await ana.command('start');
    expect(first).toBeTruthy();
    const button = await world.tandem.db.prisma.menuButton.findFirstOrThrow({ orderBy: { position: 'asc' } });
    await updateMenuButton(world.tandem, {
      id: button.id,
      expectedVersion: button.version,
      label: 'My stats ✨',
    });
    await waitFor(
      async () => {
        const { seq } = world.telegram.control.sendCommand({ from: ana.id, command: 'start' });
        const event = await world.telegram.control.waitFor({
          types: ['bot.message'],
          chatId: ana.id,
          since: seq,
        });
        const keyboard = event.type === 'bot.message' ? event.message.reply_markup : undefined;
        return JSON.stringify(keyboard ?? {}).includes('My stats ✨');
      },
      'the new label in the /start menu',
      5_000,
    );
  });

  it('holds a payout at once, and announces the admin approval on both platforms', async () => {
    const ana = world.telegramUser(0);
    const account = await ana.playerId();
    await world.tandem.engine.record({
      key: `admin-grant-1-${account}`,
      playerId: account,
      type: 'balance_change',
      source: 'admin',
      coinDelta: 300,
      reason: 'grant',
    });
    // The grant is announced by the notification queue; let it arrive before talking to the bot, so
    // each answer read below is the answer to its command.
    await waitFor(
      async () => ana.botTexts().some((t) => /An admin gave you \+300 coins/.test(t)),
      'grant notice',
    );
    expect(await ana.command('payout', 'lots')).toMatch(/payout/i);
    expect(await ana.command('payout', '5000')).toMatch(/coins/i);
    const held = await ana.command('payout', '200');
    expect(held).toMatch(/200/);
    const payout = await world.tandem.db.prisma.payout.findFirstOrThrow({ where: { playerId: account } });
    expect(payout.status).toBe('held');
    expect((await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: account } })).balance).toBe(
      100,
    );

    await approvePayout(world.tandem, { payoutId: payout.id, adminId: 'admin' });
    await waitFor(
      async () => ana.botTexts().some((t) => /payout of 200 coins was approved/.test(t)),
      'Telegram notice',
    );
    await waitFor(
      async () => (await discordDms(world.demo.discord.users.alice)).some((t) => /approved/.test(t)),
      'Discord DM',
    );
    await world.tandem.settle();
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });

  it('pays a task reward when an admin approves the proof a player sent on Telegram', async () => {
    const ana = world.telegramUser(0);
    const account = await ana.playerId();
    const task = await world.tandem.db.prisma.task.findFirstOrThrow({
      where: { active: true },
      orderBy: { id: 'asc' },
    });
    await world.settle();
    const before = await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: account } });
    expect(await ana.command('submit', `${task.id} https://example.com/my-proof`)).toMatch(
      /received|review|submitted/i,
    );
    const submission = await world.tandem.db.prisma.taskSubmission.findFirstOrThrow({
      where: { playerId: account },
    });
    expect(submission.status).toBe('pending');

    await approveSubmission(world.tandem, { submissionId: submission.id, decidedBy: 'admin' });
    await waitFor(
      async () => ana.botTexts().some((t) => t.includes(task.title) && /approved/i.test(t)),
      'approval notice',
    );
    const after = await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: account } });
    expect(after.xp - before.xp).toBe(task.rewardXp);
    expect(after.balance - before.balance).toBe(task.rewardCoins);
  });
});
