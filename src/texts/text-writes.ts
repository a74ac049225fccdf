import { z } from 'zod';
import { InvalidChangeError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import { ContentNotFoundError, VersionConflictError } from '../core/versioned-write.ts';
import type { Database } from '../db/database.ts';
import type { ChangePublisher } from '../live/changes.ts';
import { isTextKey, placeholdersOf, type TextKey } from './default-texts.ts';
import { type Language, languages } from './languages.ts';
import { templateProblems } from './template.ts';

/**
 * The community's edits of the shipped texts, one row per text and language in `text_overrides`.
 * Every write is one conditional statement on the version the admin opened, then announced as a
 * `texts` change: the bots drop their cached edits and write the next message with the new wording.
 */

export interface TextWriteDeps {
  db: Pick<Database, 'pool'>;
  changes: ChangePublisher;
}

const languageField = z.enum(languages, { message: `must be one of ${languages.join(', ')}` });
/** 0: the text had no edit in this language when the admin opened it. */
const expectedVersionField = z
  .number({ message: 'must be the version number you opened' })
  .int('must be a whole number')
  .min(0, 'cannot be negative')
  .optional();

const saveSchema = z.object({
  language: languageField,
  template: z.string({ message: 'must be the text to send' }),
  expectedVersion: expectedVersionField,
});

const resetSchema = z.object({ language: languageField, expectedVersion: expectedVersionField });

export function textKeyOf(key: string): TextKey {
  if (!isTextKey(key)) throw new ContentNotFoundError('text', key);
  return key;
}

/** Why `template` cannot be the text `key` in `language`, one sentence each; empty when it can. */
export function problemsOfTemplate(key: TextKey, language: Language, template: string): string[] {
  return templateProblems(template, { language, allowed: placeholdersOf(key) });
}

/**
 * Saves the community's wording of one text in one language. A template with problems (an unknown
 * placeholder, a plural lacking a form the language has, broken syntax) is refused with every
 * reason under `template`, and nothing is written.
 */
export async function saveTextTemplate(
  deps: TextWriteDeps,
  input: { key: string } & z.input<typeof saveSchema>,
): Promise<void> {
  const key = textKeyOf(input.key);
  const { language, template, expectedVersion } = parseInput(saveSchema, input, 'text');
  const problems = problemsOfTemplate(key, language, template);
  if (problems.length) {
    throw new InvalidChangeError(`This text cannot be saved: ${problems.join('; ')}.`, {
      template: problems.join('; '),
    });
  }
  const { rows } = await deps.db.pool.query<{ version: number }>(saveSql(expectedVersion), [
    key,
    language,
    template,
    ...(expectedVersion ? [expectedVersion] : []),
  ]);
  if (!rows[0]) await throwStale(deps, key, language, expectedVersion);
  await deps.changes.publish({ entity: 'texts', action: 'updated', id: key });
}

/** Drops the community's wording of one text in one language: the shipped text applies again. */
export async function resetTextTemplate(
  deps: TextWriteDeps,
  input: { key: string } & z.input<typeof resetSchema>,
): Promise<void> {
  const key = textKeyOf(input.key);
  const { language, expectedVersion } = parseInput(resetSchema, input, 'text');
  // Resetting a text that has no edit leaves it as it is: the admin sees the shipped text either way.
  const { rows } = await deps.db.pool.query<{ version: number }>(
    expectedVersion
      ? 'DELETE FROM text_overrides WHERE key = $1 AND language = $2 AND version = $3 RETURNING version'
      : 'DELETE FROM text_overrides WHERE key = $1 AND language = $2 RETURNING version',
    [key, language, ...(expectedVersion ? [expectedVersion] : [])],
  );
  if (!rows[0] && expectedVersion) await throwStale(deps, key, language, expectedVersion);
  await deps.changes.publish({ entity: 'texts', action: 'updated', id: key });
}

function saveSql(expectedVersion: number | undefined): string {
  if (expectedVersion === undefined) {
    return `INSERT INTO text_overrides (key, language, template) VALUES ($1, $2, $3)
            ON CONFLICT (key, language) DO UPDATE SET template = EXCLUDED.template,
              version = text_overrides.version + 1, updated_at = now()
            RETURNING version`;
  }
  // Version 0 is "no edit yet": only the first edit may create the row.
  if (expectedVersion === 0) {
    return `INSERT INTO text_overrides (key, language, template) VALUES ($1, $2, $3)
            ON CONFLICT (key, language) DO NOTHING RETURNING version`;
  }
  return `UPDATE text_overrides SET template = $3, version = version + 1, updated_at = now()
           WHERE key = $1 AND language = $2 AND version = $4 RETURNING version`;
}

async function throwStale(
  deps: TextWriteDeps,
  key: TextKey,
  language: Language,
  expectedVersion: number | undefined,
): Promise<never> {
  const { rows } = await deps.db.pool.query<{ version: number }>(
    'SELECT version FROM text_overrides WHERE key = $1 AND language = $2',
    [key, language],
  );
  const now = rows[0]?.version ?? 0;
  throw new VersionConflictError('text', `${key} (${language})`, expectedVersion ?? now, now);
}
