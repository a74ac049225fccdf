import { z } from 'zod';
import { TandemError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import { platforms } from '../core/platforms.ts';
import { withoutNul } from '../core/postgres-values.ts';
import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { languageOfTag } from '../texts/languages.ts';

/** A player's account on one platform, as the bots know it. */
export const identityRefSchema = z.object({
  platform: z.enum(platforms, { message: 'platform must be telegram or discord' }),
  // Both platforms use numeric ids (Telegram user ids, Discord snowflakes); the column holds 32.
  platformUserId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'platformUserId: 1-32 letters, digits, "_" or "-"'),
});
export type IdentityRef = z.infer<typeof identityRefSchema>;

const resolveInputSchema = identityRefSchema.extend({
  /**
   * The name the platform shows; kept on the identity and used as a new player's display name.
   * Platforms allow NUL characters in names, PostgreSQL does not store them: they are dropped, and
   * a name left empty is no name.
   */
  username: z
    .string()
    .overwrite(withoutNul)
    .trim()
    .max(100)
    .transform((name) => name || undefined)
    .optional(),
  /**
   * The client's language tag as the platform reports it (Telegram `language_code`, Discord
   * `locale`), kept reduced to a language Tandem speaks (null for others) so notices sent later are
   * in it. Absent when the platform did not say: the stored one stays.
   */
  clientLanguage: z
    .string()
    .max(35)
    .nullish()
    .transform((tag) => (tag === undefined ? undefined : languageOfTag(tag))),
});
export type ResolvePlayerInput = z.input<typeof resolveInputSchema>;

export interface ResolvedPlayer {
  playerId: string;
  /** What decides the player's language: their /language choice, else their client's. */
  language: { chosen: string | null; client: string | null };
  /** True on the identity's first contact: a new player was created for it. */
  created: boolean;
}

/**
 * The common case, one statement: the identity exists; its username and client language are
 * refreshed when they changed ($5: whether the client reported a language at all). Merges move
 * identities to the surviving player in the same transaction that marks the other one merged, so
 * the player found here is always live.
 */
const findSql = `
WITH found AS (
  SELECT i.id, i.player_id, i.username, i.client_language, p.language
    FROM identities i JOIN players p ON p.id = i.player_id
   WHERE i.platform = $1::"Platform" AND i.platform_user_id = $2
), refreshed AS (
  UPDATE identities
     SET username = coalesce($3, found.username),
         client_language = CASE WHEN $5 THEN $4 ELSE found.client_language END
    FROM found
   WHERE identities.id = found.id
     AND (($3::text IS NOT NULL AND found.username IS DISTINCT FROM $3)
       OR ($5::boolean AND found.client_language IS DISTINCT FROM $4::text))
)
SELECT player_id, language, CASE WHEN $5 THEN $4::text ELSE client_language END AS client_language
  FROM found`;

/**
 * The player behind a platform identity, created with the identity on first contact. Two first
 * messages at the same instant create one player: the identity insert relies on the unique
 * (platform, platform_user_id) index, and the loser's new player is rolled back with its insert.
 */
export async function resolvePlayer(
  db: Pick<Database, 'pool'>,
  input: ResolvePlayerInput,
): Promise<ResolvedPlayer> {
  const { platform, platformUserId, username, clientLanguage } = parseInput(
    resolveInputSchema,
    input,
    'identity',
  );
  const reported = clientLanguage !== undefined;
  for (let attempt = 1; ; attempt++) {
    const found = await db.pool.query<{
      player_id: string;
      language: string | null;
      client_language: string | null;
    }>(findSql, [platform, platformUserId, username ?? null, clientLanguage ?? null, reported]);
    const row = found.rows[0];
    if (row) {
      return {
        playerId: row.player_id,
        language: { chosen: row.language, client: row.client_language },
        created: false,
      };
    }

    const createdId = await inTransaction(db.pool, async (client) => {
      const player = await client.query<{ id: string }>(
        'INSERT INTO players (display_name) VALUES ($1) RETURNING id',
        [username ?? `${platform} ${platformUserId}`],
      );
      const playerId = player.rows[0]!.id;
      const identity = await client.query(
        `INSERT INTO identities (player_id, platform, platform_user_id, username, client_language)
         VALUES ($1, $2::"Platform", $3, $4, $5)
         ON CONFLICT (platform, platform_user_id) DO NOTHING RETURNING id`,
        [playerId, platform, platformUserId, username ?? null, clientLanguage ?? null],
      );
      // Someone else created this identity first: undo our player, read theirs.
      if (identity.rowCount === 0) throw new LostCreationRace();
      return playerId;
    }).catch((error) => {
      if (error instanceof LostCreationRace) return null;
      throw error;
    });
    if (createdId) {
      return {
        playerId: createdId,
        language: { chosen: null, client: clientLanguage ?? null },
        created: true,
      };
    }
    // The winner has committed (the conflicting insert waited for it), so the next read finds it;
    // the bound only guards against an identity deleted in between, which Tandem never does.
    if (attempt >= 3) throw new Error(`Identity ${platform}/${platformUserId} could not be resolved`);
  }
}

class LostCreationRace extends TandemError {
  constructor() {
    super('conflict', 'Another request created this identity first');
  }
}
