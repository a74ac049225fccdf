import { afterEach, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { dc, linkingWorld, t0, tg } from '../../test/support/linking-world.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { requestPayout } from '../payouts/request-payout.ts';
import { confirmLink } from './confirm-link.ts';
import { LinkCodeNotValidError, LinkConfirmationGoneError } from './errors.ts';
import { resolvePlayer } from './identities.ts';
import { issueLinkCode } from './issue-link-code.ts';
import { mergePlayers } from './merge-players.ts';
import { redeemLinkCode } from './redeem-link-code.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

const { earn, player, link } = linkingWorld(() => tandem);

describe('linking with a one-time code', () => {
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
});
