// No token or password reaches a log line. Every log line of a Tandem process is captured (the
// process's logger configured as createLogger configures it, level trace, written here instead of
// stdout) while admins sign in, fail to, and change a password, both bots start with their tokens
// (Telegram in webhook mode, with its secret), workers run, and the webhook handles updates, also
// while Telegram is unreachable (network errors carry the URLs they failed on, and the Bot API's
// URLs hold the token). src/logging/logger.unit.test.ts checks the redaction paths alone.

import { DiscordEmulator } from '@tandem/emulators/discord';
import { type DemoWorld, seedDemoWorld } from '@tandem/emulators/sandbox';
import { TelegramEmulator } from '@tandem/emulators/telegram';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedAdminApi, startAdminApi } from '../../src/admin-api/app.ts';
import { hashPassword } from '../../src/admin-api/auth/passwords.ts';
import { sessionCookieName } from '../../src/admin-api/auth/session-cookie.ts';
import { seedEconomyDefaults } from '../../src/catalog/seed.ts';
import { seedDemoContent } from '../../src/content/demo-content.ts';
import { redactedPaths } from '../../src/logging/logger.ts';
import { createPlatformPorts, type OpenPlatformPorts } from '../../src/platforms/platform-ports.ts';
import { type RunningBots, startBots } from '../../src/runtime/bot-runtime.ts';
import type { PlatformEndpoints } from '../../src/runtime/platform-endpoints.ts';
import { openServices, type Services } from '../../src/runtime/services.ts';
import { seedSandboxCommunity } from '../../src/sandbox/seed-sandbox-community.ts';
import { type SyncWorkers, startSyncWorkers } from '../../src/sync/workers.ts';
import { panelHeaders } from '../support/admin-api-world.ts';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from '../support/database.ts';
import { testRedisUrl } from '../support/env.ts';
import { freePort } from '../support/telegram-bot-under-test.ts';
import { waitFor } from '../support/wait-for.ts';

const lines: string[] = [];
const logger = pino(
  { name: 'tandem', level: 'trace', redact: { paths: redactedPaths, censor: '[redacted]' } },
  { write: (line: string) => lines.push(line) },
);

const password = 'first-admin-password-71';
const newPassword = 'second-admin-password-83';
const wrongPassword = 'a-wrong-guess-password-29';
const webhookSecret = 'webhook-secret-token_5521';

let database: TestDatabase;
let services: Services;
let ports: OpenPlatformPorts;
let telegram: TelegramEmulator;
let discord: DiscordEmulator;
let demo: DemoWorld;
let api: StartedAdminApi;
let workers: SyncWorkers;
let bots: RunningBots | undefined;
let hookUrl: string;
const secrets: Record<string, string> = {
  password,
  newPassword,
  wrongPassword,
  webhookSecret,
};

beforeAll(async () => {
  telegram = new TelegramEmulator();
  await telegram.start();
  discord = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  const urls = await discord.start();
  demo = await seedDemoWorld(telegram.url, urls.controlUrl);
  const platforms: PlatformEndpoints = {
    telegram: { token: demo.telegram.bot.token, apiRoot: telegram.url },
    discord: { token: demo.discord.bot.token, apiRoot: urls.apiUrl, guildId: demo.discord.guildId },
  };
  secrets.telegramToken = demo.telegram.bot.token;
  secrets.telegramTokenSecretPart = demo.telegram.bot.token.split(':')[1]!;
  secrets.discordToken = demo.discord.bot.token;
  ports = createPlatformPorts(platforms);
  database = await createTestDatabase();
  services = openServices({
    databaseUrl: database.url,
    databasePoolSize: 10,
    redisUrl: testRedisUrl,
    queuePrefix: uniqueQueuePrefix(),
    syncAttempts: 2,
    syncBackoffMs: 50,
    logger,
    ports,
  });
  await seedEconomyDefaults(services.db.prisma);
  await seedDemoContent(services.db.prisma);
  await seedSandboxCommunity(services, demo);
  await services.db.prisma.admin.create({
    data: { username: 'alice', role: 'admin', passwordHash: await hashPassword(password) },
  });
  api = await startAdminApi(services, { port: 0, host: '127.0.0.1' });
  workers = startSyncWorkers(services, {
    connection: services.workerRedis,
    prefix: services.queuePrefix,
    concurrency: 4,
    platformPerSecond: 100,
    notificationsPerSecond: 100,
    maintenance: {
      retention: { completedDays: 30, failedDays: 7 },
      reconcile: { roleDriftPolicy: 'restore', stuckAfterMs: 300_000 },
      outboxStaleAfterMs: 0,
    },
  });
  hookUrl = `http://127.0.0.1:${await freePort()}/telegram/webhook`;
  bots = await startBots(services, platforms, {
    roleDriftPolicy: 'restore',
    voiceTickMs: 3_600_000,
    telegramWebhook: {
      url: hookUrl,
      secretToken: webhookSecret,
      port: Number(new URL(hookUrl).port),
      host: '127.0.0.1',
    },
  });
});

