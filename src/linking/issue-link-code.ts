import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import type { Platform } from '../core/platforms.ts';
import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { AlreadyLinkedError } from './errors.ts';
import { identityRefSchema, resolvePlayer } from './identities.ts';
import { generateLinkCode, linkCodeExpiresAt } from './link-codes.ts';

const issueInputSchema = identityRefSchema.extend({ now: z.date() });
export type IssueLinkCodeInput = z.input<typeof issueInputSchema>;

export interface IssuedLinkCode {
  code: string;
  expiresAt: Date;
  playerId: string;
}

/**
 * Replaces the account's unused codes and stores the new one in one statement. A collision with any
 * stored code (31⁶ codes, so rare) inserts nothing and the caller draws again.
 */
const replaceSql = `
WITH dropped AS (
  DELETE FROM link_codes WHERE player_id = $2 AND used_at IS NULL
)
INSERT INTO link_codes (code, player_id, issued_on, expires_at, created_at)
VALUES ($1, $2, $3::"Platform", $4, $5)
ON CONFLICT (code) DO NOTHING
RETURNING code`;

/**
 * `/link` on one platform: a one-time code for the other platform, valid 10 minutes. A new code
 * replaces the account's previous unused ones, so only the last code shown works. An account that
 * already has both identities gets AlreadyLinkedError: a code could only fail on the other side.
 */
export async function issueLinkCode(
  db: Pick<Database, 'pool'>,
  input: IssueLinkCodeInput,
  options: {
    /** @defaultValue `crypto.randomBytes` */
    randomBytes?: (n: number) => Uint8Array;
  } = {},
): Promise<IssuedLinkCode> {
  const { platform, platformUserId, now } = parseInput(issueInputSchema, input, 'link request');
  const { playerId } = await resolvePlayer(db, { platform, platformUserId });
  const expiresAt = linkCodeExpiresAt(now);
  const draw = options.randomBytes ?? randomBytes;
  return inTransaction(db.pool, async (client) => {
    // Serialises /link of one account (a double tap) without touching the player row, which
    // redemptions lock after their code: taking it here could deadlock against them.
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('link-code-' || $1, 0))`, [playerId]);
    const linked = await client.query<{ platform: Platform }>(
      'SELECT platform FROM identities WHERE player_id = $1 AND platform <> $2::"Platform" LIMIT 1',
      [playerId, platform],
    );
    if (linked.rows[0]) throw new AlreadyLinkedError('redeemer', linked.rows[0].platform, platform);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const code = generateLinkCode(draw);
      const inserted = await client.query(replaceSql, [code, playerId, platform, expiresAt, now]);
      if (inserted.rowCount === 1) return { code, expiresAt, playerId };
    }
    throw new Error('Could not draw an unused link code in 5 tries');
  });
}
