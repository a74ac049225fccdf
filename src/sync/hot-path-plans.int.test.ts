import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import type { EconomyChange } from '../ledger/event-schemas.ts';

/**
 * A new install starts with empty tables and its connections live for days. A prepared statement
 * keeps a plan made for the tables as they were, and PostgreSQL replans it only after an ANALYZE:
 * what served a statement while the outbox held a few hundred rows (where a scan is the cheap way)
 * must not be what serves it once the community has grown. Here a community of 30,000 members
 * starts earning: every session keeps the plan made at a statement's first run
 * (plan_cache_mode=force_generic_plan, the worst case), the history tables' statistics stay those
 * of empty tables, and the whole path (records, replays, the economy worker's reads and
 * completions, derived rank changes, the platform claims) runs before and after the history grows
 * a hundredfold. After, it must reach what it needs by key. (The members are there from the
 * start: PostgreSQL's own foreign key checks keep a plan for the players table too, which only an
 * ANALYZE renews; autovacuum runs one long before a community grows that much.)
 */
const historyTables = ['ledger_entries', 'sync_events', 'sync_states', 'identities', 'player_achievements'];
let tandem: TestTandem;
let observer: pg.Client;
const players: string[] = [];
let n = 0;

beforeAll(async () => {
  // Two connections, so that each has run every statement of the path before the tables grow.
  tandem = await openTestTandem({
    sessionOptions: '-c plan_cache_mode=force_generic_plan',
    databasePoolSize: 2,
  });
  observer = new pg.Client({ connectionString: tandem.database.url });
  await observer.connect();
  for (const table of historyTables) {
    await observer.query(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
    await observer.query(`ANALYZE ${table}`);
  }
  await observer.query(
    `INSERT INTO players (display_name) SELECT 'member ' || g FROM generate_series(1, 30000) g`,
  );
  await observer.query('ANALYZE players');
  for (let i = 0; i < 30; i++) players.push(await tandem.createPlayer(`plans ${i}`));
  tandem.startWorkers({ concurrency: 8 });
}, 60_000);

afterAll(async () => {
  await observer?.end();
  await tandem?.stop();
});

const message = (playerId: string, key: number, xp = 7): EconomyChange => ({
  key: `plans-${key}`,
  playerId,
  type: 'xp_change',
  source: 'telegram',
  xpDelta: xp,
  coinDelta: 0,
  reason: 'message',
  metadata: {},
});

/** Every player earns once (enough, over the rounds, for rank-ups); some keys come back. */
async function round(replays: number[]): Promise<void> {
  const changes = players.map((id) => message(id, n++, 40));
  const again = replays.map((key) => message(players[key % players.length]!, key, 40));
  await Promise.all([...changes, ...again].map((c) => tandem.engine.record(c)));
  await tandem.settle();
}

/**
 * Rows read by sequential scans of the tables that grow, so far. A session sends its counters at
 * the end of a transaction at most once a second, and an idle one within ten seconds.
 */
async function rowsScanned(options: { settleSeconds: number }): Promise<number> {
  await observer.query('SELECT pg_stat_force_next_flush()');
  await new Promise((resolve) => setTimeout(resolve, options.settleSeconds * 1000));
  await observer.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await observer.query<{ n: string }>(
    `SELECT COALESCE(SUM(seq_tup_read), 0) AS n FROM pg_stat_user_tables WHERE relname = ANY($1)`,
    [historyTables],
  );
  return Number(rows[0]!.n);
}

describe('the hot path, planned while the tables were small', () => {
  it('reaches its rows by key once the community has grown', async () => {
    await round([]);
    for (let i = 1; i < 10; i++) await round([n - 3, n - 17]);
    let scanned = 0;
    // The members catch up: each gets an identity, a sync state, two ledger rows and their events.
    await observer.query(
      `WITH p AS (SELECT id FROM players WHERE display_name LIKE 'member %'),
            i AS (INSERT INTO identities (player_id, platform, platform_user_id)
                  SELECT id, 'telegram', (200000000 + row_number() OVER ())::text FROM p),
            s AS (INSERT INTO sync_states (player_id, last_telegram_xp) SELECT id, 20 FROM p),
            l AS (INSERT INTO ledger_entries (idempotency_key, player_id, type, source, xp_delta, coin_delta, xp_after, balance_after, reason)
                  SELECT 'tg-msg-grown-' || p.id || '-' || k, p.id, 'xp_change', 'telegram', 10, 0, 10 * k, 0, 'message'
                    FROM p, generate_series(1, 2) k RETURNING idempotency_key, player_id)
       INSERT INTO sync_events (idempotency_key, source, type, player_id, status, processed_at)
       SELECT idempotency_key, 'telegram', 'xp_change', player_id, 'completed', now() FROM l`,
    );
    // Tandem's connections are kept busy meanwhile: an idle one is closed after ten seconds, and a
    // new one would plan afresh.
    const busy = setInterval(() => {
      void Promise.all([tandem.db.pool.query('SELECT 1'), tandem.db.pool.query('SELECT 1')]);
    }, 500);
    try {
      const before = await rowsScanned({ settleSeconds: 11 });
      await round([n - 5, n - 40, 3]);
      scanned = (await rowsScanned({ settleSeconds: 11 })) - before;
    } finally {
      clearInterval(busy);
    }
    // Each history table but the achievements holds 30,000 rows or more: one scan is ten times this.
    expect(scanned).toBeLessThan(3_000);
  }, 120_000);
});
