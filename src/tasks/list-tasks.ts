import type { TaskView } from '../content/content-cache.ts';
import type { Database } from '../db/database.ts';
import type { SubmissionStatus } from './submission.ts';

/** An active task with where this player stands on it. */
export interface PlayerTask extends TaskView {
  /** This player's submission, or null when they have not sent proof yet. */
  submission: {
    id: string;
    status: SubmissionStatus;
    /** The admin's reason when it was rejected. */
    note: string | null;
  } | null;
}

/** The active tasks, oldest first, each with this player's submission (one query, never cached). */
export async function listTasksForPlayer(
  deps: { db: Pick<Database, 'pool'> },
  playerId: string,
): Promise<PlayerTask[]> {
  const { rows } = await deps.db.pool.query<{
    id: number;
    title: string;
    description: string;
    proof_hint: string | null;
    reward_xp: number;
    reward_coins: number;
    submission_id: string | null;
    status: SubmissionStatus | null;
    note: string | null;
  }>(
    `SELECT t.id, t.title, t.description, t.proof_hint, t.reward_xp, t.reward_coins,
            s.id AS submission_id, s.status, s.note
       FROM tasks t
       LEFT JOIN task_submissions s ON s.task_id = t.id AND s.player_id = $1
      WHERE t.active
      ORDER BY t.id`,
    [playerId],
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    description: row.description,
    proofHint: row.proof_hint,
    rewardXp: row.reward_xp,
    rewardCoins: row.reward_coins,
    submission:
      row.submission_id && row.status ? { id: row.submission_id, status: row.status, note: row.note } : null,
  }));
}
