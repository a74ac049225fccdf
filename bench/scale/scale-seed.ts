import type pg from 'pg';
import { hashPassword } from '../../src/admin-api/auth/passwords.ts';
import { ledgerReasons } from '../../src/economy/achievements.ts';
import { adminAdjustmentReason } from '../../src/players/adjust-player.ts';
import { dropSecondaryIndexes, restoreSecondaryIndexes } from './scale-indexes.ts';

/**
 * A community's history written straight into the tables, as the engine would have left it, in a
 * few INSERT ... SELECT over generate_series (no row crosses the network):
 *
 * - players with a Telegram identity (7 in 10), a Discord one (6 in 10; 3 in 10 have both), a sync
 *   state that reflects their totals, created over the year before the history starts;
 * - ledger rows spread over the players with a long tail (player k gets a share proportional to
 *   k^-2/3: a few very active players, most with a handful of rows or none), as the earning paths
 *   record them (messages, voice minutes, dailies, game wins, achievement rewards, admin
 *   corrections: their reasons, types, sources and key shapes, the entity part being the row number
 *   so every key is unique), half over ~10 months and half over the last 60 days (a growing
 *   community), each row's xp_after/balance_after continuing its player's chain;
 * - players' totals and progress counters equal to their ledger sums;
 * - one sync event per ledger row of the last 60 days (the outbox keeps them until cleanup), as the
 *   record statement writes it: mostly completed, some failed, a few still pending;
 * - one audit row per admin correction.
 *
 * Growing appends history to the same tables: players' chains continue from their totals.
 */

export interface SeedPhase {
  players: number;
  /** Ledger rows already there (0 on the first phase) and wanted after this phase. */
  fromRows: number;
  toRows: number;
  /** The instant the history ends at; the same for every phase of a run. */
  now: Date;
  say: (line: string) => void;
}

export const scaleAdmin = { username: 'scale-admin', password: 'scale-bench-password' };

/**
 * Deterministic player ids, so the ledger is generated without looking players up: an md5 with the
 * version and variant digits of a v4 UUID, as the API's id validation expects.
 */
const playerId = (index: string) =>
  `overlay(overlay(md5('scale-player-' || ${index}) placing '4' from 13) placing '8' from 17)::uuid`;

/** The tables seeded here; their secondary indexes and foreign keys are rebuilt after each phase. */
const seededTables = ['players', 'identities', 'sync_states', 'ledger_entries', 'sync_events', 'admin_audit'];

/** The engine's earning reasons count towards coins_earned (src/ledger/restore-totals.ts). */
const earningReasons = Object.values(ledgerReasons);

