import type { EmulatorEvent } from '@tandem/emulators/telegram';
import { buildIdempotencyKey } from '../src/ledger/idempotency-key.ts';
import { type BenchDatabase, createBenchDatabase } from './infra.ts';
import { backgroundCores, cpuBetween, cpuSnapshot, postgresPids } from './instrument.ts';
import { openSandboxWorld, type SandboxWorld } from './rank-latency-world.ts';
import { type Percentiles, percentiles, round, sleep } from './stats.ts';
import type { BenchContext } from './trial.ts';

/**
 * Rank-up on Telegram -> rank role on Discord, in the sandbox `npm start` runs with no bot token
 * (rank-latency-world.ts). Each sample is a new player: a Telegram user and a Discord member linked
 * with `/link`, granted 450 XP (Newcomer, Bronze role); once that has settled, `/daily` on Telegram
 * (+100 XP) crosses Rookie's 500 XP, and the time until the emulator gives the member the Silver
 * role is measured, with the Telegram bot's answer to `/daily` on the way.
 */

export const rankLatencyTarget = { p99_ms: 1000 };

/** Daily XP (100) on top of this crosses Rookie (500 XP) from Newcomer. */
const grantXp = 450;
/** Unmeasured samples first: connections, caches and JIT warm up. */
const warmupSamples = 2;
/** Discord's member-edit bucket (the emulator's default): 10 per 10 s per guild. */
const memberEditWindowMs = 10_000;
/** Member edits allowed in the last window before a measured `/daily`: the measured edit and the next sample's one fit. */
const memberEditsBeforeSample = 8;
const gapMs = 100;
const roleTimeoutMs = 30_000;
const replyTimeoutMs = 10_000;

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

interface Sample {
  role: number;
  reply: number;
  recorded: number;
  rankDerived: number;
  observationLag: number;
}

/** The code in a `/link` answer: six characters of the unambiguous alphabet. */
function linkCodeIn(reply: string): string {
  const code = /\b([2-9A-HJKMNP-Z]{6})\b/.exec(reply)?.[1];
  if (!code) throw new Error(`no link code in: ${reply}`);
  return code;
}

/** The first bot message in `chatId` after `since` that `accept`s; its emulator timestamp and text. */
async function botAnswer(
  world: SandboxWorld,
  chatId: number,
  since: number,
  accept: (text: string) => boolean,
): Promise<{ at: number; text: string }> {
  const deadline = Date.now() + replyTimeoutMs;
  let cursor = since;
  for (;;) {
    const event: EmulatorEvent = await world.telegram.control.waitFor({
      types: ['bot.message', 'bot.edit'],
      chatId,
      since: cursor,
      timeoutMs: Math.max(1, Math.round(deadline - Date.now())),
    });
    const text = event.type === 'bot.message' || event.type === 'bot.edit' ? (event.message.text ?? '') : '';
    if (accept(text)) return { at: event.at, text };
    cursor = event.seq;
  }
}

