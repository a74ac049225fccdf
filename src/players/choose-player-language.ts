import type { Database } from '../db/database.ts';
import type { ChangePublisher } from '../live/changes.ts';
import { type Language, languageOfTag } from '../texts/languages.ts';

/**
 * Stores the language a player picked with /language on either platform; null goes back to
 * following their client. The choice is the player's (not one identity's), so it holds on both
 * platforms and survives linking (src/linking/merge-players.ts keeps the survivor's, else the
 * absorbed one's). A merged player's row is never written: the caller resolved the surviving id.
 */
export async function choosePlayerLanguage(
  deps: { db: Pick<Database, 'pool'>; changes: ChangePublisher },
  playerId: string,
  language: Language | null,
): Promise<void> {
  const { rowCount } = await deps.db.pool.query(
    `UPDATE players SET language = $2, updated_at = now()
      WHERE id = $1 AND merged_into_id IS NULL AND language IS DISTINCT FROM $2`,
    [playerId, language],
  );
  if (rowCount) await deps.changes.publish({ entity: 'players', action: 'updated', id: playerId });
}

/** The player's own /language choice, or null when they follow their client. */
export async function chosenLanguageOf(
  db: Pick<Database, 'pool'>,
  playerId: string,
): Promise<Language | null> {
  const { rows } = await db.pool.query<{ language: string | null }>(
    'SELECT language FROM players WHERE id = $1',
    [playerId],
  );
  return languageOfTag(rows[0]?.language);
}
