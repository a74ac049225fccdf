import type pg from 'pg';

/**
 * The parts of a merge besides the ledger: achievement progress and task submissions. Both run
 * inside mergePlayers' transaction, under both players' locks, before the absorbed player is
 * marked merged; so they run at most once per absorbed player.
 */

/**
 * Adds the absorbed account's progress counters (messages, voice minutes, games won, coins earned)
 * to the survivor's and zeroes its own. Reconcile counts the ledger rows of a merged player for the
 * account it was merged into (src/ledger/restore-totals.ts), so it finds no drift after this.
 */
export async function moveProgressCounters(
  client: pg.PoolClient,
  survivorId: string,
  absorbedId: string,
): Promise<void> {
  await client.query(
    `UPDATE players s SET messages = s.messages + a.messages, voice_minutes = s.voice_minutes + a.voice_minutes,
            games_won = s.games_won + a.games_won, coins_earned = s.coins_earned + a.coins_earned
       FROM players a WHERE s.id = $1 AND a.id = $2`,
    [survivorId, absorbedId],
  );
  await client.query(
    'UPDATE players SET messages = 0, voice_minutes = 0, games_won = 0, coins_earned = 0 WHERE id = $1',
    [absorbedId],
  );
}

type SubmissionStatus = 'pending' | 'approved' | 'rejected';

/** Which of two submissions for one task the merged account keeps: a paid one, then one under review. */
const standing: Record<SubmissionStatus, number> = { approved: 3, pending: 2, rejected: 1 };

/**
 * Moves the absorbed account's task submissions to the survivor. A task can have one submission a
 * player; where both accounts submitted the same task the survivor keeps the one that stands
 * higher (approved, then pending, then rejected; the survivor's own on a tie) and the other stays
 * with the merged account, which the admin reaches from the survivor's page. A pending one that
 * loses is rejected with a note, so a task is never paid twice to one person. Returns how many
 * submissions moved to the survivor.
 */
export async function moveTaskSubmissions(
  client: pg.PoolClient,
  survivorId: string,
  absorbedId: string,
): Promise<number> {
  const { rows } = await client.query<{
    absorbed_id: string;
    absorbed_status: SubmissionStatus;
    survivor_id: string | null;
    survivor_status: SubmissionStatus | null;
  }>(
    `SELECT a.id AS absorbed_id, a.status AS absorbed_status, s.id AS survivor_id, s.status AS survivor_status
       FROM task_submissions a
       LEFT JOIN task_submissions s ON s.task_id = a.task_id AND s.player_id = $1
      WHERE a.player_id = $2
      ORDER BY a.id FOR UPDATE OF a`,
    [survivorId, absorbedId],
  );
  let moved = 0;
  for (const row of rows) {
    if (row.survivor_id === null || row.survivor_status === null) {
      await reassign(client, row.absorbed_id, survivorId);
      moved += 1;
      continue;
    }
    const absorbedWins = standing[row.absorbed_status] > standing[row.survivor_status];
    const loser = absorbedWins
      ? { id: row.survivor_id, status: row.survivor_status }
      : { id: row.absorbed_id, status: row.absorbed_status };
    if (loser.status === 'pending') await rejectAsSuperseded(client, loser.id);
    if (!absorbedWins) continue;
    await swapOwners(client, {
      toSurvivor: row.absorbed_id,
      toAbsorbed: row.survivor_id,
      survivorId,
      absorbedId,
    });
    moved += 1;
  }
  return moved;
}

async function reassign(client: pg.PoolClient, submissionId: string, playerId: string): Promise<void> {
  await client.query(
    'UPDATE task_submissions SET player_id = $2, version = version + 1, updated_at = now() WHERE id = $1',
    [submissionId, playerId],
  );
}

/**
 * The note on a pending task submission set aside when two linked accounts had both sent the task:
 * the player reads it in the task list, the admin on the submission.
 */
export function supersededSubmissionNote(): string {
  return 'Your linked account had already sent this task; that submission counts.';
}

async function rejectAsSuperseded(client: pg.PoolClient, submissionId: string): Promise<void> {
  await client.query(
    `UPDATE task_submissions SET status = 'rejected', note = $2, decided_by = 'system', decided_at = now(),
            version = version + 1, updated_at = now()
      WHERE id = $1 AND status = 'pending'`,
    [submissionId, supersededSubmissionNote()],
  );
}

/**
 * Swaps the owners of two submissions of one task. The (task, player) key is checked row by row,
 * so the survivor's row is taken out and put back under the absorbed player with its id and history.
 */
async function swapOwners(
  client: pg.PoolClient,
  ids: { toSurvivor: string; toAbsorbed: string; survivorId: string; absorbedId: string },
): Promise<void> {
  const cols = 'id, task_id, platform, proof, status, note, decided_by, decided_at, version, created_at';
  const taken = await client.query(`DELETE FROM task_submissions WHERE id = $1 RETURNING ${cols}`, [
    ids.toAbsorbed,
  ]);
  await reassign(client, ids.toSurvivor, ids.survivorId);
  const row = taken.rows[0];
  await client.query(
    `INSERT INTO task_submissions (${cols}, player_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9 + 1, $10, $11, now())`,
    [
      row.id,
      row.task_id,
      row.platform,
      row.proof,
      row.status,
      row.note,
      row.decided_by,
      row.decided_at,
      row.version,
      row.created_at,
      ids.absorbedId,
    ],
  );
}
