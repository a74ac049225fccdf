import { afterEach, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { refusal, taskWorld } from '../../test/support/task-world.ts';
import { approveSubmission, rejectSubmission } from './decide-submission.ts';
import { SubmissionAlreadyDecidedError } from './errors.ts';
import { createTask } from './manage-tasks.ts';
import { submitTask } from './submit-task.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

const { linkedPlayer, notices, taskLedger } = taskWorld(() => tandem);

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
