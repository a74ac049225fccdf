// `npm run bench [-- --quick]`: raw BullMQ anchor, pipeline throughput, latency at a fixed load and
// correctness, in one run on one Redis and one PostgreSQL. `--scale` runs the scale phase alone
// (bench/scale/). Options: see bench/shared/options.ts.
import pg from 'pg';
import { seedEconomyDefaults } from '../src/catalog/seed.ts';
import { openDatabase } from '../src/db/database.ts';
import { connectRedis } from '../src/redis/connection.ts';
import { type LivePathResult, runLivePath } from './live-path/live-path.ts';
import { appendLivePathMarkdown, livePathSummary, renderLivePathMarkdown } from './live-path/live-report.ts';
import { runLatency } from './pipeline/latency.ts';
import { runRawBullmq } from './pipeline/raw-bullmq.ts';
import { measureStatementCosts, type StatementCost } from './pipeline/statement-costs.ts';
import { runThroughput, type ThroughputResult } from './pipeline/throughput.ts';
import {
  dropRankLatencyDatabases,
  type RankLatencyResult,
  rankLatencySummary,
  runRankLatency,
} from './rank-latency/rank-latency.ts';
import {
  appendRankLatencyMarkdown,
  renderRankLatencyMarkdown,
  withRankLatency,
} from './rank-latency/rank-latency-report.ts';
import { buildReport, describeMachine, type SweepRow, writeReport } from './report/bench-report.ts';
import { renderMarkdown } from './report/report-markdown.ts';
import { runScaleBench } from './scale/scale.ts';
import type { BenchContext } from './shared/bench-context.ts';
import { cpuBetween, cpuSnapshot } from './shared/cpu.ts';
import { openDatabasePath } from './shared/database-paths.ts';
import { createBenchDatabase } from './shared/infra.ts';
import { onInterrupt } from './shared/on-interrupt.ts';
import { parseOptions } from './shared/options.ts';
import { sleep } from './shared/stats.ts';

