import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { linkAccounts, redeemAndConfirm } from '../../test/support/link-accounts.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { requestPayout } from '../payouts/request-payout.ts';
import { confirmLink } from './confirm-link.ts';
import {
  AlreadyLinkedError,
  LinkCodeFormatError,
  LinkCodeNotValidError,
  LinkCodeSamePlatformError,
  LinkConfirmationGoneError,
  LinkLockedError,
  NotLinkedError,
} from './errors.ts';
import { type IdentityRef, resolvePlayer } from './identities.ts';
import { issueLinkCode } from './issue-link-code.ts';
import { mergePlayers } from './merge-players.ts';
import { redeemLinkCode } from './redeem-link-code.ts';
import { unlinkIdentity } from './unlink-identity.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

const t0 = new Date('2026-11-22T12:00:00Z');
const minutesLater = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const tg = (platformUserId: string): IdentityRef => ({ platform: 'telegram', platformUserId });
const dc = (platformUserId: string): IdentityRef => ({ platform: 'discord', platformUserId });

async function earn(playerId: string, what: string, xp: number, coins: number): Promise<void> {
  if (xp > 0) {
    await tandem.engine.record({
      key: `admin-${what}_xp-1-${playerId}`,
      playerId,
      type: 'xp_change',
      source: 'admin',
      xpDelta: xp,
      reason: 'grant',
    });
  }
  if (coins > 0) {
    await tandem.engine.record({
      key: `admin-${what}_coins-1-${playerId}`,
      playerId,
      type: 'balance_change',
      source: 'admin',
      coinDelta: coins,
      reason: 'grant',
    });
  }
}

async function player(id: string) {
  return tandem.db.prisma.player.findUniqueOrThrow({ where: { id }, include: { identities: true } });
}

async function link(issuer: IdentityRef, redeemer: IdentityRef, now = t0) {
  return linkAccounts(tandem, issuer, redeemer, now);
}

