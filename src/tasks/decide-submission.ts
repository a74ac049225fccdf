import { z } from 'zod';
import { activeBoostsOn, boostedXp } from '../boosts/active-boosts.ts';
import type { NoticeQueue } from '../core/notice-queue.ts';
import { parseInput } from '../core/parse-input.ts';
import { storedText } from '../core/postgres-values.ts';
import { VersionConflictError } from '../core/versioned-write.ts';
import type { Database } from '../db/database.ts';
import type { Queryable } from '../db/queryable.ts';
import type { Engine } from '../ledger/engine.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { Logger } from '../logging/logger.ts';
import { lockPersonOf } from '../persons/persons.ts';
import { SubmissionAlreadyDecidedError, SubmissionNotFoundError } from './errors.ts';
import {
  findSubmission,
  findSubmissionTask,
  type Submission,
  type SubmissionTask,
  submissionColumns,
} from './submission.ts';
import { notifySubmissionDecision, taskApprovedNotice, taskRejectedNotice } from './submission-notices.ts';

/** What deciding on submissions works with; a process's Services has all of it. */
export interface TaskDecisionDeps {
  engine: Pick<Engine, 'transaction'>;
  db: Pick<Database, 'pool'>;
  queues: NoticeQueue;
  changes: ChangePublisher;
  logger?: Pick<Logger, 'warn'>;
}

const decisionSchema = z.object({
  submissionId: z.uuid('submissionId must be a submission id (uuid)'),
  decidedBy: storedText('decidedBy is required').trim().min(1, 'decidedBy is required').max(100),
  /** The version the admin saw; a decision on a submission changed since is refused. */
  expectedVersion: z.number().int().positive().optional(),
});
const rejectionSchema = decisionSchema.extend({
  /** Why, in a sentence the player reads. */
  note: z
    .string({ message: 'note must be text' })
    .trim()
    .max(500, 'note: at most 500 characters')
    .optional()
    .transform((note) => note || null),
});
export type ApproveSubmissionInput = z.input<typeof decisionSchema>;
export type RejectSubmissionInput = z.input<typeof rejectionSchema>;

export interface SubmissionDecision {
  submission: Submission;
  task: SubmissionTask;
  /** false when the submission already had this decision: nothing changed, nobody was told again. */
  decidedNow: boolean;
}

export interface ApprovalResult extends SubmissionDecision {
  /** What this approval paid; null when it had been approved before (a reward is paid once). */
  paid: { xp: number; coins: number } | null;
  /** The player's totals after the payment, when one was made. */
  totals: { xp: number; balance: number } | null;
}

/**
 * Pending -> approved, and the task's reward paid through the engine in the same transaction: never
 * approved without its payment, never paid twice. The conditional UPDATE lets exactly one of any
 * number of concurrent approvals through; the others (and a repeated click) find it approved and
 * answer with `decidedNow: false`. A rejected submission is refused (SubmissionAlreadyDecidedError).
 */
export async function approveSubmission(
  deps: TaskDecisionDeps,
  input: ApproveSubmissionInput,
): Promise<ApprovalResult> {
  const { submissionId, decidedBy, expectedVersion } = parseInput(decisionSchema, input, 'decision');
  const result = await deps.engine.transaction(async (tx): Promise<ApprovalResult> => {
    const current = await findSubmission(tx.client, submissionId);
    if (!current) throw new SubmissionNotFoundError(submissionId);
    const task = await taskOf(tx.client, current);
    // The player (and its person) first, then the submission: the order every ledger write takes,
    // so no deadlock.
    const person = await lockPersonOf(tx.client, current.playerId);
    const { rows } = await tx.client.query<Submission>(
      `UPDATE task_submissions
          SET status = 'approved', decided_by = $2, decided_at = now(), version = version + 1, updated_at = now()
        WHERE id = $1 AND status = 'pending' AND ($3::int IS NULL OR version = $3)
       RETURNING ${submissionColumns}`,
      [submissionId, decidedBy, expectedVersion ?? null],
    );
    const submission = rows[0];
    if (!submission) {
      const settled = await alreadyDecided(tx.client, submissionId, 'approved', expectedVersion);
      return { submission: settled, task, decidedNow: false, paid: null, totals: null };
    }
    // A task pays once per person: another account of theirs (one unlinked from this one, or
    // merged into it) may have been paid for it already.
    const paidBefore = await otherApprovedSubmission(tx.client, person.id, submission);
    if (paidBefore) return { submission, task, decidedNow: true, paid: { xp: 0, coins: 0 }, totals: null };
    // Boosts of the 'tasks' source apply at the submission's time (when the player last sent proof:
    // a proof sent again after a rejection is judged by its own moment), not the approval's:
    // a task done during "double XP this weekend" is doubled even if an admin approves it on Monday.
    // Coins are not boosted, as for every other earning.
    const boosted = boostedXp(
      await activeBoostsOn(tx.client, submission.submittedAt, 'tasks'),
      task.rewardXp,
    );
    // A reward of nothing (or a slowing boost rounding a small one to nothing): the engine refuses
    // empty changes, the approval still counts.
    if (boosted.xp === 0 && task.rewardCoins === 0)
      return { submission, task, decidedNow: true, paid: { xp: 0, coins: 0 }, totals: null };
    const payment = await tx.record({
      key: buildIdempotencyKey({
        source: 'admin',
        action: 'task',
        entity: submission.id,
        playerId: submission.playerId,
      }),
      playerId: submission.playerId,
      type: 'reward_grant',
      source: 'admin',
      xpDelta: boosted.xp,
      coinDelta: task.rewardCoins,
      reason: 'task',
      metadata: {
        taskId: task.id,
        submissionId: submission.id,
        decidedBy,
        ...(boosted.applied.length > 0 ? { factors: boosted.applied } : {}),
      },
    });
    return {
      submission,
      task,
      decidedNow: true,
      paid: { xp: payment.xpDelta, coins: payment.coinDelta },
      totals: { xp: payment.xp, balance: payment.balance },
    };
  });
  if (result.decidedNow) {
    await deps.changes.publish({ entity: 'task_submissions', action: 'updated', id: result.submission.id });
    if (result.totals)
      await deps.changes.publish({ entity: 'players', action: 'updated', id: result.submission.playerId });
    await notifySubmissionDecision(
      deps,
      result.submission,
      taskApprovedNotice(result.task, result.paid, result.totals),
    );
  }
  return result;
}

