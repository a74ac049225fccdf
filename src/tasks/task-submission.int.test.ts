import { afterEach, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { refusal } from '../../test/support/task-world.ts';
import { InvalidChangeError, PlayerNotFoundError } from '../core/errors.ts';
import { approveSubmission, rejectSubmission } from './decide-submission.ts';
import {
  isTaskError,
  TaskAlreadyApprovedError,
  TaskAlreadyPendingError,
  TaskNotFoundError,
} from './errors.ts';
import { listTasksForPlayer } from './list-tasks.ts';
import { createTask, updateTask } from './manage-tasks.ts';
import { submitTask } from './submit-task.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

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