describe('resolving a platform identity', () => {
  it('creates one player for concurrent first messages of one user', async () => {
    tandem = await openTestTandem();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => resolvePlayer(tandem.db, { ...tg('555'), username: 'ann' })),
    );
    const ids = new Set(results.map((r) => r.playerId));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await tandem.db.prisma.player.count()).toBe(1);
    const again = await resolvePlayer(tandem.db, { ...tg('555'), username: 'ann_renamed' });
    expect(again).toEqual({ playerId: [...ids][0], created: false });
    const identity = await tandem.db.prisma.identity.findFirstOrThrow();
    expect(identity.username).toBe('ann_renamed');
  });
});

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

  it('merges two players who both earned through the ledger', async () => {
    tandem = await openTestTandem();
    const { playerId: survivor } = await resolvePlayer(tandem.db, tg('1'));
    const { playerId: absorbed } = await resolvePlayer(tandem.db, dc('2'));
    await earn(survivor, 'prize', 300, 50);
    await earn(absorbed, 'prize', 700, 320);
    const held = await requestPayout(tandem, {
      playerId: absorbed,
      amount: 200,
      requestId: 'press-1',
      source: 'discord',
    });
    const [a1, a2, a3] = await tandem.db.prisma.achievement.findMany({ orderBy: { id: 'asc' }, take: 3 });
    const early = new Date('2026-01-01T00:00:00Z');
    await tandem.db.prisma.playerAchievement.createMany({
      data: [
        { playerId: survivor, achievementId: a1!.id },
        { playerId: survivor, achievementId: a2!.id },
        { playerId: absorbed, achievementId: a2!.id, unlockedAt: early },
        { playerId: absorbed, achievementId: a3!.id },
      ],
    });
    await tandem.db.prisma.player.update({ where: { id: survivor }, data: { dailyStreak: 3 } });
    await tandem.db.prisma.player.update({ where: { id: absorbed }, data: { dailyStreak: 7 } });

    const result = await link(tg('1'), dc('2'));
    expect(result).toMatchObject({
      playerId: survivor,
      absorbedPlayerId: absorbed,
      merged: true,
      moved: { xp: 700, coins: 120, achievements: 1, heldPayouts: 1, identities: ['discord'] },
    });

    const after = await player(survivor);
    expect(after).toMatchObject({ xp: 1000, balance: 170, dailyStreak: 7, mergedIntoId: null });
    expect(after.identities.map((i) => i.platform).sort()).toEqual(['discord', 'telegram']);
    expect(await player(absorbed)).toMatchObject({
      xp: 0,
      balance: 0,
      mergedIntoId: survivor,
      identities: [],
    });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);

    const entries = await tandem.db.prisma.ledgerEntry.findMany({
      where: { reason: { in: ['merge_out', 'merge_in'] } },
      orderBy: { id: 'asc' },
    });
    expect(
      entries.map((e) => [e.idempotencyKey, e.playerId, e.type, e.source, e.xpDelta, e.coinDelta]),
    ).toEqual([
      [`sys-merge_out_xp-${absorbed}-${absorbed}`, absorbed, 'xp_change', 'system', -700, 0],
      [`sys-merge_in_xp-${absorbed}-${survivor}`, survivor, 'xp_change', 'system', 700, 0],
      [`sys-merge_out_coins-${absorbed}-${absorbed}`, absorbed, 'balance_change', 'system', 0, -120],
      [`sys-merge_in_coins-${absorbed}-${survivor}`, survivor, 'balance_change', 'system', 0, 120],
    ]);

    const unlocked = await tandem.db.prisma.playerAchievement.findMany({ orderBy: { achievementId: 'asc' } });
    expect(unlocked.map((u) => [u.playerId, u.achievementId])).toEqual([
      [survivor, a1!.id],
      [survivor, a2!.id],
      [survivor, a3!.id],
    ]);
    expect(unlocked[1]!.unlockedAt).toEqual(early);
    const payout = await tandem.db.prisma.payout.findUniqueOrThrow({ where: { id: held.payout.id } });
    expect(payout.playerId).toBe(survivor);
  });

  it('applies a merge once when it is run again, concurrently or after a partial attempt', async () => {
    tandem = await openTestTandem();
    const survivor = await tandem.createPlayer('S');
    const absorbed = await tandem.createPlayer('A');
    await earn(survivor, 'prize', 10, 10);
    await earn(absorbed, 'prize', 40, 25);
    const merge = () =>
      tandem.engine.transaction((tx) => mergePlayers(tx, { survivorId: survivor, absorbedId: absorbed }));

    const outcomes = await Promise.all([merge(), merge(), merge()]);
    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    expect((await merge()).applied).toBe(false);
    expect(await player(survivor)).toMatchObject({ xp: 50, balance: 35 });
    expect(await tandem.db.prisma.ledgerEntry.count({ where: { reason: { startsWith: 'merge_' } } })).toBe(4);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);

    // An earlier attempt got as far as the XP leaving the absorbed account: the retry moves
    // exactly that amount on, once.
    const other = await tandem.createPlayer('B');
    await earn(other, 'prize', 90, 0);
    await tandem.engine.record({
      key: `sys-merge_out_xp-${other}-${other}`,
      playerId: other,
      type: 'xp_change',
      source: 'system',
      xpDelta: -90,
      reason: 'merge_out',
    });
    const retried = await tandem.engine.transaction((tx) =>
      mergePlayers(tx, { survivorId: survivor, absorbedId: other }),
    );
    expect(retried.moved.xp).toBe(90);
    expect(await player(survivor)).toMatchObject({ xp: 140, balance: 35 });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('links once when one code is redeemed concurrently', async () => {
    tandem = await openTestTandem();
    const { playerId: issuer } = await resolvePlayer(tandem.db, tg('10'));
    const { code } = await issueLinkCode(tandem.db, { ...tg('10'), now: t0 });
    const contenders = ['21', '22', '23', '24'];
    // Each of them sees a preview; the code is used by the first confirmation only.
    const previews = await Promise.all(
      contenders.map((id) => redeemLinkCode(tandem, { ...dc(id), code, now: t0 })),
    );
    const results = await Promise.allSettled(
      previews.map((p, i) => {
        if (p.kind !== 'preview') throw new Error('expected a preview');
        return confirmLink(tandem, {
          ...dc(contenders[i]!),
          confirmationId: p.preview.confirmationId,
          now: t0,
        });
      }),
    );
    const linked = results.filter((r) => r.status === 'fulfilled');
    expect(linked).toHaveLength(1);
    const losers: string[] = [];
    for (const [i, r] of results.entries()) {
      if (r.status === 'fulfilled') continue;
      expect(r.reason).toBeInstanceOf(LinkConfirmationGoneError);
      expect(r.reason.reason).toBe('code_gone');
      losers.push(contenders[i]!);
    }
    // Typing the used code again is a wrong code like any other.
    const retyped = await Promise.allSettled(
      losers.map((id) => redeemLinkCode(tandem, { ...dc(id), code, now: t0 })),
    );
    for (const r of retyped) {
      expect(r.status).toBe('rejected');
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(LinkCodeNotValidError);
    }
    const account = await player(issuer);
    expect(account.identities).toHaveLength(2);

    // The winner sending the same code again (a double tap) is told it is linked, not that it guessed wrong.
    const winner = account.identities.find((i) => i.platform === 'discord')!.platformUserId;
    const repeats = await Promise.all(
      Array.from({ length: 3 }, () => redeemLinkCode(tandem, { ...dc(winner), code, now: t0 })),
    );
    for (const r of repeats) {
      expect(r.kind).toBe('linked');
      if (r.kind === 'linked')
        expect(r.result).toMatchObject({ linked: true, playerId: issuer, alreadyLinked: true });
    }
    expect(await tandem.db.prisma.linkAttempt.count({ where: { failures: { gt: 0 } } })).toBe(3);
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

  it('refuses to give an account a second identity on one platform', async () => {
    tandem = await openTestTandem();
    await link(tg('1'), dc('2'));
    const issuing = await issueLinkCode(tandem.db, { ...tg('1'), now: t0 }).catch((e) => e);
    expect(issuing).toBeInstanceOf(AlreadyLinkedError);
    expect(issuing.message).toBe(
      'Your Telegram account is already linked to a Discord account. Send /unlink first if you want to link a different one.',
    );

    // The redeemer's account already has a Telegram identity.
    const { code } = await issueLinkCode(tandem.db, { ...tg('3'), now: t0 });
    const redeemer = await redeemLinkCode(tandem, { ...dc('2'), code, now: t0 }).catch((e) => e);
    expect(redeemer).toBeInstanceOf(AlreadyLinkedError);
    expect(redeemer.side).toBe('redeemer');
    expect(redeemer.message).toMatch(/^Your Discord account is already linked to a Telegram account\./);

    // The issuer's account got a Discord identity after issuing (it redeemed another code meanwhile).
    const pending = await issueLinkCode(tandem.db, { ...tg('5'), now: t0 });
    await link(dc('6'), tg('5'));
    const issuer = await redeemLinkCode(tandem, { ...dc('7'), code: pending.code, now: t0 }).catch((e) => e);
    expect(issuer).toBeInstanceOf(AlreadyLinkedError);
    expect(issuer.message).toBe(
      'The account that made this code is already linked to another Discord account. It has to /unlink that one first.',
    );
  });

  it('unlinks into a fresh empty player and withdraws the Discord rank role', async () => {
    const discord = new FakeDiscord();
    tandem = await openTestTandem({ ports: { discord, telegram: new FakeTelegram() } });
    const ranks = await tandem.db.prisma.rank.findMany({ orderBy: { priority: 'asc' }, take: 3 });
    for (const [i, rank] of ranks.entries()) {
      await tandem.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: `90${i}` } });
    }
    tandem.startWorkers();
    const { playerId: account } = await resolvePlayer(tandem.db, tg('1'));
    await link(tg('1'), dc('2'));
    await earn(account, 'prize', ranks[1]!.minXp + 5, 40);
    await tandem.settle();
    expect(discord.rolesOf('2')).toEqual(['901']);

    const result = await unlinkIdentity(tandem.engine, dc('2'));
    expect(result.accountPlayerId).toBe(account);
    expect(await player(account)).toMatchObject({ xp: ranks[1]!.minXp + 5, balance: 40 });
    expect((await player(account)).identities.map((i) => i.platform)).toEqual(['telegram']);
    const detached = await player(result.detachedPlayerId);
    expect(detached).toMatchObject({ xp: 0, balance: 0, mergedIntoId: null });
    expect(detached.identities.map((i) => i.platformUserId)).toEqual(['2']);
    expect((await resolvePlayer(tandem.db, dc('2'))).playerId).toBe(result.detachedPlayerId);

    await tandem.settle();
    expect(discord.rolesOf('2')).toEqual([]);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);

    const again = await unlinkIdentity(tandem.engine, dc('2')).catch((e) => e);
    expect(again).toBeInstanceOf(NotLinkedError);
    expect(again.message).toBe('Your Discord account is not linked to another platform: nothing to unlink.');
    // Linking again works, and adds nothing twice: the fresh account was empty.
    const relinked = await link(tg('1'), dc('2'));
    expect(relinked).toMatchObject({ playerId: account, merged: false });
    expect(await player(account)).toMatchObject({ xp: ranks[1]!.minXp + 5, balance: 40 });
    await tandem.settle();
    expect(discord.rolesOf('2')).toEqual(['901']);
  });
});
