import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvePayout, declinePayout } from '../../src/payouts/decide-payout.ts';
import { requestPayout } from '../../src/payouts/request-payout.ts';
import { adjustPlayer } from '../../src/players/adjust-player.ts';
import { approveSubmission } from '../../src/tasks/decide-submission.ts';
import { createTask } from '../../src/tasks/manage-tasks.ts';
import { submitTask } from '../../src/tasks/submit-task.ts';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';

/** The code in a `/link` answer: six characters of the unambiguous alphabet. */
function codeIn(reply: string): string {
  const code = /\b([2-9A-HJKMNP-Z]{6})\b/.exec(reply)?.[1];
  if (!code) throw new Error(`no link code in: ${reply}`);
  return code;
}

// What players read, counted where they read it: the messages the emulators received from the bots.
describe('one message per event, on each platform it should reach (real bots against the emulators)', () => {
  let world: BotWorld;
  let account: string;
  beforeAll(async () => {
    world = await openBotWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  const ana = () => world.telegramUser(0);
  const alice = () => world.discordMember('alice');
  const telegramTexts = () => ana().botTexts();
  /** The bot's direct messages to alice, oldest first. */
  const discordTexts = async () => {
    const aliceId = world.demo.discord.users.alice;
    return (await world.discord.control.directMessages({ userId: aliceId })).flatMap((dm) =>
      dm.messages.filter((m) => m.author.id !== aliceId).map((m) => m.content),
    );
  };
  /** What each side received while `act` ran, once everything it caused has been sent. */
  async function received(act: () => Promise<unknown>): Promise<{ telegram: string[]; discord: string[] }> {
    await world.settle();
    const before = { telegram: telegramTexts().length, discord: (await discordTexts()).length };
    await act();
    await world.settle();
    return {
      telegram: telegramTexts().slice(before.telegram),
      discord: (await discordTexts()).slice(before.discord),
    };
  }
  const totalsOf = async (id: string) =>
    world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id }, select: { xp: true, balance: true } });

  it('linking tells each side once, naming the other, with what was added and the totals after it', async () => {
    expect(await ana().command('daily')).toMatch(/\+100 XP/);
    expect(await alice().command('daily')).toMatch(/\+100 XP/);
    const aliceBefore = await totalsOf(await alice().playerId());
    const code = codeIn(await ana().command('link'));
    const preview = await alice().redeem(code);
    let answer = '';
    const told = await received(async () => {
      answer = await preview.confirm();
    });
    account = await ana().playerId();
    const after = await totalsOf(account);
    const anaName = (
      await world.tandem.db.prisma.identity.findFirstOrThrow({
        where: { platform: 'telegram', platformUserId: String(ana().id) },
      })
    ).username;

    // The issuer is told by a notice; the redeemer, who pressed the button, by its answer alone.
    expect(told.telegram).toHaveLength(1);
    expect(told.discord).toEqual([]);
    expect(told.telegram[0]).toMatch(/^✅ Linked with alice on Discord/);
    expect(answer).toMatch(new RegExp(`^✅ Linked with ${anaName} on Telegram`));
    for (const text of [...told.telegram, answer]) {
      expect(text).toContain(`${aliceBefore.xp} XP and ${aliceBefore.balance} coins`);
      expect(text).toContain(`You now have ${after.xp} XP and ${after.balance} coins.`);
      expect(text).not.toMatch(/merge/i);
    }
  });

  it('a task approval is one message per linked platform, with its reward and the totals', async () => {
    const task = await createTask(world.tandem, { title: 'Stream a match', rewardXp: 40, rewardCoins: 15 });
    const { submission } = await submitTask(world.tandem, {
      playerId: account,
      taskId: task.id,
      proof: 'https://example.com/stream',
      platform: 'telegram',
    });
    const told = await received(() =>
      approveSubmission(world.tandem, { submissionId: submission.id, decidedBy: 'admin' }),
    );
    const { xp, balance } = await totalsOf(account);
    const text = `✅ Your proof for "Stream a match" was approved: +40 XP and +15 coins! You now have ${xp} XP and ${balance} coins.`;
    expect(told).toEqual({ telegram: [text], discord: [text] });
  });

  it('an admin adjustment of XP and coins is one message per platform, in words, without slugs', async () => {
    const told = await received(() =>
      adjustPlayer(world.tandem, {
        playerId: account,
        xpDelta: 10,
        coinDelta: -20,
        note: 'typo fix',
        admin: 'alice-admin',
      }),
    );
    const { xp, balance } = await totalsOf(account);
    const text = `An admin gave you +10 XP and took 20 coins. You now have ${xp} XP and ${balance} coins.`;
    expect(told).toEqual({ telegram: [text], discord: [text] });
    expect([...told.telegram, ...told.discord].filter((t) => /_|adjustment|\(/.test(t))).toEqual([]);
  });

  it("a payout decision is one message per platform; a decline's refund adds none", async () => {
    await adjustPlayer(world.tandem, {
      playerId: account,
      coinDelta: 300,
      note: 'prize',
      admin: 'alice-admin',
    });
    const hold = (requestId: string) =>
      requestPayout(world.tandem, { playerId: account, amount: 100, requestId, source: 'telegram' });
    const first = await hold('payout-1');
    const second = await hold('payout-2');
    const approved = await received(() =>
      approvePayout(world.tandem, { payoutId: first.payout.id, adminId: 'admin' }),
    );
    expect(approved).toEqual({
      telegram: ['✅ Your payout of 100 coins was approved.'],
      discord: ['✅ Your payout of 100 coins was approved.'],
    });
    const declined = await received(() =>
      declinePayout(world.tandem, { payoutId: second.payout.id, adminId: 'admin', reason: 'Wallet missing' }),
    );
    const { balance } = await totalsOf(account);
    const text = `Your payout of 100 coins was declined: Wallet missing. The coins are back in your balance (${balance} coins).`;
    expect(declined).toEqual({ telegram: [text], discord: [text] });
  });

  it('a rank-up and the achievement it unlocks are one message each; the reward adds none', async () => {
    const { xp } = await totalsOf(account);
    const challenger = 4_700;
    const told = await received(() =>
      adjustPlayer(world.tandem, {
        playerId: account,
        xpDelta: challenger - xp,
        note: 'tournament',
        admin: 'alice-admin',
      }),
    );
    const { balance } = await totalsOf(account);
    const expected = [
      // Its totals are those the adjustment left; the achievement's 100 coins came after it.
      `🎁 An admin gave you +${(challenger - xp).toLocaleString('en')} XP. You now have 4,700 XP and ${balance - 100} coins.`,
      '🎉 Rank up! You are now Challenger (4,700 XP).',
      expect.stringMatching(/^🏆 Achievement unlocked: .+! Reward: \+100 coins\.$/),
    ];
    expect(told.telegram).toHaveLength(3);
    expect(told.telegram).toEqual(expect.arrayContaining(expected));
    expect(told.discord).toHaveLength(3);
    expect(told.discord).toEqual(expect.arrayContaining(expected));
  });

  it("writes each notice in its reader's language: their choice, else their client's, else the default", async () => {
    const adjust = (coinDelta: number) =>
      received(() =>
        adjustPlayer(world.tandem, { playerId: account, coinDelta, note: 'gift', admin: 'alice-admin' }),
      );
    await world.tandem.db.prisma.player.update({ where: { id: account }, data: { language: 'ru' } });
    const chosen = await adjust(5);
    expect(chosen.telegram).toEqual([expect.stringMatching(/^🎁 Администратор начислил вам \+5 монет\./)]);
    expect(chosen.discord).toEqual(chosen.telegram);

    // No choice of their own: the Telegram client speaks Russian, the Discord one nothing Tandem has.
    await world.tandem.db.prisma.player.update({ where: { id: account }, data: { language: null } });
    await world.tandem.db.prisma.identity.updateMany({
      where: { playerId: account, platform: 'telegram' },
      data: { clientLanguage: 'ru' },
    });
    await world.tandem.db.prisma.identity.updateMany({
      where: { playerId: account, platform: 'discord' },
      data: { clientLanguage: null },
    });
    const client = await adjust(2);
    expect(client.telegram).toEqual([expect.stringMatching(/^🎁 Администратор начислил вам \+2 монеты\./)]);
    expect(client.discord).toEqual([expect.stringMatching(/^🎁 An admin gave you \+2 coins\./)]);
  });

  it('still delivers a notice queued with its text already written', async () => {
    const told = await received(() =>
      world.tandem.queues.notifications.add(
        'notify',
        { platform: 'telegram', platformUserId: String(ana().id), text: 'Queued before the upgrade.' },
        { jobId: 'notify-queued-before-upgrade' },
      ),
    );
    expect(told).toEqual({ telegram: ['Queued before the upgrade.'], discord: [] });
  });
});
