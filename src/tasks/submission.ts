import type { Queryable } from '../db/queryable.ts';

export type SubmissionStatus = 'pending' | 'approved' | 'rejected';

export interface Submission {
  id: string;
  taskId: number;
  playerId: string;
  platform: 'telegram' | 'discord';
  proof: string;
  status: SubmissionStatus;
  /** The admin's reason, told to the player on a rejection. */
  note: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  version: number;
  createdAt: Date;
  /** When the player last sent proof: the first time, or again after a rejection. */
  submittedAt: Date;
  updatedAt: Date;
}

/** What the notices and answers name: the task as it is now. */
export interface SubmissionTask {
  id: number;
  title: string;
  rewardXp: number;
  rewardCoins: number;
}

export const submissionColumns = `id, task_id AS "taskId", player_id AS "playerId", platform, proof, status, note,
  decided_by AS "decidedBy", decided_at AS "decidedAt", version, created_at AS "createdAt",
  submitted_at AS "submittedAt", updated_at AS "updatedAt"`;

export async function findSubmission(db: Queryable, submissionId: string): Promise<Submission | null> {
  const { rows } = await db.query<Submission>(
    `SELECT ${submissionColumns} FROM task_submissions WHERE id = $1`,
    [submissionId],
  );
  return rows[0] ?? null;
}

export async function findSubmissionTask(db: Queryable, taskId: number): Promise<SubmissionTask | null> {
  const { rows } = await db.query<SubmissionTask>(
    `SELECT id, title, reward_xp AS "rewardXp", reward_coins AS "rewardCoins" FROM tasks WHERE id = $1`,
    [taskId],
  );
  return rows[0] ?? null;
}
