import type pg from 'pg';
import type { IdentityRef } from './identities.ts';
import { type LinkFailureState, noLinkFailures } from './link-codes.ts';

/**
 * Wrong-code counts per redeeming identity, stored in link_attempts. The row is locked for the whole
 * redemption, so concurrent guesses from one identity are counted one after the other and cannot
 * slip past the lockout by racing.
 */
export async function lockLinkAttempts(client: pg.PoolClient, who: IdentityRef): Promise<LinkFailureState> {
  await client.query(
    `INSERT INTO link_attempts (platform, platform_user_id) VALUES ($1::"Platform", $2)
     ON CONFLICT DO NOTHING`,
    [who.platform, who.platformUserId],
  );
  const { rows } = await client.query<{ failures: number; window_start: Date; locked_until: Date | null }>(
    `SELECT failures, window_start, locked_until FROM link_attempts
      WHERE platform = $1::"Platform" AND platform_user_id = $2 FOR UPDATE`,
    [who.platform, who.platformUserId],
  );
  const row = rows[0];
  if (!row || row.failures === 0) return noLinkFailures;
  return { failures: row.failures, windowStart: row.window_start, lockedUntil: row.locked_until };
}

export async function saveLinkAttempts(
  client: pg.PoolClient,
  who: IdentityRef,
  state: LinkFailureState,
): Promise<void> {
  await client.query(
    `UPDATE link_attempts SET failures = $3, window_start = coalesce($4, window_start), locked_until = $5
      WHERE platform = $1::"Platform" AND platform_user_id = $2`,
    [who.platform, who.platformUserId, state.failures, state.windowStart, state.lockedUntil],
  );
}

/** A successful link forgets earlier wrong codes. */
export async function clearLinkAttempts(client: pg.PoolClient, who: IdentityRef): Promise<void> {
  await client.query('DELETE FROM link_attempts WHERE platform = $1::"Platform" AND platform_user_id = $2', [
    who.platform,
    who.platformUserId,
  ]);
}
