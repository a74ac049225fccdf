import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redeemAndConfirm } from '../../test/support/link-accounts.ts';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';
import { issueLinkCode } from '../linking/issue-link-code.ts';

let t: TelegramBotUnderTest;

beforeAll(async () => {
  t = await openTelegramBotUnderTest();
});

afterAll(async () => {
  await t?.close();
});

async function ledgerReasons(playerId: string): Promise<string[]> {
  const { rows } = await t.tandem.db.pool.query<{ reason: string }>(
    'SELECT reason FROM ledger_entries WHERE player_id = $1 ORDER BY id',
    [playerId],
  );
  return rows.map((row) => row.reason);
}

async function balanceOf(playerId: string): Promise<number> {
  return (await t.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).balance;
}

describe('profile, daily bonus, leaderboard, help', () => {
  it('creates the player on first contact and shows the profile', async () => {
    const ana = t.newUser('Ana');
    const profile = await ana.command('profile');
    expect(profile.text).toContain('👤 Ana');
    expect(profile.text).toContain('0 XP');
    expect(await ana.playerId()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('pays the daily bonus once a day and says when the next one is ready', async () => {
    const ben = t.newUser('Ben');
    expect((await ben.command('daily')).text).toContain('Daily bonus');
    expect((await ben.command('daily')).text).toContain("You've already claimed today's bonus");
    expect(await ledgerReasons(await ben.playerId())).toEqual(['daily']);
    // Ben earned XP, so the leaderboard shows him.
    expect((await ben.command('top')).text).toContain('Ben');
  });

  it('answers /help with the command list, an unknown command with a hint, and plain text with a pointer', async () => {
    const cleo = t.newUser('Cleo');
    expect((await cleo.command('help')).text).toContain('/payout');
    expect((await cleo.command('dance')).text).toContain("I don't know that command. Send /help");
    expect((await cleo.say('hello there')).text).toContain('/start');
    expect((await cleo.say('42')).text).toContain('No game is running. Send /game');
  });
});

describe('/game', () => {
  it('takes plain numbers as guesses while a game runs, and explains anything else', async () => {
    const dan = t.newUser('Dan');
    expect((await dan.command('game')).text).toContain("I'm thinking of a number");
    const round = await t.tandem.db.prisma.gameSession.findFirstOrThrow({
      where: { playerId: await dan.playerId(), status: 'active' },
    });

    const notANumber = await dan.say('banana');
    expect(notANumber.text).not.toMatch(/Higher|Lower/);
    expect(notANumber.text).toMatch(/number/i);
    const unchanged = await t.tandem.db.prisma.gameSession.findUniqueOrThrow({ where: { id: round.id } });
    expect(unchanged.attemptsLeft).toBe(round.attemptsLeft);

    const near = round.secret > 1 ? round.secret - 1 : round.secret + 1;
    expect((await dan.say(String(near))).text).toMatch(round.secret > 1 ? /Higher/ : /Lower/);
    expect((await dan.say(String(round.secret))).text).toContain('You got it!');
    expect(await ledgerReasons(await dan.playerId())).toEqual(['game_win']);
  });
});

describe('/payout', () => {
  it('explains a missing, non-numeric, too small or too large amount and holds nothing', async () => {
    const eve = t.newUser('Eve');
    expect((await eve.command('payout')).text).toContain('/payout 100');
    expect((await eve.command('payout', 'abc')).text).toContain('/payout 100');
    expect((await eve.command('payout', '12.5')).text).toContain('/payout 100');
    expect((await eve.command('payout', '50')).text).toContain('The smallest payout is 100 coins');
    expect((await eve.command('payout', '500')).text).toContain(
      'You have 0 coins: not enough for a payout of 500',
    );
    expect(await t.tandem.db.prisma.payout.count({ where: { playerId: await eve.playerId() } })).toBe(0);
  });

  it('holds the coins of a valid request', async () => {
    const finn = t.newUser('Finn');
    await finn.command('profile');
    const playerId = await finn.playerId();
    await t.grantCoins(playerId, 300);
    expect((await finn.command('payout', '200')).text).toContain('Payout request received: 200 coins');
    expect(await balanceOf(playerId)).toBe(100);
    expect(await t.tandem.db.prisma.payout.findMany({ where: { playerId } })).toMatchObject([
      { amount: 200, status: 'held' },
    ]);
  });
});

describe('/link and /unlink', () => {
  it('issues a code for Discord, links when Discord redeems it, and unlinks again', async () => {
    const gia = t.newUser('Gia');
    const issued = await gia.command('link');
    const code = /link code: ([A-Z0-9]{6})/.exec(issued.text ?? '')?.[1];
    expect(code).toBeDefined();
    expect(issued.text).toContain('On Discord, use /link');

    await redeemAndConfirm(t.tandem, { platform: 'discord', platformUserId: '800001' }, code!, new Date());
    expect((await gia.command('profile')).text).toMatch(/Discord/);

    expect((await gia.command('unlink')).text).toContain('Unlinked. This Telegram account starts fresh');
    expect((await gia.command('unlink')).text).toContain('is not linked to another platform');
  });

  it('redeems a code Discord issued, and refuses a wrong, malformed or expired one', async () => {
    const hal = t.newUser('Hal');
    expect((await hal.command('link', 'x')).text).toContain("doesn't look like a link code");
    expect((await hal.command('link', 'ZZZZZZ')).text).toContain('expired or is not valid');

    const expired = await issueLinkCode(t.tandem.db, {
      platform: 'discord',
      platformUserId: '800002',
      now: new Date(Date.now() - 20 * 60_000),
    });
    expect((await hal.command('link', expired.code)).text).toContain('expired or is not valid');

    const fresh = await issueLinkCode(t.tandem.db, {
      platform: 'discord',
      platformUserId: '800003',
      now: new Date(),
    });
    const preview = await hal.command('link', fresh.code.toLowerCase());
    expect(preview.text).toMatch(
      /^🔗 Your Telegram account \(0 XP, 0 coins\) will be merged into the Discord account/,
    );
    const buttons = (preview.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> })
      .inline_keyboard[0]!;
    expect(buttons.map((b) => b.callback_data.split(':').slice(0, 2).join(':'))).toEqual([
      'link:yes',
      'link:no',
    ]);
    expect((await hal.press(preview.message_id, buttons[0]!.callback_data)).text).toMatch(
      /^✅ Linked with .+ on Discord/,
    );
    const identities = await t.tandem.db.prisma.identity.findMany({ where: { playerId: fresh.playerId } });
    expect(identities.map((i) => i.platform).sort()).toEqual(['discord', 'telegram']);
  });
});
