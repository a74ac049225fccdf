import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { dc, linkingWorld, t0, tg } from '../../test/support/linking-world.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { AlreadyLinkedError, NotLinkedError } from './errors.ts';
import { resolvePlayer } from './identities.ts';
import { issueLinkCode } from './issue-link-code.ts';
import { redeemLinkCode } from './redeem-link-code.ts';
import { unlinkIdentity } from './unlink-identity.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

const { earn, player, link } = linkingWorld(() => tandem);

describe('resolving a platform identity', () => {
  it('remembers the language the client reports, until it reports another', async () => {
    tandem = await openTestTandem();
    const first = await resolvePlayer(tandem.db, { ...tg('556'), username: 'olga', clientLanguage: 'ru-RU' });
    expect(first.language).toEqual({ chosen: null, client: 'ru' });
    // Telegram leaves language_code out for some clients: what was known stays.
    expect((await resolvePlayer(tandem.db, { ...tg('556') })).language.client).toBe('ru');
    // A language Tandem does not speak: the community's default applies from now on.
    expect(
      (await resolvePlayer(tandem.db, { ...tg('556'), clientLanguage: 'de' })).language.client,
    ).toBeNull();
    const identity = await tandem.db.prisma.identity.findFirstOrThrow({ where: { platformUserId: '556' } });
    expect(identity.clientLanguage).toBeNull();
  });

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
    expect(again).toEqual({
      playerId: [...ids][0],
      language: { chosen: null, client: null },
      created: false,
    });
    const identity = await tandem.db.prisma.identity.findFirstOrThrow();
    expect(identity.username).toBe('ann_renamed');
  });
});

describe('linking with a one-time code', () => {
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

    const result = await unlinkIdentity(tandem, dc('2'));
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

    const again = await unlinkIdentity(tandem, dc('2')).catch((e) => e);
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
