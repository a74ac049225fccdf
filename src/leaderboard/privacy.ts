import type { Database } from '../db/database.ts';
import type { ChangePublisher } from '../live/changes.ts';

/** Whether the player keeps themselves off the leaderboards (/privacy). */
export async function boardHiddenOf(db: Pick<Database, 'pool'>, playerId: string): Promise<boolean> {
  const { rows } = await db.pool.query<{ board_hidden: boolean }>(
    'SELECT board_hidden FROM players WHERE id = $1',
    [playerId],
  );
  return rows[0]?.board_hidden ?? false;
}

/**
 * `/privacy`: the player's own choice to be on the leaderboards or not, on every board and both
 * bots at once (it is the player's, not an identity's). Returns the choice now in force.
 */
export async function setBoardHidden(
  deps: { db: Pick<Database, 'pool'>; changes: ChangePublisher },
  playerId: string,
  hidden: boolean,
): Promise<boolean> {
  const { rowCount } = await deps.db.pool.query(
    `UPDATE players SET board_hidden = $2, updated_at = now()
      WHERE id = $1 AND board_hidden IS DISTINCT FROM $2`,
    [playerId, hidden],
  );
  if (rowCount) await deps.changes.publish({ entity: 'players', action: 'updated', id: playerId });
  return hidden;
}
