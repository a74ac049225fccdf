import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { redeemAndConfirm } from '../../test/support/link-accounts.ts';
import { dc, linkingWorld, minutesLater, t0, tg } from '../../test/support/linking-world.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import {
  LinkCodeFormatError,
  LinkCodeNotValidError,
  LinkCodeSamePlatformError,
  LinkLockedError,
} from './errors.ts';
import { resolvePlayer } from './identities.ts';
import { issueLinkCode } from './issue-link-code.ts';
import { redeemLinkCode } from './redeem-link-code.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

const { earn, player, link } = linkingWorld(() => tandem);

describe('linking with a one-time code', () => {
  it('links a code issued on Telegram and redeemed on Discord, and shows the rank role there', async () => {
    const discord = new FakeDiscord();
    tandem = await openTestTandem({ ports: { discord, telegram: new FakeTelegram() } });
    const ranks = await tandem.db.prisma.rank.findMany({ orderBy: { priority: 'asc' }, take: 3 });
    for (const [i, rank] of ranks.entries()) {
      await tandem.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: `90${i}` } });
    }
    tandem.startWorkers();
    const { playerId: telegramPlayer } = await resolvePlayer(tandem.db, tg('100'));
    await earn(telegramPlayer, 'prize', ranks[1]!.minXp, 0);
    await tandem.settle();

    const issued = await issueLinkCode(tandem.db, { ...tg('100'), now: t0 });
    expect(issued.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(issued.expiresAt).toEqual(minutesLater(10));
    // What a player types: lower case, a dash.
    const typed = `${issued.code.slice(0, 3).toLowerCase()}-${issued.code.slice(3)}`;
    const result = await redeemAndConfirm(tandem, dc('200'), typed, minutesLater(2));
    expect(result).toMatchObject({
      linked: true,
      playerId: telegramPlayer,
      linkedWith: 'telegram',
      merged: false,
      alreadyLinked: false,
    });
    const account = await player(telegramPlayer);
    expect(account.identities.map((i) => i.platform).sort()).toEqual(['discord', 'telegram']);
    expect((await resolvePlayer(tandem.db, dc('200'))).playerId).toBe(telegramPlayer);
    const absorbed = await player(result.absorbedPlayerId!);
    expect(absorbed).toMatchObject({ mergedIntoId: telegramPlayer, xp: 0, balance: 0, identities: [] });

    await tandem.settle();
    expect(discord.rolesOf('200')).toEqual(['901']);
  });

  it('links a code issued on Discord and redeemed on Telegram', async () => {
    tandem = await openTestTandem();
    const { playerId: discordPlayer } = await resolvePlayer(tandem.db, dc('300'));
    const result = await link(dc('300'), tg('400'));
    expect(result).toMatchObject({ linked: true, playerId: discordPlayer, linkedWith: 'discord' });
    expect((await resolvePlayer(tandem.db, tg('400'))).playerId).toBe(discordPlayer);
  });

  it('refuses an expired code and a used code alike, without saying which', async () => {
    tandem = await openTestTandem();
    const { code } = await issueLinkCode(tandem.db, { ...tg('1'), now: t0 });
    const expired = await redeemLinkCode(tandem, { ...dc('2'), code, now: minutesLater(10) }).catch((e) => e);
    expect(expired).toBeInstanceOf(LinkCodeNotValidError);
    expect(expired.message).toBe(
      'That code has expired or is not valid. Send /link on the other platform for a new one (4 tries left).',
    );

    const fresh = await issueLinkCode(tandem.db, { ...tg('1'), now: minutesLater(11) });
    await redeemAndConfirm(tandem, dc('2'), fresh.code, minutesLater(12));
    const used = await redeemLinkCode(tandem, { ...dc('3'), code: fresh.code, now: minutesLater(12) }).catch(
      (e) => e,
    );
    expect(used).toBeInstanceOf(LinkCodeNotValidError);
    expect(used.message).toMatch(/^That code has expired or is not valid\./);
  });

  it('makes only the newest code of an account work', async () => {
    tandem = await openTestTandem();
    const first = await issueLinkCode(tandem.db, { ...tg('1'), now: t0 });
    const second = await issueLinkCode(tandem.db, { ...tg('1'), now: minutesLater(1) });
    const old = await redeemLinkCode(tandem, { ...dc('2'), code: first.code, now: minutesLater(2) }).catch(
      (e) => e,
    );
    expect(old).toBeInstanceOf(LinkCodeNotValidError);
    await expect(redeemAndConfirm(tandem, dc('2'), second.code, minutesLater(2))).resolves.toMatchObject({
      linked: true,
      playerId: first.playerId,
    });
  });

  it('locks an identity out for 15 minutes after 5 wrong codes', async () => {
    tandem = await openTestTandem();
    const { code } = await issueLinkCode(tandem.db, { ...tg('1'), now: t0 });
    const wrong = code === '222222' ? '333333' : '222222';
    const typo = await redeemLinkCode(tandem, { ...dc('2'), code: 'K7M2Q', now: t0 }).catch((e) => e);
    expect(typo).toBeInstanceOf(LinkCodeFormatError);
    expect(typo.message).toBe("That doesn't look like a link code: 6 letters/digits, e.g. K7M2QX");

    for (let i = 1; i <= 4; i++) {
      const error = await redeemLinkCode(tandem, { ...dc('2'), code: wrong, now: minutesLater(i) }).catch(
        (e) => e,
      );
      expect(error).toBeInstanceOf(LinkCodeNotValidError);
      expect(error.attemptsLeft).toBe(5 - i);
    }
    const fifth = await redeemLinkCode(tandem, { ...dc('2'), code: wrong, now: minutesLater(5) }).catch(
      (e) => e,
    );
    expect(fifth).toBeInstanceOf(LinkLockedError);
    expect(fifth.until).toEqual(minutesLater(20));
    expect(fifth.message).toBe('Too many wrong codes. You can try linking again after 2026-11-22 12:20 UTC.');
    // Locked: even the right code is refused, and not consumed.
    const locked = await redeemLinkCode(tandem, { ...dc('2'), code, now: minutesLater(9) }).catch((e) => e);
    expect(locked).toBeInstanceOf(LinkLockedError);
    // When the lock ends the right code links, and the count is forgotten.
    const fresh = await issueLinkCode(tandem.db, { ...tg('1'), now: minutesLater(20) });
    await expect(redeemAndConfirm(tandem, dc('2'), fresh.code, minutesLater(20))).resolves.toMatchObject({
      linked: true,
    });
    expect(await tandem.db.prisma.linkAttempt.count()).toBe(0);
  });

  it('refuses a code typed on the platform that issued it, and keeps it valid', async () => {
    tandem = await openTestTandem();
    const { code } = await issueLinkCode(tandem.db, { ...tg('1'), now: t0 });
    for (const who of [tg('1'), tg('9')]) {
      const error = await redeemLinkCode(tandem, { ...who, code, now: t0 }).catch((e) => e);
      expect(error).toBeInstanceOf(LinkCodeSamePlatformError);
      expect(error.message).toBe(
        'Use this code on the other platform: it was made on Telegram, so send /link <code> to the Discord bot.',
      );
    }
    await expect(redeemAndConfirm(tandem, dc('2'), code, t0)).resolves.toMatchObject({
      linked: true,
    });
  });
});
