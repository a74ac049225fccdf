import { buildScenario, DiscordControlClient, DiscordEmulator } from '@tandem/emulators/discord';
import { afterEach, describe, expect, it } from 'vitest';
import { rankForXp } from '../../src/economy/ranks.ts';
import { testRedisUrl } from '../support/env.ts';
import { openTestTandem, type TestTandem } from '../support/services.ts';
import { expectEveryEventOnce, waitUntilDrained } from './support/exactly-once.ts';
import { faultFigures, printFigures } from './support/figures.ts';
import { loadChange, loadKeys, sleep, startSteadyLoad } from './support/steady-load.ts';
import { startWorkerProcesses, stopAllWorkerProcesses } from './support/worker-processes.ts';

let tandem: TestTandem | undefined;
let emulator: DiscordEmulator | undefined;

afterEach(async () => {
  await stopAllWorkerProcesses();
  await tandem?.stop();
  await emulator?.stop();
  tandem = emulator = undefined;
});

describe('Discord answering 429s, then 5xx, for a while under a steady load', () => {
  it('sets every rank role and sends every notice once, after the storm', async () => {
    // Discord's own buckets, loosened for member edits and DMs (Discord allows about 10 role edits
    // per 10 s per guild): the faults injected below are what this test is about.
    emulator = new DiscordEmulator({
      rateLimits: {
        buckets: {
          'member-edits': { limit: 20, windowMs: 1000 },
          'channel-messages': { limit: 20, windowMs: 1000 },
          'dm-channels': { limit: 20, windowMs: 1000 },
        },
      },
    });
    const urls = await emulator.start();
    const discord = new DiscordControlClient(urls.controlUrl);
    const world = await buildScenario(discord);
    const members: string[] = [];
    for (let i = 0; i < 10; i++) {
      const user = await discord.createUser({ username: `member${i}` });
      await discord.addMember(world.guildId, { userId: user.id });
      members.push(user.id);
    }

    tandem = await openTestTandem();
    const t = tandem;
    const rankRoles = { 0: world.roles.bronze, 500: world.roles.silver, 1200: world.roles.gold };
    for (const [minXp, roleId] of Object.entries(rankRoles)) {
      await t.db.prisma.rank.updateMany({ where: { minXp: Number(minXp) }, data: { discordRoleId: roleId } });
    }
    const players: string[] = [];
    for (const [i, userId] of members.entries()) {
      const playerId = await t.createPlayer(`Member ${i}`);
      await t.db.prisma.identity.create({ data: { playerId, platform: 'discord', platformUserId: userId } });
      players.push(playerId);
    }
    // Retries with backoff (3 attempts, 1 s then 2 s apart; production makes 8) and paced platform queues; the workers
    // write to Discord over REST through the real platform ports.
    const workers = await startWorkerProcesses(2, {
      databaseUrl: t.database.url,
      redisUrl: testRedisUrl,
      prefix: t.prefix,
      platforms: {
        telegram: null,
        discord: { token: world.bot.token, apiRoot: urls.apiUrl, guildId: world.guildId },
      },
      attempts: 3,
      backoffMs: 1000,
      platformPerSecond: 10,
      notificationsPerSecond: 50,
      lockDurationMs: 5000,
      stalledIntervalMs: 1000,
    });

    // Every change is announced to the player by DM (an event bonus), and 150 XP a change moves
    // each player up a rank every few seconds: role writes and DMs all through the faults.
    const load = startSteadyLoad({
      perSecond: 15,
      submit: (i) => t.engine.record(loadChange(i, players, { xp: 150 })),
    });
    await sleep(2500);
    await discord.rateLimitStorm({ durationMs: 2000, scope: 'global' });
    await sleep(2000);
    // Every REST call answers 502 for 1.5 s: shorter than the retry budget of a job.
    await discord.failNextRestCalls({ count: 1_000_000, status: 502 });
    await sleep(1500);
    await discord.clearFaults();
    const faultEndedAt = Date.now();
    // What the faults answered (the emulator keeps its last 1000 calls: the fault's are among them).
    const refused = (await discord.history())
      .filter((event) => event.kind === 'rest.request')
      .map((event) => (event as unknown as { status: number }).status)
      .filter((status) => status === 429 || status === 502);
    await sleep(2500);
    const report = await load.stop();

    await waitUntilDrained(t, 30_000);
    await expectEveryEventOnce(t, { keys: loadKeys(report.submitted, players), reason: 'event_bonus' });

    // Discord shows each player's rank now: exactly the role of their rank (none above Scout), no
    // other rank role.
    const guild = await discord.guild(world.guildId);
    const ranks = await t.db.prisma.rank.findMany();
    const totals = await t.db.prisma.player.findMany({ where: { id: { in: players } } });
    const allRankRoles = new Set(Object.values(rankRoles));
    const shown = members.map(
      (userId) =>
        guild.members.find((m) => m.user.id === userId)?.roles.filter((r) => allRankRoles.has(r)) ?? [],
    );
    const wanted = players.map((playerId) => {
      const roleId = rankForXp(totals.find((p) => p.id === playerId)!.xp, ranks)?.discordRoleId;
      return roleId ? [roleId] : [];
    });
    expect(shown).toEqual(wanted);

    // Each notice reached its player once: one per change (an event bonus), per rank-up and per
    // achievement unlocked.
    const owed = await t.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sync_events
        WHERE (type = 'rank_change' AND payload->>'direction' = 'up' AND payload->>'fromRankId' IS NOT NULL)
           OR (type = 'achievement_unlock' AND NOT coalesce((payload->>'regrant')::boolean, false))`,
    );
    const dms = await Promise.all(
      members.map(async (userId) =>
        (await discord.directMessages({ userId })).flatMap((channel) =>
          channel.messages.map((m) => m.content),
        ),
      ),
    );
    const doubled = dms.flatMap((texts) => texts.filter((text, i) => texts.indexOf(text) !== i));
    expect(doubled).toEqual([]);
    expect(dms.flat().length).toBe(report.submitted + owed.rows[0]!.n);

    // The faults did hit: calls were refused with 429 and with 502; no worker went down.
    expect(new Set(refused)).toEqual(new Set([429, 502]));
    expect(workers.map((worker) => worker.alive())).toEqual([true, true]);

    const figures = await faultFigures(t, { faultEndedAt });
    printFigures('discord-outage', figures, {
      submitted: report.submitted,
      refused429: refused.filter((s) => s === 429).length,
      refused502: refused.filter((s) => s === 502).length,
      dms: dms.flat().length,
    });
  });
});
