import type { BenchContext } from '../shared/bench-context.ts';
import { backgroundCores, cpuBetween, cpuSnapshot, postgresPids } from '../shared/cpu.ts';
import { type BenchDatabase, createBenchDatabase } from '../shared/infra.ts';
import { type Percentiles, percentiles, round, sleep } from '../shared/stats.ts';
import { measureRankUp, preparePlayer, type Sample } from './rank-latency-sample.ts';
import { openSandboxWorld, type SandboxWorld } from './rank-latency-world.ts';

/**
 * Rank-up on Telegram -> rank role on Discord, in the sandbox `npm start` runs with no bot token
 * (rank-latency-world.ts). Each sample is a new player: a Telegram user and a Discord member linked
 * with `/link`, granted 450 XP (Newcomer, Bronze role); once that has settled, `/daily` on Telegram
 * (+100 XP) crosses Rookie's 500 XP, and the time until the emulator gives the member the Silver
 * role is measured, with the Telegram bot's answer to `/daily` on the way.
 */

export const rankLatencyTarget = { p99_ms: 1000 };

/** Unmeasured samples first: connections, caches and JIT warm up. */
const warmupSamples = 2;
/** Discord's member-edit bucket (the emulator's default): 10 per 10 s per guild. */
const memberEditWindowMs = 10_000;
/** Member edits allowed in the last window before a measured `/daily`: the measured edit and the next sample's one fit. */
const memberEditsBeforeSample = 8;
const gapMs = 100;

export interface RankLatencyResult {
  samples: number;
  warmup_samples: number;
  /** `/daily` sent on Telegram -> Silver role added to the member (the emulator's own timestamp). */
  role_ms: Percentiles;
  /** `/daily` sent on Telegram -> the bot's answer in the chat (the emulator's timestamp). */
  reply_ms: Percentiles;
  /** `/daily` sent -> Tandem recorded it (the daily's SyncEvent) and derived the rank change (the rank_change SyncEvent). */
  breakdown_ms: { recorded: Percentiles; rank_derived: Percentiles };
  /** The role as the bench process read it off the emulator's event stream, minus the emulator's timestamp. */
  observation_lag_ms: Percentiles;
  target_p99_ms: number;
  target_met: boolean;
  /** Samples whose role or answer never came, or ended with the wrong rank role. */
  failures: number;
  first_failures: string[];
  /** 429s Discord answered between a measured `/daily` and its role (pacing keeps it at 0). */
  rate_limited_in_samples: number;
  rate_limited_total: number;
  member_edits_per_sample: number;
  /** Pauses before a measured `/daily` for the member-edit bucket to have room, ms in all. */
  paced_ms: number;
  seconds: number;
  settings: {
    worker_concurrency: number;
    platform_per_second: number;
    notifications_per_second: number;
    database_pool: number;
    emulator_latency_ms: { telegram: number; discord: number };
  };
  warnings_logged: number;
  first_warnings: string[];
  background_cores: number;
}

/** Databases this phase created and has not dropped yet (an interrupted run drops them). */
const openDatabases = new Set<BenchDatabase>();

export async function dropRankLatencyDatabases(): Promise<void> {
  await Promise.all([...openDatabases].map((db) => db.drop().then(() => openDatabases.delete(db))));
}

