import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/queryable.ts';
import { generateLinkCode, normalizeLinkCode } from '../linking/link-codes.ts';

/**
 * Signing an admin up for pages: the panel issues a one-time code to the signed-in admin, the admin
 * sends it to a bot in a private chat, and the bot stores where that admin is reached. The code is
 * the only proof: long enough not to be guessed within its life, single use, and only the panel's
 * session can issue one, so nobody can sign anyone else up (and no player is ever paged).
 */

/** Characters in a pager code: longer than a link code, as it makes its sender an admin's target. */
export const pagerCodeLength = 8;
/** @defaultValue 10 minutes */
export const pagerCodeTtlMs = 10 * 60_000;

export type PagerPlatform = 'telegram' | 'discord';

export async function issuePagerCode(pool: Queryable, adminId: string, now = new Date()) {
  const code = generateLinkCode((n) => randomBytes(n), pagerCodeLength);
  const expiresAt = new Date(now.getTime() + pagerCodeTtlMs);
  // One live code per admin: a new one replaces the last, and expired ones go with it.
  await pool.query('DELETE FROM admin_pager_codes WHERE admin_id = $1 OR expires_at < $2', [adminId, now]);
  await pool.query('INSERT INTO admin_pager_codes (code, admin_id, expires_at) VALUES ($1, $2, $3)', [
    code,
    adminId,
    expiresAt,
  ]);
  return { code, expiresAt };
}

export type RedeemOutcome = { ok: true; username: string } | { ok: false; reason: 'format' | 'invalid' };

/**
 * Binds the sender to the admin whose code it is; the code is spent by the same statement that
 * reads it, so two bots redeeming it at once bind it once.
 */
export async function redeemPagerCode(
  pool: Queryable,
  input: { code: string; platform: PagerPlatform; platformUserId: string; language: string | null },
  now = new Date(),
): Promise<RedeemOutcome> {
  const code = normalizeLinkCode(input.code, pagerCodeLength);
  if (!code) return { ok: false, reason: 'format' };
  const { rows } = await pool.query<{ admin_id: string }>(
    'DELETE FROM admin_pager_codes WHERE code = $1 AND expires_at > $2 RETURNING admin_id',
    [code, now],
  );
  const adminId = rows[0]?.admin_id;
  if (!adminId) return { ok: false, reason: 'invalid' };
  const { rows: admins } = await pool.query<{ username: string }>(
    `INSERT INTO admin_pager_targets (admin_id, platform, platform_user_id, language)
     SELECT id, $2::"Platform", $3, $4 FROM admins WHERE id = $1 AND active
     ON CONFLICT (admin_id, platform) DO UPDATE
       SET platform_user_id = EXCLUDED.platform_user_id, language = EXCLUDED.language, created_at = now()
     RETURNING (SELECT username FROM admins WHERE id = $1) AS username`,
    [adminId, input.platform, input.platformUserId, input.language?.slice(0, 16) ?? null],
  );
  const username = admins[0]?.username;
  return username ? { ok: true, username } : { ok: false, reason: 'invalid' };
}

/** `/pager off` from a bot: every admin reached at this user on this platform stops being paged. */
export async function stopPagesTo(pool: Queryable, platform: PagerPlatform, platformUserId: string) {
  const { rowCount } = await pool.query(
    'DELETE FROM admin_pager_targets WHERE platform = $1 AND platform_user_id = $2',
    [platform, platformUserId],
  );
  return (rowCount ?? 0) > 0;
}

/** The panel's "stop" for the signed-in admin. */
export async function stopPagesOf(pool: Queryable, adminId: string, platform: PagerPlatform) {
  await pool.query('DELETE FROM admin_pager_targets WHERE admin_id = $1 AND platform = $2', [
    adminId,
    platform,
  ]);
}

export async function pagerTargetsOf(pool: Queryable, adminId: string) {
  const { rows } = await pool.query<{ platform: PagerPlatform; created_at: Date }>(
    'SELECT platform, created_at FROM admin_pager_targets WHERE admin_id = $1 ORDER BY platform',
    [adminId],
  );
  return rows.map((row) => ({ platform: row.platform, since: row.created_at.toISOString() }));
}
