import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../../src/db/migrations.ts';
import { connectRedis, type RedisConnection } from '../../src/redis/connection.ts';

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, migrated database of this run's own on the admin URL's server. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `tandem_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  await applyMigrations(url);
  return {
    name,
    url,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Empties everything a trial writes; ranks and achievements (the seeded catalog) stay. */
export async function resetEconomy(pool: pg.Pool): Promise<void> {
  await pool.query(
    `TRUNCATE players, identities, ledger_entries, sync_events, sync_states, player_achievements,
              link_codes, payouts RESTART IDENTITY CASCADE`,
  );
}

/**
 * Players in steady state: created with one INSERT ... SELECT generate_series, each with a Telegram
 * identity (every second one a Discord identity too) and a sync state that already shows the rank
 * their 0 XP gives, as for players that have been synced before. Without that state, every player's
 * first event would also derive a rank_change to the lowest rank, which is a one-off, not the load.
 */
export async function createPlayers(pool: pg.Pool, count: number): Promise<string[]> {
  await pool.query(
    `INSERT INTO players (display_name) SELECT 'bench-' || g FROM generate_series(1, $1::int) g`,
    [count],
  );
  await pool.query(
    `INSERT INTO identities (player_id, platform, platform_user_id)
     SELECT id, 'telegram', '7' || substr(display_name, 7) FROM players`,
  );
  await pool.query(
    `INSERT INTO identities (player_id, platform, platform_user_id)
     SELECT id, 'discord', '9' || substr(display_name, 7) FROM players WHERE substr(display_name, 7)::int % 2 = 0`,
  );
  await pool.query(
    `INSERT INTO sync_states (player_id, last_rank_id)
     SELECT p.id, (SELECT id FROM ranks WHERE active AND min_xp <= 0 ORDER BY min_xp DESC, priority DESC LIMIT 1)
       FROM players p`,
  );
  await pool.query('ANALYZE players, identities, sync_states, ranks, achievements');
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM players ORDER BY substr(display_name, 7)::int`,
  );
  return rows.map((r) => r.id);
}

/** A connection URL whose sessions start with these server options (e.g. `-c synchronous_commit=off`). */
export function withOptions(url: string, options: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', options);
  return parsed.toString();
}

/**
 * Gives every player `rows` old ledger rows (messages, some daily rewards), totals and sync state to
 * match: the engine's per-event cost on players with a history rather than on brand-new ones.
 */
export async function addHistory(pool: pg.Pool, rows: number): Promise<void> {
  await pool.query(
    `INSERT INTO ledger_entries (idempotency_key, player_id, type, source, xp_delta, coin_delta, xp_after, balance_after,
                                 reason, created_at)
     SELECT 'tg-old-' || g || '-' || p.id, p.id, 'xp_change', 'telegram', 1, 0, g, 0, 'message',
            now() - interval '30 days'
       FROM players p CROSS JOIN generate_series(1, $1::int) g`,
    [rows],
  );
  await pool.query(`UPDATE players SET xp = $1::int, messages = $1::int`, [rows]);
  await pool.query(
    `UPDATE sync_states SET last_rank_id =
       (SELECT id FROM ranks WHERE active AND min_xp <= $1::int ORDER BY min_xp DESC, priority DESC LIMIT 1)`,
    [rows],
  );
  // Old players have long unlocked what their message count earned.
  await pool.query(
    `INSERT INTO player_achievements (player_id, achievement_id)
     SELECT p.id, a.id FROM players p CROSS JOIN achievements a
      WHERE a.rule->>'kind' = 'messages' AND (a.rule->>'count')::int <= $1::int`,
    [rows],
  );
  await pool.query('VACUUM ANALYZE ledger_entries');
  await pool.query('ANALYZE players');
}

/** Queue prefixes in use, so an interrupted run can still remove their keys. */
export const prefixesInUse = new Set<string>();

export function uniquePrefix(label: string): string {
  const prefix = `bench-${label}-${randomBytes(4).toString('hex')}`;
  prefixesInUse.add(prefix);
  return prefix;
}

/** Deletes every key under a queue prefix (after the queues were obliterated, for what is left). */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = connectRedis(redisUrl, { maxRetriesPerRequest: 3 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    prefixesInUse.delete(prefix);
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export async function waitForRedis(redis: RedisConnection): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Redis not ready after 10 s')), 10_000);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
