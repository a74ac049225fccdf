import type { Database } from '../db/database.ts';
import type { ChangePublisher } from '../live/changes.ts';

/**
 * A player's own choice to hear of their rank-ups and achievements by direct message (on unless
 * they turned it off with /announcements, on either platform: the choice is the player's). It
 * silences their DMs only: the community's channels still announce them. A merged player's row is
 * never written: the caller resolved the surviving id.
 */
export async function setAnnouncementDms(
  deps: { db: Pick<Database, 'pool'>; changes: ChangePublisher },
  playerId: string,
  on: boolean,
): Promise<void> {
  const { rowCount } = await deps.db.pool.query(
    `UPDATE players SET announcement_dms = $2, updated_at = now()
      WHERE id = $1 AND merged_into_id IS NULL AND announcement_dms IS DISTINCT FROM $2`,
    [playerId, on],
  );
  if (rowCount) await deps.changes.publish({ entity: 'players', action: 'updated', id: playerId });
}

/** The player an announcement names: their name as others see it, and whether they take DMs of it. */
export interface AnnouncedPlayer {
  displayName: string;
  dmsOn: boolean;
}

export async function readAnnouncedPlayer(
  db: Pick<Database, 'pool'>,
  playerId: string,
): Promise<AnnouncedPlayer | null> {
  const { rows } = await db.pool.query<{ display_name: string; announcement_dms: boolean }>(
    'SELECT display_name, announcement_dms FROM players WHERE id = $1',
    [playerId],
  );
  const row = rows[0];
  return row ? { displayName: row.display_name, dmsOn: row.announcement_dms } : null;
}
