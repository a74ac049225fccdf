import { afterAll, describe, expect, it } from 'vitest';
import { describeMachine } from '../../bench/report/bench-report.ts';
import { checkInvariants } from '../../bench/scale/scale-invariants.ts';
import { measureQueries, type QueryTiming } from '../../bench/scale/scale-measure.ts';
import { scaleQueries } from '../../bench/scale/scale-queries.ts';
import { buildScaleReport, type ScaleSize } from '../../bench/scale/scale-report.ts';
import { seedPhase } from '../../bench/scale/scale-seed.ts';
import { openScaleWorld, type ScaleWorld } from '../../bench/scale/scale-world.ts';
import { findDriftedTotals } from '../../src/ledger/restore-totals.ts';
import { testRedisUrl } from '../support/env.ts';
import { openTestTandem, type TestTandem } from '../support/services.ts';

// The scale bench's seeded history, small: every invariant of a real history holds after seeding
// and after growing, and every query of the list runs on it and lands in a well-formed report.

let tandem: TestTandem | undefined;
let world: ScaleWorld | undefined;
afterAll(async () => {
  await world?.close();
  await tandem?.stop();
});

const players = 2_000;
const sizes = [10_000, 20_000];

describe('scale bench', () => {
  it('seeds and grows a history whose chains, totals and keys hold, and times every query on it', async () => {
    tandem = await openTestTandem();
    const { pool } = tandem.db;
    const now = new Date();
    const measured: ScaleSize[] = [];
    let previous = 0;
    for (const rows of sizes) {
      await seedPhase(pool, { players, fromRows: previous, toRows: rows, now, say: () => {} });
      previous = rows;

      const invariants = await checkInvariants(pool);
      expect(invariants).toMatchObject({
        ledger_rows: rows,
        players,
        broken_chain_rows: 0,
        drifted_players: 0,
        orphan_events: 0,
        ok: true,
      });
      expect(await findDriftedTotals(pool)).toEqual([]);
      // The checkpoints the seed writes agree with the ledger: reconcile's tick has nothing to check.
      const checkpoints = await pool.query(
        `SELECT count(*)::int AS n FROM reconcile_checkpoints k JOIN players p ON p.id = k.player_id
          WHERE (k.xp, k.balance, k.messages, k.coins_earned) = (p.xp, p.balance, p.messages, p.coins_earned)
            AND k.entry_id = coalesce((SELECT max(id) FROM ledger_entries e WHERE e.player_id = p.id), 0)`,
      );
      expect(checkpoints.rows[0].n).toBe(players);
      const facts = await pool.query(
        `SELECT (SELECT count(DISTINCT idempotency_key)::int FROM ledger_entries) AS ledger_keys,
                (SELECT count(DISTINCT idempotency_key)::int FROM sync_events) AS event_keys,
                (SELECT count(*)::int FROM sync_events) AS events,
                (SELECT count(*)::int FROM ledger_entries
                  WHERE idempotency_key !~ '^(tg|dc|sys|admin)-[a-z_]+-[A-Za-z0-9_.]+-[0-9a-f-]{36}$') AS odd_keys,
                (SELECT count(DISTINCT reason)::int FROM ledger_entries) AS reasons,
                (SELECT count(*)::int FROM sync_states) AS states,
                (SELECT count(*)::int FROM players p JOIN sync_states s ON s.player_id = p.id
                  WHERE s.last_balance <> p.balance) AS stale_states,
                (SELECT count(DISTINCT status)::int FROM sync_events) AS statuses,
                (SELECT count(*)::int FROM players WHERE xp < 0 OR balance < 0) AS negative`,
      );
      const f = facts.rows[0];
      expect(f).toMatchObject({
        ledger_keys: rows,
        event_keys: f.events,
        odd_keys: 0,
        reasons: 6,
        states: players,
        stale_states: 0,
        negative: 0,
      });
      // About half the ledger is in the outbox window, in every status.
      expect(f.events).toBeGreaterThan(rows * 0.45);
      expect(f.events).toBeLessThan(rows * 0.55);
      expect(f.statuses).toBeGreaterThanOrEqual(2);

      world ??= await openScaleWorld({ databaseUrl: tandem.database.url, redisUrl: testRedisUrl, players });
      const audit = await pool.query('SELECT count(*)::int AS n FROM admin_audit');
      world.rows = { ledger: rows, sync_events: f.events, players, audit: audit.rows[0].n };
      const timings: QueryTiming[] = await measureQueries(world, scaleQueries, {
        runs: 1,
        periodicRuns: 1,
        say: () => {},
      });
      expect(timings.filter((t) => t.error)).toEqual([]);
      measured.push({
        ledger_rows: rows,
        sync_events: f.events,
        audit_rows: audit.rows[0].n,
        seed_seconds: 1,
        disk_bytes: 1,
        invariants,
        timings,
      });
    }

    const report = JSON.parse(
      JSON.stringify(
        buildScaleReport({
          players,
          sizes: measured,
          runs: { interactive: 1, periodic: 1 },
          machine: describeMachine('PostgreSQL', 'redis', 0),
          secondsTotal: 1,
        }),
      ),
    );
    expect(report.ledger_rows).toEqual(sizes);
    expect(report.players).toBe(players);
    expect(report.queries).toHaveLength(scaleQueries.length);
    expect(new Set(report.queries.map((q: { name: string }) => q.name)).size).toBe(scaleQueries.length);
    for (const query of report.queries) {
      // Exactly the contract's fields: how each fares against the targets is under `verdicts`.
      expect(Object.keys(query).sort()).toEqual(['kind', 'ms', 'name']);
      expect(query).toMatchObject({
        name: expect.any(String),
        kind: expect.stringMatching(/^(interactive|periodic)$/),
      });
      expect(query.ms).toEqual([expect.any(Number), expect.any(Number)]);
    }
    expect(
      report.queries
        .filter((q: { kind: string }) => q.kind === 'periodic')
        .map((q: { name: string }) => q.name),
    ).toEqual(
      expect.arrayContaining([expect.stringMatching(/^reconcile/), expect.stringMatching(/^cleanup/)]),
    );
    expect(report.verdicts.map((v: { name: string }) => v.name)).toEqual(
      report.queries.map((q: { name: string }) => q.name),
    );
  }, 120_000);
});