/**
 * Pending -> rejected, by one conditional UPDATE; the player is told why and may submit again.
 * Rejecting twice changes nothing; rejecting an approved submission is refused.
 */
export async function rejectSubmission(
  deps: Omit<TaskDecisionDeps, 'engine'>,
  input: RejectSubmissionInput,
): Promise<SubmissionDecision> {
  const { submissionId, decidedBy, expectedVersion, note } = parseInput(rejectionSchema, input, 'decision');
  const { rows } = await deps.db.pool.query<Submission>(
    `UPDATE task_submissions
        SET status = 'rejected', note = $4, decided_by = $2, decided_at = now(), version = version + 1,
            updated_at = now()
      WHERE id = $1 AND status = 'pending' AND ($3::int IS NULL OR version = $3)
     RETURNING ${submissionColumns}`,
    [submissionId, decidedBy, expectedVersion ?? null, note],
  );
  const rejected = rows[0];
  const submission =
    rejected ?? (await alreadyDecided(deps.db.pool, submissionId, 'rejected', expectedVersion));
  const task = await taskOf(deps.db.pool, submission);
  if (rejected) {
    await deps.changes.publish({ entity: 'task_submissions', action: 'updated', id: rejected.id });
    await notifySubmissionDecision(deps, rejected, taskRejectedNotice(task, rejected.note));
  }
  return { submission, task, decidedNow: rejected !== undefined };
}

/**
 * A conditional decision changed nothing: fine if the submission already has `wanted` (a repeat),
 * otherwise the reason it was refused.
 */
async function alreadyDecided(
  db: Queryable,
  submissionId: string,
  wanted: 'approved' | 'rejected',
  expectedVersion: number | undefined,
): Promise<Submission> {
  const now = await findSubmission(db, submissionId);
  if (!now) throw new SubmissionNotFoundError(submissionId);
  if (now.status === wanted) return now;
  if (now.status !== 'pending')
    throw new SubmissionAlreadyDecidedError(submissionId, now.status, now.decidedBy, now.decidedAt);
  throw new VersionConflictError(
    'task submission',
    submissionId,
    expectedVersion ?? now.version,
    now.version,
  );
}

/** An approved submission of the same task by another account of the person. */
export async function otherApprovedSubmission(
  db: Queryable,
  personId: string,
  submission: Pick<Submission, 'id' | 'taskId'>,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM task_submissions s JOIN players p ON p.id = s.player_id
      WHERE p.person_id = $1 AND s.task_id = $2 AND s.status = 'approved' AND s.id <> $3 LIMIT 1`,
    [personId, submission.taskId, submission.id],
  );
  return (rowCount ?? 0) > 0;
}

async function taskOf(db: Queryable, submission: Submission): Promise<SubmissionTask> {
  const task = await findSubmissionTask(db, submission.taskId);
  // The foreign key keeps a task as long as it has submissions.
  if (!task) throw new Error(`Task ${submission.taskId} of submission ${submission.id} is missing`);
  return task;
}