export async function seedPhase(pool: pg.Pool, phase: SeedPhase): Promise<void> {
  const { say } = phase;
  const client = await pool.connect();
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const started = Date.now();
    const result = await client.query(sql, params);
    say(`  ${what}: ${result.rowCount ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  try {
    // Bulk work in this session only: sorts and index builds in memory, commits without waiting.
    await client.query(`SET work_mem = '512MB'`);
    await client.query(`SET maintenance_work_mem = '1GB'`);
    await client.query('SET synchronous_commit = off');
    // The same history on every run: random() follows this seed.
    await client.query('SELECT setseed($1)', [((phase.toRows * 7919) % 10007) / 10007]);
    const dropped = await dropSecondaryIndexes(client, seededTables);
    say(`  dropped ${dropped.length} secondary indexes and foreign keys`);

    if (phase.fromRows === 0) await seedPlayers(client, phase, step);
    await seedLedger(client, phase, step);
    await step(
      'players totals',
      `UPDATE players p SET xp = p.xp + d.xp, balance = p.balance + d.coins, messages = p.messages + d.messages,
              voice_minutes = p.voice_minutes + d.voice_minutes, games_won = p.games_won + d.games_won,
              coins_earned = p.coins_earned + d.coins_earned,
              last_daily_at = greatest(p.last_daily_at, d.last_daily_at),
              last_message_xp_at = greatest(p.last_message_xp_at, d.last_message_at),
              updated_at = greatest(p.updated_at, d.last_at)
         FROM (SELECT player_id, sum(xp_delta)::int AS xp, sum(coin_delta)::int AS coins,
                      count(*) FILTER (WHERE reason = 'message')::int AS messages,
                      count(*) FILTER (WHERE reason = 'voice_minute')::int AS voice_minutes,
                      count(*) FILTER (WHERE reason = 'game_win')::int AS games_won,
                      coalesce(sum(coin_delta) FILTER (WHERE coin_delta > 0 AND reason = ANY($2::text[])), 0)::int
                        AS coins_earned,
                      max(created_at) FILTER (WHERE reason = 'daily') AS last_daily_at,
                      max(created_at) FILTER (WHERE reason = 'message') AS last_message_at,
                      max(created_at) AS last_at
                 FROM ledger_entries WHERE id > $1 GROUP BY player_id) d
        WHERE p.id = d.player_id`,
      [phase.fromRows, earningReasons],
    );
    // Reconcile's checkpoints as a finished full audit leaves them (every account verified up to its
    // last row; the seed merges nobody, so each account's counters are its own): a reconcile tick
    // then measures the steady state, not the one-time checking of a million new accounts.
    await step(
      'reconcile checkpoints',
      `INSERT INTO reconcile_checkpoints AS k (player_id, entry_id, xp, balance, messages, voice_minutes, games_won,
              coins_earned, own_messages, own_voice_minutes, own_games_won, own_coins_earned)
       SELECT p.id, coalesce(l.last_id, 0), p.xp, p.balance, p.messages, p.voice_minutes, p.games_won, p.coins_earned,
              p.messages, p.voice_minutes, p.games_won, p.coins_earned
         FROM players p
         LEFT JOIN (SELECT player_id, max(id) AS last_id FROM ledger_entries WHERE id > $1 GROUP BY player_id) l
           ON l.player_id = p.id
        WHERE $1 = 0 OR l.player_id IS NOT NULL
       ON CONFLICT (player_id) DO UPDATE SET entry_id = EXCLUDED.entry_id, xp = EXCLUDED.xp, balance = EXCLUDED.balance,
              messages = EXCLUDED.messages, voice_minutes = EXCLUDED.voice_minutes, games_won = EXCLUDED.games_won,
              coins_earned = EXCLUDED.coins_earned, own_messages = EXCLUDED.own_messages,
              own_voice_minutes = EXCLUDED.own_voice_minutes, own_games_won = EXCLUDED.own_games_won,
              own_coins_earned = EXCLUDED.own_coins_earned, verified_at = now()`,
      [phase.fromRows],
    );
    // What the platforms last reflected: the totals (as after a sync) and the rank they give. Keys
    // are dropped while seeding, so the first phase inserts and a later one updates.
    const reflected = `
      SELECT p.id AS player_id,
             CASE WHEN EXISTS (SELECT 1 FROM identities i WHERE i.player_id = p.id AND i.platform = 'telegram') THEN p.xp END
               AS telegram_xp,
             CASE WHEN EXISTS (SELECT 1 FROM identities i WHERE i.player_id = p.id AND i.platform = 'discord') THEN p.xp END
               AS discord_xp,
             p.balance,
             (SELECT r.id FROM ranks r WHERE r.active AND r.min_xp <= p.xp ORDER BY r.min_xp DESC, r.priority DESC LIMIT 1)
               AS rank_id,
             p.updated_at
        FROM players p`;
    await step(
      'sync states',
      phase.fromRows === 0
        ? `INSERT INTO sync_states (player_id, last_telegram_xp, last_discord_xp, last_balance, last_rank_id, updated_at)
           SELECT player_id, telegram_xp, discord_xp, balance, rank_id, updated_at FROM (${reflected}) r`
        : `UPDATE sync_states s SET last_telegram_xp = r.telegram_xp, last_discord_xp = r.discord_xp,
                  last_balance = r.balance, last_rank_id = r.rank_id, updated_at = r.updated_at
             FROM (${reflected}) r WHERE s.player_id = r.player_id`,
    );
    await seedSyncEvents(phase, step);
    await step(
      'audit rows (one per admin correction)',
      `INSERT INTO admin_audit (admin_id, admin_username, address, action, entity, entity_id, operation,
                                before, after, created_at)
       SELECT a.id, a.username, '203.0.113.7', 'adjust', 'players', l.player_id::text, 'update',
              jsonb_build_object('xp', l.xp_after - l.xp_delta, 'balance', l.balance_after - l.coin_delta),
              jsonb_build_object('xp', l.xp_after, 'balance', l.balance_after), l.created_at
         FROM ledger_entries l CROSS JOIN admins a
        WHERE l.id > $1 AND l.reason = $2 AND a.username = $3
        ORDER BY l.id`,
      [phase.fromRows, adminAdjustmentReason, scaleAdmin.username],
    );

    const rebuilt = Date.now();
    await restoreSecondaryIndexes(client, dropped, say);
    say(`  indexes, unique keys and foreign keys rebuilt in ${((Date.now() - rebuilt) / 1000).toFixed(1)} s`);
    const vacuumed = Date.now();
    // What autovacuum would have done by then: visibility map set (index-only scans), statistics fresh.
    for (const table of seededTables) await client.query(`VACUUM (ANALYZE) ${table}`);
    say(`  VACUUM ANALYZE in ${((Date.now() - vacuumed) / 1000).toFixed(1)} s`);
  } finally {
    client.release();
  }
}

type Step = (what: string, sql: string, params?: unknown[]) => Promise<void>;

async function seedPlayers(client: pg.ClientBase, phase: SeedPhase, step: Step) {
  const passwordHash = await hashPassword(scaleAdmin.password);
  await client.query(
    `INSERT INTO admins (username, role, password_hash) VALUES ($1, 'admin', $2)
     ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash`,
    [scaleAdmin.username, passwordHash],
  );
  await step(
    'players',
    `INSERT INTO players (id, display_name, created_at, updated_at)
     SELECT ${playerId('g')}, 'player-' || g, t, t
       FROM generate_series(1, $1::int) g,
            LATERAL (SELECT $2::timestamptz - interval '400 days' + (g::float8 / $1) * interval '35 days') AS at(t)`,
    [phase.players, phase.now],
  );
  await step(
    'identities',
    `INSERT INTO identities (player_id, platform, platform_user_id, username, created_at)
     SELECT ${playerId('g')}, 'telegram'::"Platform", (100000000 + g)::text, 'tg_player_' || g,
            $2::timestamptz - interval '400 days'
       FROM generate_series(1, $1::int) g WHERE g % 10 < 7
     UNION ALL
     SELECT ${playerId('g')}, 'discord'::"Platform", (900000000000000000 + g)::text, 'dc_player_' || g,
            $2::timestamptz - interval '400 days'
       FROM generate_series(1, $1::int) g WHERE g % 10 >= 4`,
    [phase.players, phase.now],
  );
}

/**
 * Row g of the phase: its player (long-tailed: index 1 + P * u^3), its time (the first half of the
 * phase's rows over ten months, the second half over the last 60 days) and its kind. A player's
 * chain is their totals before the phase plus a running sum in row order.
 */
async function seedLedger(client: pg.ClientBase, phase: SeedPhase, step: Step) {
  const { rows } = await client.query<{ max: string | null }>(
    'SELECT max(id)::text AS max FROM ledger_entries',
  );
  // Row g of the history is ledger row g: the phases' filters (id > fromRows) rely on it.
  if (Number(rows[0]?.max ?? 0) !== phase.fromRows)
    throw new Error(`the ledger holds rows up to id ${rows[0]?.max ?? 0}, expected ${phase.fromRows}`);
  await step(
    `ledger rows ${phase.fromRows + 1}..${phase.toRows}`,
    `WITH r AS (
       SELECT g, p, pid, at, reason,
              CASE reason WHEN 'message' THEN 'xp_change' WHEN 'voice_minute' THEN 'xp_change'
                          WHEN 'admin_adjustment' THEN CASE WHEN g % 2 = 0 THEN 'balance_change' ELSE 'xp_change' END
                          ELSE 'reward_grant' END AS type,
              CASE reason WHEN 'message' THEN CASE WHEN p % 10 >= 7 THEN 'discord' ELSE 'telegram' END
                          WHEN 'voice_minute' THEN 'discord'
                          WHEN 'daily' THEN CASE WHEN p % 10 >= 7 THEN 'discord' ELSE 'telegram' END
                          WHEN 'game_win' THEN 'telegram'
                          WHEN 'achievement' THEN 'system'
                          ELSE 'admin' END AS source,
              CASE reason WHEN 'message' THEN 5 + g % 6 WHEN 'voice_minute' THEN 2 WHEN 'daily' THEN 10
                          WHEN 'game_win' THEN 20 WHEN 'achievement' THEN 0
                          ELSE CASE WHEN g % 2 = 0 THEN 0 ELSE 50 END END AS xp_delta,
              CASE reason WHEN 'daily' THEN 5 WHEN 'game_win' THEN 10 WHEN 'achievement' THEN 25
                          WHEN 'admin_adjustment' THEN CASE WHEN g % 2 = 0 THEN 100 ELSE 0 END
                          ELSE 0 END AS coin_delta
         FROM (SELECT g, p, ${playerId('p')} AS pid, at,
                      CASE WHEN k < 70 THEN 'message'
                           WHEN k < 87 THEN CASE WHEN p % 10 >= 4 THEN 'voice_minute' ELSE 'message' END
                           WHEN k < 93 THEN 'daily'
                           WHEN k < 96 THEN CASE WHEN p % 10 < 7 THEN 'game_win' ELSE 'message' END
                           WHEN k < 98 THEN 'achievement'
                           ELSE 'admin_adjustment' END AS reason
                 FROM (SELECT g, 1 + floor($3::int * power(random(), 3))::int AS p, floor(random() * 100)::int AS k,
                              CASE WHEN f < 0.5 THEN $4::timestamptz - interval '365 days' + (f / 0.5) * interval '305 days'
                                   ELSE $4::timestamptz - interval '60 days' + ((f - 0.5) / 0.5) * interval '60 days' END
                                - interval '1 minute' AS at
                         FROM generate_series($1::bigint + 1, $2::bigint) g,
                              LATERAL (SELECT (g - $1::bigint - 0.5) / ($2::bigint - $1::bigint)::float8) AS phase(f)) s
                      ) u
     )
     INSERT INTO ledger_entries (id, idempotency_key, player_id, type, source, xp_delta, coin_delta, xp_after,
                                 balance_after, reason, metadata, created_at)
     SELECT r.g,
            CASE r.reason
              WHEN 'message' THEN CASE WHEN r.source = 'telegram' THEN 'tg-msg-n100' || (r.p % 7) || '.' || r.g
                                       ELSE 'dc-msg-' || (1100000000000000000 + r.g) END
              WHEN 'voice_minute' THEN 'dc-voice-' || (28000000 + r.g)
              WHEN 'daily' THEN 'sys-daily-' || to_char(r.at, 'YYYYMMDD') || '.' || r.g
              WHEN 'game_win' THEN 'tg-game-' || r.g
              WHEN 'achievement' THEN 'sys-achievement_reward-' || r.g
              ELSE 'admin-adjust-' || r.g END || '-' || r.pid,
            r.pid, r.type::"EventType", r.source::"EventSource", r.xp_delta, r.coin_delta,
            b.xp + sum(r.xp_delta) OVER w, b.balance + sum(r.coin_delta) OVER w, r.reason,
            CASE r.reason
              WHEN 'daily' THEN jsonb_build_object('day', to_char(r.at, 'YYYY-MM-DD'), 'streak', 1)
              WHEN 'game_win' THEN jsonb_build_object('gameSessionId', r.g::text)
              WHEN 'admin_adjustment' THEN jsonb_build_object('admin', 'scale-admin', 'note', 'correction')
              ELSE '{}'::jsonb END,
            r.at
       FROM r JOIN players b ON b.id = r.pid
     WINDOW w AS (PARTITION BY r.p ORDER BY r.g)
     ORDER BY r.g`,
    [phase.fromRows, phase.toRows, phase.players, phase.now],
  );
  await client.query(`SELECT setval(pg_get_serial_sequence('ledger_entries', 'id'), $1)`, [phase.toRows]);
}

/**
 * The outbox rows of the last 60 days, as the record statement writes them (same key, type, source,
 * player and payload as their ledger row) and as the workers leave them: completed within a second,
 * about 1 in 125 failed for good, about 1 in 100,000 still pending or processing (stuck).
 */
async function seedSyncEvents(phase: SeedPhase, step: Step) {
  await step(
    'sync events (ledger rows of the last 60 days)',
    `INSERT INTO sync_events (idempotency_key, source, type, player_id, payload, status, processed_by, attempts,
                              error_message, created_at, updated_at, processed_at)
     SELECT l.idempotency_key, l.source, l.type, l.player_id,
            jsonb_build_object('ledgerEntryId', l.id::text, 'xpDelta', l.xp_delta, 'coinDelta', l.coin_delta,
                               'xpAfter', l.xp_after, 'balanceAfter', l.balance_after, 'reason', l.reason),
            s.status::"SyncStatus",
            CASE WHEN s.status IN ('completed', 'failed') THEN 'worker-' || (1 + l.id % 2) END,
            CASE s.status WHEN 'completed' THEN 1 WHEN 'failed' THEN 3 WHEN 'processing' THEN 1 ELSE 0 END,
            CASE WHEN s.status = 'failed' THEN 'Discord answered 503 Service Unavailable' END,
            l.created_at,
            CASE s.status WHEN 'completed' THEN l.created_at + (50 + l.id % 400) * interval '1 millisecond'
                          WHEN 'failed' THEN l.created_at + interval '70 seconds'
                          ELSE l.created_at END,
            CASE WHEN s.status = 'completed' THEN l.created_at + (50 + l.id % 400) * interval '1 millisecond' END
       FROM ledger_entries l,
            LATERAL (SELECT CASE WHEN l.id % 100003 = 0 THEN 'pending' WHEN l.id % 100019 = 0 THEN 'processing'
                                 WHEN l.id % 1000 < 8 THEN 'failed' ELSE 'completed' END) AS s(status)
      WHERE l.id > $1 AND l.created_at >= $2::timestamptz - interval '60 days'
      ORDER BY l.id`,
    [phase.fromRows, phase.now],
  );
}
