import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { economySettingsKey } from '../../src/settings/economy-settings.ts';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';
import { ledgerMatchesTotals } from '../support/ledger.ts';
import { waitFor } from '../support/wait-for.ts';

/** The code in a `/link` answer: six characters of the unambiguous alphabet. */
function codeIn(reply: string): string {
  const code = /\b([2-9A-HJKMNP-Z]{6})\b/.exec(reply)?.[1];
  if (!code) throw new Error(`no link code in: ${reply}`);
  return code;
}

describe('one player on both platforms (real telegraf and discord.js against the emulators)', () => {
  let world: BotWorld;
  beforeAll(async () => {
    world = await openBotWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('links with a code issued on Telegram, merging two accounts that earned separately', async () => {
    const ana = world.telegramUser(0);
    const alice = world.discordMember('alice');
    expect(await ana.command('daily')).toMatch(/\+100 XP/);
    expect(await alice.command('daily')).toMatch(/\+100 XP/);
    const aliceFormerAccount = await alice.playerId();

    const totals = async (id: string) =>
      world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id }, select: { xp: true, balance: true } });
    const anaBefore = await totals(await ana.playerId());
    const aliceBefore = await totals(aliceFormerAccount);

    const code = codeIn(await ana.command('link'));
    const anaName = (
      await world.tandem.db.prisma.identity.findFirstOrThrow({
        where: { platform: 'telegram', platformUserId: String(ana.id) },
      })
    ).username;
    const preview = await alice.redeem(code);
    // Exactly what will happen, in which direction, before anything moves.
    expect(preview.text).toContain(
      `Your Discord account (${aliceBefore.xp} XP, ${aliceBefore.balance} coins) will be merged into the ` +
        `Telegram account of ${anaName} (${anaBefore.xp} XP, ${anaBefore.balance} coins); together: ` +
        `${anaBefore.xp + aliceBefore.xp} XP, ${anaBefore.balance + aliceBefore.balance} coins.`,
    );
    expect(await alice.playerId()).toBe(aliceFormerAccount);
    expect(await totals(aliceFormerAccount)).toEqual(aliceBefore);
    expect(await preview.confirm()).toMatch(/linked/i);
    // The one who asked for the code hears about it on Telegram.
    await waitFor(
      async () => ana.botTexts().some((text) => text.startsWith('✅ Linked with alice on Discord')),
      'link notice on Telegram',
    );

    const account = await ana.playerId();
    expect(await alice.playerId()).toBe(account);
    await world.settle();
    const player = await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: account } });
    expect(player).toMatchObject({ xp: 200, balance: 100 });
    const former = await world.tandem.db.prisma.player.findUniqueOrThrow({
      where: { id: aliceFormerAccount },
    });
    expect(former).toMatchObject({ xp: 0, balance: 0, mergedIntoId: account });
    const profile = await ana.command('profile');
    expect(profile).toMatch(/200 XP/);
    expect(profile).toMatch(/alice/);
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });

  it('links with a code issued on Discord, and refuses a wrong code without changing anything', async () => {
    const ben = world.telegramUser(1);
    const bob = world.discordMember('bob');
    const code = codeIn(await bob.command('link'));
    expect(await ben.command('link', 'ZZZZZZ')).toMatch(/code/i);
    await expect(
      ben.playerId().then((id) => world.tandem.db.prisma.identity.count({ where: { playerId: id } })),
    ).resolves.toBe(1);
    const preview = await ben.redeem(code.toLowerCase());
    expect(preview.text).toMatch(
      /^🔗 Your Telegram account \(.*\) will be merged into the Discord account of bob/,
    );
    expect(await preview.confirm()).toMatch(/linked/i);
    expect(await ben.playerId()).toBe(await bob.playerId());
    // The one who asked for the code hears about it in a Discord DM, and the one who typed it on Telegram.
    await waitFor(async () => {
      const dms = await world.discord.control.directMessages({ userId: bob.id });
      return dms.some((dm) => dm.messages.some((m) => /^✅ Linked with .+ on Telegram/.test(m.content)));
    }, 'link notice in a Discord DM');
    await waitFor(
      async () => ben.botTexts().some((text) => text.startsWith('✅ Linked with bob on Discord')),
      'link notice on Telegram',
    );
  });

  it('shows XP earned on Discord in Telegram /profile, announces the rank-up there and swaps the rank role', async () => {
    const ana = world.telegramUser(0);
    const alice = world.discordMember('alice');
    const { roles } = world.demo.discord;
    await waitFor(
      async () => (await alice.roleIds()).includes(roles.bronze),
      'Newcomer role (Bronze) on alice',
    );

    // Generous messages without a cooldown, so three messages cross Rookie's 500 XP.
    await world.tandem.db.prisma.setting.update({
      where: { key: economySettingsKey },
      data: { value: { message: { minXp: 110, maxXp: 110, cooldownSeconds: 0 } }, version: { increment: 1 } },
    });
    await world.tandem.changes.publish({ entity: 'settings', action: 'updated', id: economySettingsKey });
    await new Promise((resolve) => setTimeout(resolve, 200));

    const account = await alice.playerId();
    const xpOf = async () =>
      (await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: account } })).xp;
    // One message after another, as people type: each is credited before the next is sent.
    for (const [index, text] of [
      'hello everyone!',
      'who is up for a raid tonight?',
      'count me in',
    ].entries()) {
      await alice.say(text);
      await waitFor(async () => (await xpOf()) === 200 + 110 * (index + 1), `message ${index + 1} credited`);
    }

    await waitFor(
      async () => ana.botTexts().some((text) => /Rank up!.*Rookie/.test(text)),
      'rank-up notice on Telegram',
    );
    await world.settle();
    expect(await ana.command('profile')).toMatch(/Rookie[\s\S]*530 XP|530 XP[\s\S]*Rookie/);
    await waitFor(async () => {
      const held = await alice.roleIds();
      return held.includes(roles.silver) && !held.includes(roles.bronze);
    }, 'Rookie role (Silver) replacing Bronze');
    await world.tandem.settle();
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });
});