/** One new player on both platforms, linked, at 450 XP with the Bronze role; everything settled. */
async function preparePlayer(world: SandboxWorld, index: number, tag: string) {
  const { telegram, demo } = world;
  const { control, activity } = world.discord;
  const startedAt = Date.now();
  const name = `bench_${tag}_${index}`;
  const tgUser = telegram.control.createUser({
    firstName: 'Bench',
    lastName: `${tag}${index}`,
    username: name,
  });
  const dcUser = await control.createUser({ username: name });
  await control.addMember(demo.discord.guildId, { userId: dcUser.id });

  const { seq } = telegram.control.sendCommand({ from: tgUser.id, command: 'link' });
  const code = linkCodeIn(
    (await botAnswer(world, tgUser.id, seq, (t) => /\b[2-9A-HJKMNP-Z]{6}\b/.test(t))).text,
  );
  const interaction = await control.runCommand({
    channelId: demo.discord.channels.general,
    userId: dcUser.id,
    name: 'link',
    options: { code },
  });
  const done = await control.interaction(interaction.id, { until: 'completed', timeoutMs: 10_000 });
  // The code shows a preview first; the member confirms it with its button.
  const buttonRows = (done.original?.components ?? []) as Array<{
    components?: Array<{ custom_id?: string }>;
  }>;
  const confirmId = buttonRows
    .flatMap((r) => r.components ?? [])
    .find((c) => c.custom_id?.startsWith('link:yes:'));
  if (!done.original || !confirmId?.custom_id)
    throw new Error(`Discord /link ${code}: ${done.original?.content ?? '(no answer)'}`);
  const pressed = await control.pressButton({
    messageId: done.original.id,
    userId: dcUser.id,
    customId: confirmId.custom_id,
  });
  const confirmed = await control.interaction(pressed.id, { until: 'completed', timeoutMs: 10_000 });
  const answer = (confirmed.response?.data as { content?: string } | null)?.content ?? '(no answer)';
  if (!/linked/i.test(answer)) throw new Error(`Discord /link ${code}: ${answer}`);

  const { rows } = await world.services.db.pool.query<{ player_id: string }>(
    `SELECT player_id FROM identities WHERE platform = 'telegram' AND platform_user_id = $1`,
    [String(tgUser.id)],
  );
  const playerId = rows[0]?.player_id;
  if (!playerId) throw new Error(`Telegram user ${tgUser.id} has no player after /link`);
  await world.services.engine.record({
    key: buildIdempotencyKey({ source: 'admin', action: 'grant', entity: `bench.${tag}${index}`, playerId }),
    playerId,
    type: 'xp_change',
    source: 'admin',
    xpDelta: grantXp,
    reason: 'grant',
  });
  await activity.waitForRole(
    { userId: dcUser.id, roleId: demo.discord.roles.bronze, action: 'add', sinceMs: startedAt },
    roleTimeoutMs,
  );
  await world.settle(30_000);
  return { telegramId: tgUser.id, discordId: dcUser.id, playerId };
}

/** `/daily` on Telegram, timed to the Telegram answer and to the Silver role on Discord. */
async function measureRankUp(
  world: SandboxWorld,
  player: Awaited<ReturnType<typeof preparePlayer>>,
): Promise<Sample & { rateLimited: number }> {
  const { roles, guildId } = world.demo.discord;
  const { activity, control } = world.discord;
  const t0 = Date.now();
  const { seq } = world.telegram.control.sendCommand({ from: player.telegramId, command: 'daily' });
  const [reply, role] = await Promise.all([
    // The answer to /daily, not the rank-up notice that may come close behind it.
    botAnswer(world, player.telegramId, seq, (text) => !/rank up/i.test(text)),
    activity.waitForRole(
      { userId: player.discordId, roleId: roles.silver, action: 'add', sinceMs: t0 },
      roleTimeoutMs,
    ),
  ]);
  if (!/\+100 XP/.test(reply.text)) throw new Error(`unexpected /daily answer: ${reply.text}`);
  const held =
    (await control.guild(guildId)).members.find((m) => m.user.id === player.discordId)?.roles ?? [];
  const rankRoles = held.filter((id) => [roles.bronze, roles.silver, roles.gold].includes(id));
  if (rankRoles.join() !== roles.silver)
    throw new Error(`member ends with rank roles [${rankRoles}], not Silver`);
  const { rows } = await world.services.db.pool.query<{ type: string; source: string; at: number }>(
    `SELECT type, source, extract(epoch FROM created_at) * 1000 AS at FROM sync_events
      WHERE player_id = $1 AND created_at >= to_timestamp($2 / 1000.0) ORDER BY created_at`,
    [player.playerId, t0 - 5],
  );
  const recorded = rows.find((r) => r.source === 'telegram' && r.type !== 'rank_change');
  const derived = rows.find((r) => r.type === 'rank_change');
  return {
    role: role.at - t0,
    reply: reply.at - t0,
    recorded: recorded ? Number(recorded.at) - t0 : Number.NaN,
    rankDerived: derived ? Number(derived.at) - t0 : Number.NaN,
    observationLag: role.seenAt - role.at,
    rateLimited: activity.rateLimitedBetween(t0, role.at),
  };
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