const options = parseOptions(process.argv.slice(2), process.env);
const startedAt = Date.now();
const say = (line: string) =>
  process.stderr.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}\n`);

if (options.scale.enabled) process.exit(await runScaleBench(options, say));

const database = await createBenchDatabase(options.adminDatabaseUrl);
say(`database ${database.name} created and migrated`);
let dropped = false;
const dropDatabase = async () => {
  if (dropped) return;
  dropped = true;
  await database.drop().catch((e: Error) => say(`could not drop ${database.name}: ${e.message}`));
};
onInterrupt(options.redisUrl, database.name, say, () =>
  Promise.all([dropDatabase(), dropRankLatencyDatabases().catch(() => {})]),
);

/** Waits (up to quietWaitMs) until the machine is below 25% busy over a second; returns the last busy %. */
async function waitForQuiet(phase: string): Promise<number> {
  const deadline = Date.now() + options.quietWaitMs;
  for (;;) {
    const before = cpuSnapshot();
    await sleep(1000);
    const busy = cpuBetween(before, cpuSnapshot(), new Set([process.pid])).machine_busy_pct;
    if (busy < 25 || Date.now() >= deadline) {
      if (busy >= 25) say(`${phase}: machine still ${busy}% busy with other work; measuring anyway`);
      return busy;
    }
    say(`${phase}: machine ${busy}% busy with other work, waiting`);
  }
}

const control = new pg.Pool({ connectionString: database.url, max: 3 });
control.on('error', () => {});
let exitCode = 0;
try {
  const seeding = openDatabase(database.url, 2);
  await seedEconomyDefaults(seeding.prisma);
  await seeding.close();
  const ctx: BenchContext = { options, database, control };
  if (options.syncCommit === 'off') {
    // Diagnostic only: every connection of the bench database commits without waiting for the WAL flush.
    await control.query(`ALTER DATABASE "${database.name}" SET synchronous_commit = off`);
    await control.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
  }

  const postgres = (
    await control.query<{ v: string }>(`SELECT 'PostgreSQL ' || current_setting('server_version') AS v`)
  ).rows[0]!.v;
  const probe = connectRedis(options.redisUrl);
  const redisVersion = /redis_version:(\S+)/.exec(await probe.info('server'))?.[1] ?? 'unknown';
  probe.disconnect();
  const machine = describeMachine(postgres, redisVersion, await waitForQuiet('start'));

  say(`raw BullMQ: ${options.rawJobs} no-op jobs, concurrency ${options.rawConcurrency}`);
  const raw = await runRawBullmq({
    redisUrl: options.redisUrl,
    jobs: options.rawJobs,
    concurrency: options.rawConcurrency,
  });
  say(`raw BullMQ: ${raw.jobs_per_s} jobs/s`);

  const throughput: ThroughputResult[] = [];
  // Child mode once per count of worker processes: 1 vs 2 replicas of `npm run worker`.
  const trials = options.modes.flatMap((mode) =>
    (mode === 'child' ? options.workerProcesses : [1]).map((processes) => ({ mode, processes })),
  );
  // Then once per way to PostgreSQL (direct or through PgBouncer, named statements or not).
  for (const path of options.databasePaths) {
    const opened = await openDatabasePath(path, database.url, options.poolSize);
    if (opened.pooler) say(`pipeline through ${opened.pooler} in transaction mode`);
    try {
      for (const { mode, processes } of trials) {
        const name = `${processes === 1 ? mode : `${mode} x${processes}`}${path === 'direct-named' ? '' : `, ${path}`}`;
        await waitForQuiet(`pipeline (${name})`);
        say(`pipeline (${name}): ${options.events} events over ${options.players} players`);
        const result = await runThroughput(ctx, {
          mode,
          processes,
          events: options.events,
          players: options.players,
          concurrency: options.workerConcurrency,
          poolSize: options.poolSize,
          producers: options.producerConcurrency,
          duplicateShare: options.duplicateShare,
          seed: options.seed,
          path,
          databaseUrl: opened.url,
        });
        say(`pipeline (${name}): ${result.events_per_s} events/s, correct: ${result.correctness.ok}`);
        throughput.push(result);
      }
    } finally {
      await opened.close();
    }
  }

  let statementCosts: StatementCost[] = [];
  if (options.statementCosts) {
    say('statement costs: each hot-path step alone, unnamed vs prepared, sync vs async commit');
    statementCosts = await measureStatementCosts(ctx, options.quick ? 300 : 1000);
  }

  const mode = options.modes[0]!;
  await waitForQuiet(`latency (${mode})`);
  say(`latency (${mode}): ${options.latencyRate}/s for ${options.latencySeconds} s`);
  const latency = await runLatency(ctx, {
    mode,
    rate: options.latencyRate,
    seconds: options.latencySeconds,
    players: options.players,
    concurrency: options.workerConcurrency,
    poolSize: options.poolSize,
  });
  say(
    `latency (${mode}): p50 ${latency.latency_ms.p50} p95 ${latency.latency_ms.p95} p99 ${latency.latency_ms.p99} ms`,
  );

  const sweep: SweepRow[] = [];
  if (options.sweep) {
    const pairs: Array<[number, number]> = [
      [8, 20],
      [16, 20],
      [32, 20],
      [64, 20],
      [16, 10],
      [32, 40],
      [64, 40],
    ];
    // The headline mode only: a sweep of both modes doubles a run that is long already.
    for (const sweepMode of options.modes.slice(0, 1)) {
      for (const [concurrency, pool] of pairs) {
        await waitForQuiet('sweep');
        const r = await runThroughput(
          { ...ctx, options: { ...options, profile: false } },
          {
            mode: sweepMode,
            processes: 1,
            events: options.sweepEvents,
            players: options.players,
            concurrency,
            poolSize: pool,
            producers: options.producerConcurrency,
            duplicateShare: options.duplicateShare,
            seed: options.seed + concurrency + pool,
          },
        );
        say(`sweep ${sweepMode} c=${concurrency} pool=${pool}: ${r.events_per_s} events/s`);
        sweep.push({
          mode: sweepMode,
          events: options.sweepEvents,
          concurrency,
          pool,
          events_per_s: r.events_per_s,
          economy_events_per_s: r.economy_events_per_s,
          ok: r.correctness.ok,
          background_cores: r.background_cores,
          cores_used: r.cpu.cores_used,
        });
      }
    }
  }

  let rankLatency: RankLatencyResult | null = null;
  if (options.rankLatencySamples > 0) {
    await waitForQuiet('rank latency');
    say(
      `rank latency: ${options.rankLatencySamples} rank-ups from Telegram to the Discord role, in the sandbox`,
    );
    rankLatency = await runRankLatency(ctx, { samples: options.rankLatencySamples, say });
    say(rankLatencySummary(rankLatency));
  }

  let livePath: LivePathResult | null = null;
  if (options.liveClients > 0) {
    await waitForQuiet('live path');
    say(
      `live path: ${options.liveClients} signed-in socket.io clients, ${options.liveChanges} changes at ${options.liveRate}/s`,
    );
    livePath = await runLivePath(ctx, {
      clients: options.liveClients,
      changes: options.liveChanges,
      rate: options.liveRate,
      intervalMs: options.liveIntervalMs,
      say,
    });
    say(livePathSummary(livePath));
  }

  const built = buildReport({
    quick: options.quick,
    machine,
    raw,
    throughput,
    latency,
    sweep,
    statementCosts,
    secondsTotal: (Date.now() - startedAt) / 1000,
    whatIf:
      options.experiments.length > 0 ||
      options.syncCommit !== 'on' ||
      options.history > 0 ||
      options.liveIntervalMs !== undefined
        ? {
            experiments: options.experiments,
            sync_commit: options.syncCommit,
            history: options.history,
            live_interval_ms: options.liveIntervalMs,
          }
        : null,
  });
  const report = { ...withRankLatency(built, rankLatency), live_path: livePath };
  const written = writeReport(report);
  appendRankLatencyMarkdown(written.markdown, rankLatency);
  appendLivePathMarkdown(written.markdown, livePath);
  process.stdout.write(
    `\n${renderMarkdown(report)}${renderRankLatencyMarkdown(rankLatency)}${renderLivePathMarkdown(livePath)}\n`,
  );
  if (rankLatency) say(rankLatencySummary(rankLatency));
  if (livePath) say(livePathSummary(livePath));
  say(`wrote ${written.json} and ${written.markdown}`);
  if (!report.correctness_ok) {
    say('CORRECTNESS FAILED: see correctness in latest.json');
    for (const t of throughput) if (!t.correctness.ok) say(`${t.mode}: ${JSON.stringify(t.correctness)}`);
    exitCode = 1;
  }
  if (livePath && livePath.deliveries < livePath.deliveries_expected) {
    say(`LIVE PATH: ${livePath.deliveries_expected - livePath.deliveries} deliveries missing`);
    exitCode = 1;
  }
  if (rankLatency && rankLatency.failures > 0) {
    say(`RANK LATENCY: ${rankLatency.failures} samples failed: ${rankLatency.first_failures.join('; ')}`);
    exitCode = 1;
  }
} catch (error) {
  say(`failed: ${(error as Error).stack ?? error}`);
  exitCode = 1;
} finally {
  await control.end().catch(() => {});
  await dropDatabase();
}
process.exit(exitCode);
