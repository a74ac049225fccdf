import type { Database } from '../db/database.ts';

/** A closed season whose winners are not announced yet, with the winners' names and gains. */
export interface SeasonToAnnounce {
  seasonId: number;
  name: string;
  winners: Array<{ place: number; displayName: string; xp: number }>;
}

/**
 * Closed seasons not announced yet: normally the one just closed, or one whose announcing a crash
 * interrupted (the announcement jobs are keyed by season and platform, so announcing again posts
 * nothing twice).
 */
export async function seasonsToAnnounce(db: Pick<Database, 'pool'>): Promise<SeasonToAnnounce[]> {
  const { rows } = await db.pool.query<{
    id: number;
    name: string;
    place: number | null;
    display_name: string | null;
    xp_gained: number | null;
  }>(
    `SELECT s.id, s.name, r.place, p.display_name, r.xp_gained
       FROM seasons s
       LEFT JOIN season_results r ON r.season_id = s.id
       LEFT JOIN players p ON p.id = r.player_id
      WHERE s.closed_at IS NOT NULL AND s.announced_at IS NULL
      ORDER BY s.id, r.place`,
  );
  const seasons = new Map<number, SeasonToAnnounce>();
  for (const row of rows) {
    const season = seasons.get(row.id) ?? { seasonId: row.id, name: row.name, winners: [] };
    seasons.set(row.id, season);
    if (row.place !== null)
      season.winners.push({ place: row.place, displayName: row.display_name ?? '', xp: row.xp_gained ?? 0 });
  }
  return [...seasons.values()];
}

export async function markSeasonAnnounced(db: Pick<Database, 'pool'>, seasonId: number): Promise<void> {
  await db.pool.query('UPDATE seasons SET announced_at = now() WHERE id = $1 AND announced_at IS NULL', [
    seasonId,
  ]);
}

/** A winner still owed the season's Discord role, with the Discord account it goes to. */
export interface PendingSeasonRole {
  seasonId: number;
  place: number;
  roleId: string;
  discordUserId: string;
  /** Transient failures so far. */
  attempts: number;
}

/**
 * Winners of closed seasons with a Discord role who have not been given it yet, whose giving was not
 * given up, whose pause after a failure is over, and who have a linked Discord account (one without
 * is given nothing: the role lives on Discord only).
 */
export async function pendingSeasonRoles(
  db: Pick<Database, 'pool'>,
  now: Date = new Date(),
): Promise<PendingSeasonRole[]> {
  const { rows } = await db.pool.query<{
    season_id: number;
    place: number;
    discord_role_id: string;
    platform_user_id: string;
    role_attempts: number;
  }>(
    `SELECT r.season_id, r.place, s.discord_role_id, i.platform_user_id, r.role_attempts
       FROM season_results r
       JOIN seasons s ON s.id = r.season_id
       JOIN identities i ON i.player_id = r.player_id AND i.platform = 'discord'
      WHERE s.discord_role_id IS NOT NULL AND r.role_granted_at IS NULL AND r.role_refused_at IS NULL
        AND (r.role_retry_at IS NULL OR r.role_retry_at <= $1)
      ORDER BY r.season_id, r.place
      LIMIT 500`,
    [now],
  );
  return rows.map((row) => ({
    seasonId: row.season_id,
    place: row.place,
    roleId: row.discord_role_id,
    discordUserId: row.platform_user_id,
    attempts: row.role_attempts,
  }));
}

type ResultKey = { seasonId: number; place: number };

export async function markSeasonRoleGranted(db: Pick<Database, 'pool'>, grant: ResultKey): Promise<void> {
  await db.pool.query(
    `UPDATE season_results SET role_granted_at = now(), role_retry_at = NULL
      WHERE season_id = $1 AND place = $2`,
    [grant.seasonId, grant.place],
  );
}

/** Gives up on a winner's role for good, keeping the reason for the admin (shown with the results). */
export async function markSeasonRoleRefused(
  db: Pick<Database, 'pool'>,
  grant: ResultKey,
  reason: string,
): Promise<void> {
  await db.pool.query(
    `UPDATE season_results SET role_refused_at = now(), role_refusal = left($3, 500), role_retry_at = NULL,
            role_attempts = role_attempts + 1
      WHERE season_id = $1 AND place = $2 AND role_granted_at IS NULL`,
    [grant.seasonId, grant.place, reason],
  );
}

/** Counts a transient failure and pauses the winner's role until `retryAt`. */
export async function markSeasonRoleRetry(
  db: Pick<Database, 'pool'>,
  grant: ResultKey,
  retryAt: Date,
): Promise<void> {
  await db.pool.query(
    `UPDATE season_results SET role_attempts = role_attempts + 1, role_retry_at = $3
      WHERE season_id = $1 AND place = $2 AND role_granted_at IS NULL`,
    [grant.seasonId, grant.place, retryAt],
  );
}
