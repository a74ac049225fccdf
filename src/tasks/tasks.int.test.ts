import { afterEach, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { InvalidChangeError, PlayerMergedError, PlayerNotFoundError } from '../core/errors.ts';
import { VersionConflictError } from '../core/versioned-write.ts';
import { type ChangeSubscription, type EntityChange, subscribeToChanges } from '../live/changes.ts';
import { approveSubmission, rejectSubmission } from './decide-submission.ts';
import {
  isTaskError,
  SubmissionAlreadyDecidedError,
  SubmissionNotFoundError,
  TaskAlreadyApprovedError,
  TaskAlreadyPendingError,
  TaskNotFoundError,
} from './errors.ts';
import { listTasksForPlayer } from './list-tasks.ts';
import { createTask, updateTask } from './manage-tasks.ts';
import { submitTask } from './submit-task.ts';

let tandem: TestTandem;
let subscription: ChangeSubscription | undefined;
afterEach(async () => {
  await subscription?.close();
  subscription = undefined;
  await tandem?.stop();
});

async function refusal(action: Promise<unknown>): Promise<Error> {
  const error = await action.then(
    () => null,
    (e: Error) => e,
  );
  if (!error) throw new Error('expected a refusal');
  return error;
}

/** A player linked on both platforms, so each decision is told twice. */
async function linkedPlayer(name = 'Ann'): Promise<string> {
  const playerId = await tandem.createPlayer(name);
  await tandem.db.prisma.identity.createMany({
    data: [
      { playerId, platform: 'telegram', platformUserId: `tg-${name}` },
      { playerId, platform: 'discord', platformUserId: `dc-${name}` },
    ],
  });
  return playerId;
}

async function notices() {
  const jobs = await tandem.queues.notifications.getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs.map((job) => ({ id: job.id, ...job.data })).sort((a, b) => a.id!.localeCompare(b.id!));
}

async function taskLedger(playerId: string) {
  return tandem.db.prisma.ledgerEntry.findMany({ where: { playerId, reason: 'task' } });
}

describe('submitting proof', () => {
  it('creates one pending submission; a second is refused while it waits or once approved', async () => {
    tandem = await openTestTandem();
    const task = await createTask(tandem, { title: 'Say hi', rewardXp: 50, rewardCoins: 10 });
    const playerId = await tandem.createPlayer();
    const result = await submitTask(tandem, {
      playerId,
      taskId: task.id,
      proof: '  https://example.org/hi  ',
      platform: 'telegram',
    });
    expect(result.resubmitted).toBe(false);
    expect(result.task).toEqual({ id: task.id, title: 'Say hi', rewardXp: 50, rewardCoins: 10 });
    expect(result.submission).toMatchObject({
      taskId: task.id,
      playerId,
      platform: 'telegram',
      proof: 'https://example.org/hi',
      status: 'pending',
      version: 1,
    });

    const pending = await refusal(
      submitTask(tandem, { playerId, taskId: task.id, proof: 'again', platform: 'discord' }),
    );
    expect(pending).toBeInstanceOf(TaskAlreadyPendingError);
    expect(isTaskError(pending)).toBe(true);
    expect(pending.message).toBe(
      `Your proof for "Say hi" is already waiting for an admin. You'll get a message as soon as it has been reviewed.`,
    );
    await approveSubmission(tandem, { submissionId: result.submission.id, decidedBy: 'alice' });
    const approved = await refusal(
      submitTask(tandem, { playerId, taskId: task.id, proof: 'again', platform: 'discord' }),
    );
    expect(approved).toBeInstanceOf(TaskAlreadyApprovedError);
    expect(approved.message).toBe(
      'You already completed "Say hi" and got its reward. Send /tasks to find another task.',
    );
    expect(await tandem.db.prisma.taskSubmission.count()).toBe(1);
  });

  it('counts a double tap as one submission', async () => {
    tandem = await openTestTandem();
    const task = await createTask(tandem, { title: 'Say hi', rewardXp: 50 });
    const playerId = await tandem.createPlayer();
    const taps = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        submitTask(tandem, { playerId, taskId: task.id, proof: 'https://example.org', platform: 'telegram' }),
      ),
    );
    expect(taps.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
    for (const t of taps.filter((t) => t.status === 'rejected'))
      expect(t.reason).toBeInstanceOf(TaskAlreadyPendingError);
    expect(await tandem.db.prisma.taskSubmission.count()).toBe(1);
  });

  it('refuses unknown or closed tasks and bad proof with a sentence for the player, writing nothing', async () => {
    tandem = await openTestTandem();
    const task = await createTask(tandem, { title: 'Say hi', rewardXp: 50 });
    const playerId = await tandem.createPlayer();
    const valid = { playerId, taskId: task.id, proof: 'https://example.org', platform: 'telegram' as const };

    const unknown = await refusal(submitTask(tandem, { ...valid, taskId: 999 }));
    expect(unknown).toBeInstanceOf(TaskNotFoundError);
    expect(unknown.message).toBe(
      'There is no open task number 999. Send /tasks to see the tasks you can do.',
    );
    const cases: Array<[object, string]> = [
      [{ proof: '   ' }, 'Send your proof with it: a link or a few words about what you did.'],
      [
        { proof: 'x'.repeat(1001) },
        'Your proof is too long: keep it under 1000 characters (a link is best).',
      ],
      [{ taskId: 0 }, 'Say which task: use its number from /tasks.'],
    ];
    for (const [change, message] of cases) {
      const error = await refusal(submitTask(tandem, { ...valid, ...change }));
      expect(error).toBeInstanceOf(InvalidChangeError);
      expect(error.message).toBe(message);
    }
    const nobody = await refusal(
      submitTask(tandem, { ...valid, playerId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(nobody).toBeInstanceOf(PlayerNotFoundError);
    await updateTask(tandem, { id: task.id, active: false });
    expect(await refusal(submitTask(tandem, valid))).toBeInstanceOf(TaskNotFoundError);
    expect(await tandem.db.prisma.taskSubmission.count()).toBe(0);
  });
});

describe('listing tasks for a player', () => {
  it("shows the active tasks with this player's own status on each", async () => {
    tandem = await openTestTandem();
    const open = await createTask(tandem, { title: 'Open', rewardXp: 10, proofHint: 'A link' });
    const waiting = await createTask(tandem, { title: 'Waiting', rewardXp: 20 });
    const done = await createTask(tandem, { title: 'Done', rewardCoins: 5 });
    const refused = await createTask(tandem, { title: 'Refused', rewardXp: 5 });
    const hidden = await createTask(tandem, { title: 'Hidden', rewardXp: 5, active: false });
    const ann = await tandem.createPlayer('Ann');
    const bob = await tandem.createPlayer('Bob');
    const submit = (playerId: string, taskId: number) =>
      submitTask(tandem, { playerId, taskId, proof: 'proof', platform: 'discord' });
    await submit(ann, waiting.id);
    const d = await submit(ann, done.id);
    const r = await submit(ann, refused.id);
    await submit(bob, open.id);
    await approveSubmission(tandem, { submissionId: d.submission.id, decidedBy: 'alice' });
    await rejectSubmission(tandem, { submissionId: r.submission.id, decidedBy: 'alice', note: 'Blurry' });

    const tasks = await listTasksForPlayer(tandem, ann);
    expect(tasks.map((t) => [t.title, t.submission?.status ?? null, t.submission?.note ?? null])).toEqual([
      ['Open', null, null],
      ['Waiting', 'pending', null],
      ['Done', 'approved', null],
      ['Refused', 'rejected', 'Blurry'],
    ]);
    expect(tasks[0]).toEqual({
      id: open.id,
      title: 'Open',
      description: '',
      proofHint: 'A link',
      rewardXp: 10,
      rewardCoins: 0,
      submission: null,
    });
    expect(tasks.some((t) => t.id === hidden.id)).toBe(false);
  });
});

describe('approving a submission', () => {
  it('pays the reward in the same transaction, once, and tells the player on each platform', async () => {
    tandem = await openTestTandem();
    const announced: EntityChange[] = [];
    subscription = await subscribeToChanges(
      tandem.redisUrl,
      tandem.prefix,
      (c) => announced.push(c),
      tandem.logger,
    );
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
    const text = '✅ Your proof for "Invite a friend" was approved: +100 XP and +25 coins!';
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

describe('rejecting a submission', () => {
  it('tells the player why; new proof puts the same row back to pending, and that can be approved', async () => {
    tandem = await openTestTandem();
    const task = await createTask(tandem, { title: 'Introduce yourself', rewardXp: 50, rewardCoins: 10 });
    const playerId = await linkedPlayer();
    const { submission } = await submitTask(tandem, {
      playerId,
      taskId: task.id,
      proof: 'hi',
      platform: 'telegram',
    });

    const rejected = await rejectSubmission(tandem, {
      submissionId: submission.id,
      decidedBy: 'bob',
      note: 'Please send a link to your message',
    });
    expect(rejected).toMatchObject({ decidedNow: true, submission: { status: 'rejected', version: 2 } });
    const twice = await rejectSubmission(tandem, {
      submissionId: submission.id,
      decidedBy: 'bob',
      note: 'Other',
    });
    expect(twice).toMatchObject({
      decidedNow: false,
      submission: { note: 'Please send a link to your message' },
    });
    const rejectedText =
      '❌ Your proof for "Introduce yourself" was not accepted: Please send a link to your message. ' +
      'You can send new proof any time (see /tasks).';
    expect((await notices()).map((n) => [n.id, n.text])).toEqual([
      [`task-${submission.id}-v2-rejected-discord`, rejectedText],
      [`task-${submission.id}-v2-rejected-telegram`, rejectedText],
    ]);

    const again = await submitTask(tandem, {
      playerId,
      taskId: task.id,
      proof: 'https://example.org/intro',
      platform: 'discord',
    });
    expect(again.resubmitted).toBe(true);
    expect(again.submission).toMatchObject({
      id: submission.id,
      status: 'pending',
      platform: 'discord',
      proof: 'https://example.org/intro',
      note: null,
      decidedBy: null,
      decidedAt: null,
      version: 3,
    });
    const approved = await approveSubmission(tandem, {
      submissionId: submission.id,
      decidedBy: 'alice',
      expectedVersion: 3,
    });
    expect(approved).toMatchObject({ decidedNow: true, paid: { xp: 50, coins: 10 } });
    const late = await refusal(rejectSubmission(tandem, { submissionId: submission.id, decidedBy: 'bob' }));
    expect(late).toBeInstanceOf(SubmissionAlreadyDecidedError);
    expect(late.message).toMatch(
      /^This submission was already approved by alice at .+ UTC and its reward paid/,
    );
    expect(await notices()).toHaveLength(4);
    expect(await taskLedger(playerId)).toHaveLength(1);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });
});
