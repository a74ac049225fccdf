import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { findDriftedTotals } from '../ledger/restore-totals.ts';
import { confirmLink, declineLink } from './confirm-link.ts';
import { LinkConfirmationGoneError, NotYourLinkConfirmationError } from './errors.ts';
import { type IdentityRef, resolvePlayer } from './identities.ts';
import { issueLinkCode } from './issue-link-code.ts';
import type { LinkPreview } from './link-confirmations.ts';
import { redeemLinkCode } from './redeem-link-code.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

const t0 = new Date('2026-11-22T12:00:00Z');
const minutesLater = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const tg = (platformUserId: string): IdentityRef => ({ platform: 'telegram', platformUserId });
const dc = (platformUserId: string): IdentityRef => ({ platform: 'discord', platformUserId });

let grants = 0;
async function earn(playerId: string, xp: number, coins: number, reason = 'grant'): Promise<void> {
  grants += 1;
  await tandem.engine.record({
    key: `admin-earn_${grants}-1-${playerId}`,
    playerId,
    type: 'reward_grant',
    source: 'admin',
    xpDelta: xp,
    coinDelta: coins,
    reason,
  });
}

/** A Telegram member with 10 coins and 50 XP issued a code; a Discord member with 750 coins and 1,200 XP types it. */
async function setUp(options: { telegram?: FakeTelegram } = {}) {
  tandem = await openTestTandem(
    options.telegram ? { ports: { telegram: options.telegram, discord: new FakeDiscord() } } : {},
  );
  const { playerId: issuer } = await resolvePlayer(tandem.db, { ...tg('100'), username: 'x' });
  const { playerId: redeemer } = await resolvePlayer(tandem.db, { ...dc('200'), username: 'dora' });
  await earn(issuer, 50, 10);
  await earn(redeemer, 1_200, 750);
  const { code } = await issueLinkCode(tandem.db, { ...tg('100'), now: t0 });
  return { issuer, redeemer, code };
}

async function preview(code: string, who = dc('200'), now = minutesLater(1)): Promise<LinkPreview> {
  const redeemed = await redeemLinkCode(tandem, { ...who, code, now });
  if (redeemed.kind !== 'preview') throw new Error('expected a preview');
  return redeemed.preview;
}

/** The accounts as they stand: totals, identities, ledger rows and the code's use. */
async function snapshot() {
  const players = await tandem.db.prisma.player.findMany({
    orderBy: { id: 'asc' },
    select: {
      id: true,
      xp: true,
      balance: true,
      mergedIntoId: true,
      identities: { select: { platform: true } },
    },
  });
  return {
    players,
    ledgerRows: await tandem.db.prisma.ledgerEntry.count(),
    codesUsed: await tandem.db.prisma.linkCode.count({ where: { usedAt: { not: null } } }),
  };
}