export async function runRankLatency(
  ctx: BenchContext,
  params: { samples: number; say: (line: string) => void },
): Promise<RankLatencyResult> {
  const startedAt = Date.now();
  // A database of its own: the sandbox seeding maps the ranks to the demo guild's roles and writes
  // settings and content, which the other phases' database should not carry.
  const database = await createBenchDatabase(ctx.options.adminDatabaseUrl);
  openDatabases.add(database);
  let world: SandboxWorld | null = null;
  try {
    world = await openSandboxWorld({ databaseUrl: database.url, redisUrl: ctx.options.redisUrl });
    const { activity } = world.discord;
    const samples: Sample[] = [];
    const failures: string[] = [];
    let rateLimitedInSamples = 0;
    let pacedMs = 0;
    let consecutiveFailures = 0;
    let editsBefore = 0;
    let cpuBefore = cpuSnapshot();
    for (let i = 0; i < warmupSamples + params.samples; i++) {
      const measured = i >= warmupSamples;
      if (i === warmupSamples) {
        editsBefore = activity.memberEdits;
        cpuBefore = cpuSnapshot();
      }
      try {
        const player = await preparePlayer(world, i, measured ? 'r' : 'w');
        // One rank-up at a time, and only when Discord's member-edit bucket has room for its edit:
        // the figure is the pipeline's, not a wait for the bucket this bench's own pace would fill.
        const pacingFrom = Date.now();
        while (activity.memberEditsWithin(memberEditWindowMs) > memberEditsBeforeSample) await sleep(50);
        await sleep(gapMs);
        if (measured) pacedMs += Date.now() - pacingFrom - gapMs;
        const sample = await measureRankUp(world, player);
        if (measured) {
          samples.push(sample);
          rateLimitedInSamples += sample.rateLimited;
        }
        consecutiveFailures = 0;
        await world.settle(30_000);
      } catch (error) {
        const message = `sample ${i}: ${(error as Error).message}`;
        if (measured) failures.push(message);
        params.say(`rank latency: ${message}`);
        if (++consecutiveFailures >= 3)
          throw new Error(`rank latency: three samples failed in a row (${message})`);
        await world.settle(30_000).catch(() => {});
      }
      const done = i + 1 - warmupSamples;
      if (measured && done % 10 === 0 && done < params.samples) {
        const sofar = percentiles(samples.map((s) => s.role));
        params.say(`rank latency: ${done}/${params.samples}, role p50 ${sofar.p50} max ${sofar.max} ms`);
      }
    }
    const pids = await postgresPids(ctx.control, database.name);
    const cpu = cpuBetween(cpuBefore, cpuSnapshot(), new Set([process.pid]), pids);
    const role = percentiles(samples.map((s) => s.role));
    const finite = (values: number[]) => values.filter((v) => Number.isFinite(v));
    return {
      samples: samples.length,
      warmup_samples: warmupSamples,
      role_ms: role,
      reply_ms: percentiles(samples.map((s) => s.reply)),
      breakdown_ms: {
        recorded: percentiles(finite(samples.map((s) => s.recorded))),
        rank_derived: percentiles(finite(samples.map((s) => s.rankDerived))),
      },
      observation_lag_ms: percentiles(samples.map((s) => s.observationLag)),
      target_p99_ms: rankLatencyTarget.p99_ms,
      target_met: samples.length > 0 && role.p99 < rankLatencyTarget.p99_ms,
      failures: failures.length,
      first_failures: failures.slice(0, 5),
      rate_limited_in_samples: rateLimitedInSamples,
      rate_limited_total: activity.rateLimited,
      member_edits_per_sample: round((activity.memberEdits - editsBefore) / Math.max(1, params.samples), 2),
      paced_ms: Math.round(pacedMs),
      seconds: round((Date.now() - startedAt) / 1000, 1),
      settings: {
        worker_concurrency: world.config.WORKER_CONCURRENCY,
        // startWorkerRole leaves the limiters at startSyncWorkers' defaults (src/sync/workers.ts).
        platform_per_second: 5,
        notifications_per_second: 25,
        database_pool: world.config.DATABASE_POOL_SIZE,
        emulator_latency_ms: { telegram: 0, discord: 0 },
      },
      warnings_logged: world.logs.count,
      first_warnings: world.logs.first,
      background_cores: backgroundCores(cpu),
    };
  } finally {
    await world?.stop();
    await database.drop().catch((e: Error) => params.say(`could not drop ${database.name}: ${e.message}`));
    openDatabases.delete(database);
  }
}

export function rankLatencySummary(r: RankLatencyResult): string {
  return (
    `rank latency (Telegram /daily -> Discord Silver role, ${r.samples} samples): ` +
    `p50 ${r.role_ms.p50} p95 ${r.role_ms.p95} p99 ${r.role_ms.p99} max ${r.role_ms.max} ms ` +
    `(target p99 < ${r.target_p99_ms} ms: ${r.target_met ? 'met' : 'NOT MET'}); Telegram answer ` +
    `p50 ${r.reply_ms.p50} p95 ${r.reply_ms.p95} p99 ${r.reply_ms.p99} max ${r.reply_ms.max} ms; ` +
    `${r.failures} failed, ${r.rate_limited_in_samples} rate-limited`
  );
}
