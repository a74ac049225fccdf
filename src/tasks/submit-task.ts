import { z } from 'zod';
import { InvalidChangeError, PlayerNotFoundError } from '../core/errors.ts';
import type { Message } from '../core/message.ts';
import { withoutNul } from '../core/postgres-values.ts';
import type { Database } from '../db/database.ts';
import type { ChangePublisher } from '../live/changes.ts';
import { messageOf } from '../texts/default-texts.ts';
import { TaskAlreadyApprovedError, TaskAlreadyPendingError, TaskNotFoundError } from './errors.ts';
import { type Submission, type SubmissionTask, submissionColumns } from './submission.ts';

const chooseTask = 'Say which task: use its number from /tasks.';
const proofNotText = 'Send your proof as text: a link or a few words about what you did.';
const proofMissing = 'Send your proof with it: a link or a few words about what you did.';
const maxProofLength = 1000;
const proofTooLong = `Your proof is too long: keep it under ${maxProofLength} characters (a link is best).`;

/** What the player reads for each of the schema's messages, in their language. */
const playerTexts: Record<string, Message> = {
  [chooseTask]: messageOf('error.task.chooseTask'),
  [proofNotText]: messageOf('error.task.proofNotText'),
  [proofMissing]: messageOf('error.task.proofMissing'),
  [proofTooLong]: messageOf('error.task.proofTooLong', { characters: maxProofLength }),
};

const submitSchema = z.object({
  playerId: z.uuid('playerId must be a player id (uuid)'),
  taskId: z.number({ message: chooseTask }).int(chooseTask).positive(chooseTask),
  proof: z
    .string({ message: proofNotText })
    // Typed on a platform that allows NUL characters, which PostgreSQL cannot store: dropped.
    .overwrite(withoutNul)
    .trim()
    .min(1, proofMissing)
    .max(maxProofLength, proofTooLong),
  platform: z.enum(['telegram', 'discord'], { message: 'platform must be telegram or discord' }),
});
export type SubmitTaskInput = z.input<typeof submitSchema>;

export interface SubmitTaskResult {
  submission: Submission;
  task: SubmissionTask;
  /** true when it replaced a rejected submission (same row, back to pending). */
  resubmitted: boolean;
}

/**
 * A player sends proof for a task. One statement creates the pending submission, or puts a rejected
 * one back to pending with the new proof; a pending or approved one is left alone and the player is
 * told why (TaskAlreadyPendingError, TaskAlreadyApprovedError). The unique (task, player) pair makes
 * a double tap or a redelivered update one submission.
 */
export async function submitTask(
  deps: { db: Pick<Database, 'pool'>; changes: ChangePublisher },
  input: SubmitTaskInput,
): Promise<SubmitTaskResult> {
  const submitted = parseForPlayer(input);
  const { playerId, taskId } = submitted;
  const task = await findOpenTask(deps.db, taskId);
  if (!task) throw new TaskNotFoundError(taskId);
  // Done by another account of the person (one unlinked from this one): the reward is the person's.
  // Approval checks it again under the person's lock; this only spares the player a useless wait.
  if (await doneByThePerson(deps.db, playerId, taskId))
    throw new TaskAlreadyApprovedError(taskId, task.title);
  let submission = await insertOrResubmit(deps.db, submitted);
  if (!submission) {
    const refusal = await whyNotSubmitted(deps.db, task, playerId);
    if (refusal) throw refusal;
    // An admin rejected the pending submission a moment ago: it can be submitted again now.
    submission = await insertOrResubmit(deps.db, submitted);
    if (!submission) throw (await whyNotSubmitted(deps.db, task, playerId)) ?? new TaskNotFoundError(taskId);
  }
  // A new row starts at version 1; a re-submitted one went through a decision and this update.
  const resubmitted = submission.version > 1;
  await deps.changes.publish({
    entity: 'task_submissions',
    action: resubmitted ? 'updated' : 'created',
    id: submission.id,
  });
  return { submission, task, resubmitted };
}

async function insertOrResubmit(
  db: Pick<Database, 'pool'>,
  { playerId, taskId, proof, platform }: z.output<typeof submitSchema>,
): Promise<Submission | undefined> {
  try {
    const { rows } = await db.pool.query<Submission>(
      `INSERT INTO task_submissions (task_id, player_id, platform, proof)
       SELECT id, $2, $3::"Platform", $4 FROM tasks WHERE id = $1 AND active
       ON CONFLICT (task_id, player_id) DO UPDATE
          SET proof = EXCLUDED.proof, platform = EXCLUDED.platform, status = 'pending', note = NULL,
              decided_by = NULL, decided_at = NULL, version = task_submissions.version + 1, updated_at = now(),
              submitted_at = now()
        WHERE task_submissions.status = 'rejected'
       RETURNING ${submissionColumns}`,
      [taskId, playerId, platform, proof],
    );
    return rows[0];
  } catch (error) {
    if ((error as { code?: string }).code === '23503') throw new PlayerNotFoundError(playerId);
    throw error;
  }
}

async function doneByThePerson(db: Pick<Database, 'pool'>, playerId: string, taskId: number) {
  const { rowCount } = await db.pool.query(
    `SELECT 1 FROM task_submissions s JOIN players p ON p.id = s.player_id
      WHERE s.task_id = $2 AND s.status = 'approved'
        AND p.person_id = (SELECT person_id FROM players WHERE id = $1) LIMIT 1`,
    [playerId, taskId],
  );
  return (rowCount ?? 0) > 0;
}

async function findOpenTask(db: Pick<Database, 'pool'>, taskId: number): Promise<SubmissionTask | null> {
  const { rows } = await db.pool.query<SubmissionTask>(
    `SELECT id, title, reward_xp AS "rewardXp", reward_coins AS "rewardCoins" FROM tasks WHERE id = $1 AND active`,
    [taskId],
  );
  return rows[0] ?? null;
}

/**
 * The insert changed nothing: the player's submission is pending or approved, or the task closed
 * meanwhile. null: it is rejected now, so submitting again will work.
 */
async function whyNotSubmitted(
  db: Pick<Database, 'pool'>,
  task: SubmissionTask,
  playerId: string,
): Promise<Error | null> {
  const { rows } = await db.pool.query<{ status: Submission['status'] }>(
    'SELECT status FROM task_submissions WHERE task_id = $1 AND player_id = $2',
    [task.id, playerId],
  );
  const status = rows[0]?.status;
  if (status === 'pending') return new TaskAlreadyPendingError(task.id, task.title);
  if (status === 'approved') return new TaskAlreadyApprovedError(task.id, task.title);
  if (status === 'rejected') return null;
  return new TaskNotFoundError(task.id);
}

/** Validation messages here reach a player: whole sentences, without field names. */
function parseForPlayer(input: unknown): z.output<typeof submitSchema> {
  const parsed = submitSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  const playerFields: Record<string, Message> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.') || '_';
    if (path in fields) continue;
    fields[path] = issue.message;
    const text = playerTexts[issue.message];
    if (text) playerFields[path] = text;
  }
  throw new InvalidChangeError(Object.values(fields).join(' '), fields, playerFields);
}
