import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { linkConfirmationWorld } from '../../test/support/link-confirmation-world.ts';
import { dc, minutesLater } from '../../test/support/linking-world.ts';
import type { TestTandem } from '../../test/support/services.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { findDriftedTotals } from '../ledger/restore-totals.ts';
import { confirmLink } from './confirm-link.ts';
import { LinkConfirmationGoneError } from './errors.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

const { earn, setUp, preview } = linkConfirmationWorld({
  get: () => tandem,
  set: (opened) => {
    tandem = opened;
  },
});

describe('a link code asks its redeemer first', () => {
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

  it('tells both sides that the link worked, one message each: the issuer a notice, the redeemer the answer to the press', async () => {
    const telegram = new FakeTelegram();
    const discord = new FakeDiscord();
    const { code } = await setUp({ telegram, discord });
    tandem.startWorkers();
    await noticesSent();
    const before = { telegram: telegram.messages.length, discord: discord.messages.length };
    const shown = await preview(code);
    const press = { ...dc('200'), confirmationId: shown.confirmationId, now: minutesLater(2) };
    // The first press merges but its process dies before telling anyone (no queue to reach); the
    // redelivered press tells the issuer, and a further one does not repeat it.
    await confirmLink({ ...tandem, queues: undefined }, press);
    const answered = await confirmLink(tandem, press);
    await confirmLink(tandem, press);
    await noticesSent();
    const after = {
      telegram: telegram.messages.slice(before.telegram),
      discord: discord.messages.slice(before.discord),
    };
    // The link is told in words with the totals after it, not as "+1200 XP (merge in)" notices.
    const together = 'You now have 1,250 XP and 760 coins.';
    const oneAccount = 'From now on, everything you earn on either platform goes to one account.';
    expect(after).toEqual({
      telegram: [
        {
          userId: '100',
          text: `✅ Linked with dora on Discord: its 1,200 XP and 750 coins were added to your account. ${together}\n${oneAccount}`,
        },
      ],
      // The redeemer is answered where they pressed: a notice besides would tell them twice.
      discord: [],
    });
    expect(answered.kind === 'linked' && answered.result.message).toEqual({
      key: 'notice.linked.redeemer',
      params: {
        name: 'x',
        platform: 'Telegram',
        totalXp: 1250,
        totalCoins: 760,
        addedXp: 1200,
        addedCoins: 750,
      },
    });
  });
});

/** Every recorded event processed and every notice it queued sent. */
async function noticesSent(): Promise<void> {
  await tandem.settle();
  await waitFor(async () => {
    const counts = await tandem.queues.notifications.getJobCounts('waiting', 'active', 'delayed');
    return Object.values(counts).every((n) => n === 0);
  }, 'no notice left to send');
}
