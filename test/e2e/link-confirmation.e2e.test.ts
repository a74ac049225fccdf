import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';
import { ledgerMatchesTotals } from '../support/ledger.ts';

/** The code in a `/link` answer: six characters of the unambiguous alphabet. */
function codeIn(reply: string): string {
  const code = /\b([2-9A-HJKMNP-Z]{6})\b/.exec(reply)?.[1];
  if (!code) throw new Error(`no link code in: ${reply}`);
  return code;
}

describe('a link code asks first (real telegraf and discord.js against the emulators)', () => {
  let world: BotWorld;
  beforeAll(async () => {
    world = await openBotWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  /** Every account's totals and identities, and the merge rows: what a link would change. */
  const accounts = async () => ({
    players: await world.tandem.db.prisma.player.findMany({
      orderBy: { id: 'asc' },
      select: {
        id: true,
        xp: true,
        balance: true,
        mergedIntoId: true,
        identities: { select: { platform: true } },
      },
    }),
    mergeRows: await world.tandem.db.prisma.ledgerEntry.count({
      where: { reason: { startsWith: 'merge_' } },
    }),
  });

  it('on Discord: a stranger’s press and Cancel move nothing; a double confirm merges once', async () => {
    const ana = world.telegramUser(0);
    const alice = world.discordMember('alice');
    const carol = world.discordMember('carol');
    expect(await alice.command('daily')).toMatch(/\+100 XP/);
    await carol.command('profile');
    const aliceAccount = await alice.playerId();
    const code = codeIn(await ana.command('link'));
    await world.settle();
    const before = await accounts();

    const first = await alice.redeem(code);
    expect(first.text).toMatch(
      /^🔗 Your Discord account \(100 XP, .*\) will be merged into the Telegram account/,
    );
    expect(await first.pressAs(carol.id)).toBe(
      'This button belongs to the player who typed the link code. Nothing was changed.',
    );
    expect(await first.cancel()).toBe('Cancelled. Nothing was changed.');
    await world.settle();
    expect(await accounts()).toEqual(before);
    expect(await alice.playerId()).toBe(aliceAccount);

    // The code still works until it expires: typed again, a new preview; two quick presses link once.
    const second = await alice.redeem(code);
    const answers = await Promise.all([second.confirm(), second.confirm()]);
    expect(answers.filter((a) => /^✅ Linked with ana_plays on Telegram/.test(a))).toHaveLength(1);
    expect(await alice.playerId()).toBe(await ana.playerId());
    await world.settle();
    expect((await accounts()).mergeRows).toBe(before.mergeRows + 4);
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });

  it('on Telegram: Cancel and a timed-out preview move nothing; Confirm links', async () => {
    const ben = world.telegramUser(1);
    const bob = world.discordMember('bob');
    expect(await ben.command('daily')).toMatch(/\+100 XP/);
    const code = codeIn(await bob.command('link'));
    await world.settle();
    const before = await accounts();

    const first = await ben.redeem(code);
    expect(first.text).toMatch(
      /^🔗 Your Telegram account \(100 XP, .*\) will be merged into the Discord account of bob/,
    );
    expect(await first.cancel()).toBe('Cancelled. Nothing was changed.');

    // The player walks away: the preview's time passes before the button is pressed.
    const second = await ben.redeem(code);
    await world.tandem.db.pool.query(
      `UPDATE link_confirmations SET expires_at = now() - interval '1 second' WHERE status = 'pending'`,
    );
    expect(await second.confirm()).toBe(
      'This link request has expired. Nothing was changed. Send /link <code> again to see it anew.',
    );
    await world.settle();
    expect(await accounts()).toEqual(before);

    const third = await ben.redeem(code);
    expect(await third.confirm()).toMatch(/^✅ Linked with bob on Discord/);
    expect(await ben.playerId()).toBe(await bob.playerId());
    await world.settle();
    expect(await ledgerMatchesTotals(world.tandem)).toBe(true);
  });
});
