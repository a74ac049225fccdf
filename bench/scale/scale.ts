import pg from 'pg';
import { seedEconomyDefaults } from '../../src/catalog/seed.ts';
import { openDatabase } from '../../src/db/database.ts';
import { connectRedis } from '../../src/redis/connection.ts';
import { describeMachine } from '../report/bench-report.ts';
import { cpuBetween, cpuSnapshot } from '../shared/cpu.ts';
import { type BenchDatabase, createBenchDatabase } from '../shared/infra.ts';
import { onInterrupt } from '../shared/on-interrupt.ts';
import type { BenchOptions } from '../shared/options.ts';
import { sleep } from '../shared/stats.ts';
import { checkInvariants } from './scale-invariants.ts';
import { measureQueries, periodicRuns } from './scale-measure.ts';
import { scaleQueries } from './scale-queries.ts';
import { buildScaleReport, renderScaleMarkdown, type ScaleSize, writeScaleReport } from './scale-report.ts';
import { seedPhase } from './scale-seed.ts';
import { countSeasonTallies, openScaleWorld, type ScaleWorld } from './scale-world.ts';

/**
 * `npm run bench -- --scale`: one database, seeded to the first size of history and measured, then
 * grown to the next size (history appended, never seeded twice) and measured again. Writes
 * bench/results/scale.json and scale.md. Returns the exit code: 0 when everything was measured
 * (targets met or not: the report says), 1 when seeding failed or the history broke an invariant.
 */
export async function runScaleBench(options: BenchOptions, say: (line: string) => void): Promise<number> {
  const startedAt = Date.now();
  const { sizes, players, runs } = options.scale;
  const database = await createBenchDatabase(options.adminDatabaseUrl);
  say(`scale: database ${database.name} created and migrated`);
  let world: ScaleWorld | undefined;
  const cleanUp = options.scale.keep ? keepDatabase(database, say) : dropOnce(database, say);
  onInterrupt(options.redisUrl, database.name, say, cleanUp);

  const pool = new pg.Pool({ connectionString: database.url, max: 3 });
  pool.on('error', () => {});
  try {
    const seeding = openDatabase(database.url, 2);
    await seedEconomyDefaults(seeding.prisma);
    await seeding.close();
    const machine = await describe(pool, options.redisUrl);
    const now = new Date();
    const measured: ScaleSize[] = [];
    let previous = 0;
    for (const rows of sizes) {
      say(`scale: seeding ${players.toLocaleString('en')} players, ledger rows ${previous + 1}..${rows}`);
      const seedStarted = Date.now();
      await seedPhase(pool, { players, fromRows: previous, toRows: rows, now, say });
      const seedSeconds = (Date.now() - seedStarted) / 1000;
      say(`scale: seeded in ${seedSeconds.toFixed(1)} s; checking invariants`);
      const invariants = await checkInvariants(pool);
      if (!invariants.ok) {
        say(`scale: INVARIANT BROKEN: ${JSON.stringify(invariants)}`);
        return 1;
      }
      const counts = await pool.query<{ audit: number; disk: string }>(
        `SELECT (SELECT count(*)::int FROM admin_audit) AS audit, pg_database_size(current_database())::text AS disk`,
      );
      const c = counts.rows[0]!;
      say(
        `scale: ${invariants.ledger_rows} ledger rows, ${invariants.sync_events} sync events, chains and totals consistent; ` +
          `${(Number(c.disk) / 2 ** 30).toFixed(1)} GB on disk`,
      );
      world ??= await openScaleWorld({ databaseUrl: database.url, redisUrl: options.redisUrl, players });
      const tallied = Date.now();
      await countSeasonTallies(pool);
      say(`scale: the running season's tallies counted in ${((Date.now() - tallied) / 1000).toFixed(1)} s`);
      world.rows = {
        ledger: invariants.ledger_rows,
        sync_events: invariants.sync_events,
        players: invariants.players,
        audit: c.audit,
      };
      say(`scale: timing ${scaleQueries.length} queries at ${rows.toLocaleString('en')} ledger rows`);
      const timings = await measureQueries(world, scaleQueries, { runs, say });
      measured.push({
        ledger_rows: invariants.ledger_rows,
        sync_events: invariants.sync_events,
        audit_rows: c.audit,
        seed_seconds: Math.round(seedSeconds),
        disk_bytes: Number(c.disk),
        invariants,
        timings,
      });
      previous = rows;
    }
    const report = buildScaleReport({
      players,
      sizes: measured,
      runs: { interactive: runs, periodic: periodicRuns },
      machine,
      secondsTotal: (Date.now() - startedAt) / 1000,
    });
    const written = writeScaleReport(report);
    process.stdout.write(`\n${renderScaleMarkdown(report)}\n`);
    say(`scale: wrote ${written.json} and ${written.markdown}`);
    return 0;
  } catch (error) {
    say(`scale: failed: ${(error as Error).stack ?? error}`);
    return 1;
  } finally {
    await world?.close().catch(() => {});
    await pool.end().catch(() => {});
    await cleanUp();
  }
}

function keepDatabase(database: BenchDatabase, say: (line: string) => void) {
  return async () => say(`scale: kept ${database.url} (--scale-keep); drop it with: dropdb ${database.name}`);
}

function dropOnce(database: BenchDatabase, say: (line: string) => void) {
  let dropped: Promise<void> | undefined;
  return () => {
    dropped ??= database.drop().catch((e: Error) => say(`could not drop ${database.name}: ${e.message}`));
    return dropped;
  };
}

async function describe(pool: pg.Pool, redisUrl: string) {
  const postgres = (
    await pool.query<{ v: string }>(`SELECT 'PostgreSQL ' || current_setting('server_version') AS v`)
  ).rows[0]!.v;
  const probe = connectRedis(redisUrl);
  const redisVersion = /redis_version:(\S+)/.exec(await probe.info('server'))?.[1] ?? 'unknown';
  probe.disconnect();
  // No waiting for a quiet machine (the run is long): how busy it was is written down instead.
  const before = cpuSnapshot();
  await sleep(1000);
  const busy = cpuBetween(before, cpuSnapshot(), new Set([process.pid])).machine_busy_pct;
  return describeMachine(postgres, redisVersion, busy);
}
