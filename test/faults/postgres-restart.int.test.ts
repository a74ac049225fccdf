import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/db/migrations.ts';
import { somethingWentWrong } from '../../src/replies/errors.ts';
import { type DiscordBotHarness, startDiscordBotHarness } from '../support/discord-bot-harness.ts';
import { testRedisUrl } from '../support/env.ts';
import { type PrivatePostgres, startPrivatePostgres } from '../support/private-postgres.ts';
import { openTelegramBotUnderTest, type TelegramBotUnderTest } from '../support/telegram-bot-under-test.ts';
import { expectEveryEventOnce, waitUntilDrained } from './support/exactly-once.ts';
import { faultFigures, printFigures } from './support/figures.ts';
import { loadKeys, recordLikeEarningPaths, sleep, startSteadyLoad } from './support/steady-load.ts';
import { startWorkerProcesses, stopAllWorkerProcesses } from './support/worker-processes.ts';

let server: PrivatePostgres | undefined;
let bot: TelegramBotUnderTest | undefined;
let discord: DiscordBotHarness | undefined;

afterEach(async () => {
  await stopAllWorkerProcesses();
  await discord?.stop();
  await bot?.close();
  await server?.dispose();
  bot = server = discord = undefined;
});

/** How long the primary stays down: a restart, or a failover's switch to the standby. */
const downMs = 2500;

describe('the PostgreSQL primary restarted under a steady load (fast shutdown, back on the same port and data)', () => {
  it('retries what failed meanwhile, completes every event once, and apologises to a player it could not answer', async () => {
    // A server of the test's own: the shared one serves the other test files.
    server = await startPrivatePostgres();
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE tandem');
    await admin.end();
    const url = server.url('tandem');
    await applyMigrations(url);
    // Jobs retry with backoff (1 s, doubling, with jitter): 5 attempts span about 15 s, longer than
    // the server is away (the default 3 span about 3 s: a job that runs out of them leaves its event
    // to reconcile's stuck-event pass, minutes later).
    const database = { name: 'tandem', url, drop: async () => {} };
    bot = await openTelegramBotUnderTest({ tandem: { database, attempts: 5, backoffMs: 1000 } });
    discord = await startDiscordBotHarness({ tandem: { database } });
    const bob = discord.world.users.bob;
    const t = bot.tandem;
    const players: string[] = [];
    for (let i = 0; i < 20; i++) players.push(await t.createPlayer(`P${i}`));
    const ann = bot.newUser('Ann');
    expect((await ann.command('profile')).text).not.toBe(somethingWentWrong);
    expect((await discord.runCommand(bob, 'profile')).original?.content).not.toBe(somethingWentWrong);

    // The events the workers derive (ranks, achievements) get the same attempts; each worker runs
    // the outbox relay, as in production (scaled down).
    const workers = await startWorkerProcesses(2, {
      databaseUrl: url,
      redisUrl: testRedisUrl,
      prefix: t.prefix,
      attempts: 5,
      backoffMs: 1000,
      relayEveryMs: 1000,
      outboxStaleAfterMs: 2000,
      lockDurationMs: 5000,
      stalledIntervalMs: 1000,
    });
    const load = startSteadyLoad({ perSecond: 60, submit: recordLikeEarningPaths(t.engine, players) });
    await sleep(2500);

    const faultStartedAt = Date.now();
    await server.stop();
    // A player's command while the database is away is answered, with an apology, on both platforms.
    const [answer, slashAnswer] = await Promise.all([
      ann.command('profile'),
      discord.runCommand(bob, 'profile'),
    ]);
    await sleep(Math.max(0, faultStartedAt + downMs - Date.now()));
    await server.start();
    const faultEndedAt = Date.now();
    await sleep(3000);
    const report = await load.stop();
    expect(answer.text).toBe(somethingWentWrong);
    expect(slashAnswer.original?.content).toBe(somethingWentWrong);
    expect((await ann.command('profile')).text).not.toBe(somethingWentWrong);
    expect((await discord.runCommand(bob, 'profile')).original?.content).not.toBe(somethingWentWrong);

    await waitUntilDrained(t, 30_000);
    await expectEveryEventOnce(t, { keys: loadKeys(report.submitted, players), reason: 'event_bonus' });
    expect(workers.map((worker) => worker.alive())).toEqual([true, true]);
    // Submissions failed while the server was away and went through once it was back.
    expect(report.producerRetries).toBeGreaterThan(0);

    const figures = await faultFigures(t, { faultEndedAt });
    printFigures('postgres-restart', figures, {
      submitted: report.submitted,
      downMs: faultEndedAt - faultStartedAt,
      producerRetries: report.producerRetries,
    });
  });
});
