import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordControlClient } from '@tandem/emulators/discord';
import { TelegramControlClient } from '@tandem/emulators/telegram';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveLeaderboardSettings } from '../../src/leaderboard/save-leaderboard-settings.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { openServices, type Services } from '../../src/runtime/services.ts';
import { type SandboxProcess, startSandboxProcess } from '../faults/support/sandbox-process.ts';
import { launchChromium } from '../support/chromium.ts';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from '../support/database.ts';
import { testRedisUrl } from '../support/env.ts';
import { uiTimeoutMs } from '../support/panel-page.ts';
import { freePort } from '../support/telegram-bot-under-test.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * `npm start` with nothing configured, from an empty database: the community's visible side is
 * there to try at once (announcements in #general and the demo group, the public board, a running
 * season), nobody who only added the bot is a player, and the sandbox page's Discord pane bans and
 * brings back the member it plays, so the leaderboard's ban policy can be seen at work.
 */

let database: TestDatabase;
let dataDir: string;
let tandem: SandboxProcess | undefined;
let pool: pg.Pool;
let browser: Browser;
let sandboxUrl: string;
let apiBase: string;
let discord: DiscordControlClient;
let telegram: TelegramControlClient;
/** The running Tandem's database and queues, for an admin's grant through the engine. */
let services: Services;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'tandem-sandbox-life-'));
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const sandboxPort = await freePort();
  const queuePrefix = uniqueQueuePrefix();
  tandem = await startSandboxProcess({
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: queuePrefix,
    DATA_DIR: dataDir,
    PORT: '0',
    HEALTH_PORT: '0',
    SANDBOX_PORT: String(sandboxPort),
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: 'a-long-enough-password',
  });
  sandboxUrl = `http://127.0.0.1:${sandboxPort}/`;
  const admin = /Admin\s+(http:\/\/localhost:\d+)\/admin\//.exec(tandem.output());
  if (!admin) throw new Error(`no admin address in:\n${tandem.output()}`);
  apiBase = admin[1]!.replace('localhost', '127.0.0.1');
  const config = (await (await fetch(`${sandboxUrl}config.json`)).json()) as {
    telegramControlUrl: string;
    discordControlUrl: string;
  };
  discord = new DiscordControlClient(config.discordControlUrl);
  telegram = new TelegramControlClient(config.telegramControlUrl.replace(/\/control$/, ''));
  services = openServices({
    databaseUrl: database.url,
    databasePoolSize: 2,
    redisUrl: testRedisUrl,
    queuePrefix,
    syncAttempts: 3,
    syncBackoffMs: 50,
    logger: createLogger('silent'),
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await tandem?.stop();
  await services?.close();
  await pool?.end();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function board(): Promise<string[]> {
  const response = await fetch(`${apiBase}/api/public/leaderboard?perPage=50`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { rows: Array<{ displayName: string }> };
  return body.rows.map((row) => row.displayName);
}

async function guildWorld() {
  const state = (await discord.state()) as {
    guilds: Array<{ id: string; channels: Array<{ id: string; name: string }> }>;
    users: Array<{ id: string; username: string }>;
  };
  const guild = state.guilds[0]!;
  const userId = (name: string) => state.users.find((user) => user.username === name)!.id;
  return { guild, general: guild.channels.find((c) => c.name === 'general')!.id, userId };
}

describe('the sandbox from a clean start', () => {
  it('runs with announcements in #general and the demo group, the public board and a season', async () => {
    // The demo players, on the public board the first start opened.
    expect(await board()).toEqual(['Mira', 'Jonas', 'Priya']);
    const world = await telegram.world();
    const ana = world.users.find((user) => user.first_name === 'Ana')!;
    const botId = world.bots[0]!.id;
    const group = world.groups.find((g) => g.title === 'Tandem Community')!;

    // Ana added the bot to the group, and that made her no player.
    const anaPlayer = async () =>
      (
        await pool.query<{ player_id: string }>(
          `SELECT player_id FROM identities WHERE platform = 'telegram' AND platform_user_id = $1`,
          [String(ana.id)],
        )
      ).rows[0]?.player_id;
    expect(await anaPlayer()).toBeUndefined();

    await telegram.sendCommand({ from: ana.id, command: 'top', args: 'season' });
    await waitFor(
      async () =>
        (await telegram.messages(ana.id, { bot: botId })).some(
          (m) => m.sender.kind === 'bot' && /Sandbox week/.test(m.text ?? '') && /Mira/.test(m.text ?? ''),
        ),
      'the season board answering /top season',
      30_000,
    );
    const playerId = await anaPlayer();
    expect(playerId).toEqual(expect.any(String));

    // Admin grants make her a Newcomer, then a Rookie: the rank-up is announced where the first
    // start chose (a first rank is not a rank-up).
    const grant = (n: number, xp: number) =>
      services.engine.record({
        key: `admin-grant-sandbox-life-${n}-${playerId}`,
        playerId: playerId!,
        type: 'xp_change',
        source: 'admin',
        xpDelta: xp,
        reason: 'grant',
      });
    await grant(1, 100);
    await waitFor(
      async () =>
        (
          await pool.query(
            `SELECT 1 FROM sync_events WHERE player_id = $1 AND type = 'rank_change' AND status = 'completed'`,
            [playerId],
          )
        ).rowCount === 1,
      'her first rank recorded',
      30_000,
    );
    await grant(2, 500);
    const { general } = await guildWorld();
    await waitFor(
      async () => (await discord.messages(general)).some((m) => /reached Rookie/.test(String(m.content))),
      'the rank-up announced in #general',
      30_000,
    );
    await waitFor(
      async () =>
        (await telegram.messages(group.id)).some(
          (m) => m.sender.kind === 'bot' && /reached Rookie/.test(m.text ?? ''),
        ),
      'the rank-up announced in the demo group',
      30_000,
    );
  });

  it('bans, unbans and brings back the Discord member the page plays: hidden from the board while banned', async () => {
    await saveLeaderboardSettings(
      { db: { pool }, changes: { publish: async () => {} } },
      { value: { public: true, onBan: 'hide' } },
    );
    const { guild, general, userId } = await guildWorld();
    const bob = userId('bob');
    // Bob plays: he writes in #general and earns his first XP.
    await discord.sendMessage(general, { authorId: bob, content: 'good game everyone, see you tonight' });
    await waitFor(async () => (await board()).includes('bob'), 'bob on the board', 30_000);

    const page: Page = await browser.newPage();
    await page.goto(sandboxUrl);
    const pane = page.locator('#discord');
    await expect
      .poll(() => pane.locator('.stream-status').getAttribute('data-status'), { timeout: uiTimeoutMs })
      .toBe('live');
    await pane.locator('#dc-member').selectOption(bob);
    const button = (change: string) => pane.locator(`.membership [data-membership="${change}"]`);

    await button('ban').click();
    await expect
      .poll(() => pane.locator('.membership').textContent(), { timeout: uiTimeoutMs })
      .toContain('Banned');
    await expect
      .poll(async () => (await pane.locator('#dc-member option:checked').textContent()) ?? '')
      .toContain('banned');
    expect(await pane.locator('.composer-input').isDisabled()).toBe(true);
    expect((await discord.guild(guild.id)).bans).toEqual([{ userId: bob, reason: 'banned in the sandbox' }]);
    await waitFor(async () => !(await board()).includes('bob'), 'bob hidden while banned', 30_000);

    await button('unban').click();
    await expect
      .poll(() => pane.locator('.membership').textContent(), { timeout: uiTimeoutMs })
      .toContain('Not in the server');
    await button('rejoin').click();
    await expect.poll(() => button('leave').count(), { timeout: uiTimeoutMs }).toBe(1);
    expect(await pane.locator('.composer-input').isDisabled()).toBe(false);
    await waitFor(
      async () => (await board()).includes('bob'),
      'bob back on the board after rejoining',
      30_000,
    );

    // Leaving keeps him on the board: the community's leave policy is `keep`.
    await button('leave').click();
    await expect.poll(() => button('rejoin').count(), { timeout: uiTimeoutMs }).toBe(1);
    await waitFor(
      async () =>
        (await pool.query(`SELECT departure FROM players WHERE display_name = 'bob'`)).rows[0]?.departure ===
        'left',
      "bob's departure recorded",
      30_000,
    );
    expect(await board()).toContain('bob');
    await page.close();
  });
});