describe('a link code asks its redeemer first', () => {
  it('shows exactly which account is kept and what moves, and moves nothing until confirmed', async () => {
    const { issuer, redeemer, code } = await setUp();
    const before = await snapshot();
    const shown = await preview(code);
    expect(shown).toMatchObject({
      mergedPlatform: 'discord',
      keptPlatform: 'telegram',
      keptName: 'x',
      keptPlayerId: issuer,
      mergedPlayerId: redeemer,
      kept: { xp: 50, coins: 10 },
      merged: { xp: 1_200, coins: 750 },
      together: { xp: 1_250, coins: 760 },
      expiresAt: minutesLater(6),
    });
    expect(await snapshot()).toEqual(before);

    const confirmed = await confirmLink(tandem, {
      ...dc('200'),
      confirmationId: shown.confirmationId,
      now: minutesLater(2),
    });
    expect(confirmed).toMatchObject({
      kind: 'linked',
      result: { playerId: issuer, absorbedPlayerId: redeemer, moved: { xp: 1_200, coins: 750 } },
    });
    const kept = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: issuer } });
    expect(kept).toMatchObject({ xp: 1_250, balance: 760 });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('moves nothing when declined, and the code stays usable until it expires', async () => {
    const { code } = await setUp();
    const before = await snapshot();
    const shown = await preview(code);
    await declineLink(tandem, { ...dc('200'), confirmationId: shown.confirmationId, now: minutesLater(2) });
    await declineLink(tandem, { ...dc('200'), confirmationId: shown.confirmationId, now: minutesLater(2) });
    const late = await confirmLink(tandem, {
      ...dc('200'),
      confirmationId: shown.confirmationId,
      now: minutesLater(2),
    }).catch((e) => e);
    expect(late).toBeInstanceOf(LinkConfirmationGoneError);
    expect(late.reason).toBe('declined');
    expect(await snapshot()).toEqual(before);
    // Typed again, the same code shows a new preview.
    expect((await preview(code, dc('200'), minutesLater(3))).confirmationId).not.toBe(shown.confirmationId);
  });

  it('moves nothing when the button is pressed after the preview timed out', async () => {
    const { code } = await setUp();
    const before = await snapshot();
    const shown = await preview(code, dc('200'), minutesLater(1));
    const late = await confirmLink(tandem, {
      ...dc('200'),
      confirmationId: shown.confirmationId,
      now: minutesLater(6),
    }).catch((e) => e);
    expect(late).toBeInstanceOf(LinkConfirmationGoneError);
    expect(late.reason).toBe('expired');
    expect(late.message).toBe(
      'This link request has expired. Nothing was changed. Send /link <code> again to see it anew.',
    );
    expect(await snapshot()).toEqual(before);
    // A preview never outlives its code: shown at minute 8, it ends with the code at minute 10.
    expect((await preview(code, dc('200'), minutesLater(8))).expiresAt).toEqual(minutesLater(10));
  });

  it('ignores a press by anyone but the redeemer', async () => {
    const { issuer, code } = await setUp();
    await resolvePlayer(tandem.db, dc('666'));
    const before = await snapshot();
    const shown = await preview(code);
    for (const stranger of [dc('666'), tg('100'), tg('200')]) {
      const press = { ...stranger, confirmationId: shown.confirmationId, now: minutesLater(2) };
      await expect(confirmLink(tandem, press)).rejects.toBeInstanceOf(NotYourLinkConfirmationError);
      await expect(declineLink(tandem, press)).rejects.toBeInstanceOf(NotYourLinkConfirmationError);
    }
    expect(await snapshot()).toEqual(before);
    // The redeemer's own press still works.
    const own = await confirmLink(tandem, {
      ...dc('200'),
      confirmationId: shown.confirmationId,
      now: minutesLater(2),
    });
    expect(own).toMatchObject({ kind: 'linked', result: { playerId: issuer } });
  });

  it('merges once however often the button is pressed', async () => {
    const { issuer, code } = await setUp();
    const shown = await preview(code);
    const press = { ...dc('200'), confirmationId: shown.confirmationId, now: minutesLater(2) };
    const outcomes = await Promise.all([
      confirmLink(tandem, press),
      confirmLink(tandem, press),
      confirmLink(tandem, press),
    ]);
    const fresh = outcomes.filter((o) => o.kind === 'linked' && !o.result.alreadyLinked);
    expect(fresh).toHaveLength(1);
    for (const o of outcomes) expect(o).toMatchObject({ kind: 'linked', result: { playerId: issuer } });
    // Pressed again later, even after the preview would have expired: still linked, nothing moved.
    const later = await confirmLink(tandem, { ...press, now: minutesLater(30) });
    expect(later).toMatchObject({ kind: 'linked', result: { alreadyLinked: true, playerId: issuer } });
    expect(await tandem.db.prisma.ledgerEntry.count({ where: { reason: { startsWith: 'merge_' } } })).toBe(4);
    const kept = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: issuer } });
    expect(kept).toMatchObject({ xp: 1_250, balance: 760 });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('shows a new preview instead of merging when an account changed after the preview', async () => {
    const { issuer, redeemer, code } = await setUp();
    const shown = await preview(code);
    await earn(issuer, 0, 5);
    const outcome = await confirmLink(tandem, {
      ...dc('200'),
      confirmationId: shown.confirmationId,
      now: minutesLater(2),
    });
    expect(outcome.kind).toBe('preview');
    if (outcome.kind !== 'preview') return;
    expect(outcome.preview).toMatchObject({
      kept: { xp: 50, coins: 15 },
      merged: { xp: 1_200, coins: 750 },
      together: { xp: 1_250, coins: 765 },
    });
    expect(outcome.preview.confirmationId).not.toBe(shown.confirmationId);
    expect(await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: redeemer } })).toMatchObject({
      mergedIntoId: null,
      balance: 750,
    });
    // The old buttons are retired; the new ones merge what they show.
    const stale = await confirmLink(tandem, {
      ...dc('200'),
      confirmationId: shown.confirmationId,
      now: minutesLater(2),
    }).catch((e) => e);
    expect(stale).toBeInstanceOf(LinkConfirmationGoneError);
    const merged = await confirmLink(tandem, {
      ...dc('200'),
      confirmationId: outcome.preview.confirmationId,
      now: minutesLater(3),
    });
    expect(merged).toMatchObject({ kind: 'linked', result: { moved: { xp: 1_200, coins: 750 } } });
  });

  it('carries task submissions and achievement progress, and reconcile finds no drift', async () => {
    const { issuer, redeemer, code } = await setUp();
    const tasks = await Promise.all(
      ['A', 'B', 'C', 'D'].map((title) => tandem.db.prisma.task.create({ data: { title } })),
    );
    const [a, b, c, d] = tasks.map((t) => t.id) as [number, number, number, number];
    const submit = (playerId: string, taskId: number, status: 'pending' | 'approved' | 'rejected') =>
      tandem.db.prisma.taskSubmission.create({
        data: {
          playerId,
          taskId,
          status,
          platform: playerId === issuer ? 'telegram' : 'discord',
          proof: 'p',
        },
      });
    // A: only the redeemer sent it. B: approved for the redeemer, pending for the issuer.
    // C: pending for both. D: rejected for the redeemer, approved for the issuer.
    const onlyRedeemer = await submit(redeemer, a, 'approved');
    const redeemerB = await submit(redeemer, b, 'approved');
    const issuerB = await submit(issuer, b, 'pending');
    const issuerC = await submit(issuer, c, 'pending');
    const redeemerC = await submit(redeemer, c, 'pending');
    const issuerD = await submit(issuer, d, 'approved');
    await submit(redeemer, d, 'rejected');
    await earn(issuer, 5, 0, 'message');
    await earn(redeemer, 5, 0, 'message');
    await earn(redeemer, 5, 0, 'message');
    await earn(redeemer, 10, 20, 'game_win');
    const counters = { messages: true, voiceMinutes: true, gamesWon: true, coinsEarned: true } as const;
    const [before] = await Promise.all([
      tandem.db.prisma.player.findUniqueOrThrow({ where: { id: redeemer }, select: counters }),
    ]);
    expect(before).toMatchObject({ messages: 2, gamesWon: 1, coinsEarned: 20 });

    const shown = await preview(code);
    await confirmLink(tandem, { ...dc('200'), confirmationId: shown.confirmationId, now: minutesLater(2) });

    const kept = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: issuer }, select: counters });
    expect(kept).toMatchObject({ messages: 3, gamesWon: 1, coinsEarned: 20, voiceMinutes: 0 });
    const gone = await tandem.db.prisma.player.findUniqueOrThrow({
      where: { id: redeemer },
      select: counters,
    });
    expect(gone).toEqual({ messages: 0, voiceMinutes: 0, gamesWon: 0, coinsEarned: 0 });

    const owner = async (id: string) => tandem.db.prisma.taskSubmission.findUniqueOrThrow({ where: { id } });
    expect(await owner(onlyRedeemer.id)).toMatchObject({ playerId: issuer, status: 'approved' });
    // B: the paid one is the kept account's now; the pending one cannot be paid again.
    expect(await owner(redeemerB.id)).toMatchObject({ playerId: issuer, status: 'approved' });
    expect(await owner(issuerB.id)).toMatchObject({
      playerId: redeemer,
      status: 'rejected',
      decidedBy: 'system',
    });
    // C: the kept account's own stays under review, the other is set aside.
    expect(await owner(issuerC.id)).toMatchObject({ playerId: issuer, status: 'pending' });
    expect(await owner(redeemerC.id)).toMatchObject({ playerId: redeemer, status: 'rejected' });
    expect(await owner(issuerD.id)).toMatchObject({ playerId: issuer, status: 'approved' });
    expect(await tandem.db.prisma.taskSubmission.count({ where: { playerId: issuer } })).toBe(4);

    expect(await findDriftedTotals(tandem.db.pool)).toEqual([]);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it("tells the code's issuer on their platform that the link worked, once", async () => {
    const telegram = new FakeTelegram();
    const { code } = await setUp({ telegram });
    tandem.startWorkers();
    const shown = await preview(code);
    const press = { ...dc('200'), confirmationId: shown.confirmationId, now: minutesLater(2) };
    // The first press merges but its process dies before telling the issuer (no queue to reach);
    // the redelivered press tells them, and a further one does not repeat it.
    await confirmLink({ ...tandem, queues: undefined }, press);
    await confirmLink(tandem, press);
    await confirmLink(tandem, press);
    await waitFor(async () => telegram.messages.some((m) => m.text.includes('Linked')), 'the notice');
    await waitFor(async () => {
      const counts = await tandem.queues.notifications.getJobCounts('waiting', 'active', 'delayed');
      return Object.values(counts).every((n) => n === 0);
    }, 'no notice left to send');
    // The link is told in words, not as "+1200 XP (merge in)" notices.
    expect(telegram.messages.filter((m) => /merge/.test(m.text))).toEqual([]);
    expect(telegram.messages.filter((m) => m.text.includes('Linked'))).toEqual([
      {
        userId: '100',
        text: [
          '✅ Linked: the Discord account dora used your code and now shares this account.',
          'Its progress (1,200 XP and 750 coins) was added here.',
          'From now on, everything you earn on either platform goes to one account.',
        ].join('\n'),
      },
    ]);
  });
});