afterAll(async () => {
  await bots?.stop();
  await workers?.close();
  await api?.close();
  for (const queue of services?.queues.all() ?? []) await queue.obliterate({ force: true }).catch(() => {});
  await services?.close();
  await database?.drop();
  await ports?.close();
  await discord?.stop();
  await telegram?.stop();
});

function signIn(username: string, secret: string) {
  return fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { ...panelHeaders(api.url), 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: secret }),
  });
}

/** A `/daily` as Telegram would post it, from a user the emulator does not know. */
function postDaily(updateId: number) {
  return fetch(hookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhookSecret },
    body: JSON.stringify({
      update_id: updateId,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 880_000 + updateId, type: 'private', first_name: 'Lena' },
        from: { id: 880_000 + updateId, is_bot: false, first_name: 'Lena' },
        text: '/daily',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    }),
  });
}

const logged = (message: string) => lines.some((line) => JSON.parse(line).msg === message);

describe('the logs', () => {
  it('hold no password, session token, bot token or webhook secret', async () => {
    // Signing in, failing to (also with the password typed into the username box), changing the password.
    const signedIn = await signIn('alice', password);
    expect(signedIn.status).toBe(200);
    const cookie = new RegExp(`${sessionCookieName}=([^;]+)`).exec(signedIn.headers.get('set-cookie')!)!;
    secrets.sessionToken = cookie[1]!;
    expect((await signIn('alice', wrongPassword)).status).toBe(401);
    expect((await signIn(password, password)).status).toBe(401);
    const changed = await fetch(`${api.url}/api/auth/password`, {
      method: 'POST',
      headers: { ...panelHeaders(api.url), 'content-type': 'application/json', cookie: cookie[0] },
      body: JSON.stringify({ currentPassword: password, newPassword }),
    });
    expect(changed.status).toBe(200);

    // A player on Telegram, through the webhook, and on Discord.
    const ana = demo.telegram.users[0]!;
    const sent = telegram.control.sendCommand({ from: ana.id, command: 'daily' });
    await telegram.control.waitFor({ types: ['bot.message'], chatId: ana.id, since: sent.seq });

    // Telegram unreachable: the bot's answers and the workers' notifications fail on the network.
    await telegram.stop();
    expect((await postDaily(1)).status).toBe(200);
    expect((await postDaily(2)).status).toBe(200);
    await waitFor(async () => logged('Telegram update failed'), 'the failed update logged', 20_000);
    // A rank-up the workers tell Ana about on Telegram: the notification job fails on the network.
    const { rows } = await services.db.pool.query<{ player_id: string }>(
      `SELECT player_id FROM identities WHERE platform = 'telegram' AND platform_user_id = $1`,
      [String(ana.id)],
    );
    await services.engine.record({
      key: `admin-grant-logs-${rows[0]!.player_id}`,
      playerId: rows[0]!.player_id,
      type: 'xp_change',
      source: 'admin',
      xpDelta: 5_000,
      reason: 'grant',
    });
    await waitFor(async () => logged('job failed'), 'a failed notification logged', 20_000);

    expect(logged('admin signed in')).toBe(true);
    expect(logged('failed admin sign-in')).toBe(true);
    expect(logged('admin changed their password')).toBe(true);
    const output = lines.join('');
    for (const [name, secret] of Object.entries(secrets)) expect(output, name).not.toContain(secret);
  });
});
