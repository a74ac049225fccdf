import { afterEach, describe, expect, it } from 'vitest';
import { listenForChanges } from '../../test/support/announced-changes.ts';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { refusal, taskWorld } from '../../test/support/task-world.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { type InvalidChangeError, PlayerMergedError } from '../core/errors.ts';
import { VersionConflictError } from '../core/versioned-write.ts';
import type { ChangeSubscription } from '../live/changes.ts';
import { approveSubmission, rejectSubmission } from './decide-submission.ts';
import { SubmissionAlreadyDecidedError, SubmissionNotFoundError } from './errors.ts';
import { createTask } from './manage-tasks.ts';
import { submitTask } from './submit-task.ts';

let tandem: TestTandem;
let subscription: ChangeSubscription | undefined;
afterEach(async () => {
  await subscription?.close();
  subscription = undefined;
  await tandem?.stop();
});

const { linkedPlayer, notices, taskLedger } = taskWorld(() => tandem);

describe('approving a submission', () => {
  it('pays the reward in the same transaction, once, and tells the player on each platform', async () => {
    tandem = await openTestTandem();
    const listening = await listenForChanges(tandem);
    subscription = listening.subscription;
    const { announced } = listening;
    const task = await createTask(tandem, { title: 'Invite a friend', rewardXp: 100, rewardCoins: 25 });
    const playerId = await linkedPlayer();
    const { submission } = await submitTask(tandem, {
      playerId,
      taskId: task.id,
      proof: '@bob',
      platform: 'discord',
    });

    const first = await approveSubmission(tandem, {
      submissionId: submission.id,
      decidedBy: 'alice',
      expectedVersion: 1,
    });
    expect(first).toMatchObject({
      decidedNow: true,
      paid: { xp: 100, coins: 25 },
      totals: { xp: 100, balance: 25 },
      submission: { status: 'approved', decidedBy: 'alice', version: 2 },
      task: { title: 'Invite a friend' },
    });
    const again = await approveSubmission(tandem, {
      submissionId: submission.id,
      decidedBy: 'bob',
      expectedVersion: 1,
    });
    expect(again).toMatchObject({
      decidedNow: false,
      paid: null,
      submission: { decidedBy: 'alice', version: 2 },
    });

    const rows = await taskLedger(playerId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      idempotencyKey: `admin-task-${submission.id}-${playerId}`,
      type: 'reward_grant',
      source: 'admin',
      xpDelta: 100,
      coinDelta: 25,
      metadata: { taskId: task.id, submissionId: submission.id, decidedBy: 'alice' },
    });
    expect(await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).toMatchObject({
      xp: 100,
      balance: 25,
    });
    const text =
      '✅ Your proof for "Invite a friend" was approved: +100 XP and +25 coins! You now have 100 XP and 25 coins.';
    expect(await notices()).toEqual([
      {
        id: `task-${submission.id}-v2-approved-discord`,
        platform: 'discord',
        platformUserId: 'dc-Ann',
        text,
      },
      {
        id: `task-${submission.id}-v2-approved-telegram`,
        platform: 'telegram',
        platformUserId: 'tg-Ann',
        text,
      },
    ]);
    await waitFor(async () => announced.length >= 4, 'announcements');
    expect(announced.filter((c) => c.entity !== 'tasks')).toEqual([
      { entity: 'task_submissions', action: 'created', id: submission.id },
      { entity: 'task_submissions', action: 'updated', id: submission.id },
      { entity: 'players', action: 'updated', id: playerId },
    ]);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('pays once when admins approve the same submission at the same time', async () => {
    tandem = await openTestTandem();
    const task = await createTask(tandem, { title: 'Share a highlight', rewardXp: 75, rewardCoins: 15 });
    const playerId = await linkedPlayer();
    const { submission } = await submitTask(tandem, {
      playerId,
      taskId: task.id,
      proof: 'clip',
      platform: 'telegram',
    });
    const approvals = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        approveSubmission(tandem, {
          submissionId: submission.id,
          decidedBy: `admin${i}`,
          expectedVersion: 1,
        }),
      ),
    );
    expect(approvals.filter((a) => a.decidedNow)).toHaveLength(1);
    expect(approvals.filter((a) => a.paid)).toEqual([
      expect.objectContaining({ paid: { xp: 75, coins: 15 } }),
    ]);
    expect(new Set(approvals.map((a) => a.submission.decidedBy)).size).toBe(1);
    expect(await taskLedger(playerId)).toHaveLength(1);
    expect(await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).toMatchObject({
      xp: 75,
      balance: 15,
    });
    expect(await notices()).toHaveLength(2);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('refuses a rejected submission, a stale version and an unknown id, paying nothing', async () => {
    tandem = await openTestTandem();
    const task = await createTask(tandem, { title: 'Say hi', rewardXp: 50 });
    const playerId = await tandem.createPlayer();
    const { submission } = await submitTask(tandem, {
      playerId,
      taskId: task.id,
      proof: 'hi',
      platform: 'telegram',
    });

    await rejectSubmission(tandem, { submissionId: submission.id, decidedBy: 'bob', note: 'No link' });
    const rejected = await refusal(
      approveSubmission(tandem, { submissionId: submission.id, decidedBy: 'alice' }),
    );
    expect(rejected).toBeInstanceOf(SubmissionAlreadyDecidedError);
    expect(rejected.message).toMatch(
      /^This submission was already rejected by bob at \d{4}-\d\d-\d\d \d\d:\d\d UTC, so it cannot be approved\. The player can send new proof, and you can approve that\.$/,
    );

    // Submitted again (version 3 now): a decision made on what the admin saw before is refused.
    await submitTask(tandem, {
      playerId,
      taskId: task.id,
      proof: 'https://example.org/hi',
      platform: 'telegram',
    });
    const stale = await refusal(
      approveSubmission(tandem, { submissionId: submission.id, decidedBy: 'alice', expectedVersion: 1 }),
    );
    expect(stale).toBeInstanceOf(VersionConflictError);
    expect(stale.message).toBe(
      'This task submission was changed by someone else since you opened it (version 3 is current). ' +
        'Reload and apply your change again.',
    );
    const unknown = await refusal(
      approveSubmission(tandem, { submissionId: '00000000-0000-4000-8000-000000000000', decidedBy: 'alice' }),
    );
    expect(unknown).toBeInstanceOf(SubmissionNotFoundError);
    const invalid = await refusal(approveSubmission(tandem, { submissionId: 'nope', decidedBy: '' }));
    expect((invalid as InvalidChangeError).fields).toEqual({
      submissionId: 'submissionId must be a submission id (uuid)',
      decidedBy: 'decidedBy is required',
    });
    expect(await taskLedger(playerId)).toHaveLength(0);
    expect(
      await tandem.db.prisma.taskSubmission.findUniqueOrThrow({ where: { id: submission.id } }),
    ).toMatchObject({
      status: 'pending',
      version: 3,
    });
  });
  it('leaves the submission pending when the payment fails: approval and payment commit together', async () => {
    tandem = await openTestTandem();
    const task = await createTask(tandem, { title: 'Say hi', rewardXp: 50 });
    const playerId = await tandem.createPlayer();
    const { submission } = await submitTask(tandem, {
      playerId,
      taskId: task.id,
      proof: 'hi',
      platform: 'telegram',
    });
    // Merged by linking while the submission waited: the ledger refuses a payment to this account.
    const survivor = await tandem.createPlayer('Survivor');
    await tandem.db.pool.query('UPDATE players SET merged_into_id = $2 WHERE id = $1', [playerId, survivor]);
    const error = await refusal(
      approveSubmission(tandem, { submissionId: submission.id, decidedBy: 'alice' }),
    );
    expect(error).toBeInstanceOf(PlayerMergedError);
    expect(
      await tandem.db.prisma.taskSubmission.findUniqueOrThrow({ where: { id: submission.id } }),
    ).toMatchObject({
      status: 'pending',
      decidedBy: null,
      version: 1,
    });
    expect(await tandem.db.prisma.ledgerEntry.count()).toBe(0);
    expect(await notices()).toEqual([]);
  });
});
