import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildScenario,
  DiscordControlClient,
  DiscordEmulator,
  type Scenario,
} from '@tandem/emulators/discord';
import { TelegramEmulator } from '@tandem/emulators/telegram';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtEntrypoint } from '../../test/support/built-entrypoint.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { type PrivateRedis, startPrivateRedis } from '../local-servers/private-redis.ts';
import { createLogger } from '../logging/logger.ts';
import type { CheckResult } from './check-result.ts';
import { formatResults } from './format-results.ts';
import { exitStatusOf, runDoctor } from './run-doctor.ts';

let database: TestDatabase;
let sql: pg.Client;
let redisDir: string;
let redis: PrivateRedis;
let telegram: TelegramEmulator;
let telegramUrl: string;
let discord: DiscordEmulator;
let discordApi: string;
let control: DiscordControlClient;
let world: Scenario;

beforeAll(async () => {
  database = await createTestDatabase();
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  await sql.query(
    `INSERT INTO ranks (name, min_xp, priority) VALUES ('Bronze', 0, 1), ('Silver', 100, 2), ('Gold', 500, 3), ('Legend', 5000, 4)`,
  );
  await sql.query(
    `INSERT INTO achievements (slug, name, rule) VALUES ('first-words', 'First Words', '{"kind":"messages","count":1}')`,
  );
  redisDir = await mkdtemp(join(tmpdir(), 'tandem-doctor-redis-'));
  redis = await startPrivateRedis({ dataDir: redisDir, logger: createLogger('silent') });
  telegram = new TelegramEmulator();
  telegramUrl = (await telegram.start()).url;
  discord = new DiscordEmulator();
  const urls = await discord.start();
  discordApi = urls.apiUrl;
  control = new DiscordControlClient(urls.controlUrl);
  world = await buildScenario(control);
});

afterAll(async () => {
  await sql?.end();
  await database?.drop();
  await redis?.stop();
  await rm(redisDir, { recursive: true, force: true });
  await telegram?.stop();
  await discord?.stop();
});

/** The sandbox's community, owned for real: three ranks mapped to the roles below Tandem's. */
beforeEach(async () => {
  await sql.query('UPDATE ranks SET discord_role_id = NULL');
  await sql.query('UPDATE achievements SET discord_role_id = NULL');
  const { rows } = await sql.query<{ id: number }>('SELECT id FROM ranks ORDER BY min_xp LIMIT 3');
  const roles = [world.roles.bronze, world.roles.silver, world.roles.gold];
  for (const [i, row] of rows.entries())
    await sql.query('UPDATE ranks SET discord_role_id = $1 WHERE id = $2', [roles[i], row.id]);
  await control.updateBot(world.bot.applicationId, {
    privilegedIntents: ['GuildMembers', 'GuildPresences', 'MessageContent'],
  });
});

function settings(overrides: Record<string, string | undefined> = {}) {
  return {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    DATA_DIR: '.data',
    TELEGRAM_BOT_TOKEN: telegram.defaultBot.token,
    TELEGRAM_API_ROOT: telegramUrl,
    DISCORD_BOT_TOKEN: world.bot.token,
    DISCORD_GUILD_ID: world.guildId,
    DISCORD_API_ROOT: discordApi,
    ...overrides,
  };
}

const failures = (results: CheckResult[]) => results.filter((result) => !result.ok);
const named = (results: CheckResult[], name: string) => {
  const result = results.find((r) => r.name === name);
  if (!result) throw new Error(`no check named ${name} in\n${formatResults(results)}`);
  return result;
};

describe('npm run doctor', () => {
  it('passes every check of a healthy deployment: PostgreSQL, Redis, the Telegram bot and the Discord server', async () => {
    const results = await runDoctor(settings());
    expect(failures(results), formatResults(results)).toEqual([]);
    expect(exitStatusOf(results)).toBe(0);
    expect(results.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'PostgreSQL reachable',
        'PostgreSQL migrated',
        'Redis reachable',
        'Redis keeps queued jobs',
        'Redis persistence',
        'Telegram token',
        'Telegram updates',
        'Discord token',
        'Discord members intent',
        'Discord message content intent',
        'Discord server',
        'Discord Manage Roles',
        'Discord Send Messages',
      ]),
    );
    expect(named(results, 'Telegram updates').detail).toBe('long polling (no webhook set)');
    expect(results.filter((r) => r.name.startsWith('Discord role of rank ')).length).toBe(3);
    expect(formatResults(results)).toMatch(/^✓ PostgreSQL reachable: /);
    expect(formatResults(results)).toContain('Nothing blocks Tandem.');
  });

  it('names a wrong Telegram token as such, with where to get the right one', async () => {
    const results = await runDoctor(settings({ TELEGRAM_BOT_TOKEN: '123456:not-the-token' }));
    const token = named(results, 'Telegram token');
    expect(token.ok).toBe(false);
    expect(token.detail).toContain('the Telegram token is wrong');
    expect(token.fix).toContain('@BotFather');
    expect(exitStatusOf(results)).toBe(1);
  });

  it('reports a webhook with its address and pending updates', async () => {
    const setWebhook = await fetch(`${telegramUrl}/bot${telegram.defaultBot.token}/setWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://tandem.example.com/telegram' }),
    });
    expect(setWebhook.status).toBe(200);
    try {
      const updates = named(await runDoctor(settings()), 'Telegram updates');
      expect(updates.detail).toMatch(/^webhook https:\/\/tandem\.example\.com\/telegram, \d+ pending/);
    } finally {
      await fetch(`${telegramUrl}/bot${telegram.defaultBot.token}/deleteWebhook`, { method: 'POST' });
    }
  });

  it('names a wrong Discord token as such, with where to reset it', async () => {
    const results = await runDoctor(settings({ DISCORD_BOT_TOKEN: 'not-the-token' }));
    const token = named(results, 'Discord token');
    expect(token.ok).toBe(false);
    expect(token.detail).toContain('the Discord token is wrong');
    expect(token.fix).toContain('Developer Portal → your application → Bot');
    expect(exitStatusOf(results)).toBe(1);
  });

  it('names the privileged intent that is off and the toggle that turns it on', async () => {
    await control.updateBot(world.bot.applicationId, { privilegedIntents: ['GuildMembers'] });
    const results = await runDoctor(settings());
    expect(named(results, 'Discord members intent').ok).toBe(true);
    const content = named(results, 'Discord message content intent');
    expect(content.ok).toBe(false);
    expect(content.fix).toBe(
      'Turn on "Message Content Intent" under Privileged Gateway Intents in Discord Developer Portal → your application → Bot.',
    );
    expect(exitStatusOf(results)).toBe(1);
  });

  it('refuses a mapped role above Tandem’s own, and one that no longer exists, each with its fix', async () => {
    await sql.query(`UPDATE ranks SET discord_role_id = $1 WHERE id = (SELECT max(id) FROM ranks)`, [
      world.roles.staff,
    ]);
    await sql.query(
      `UPDATE achievements SET discord_role_id = '999999999999999999' WHERE id = (SELECT min(id) FROM achievements)`,
    );
    const results = await runDoctor(settings());
    const bad = failures(results);
    expect(bad.map((r) => r.fix)).toEqual(
      expect.arrayContaining([
        'Move the tandem role above Staff in Server Settings → Roles.',
        expect.stringMatching(/^Pick another role for achievement .+ in the admin panel\.$/),
      ]),
    );
    expect(bad).toHaveLength(2);
    expect(exitStatusOf(results)).toBe(1);
  });

  it('sends an owner whose bot is not in the server to the invite', async () => {
    const results = await runDoctor(settings({ DISCORD_GUILD_ID: '123456789012345678' }));
    const server = named(results, 'Discord server');
    expect(server.ok).toBe(false);
    expect(server.fix).toContain(`https://discord.com/oauth2/authorize?client_id=${world.bot.applicationId}`);
  });

  it('names a refused Redis connection', async () => {
    const results = await runDoctor(settings({ REDIS_URL: 'redis://127.0.0.1:1' }));
    const reachable = named(results, 'Redis reachable');
    expect(reachable.ok).toBe(false);
    expect(reachable.detail).toContain('the connection was refused');
    expect(reachable.fix).toContain('REDIS_URL');
    expect(exitStatusOf(results)).toBe(1);
  });

  it('refuses a Redis that may evict queued jobs', async () => {
    const admin = new Redis(redis.url);
    await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
    try {
      const results = await runDoctor(settings());
      const policy = named(results, 'Redis keeps queued jobs');
      expect(policy.ok).toBe(false);
      expect(policy.detail).toContain('allkeys-lru');
      expect(policy.fix).toContain('maxmemory-policy noeviction');
      expect(exitStatusOf(results)).toBe(1);
    } finally {
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      admin.disconnect();
    }
  });

  it('warns without blocking when Redis keeps no append-only file', async () => {
    const admin = new Redis(redis.url);
    await admin.config('SET', 'appendonly', 'no');
    try {
      const results = await runDoctor(settings());
      const aof = named(results, 'Redis persistence');
      expect(aof).toMatchObject({ ok: false, blocking: false });
      expect(formatResults(results)).toContain('! Redis persistence: AOF (appendonly) is off');
      expect(exitStatusOf(results)).toBe(0);
    } finally {
      await admin.config('SET', 'appendonly', 'yes');
      admin.disconnect();
    }
  });

  it('checks DATABASE_DIRECT_URL, PostgreSQL itself behind a pooler, when it is set', async () => {
    const reached = named(
      await runDoctor(settings({ DATABASE_DIRECT_URL: `${database.url}?application_name=tandem-migrate` })),
      'PostgreSQL reachable directly',
    );
    expect(reached.ok).toBe(true);
    const refused = named(
      await runDoctor(settings({ DATABASE_DIRECT_URL: 'postgresql://postgres@127.0.0.1:1/tandem' })),
      'PostgreSQL reachable directly',
    );
    expect(refused).toMatchObject({ ok: false, blocking: true });
    expect(refused.fix).toContain('DATABASE_DIRECT_URL');
    expect((await runDoctor(settings())).some((r) => r.name === 'PostgreSQL reachable directly')).toBe(false);
  });

  it('names a refused PostgreSQL connection and a pending migration', async () => {
    const refused = named(
      await runDoctor(settings({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/tandem' })),
      'PostgreSQL reachable',
    );
    expect(refused.ok).toBe(false);
    expect(refused.detail).toContain('the connection was refused');
    expect(refused.fix).toContain('DATABASE_URL');

    const { rows } = await sql.query<{ id: string; migration_name: string }>(
      'UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations") RETURNING id, migration_name',
    );
    try {
      const migrated = named(await runDoctor(settings()), 'PostgreSQL migrated');
      expect(migrated.ok).toBe(false);
      expect(migrated.detail).toBe(`1 pending: ${rows[0]!.migration_name}`);
      expect(migrated.fix).toContain('npm run migrate');
    } finally {
      await sql.query('UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = $1', [rows[0]!.id]);
    }
  });

  it('skips the platform checks in the sandbox when no emulators run, saying the bots run against them', async () => {
    const results = await runDoctor(
      settings({ TELEGRAM_BOT_TOKEN: undefined, DISCORD_BOT_TOKEN: undefined }),
    );
    expect(results.map((r) => `${r.name}: ${r.detail}`)).toEqual(
      expect.arrayContaining([
        'Sandbox: no bot token set: npm start runs both bots against the emulators',
        'Telegram: skipped: no TELEGRAM_BOT_TOKEN',
        'Discord: skipped: no DISCORD_BOT_TOKEN',
      ]),
    );
    expect(exitStatusOf(results)).toBe(0);
  });

  it('checks the sandbox’s emulators as the platforms they stand in for', async () => {
    const results = await runDoctor({
      ...settings({ TELEGRAM_BOT_TOKEN: undefined, DISCORD_BOT_TOKEN: undefined }),
      sandbox: {
        telegram: { token: telegram.defaultBot.token, apiRoot: telegramUrl },
        discord: { token: world.bot.token, apiRoot: discordApi, guildId: world.guildId },
      },
    });
    expect(failures(results), formatResults(results)).toEqual([]);
    expect(named(results, 'Sandbox').detail).toContain('checked here as the real platforms');
    expect(named(results, 'Telegram token').detail).toMatch(/^valid: @/);
    expect(named(results, 'Discord server').detail).toBe('the bot is in Tandem Test Guild');
    expect(results.filter((r) => r.name.startsWith('Discord role of rank ')).length).toBe(3);
  });

  it('names a missing Send Messages permission and how to grant it', async () => {
    const guild = await control.guild(world.guildId);
    const before = new Map(guild.roles.map((role) => [role.id, String(role.permissions)]));
    await control.updateRole(world.guildId, world.roles.botRole, {
      permissions: ['ManageRoles', 'ViewChannel'],
    });
    await control.updateRole(world.guildId, world.guildId, { permissions: ['ViewChannel'] });
    try {
      const results = await runDoctor(settings());
      const send = named(results, 'Discord Send Messages');
      expect(send.ok).toBe(false);
      expect(send.detail).toContain('lack Send Messages');
      expect(send.detail).toContain('DMs to players need none');
      expect(send.fix).toMatch(
        /^Give the tandem role the Send Messages permission in Server Settings → Roles/,
      );
      expect(named(results, 'Discord Manage Roles').ok).toBe(true);
      expect(exitStatusOf(results)).toBe(1);
    } finally {
      for (const id of [world.roles.botRole, world.guildId])
        await control.updateRole(world.guildId, id, { permissions: before.get(id) ?? '0' });
    }
  });

  it('refuses @everyone and a role an integration manages as mapped roles, each with its fix', async () => {
    const { rows } = await sql.query<{ id: number; name: string }>(
      'SELECT id, name FROM ranks ORDER BY min_xp DESC LIMIT 2',
    );
    await sql.query('UPDATE ranks SET discord_role_id = $1 WHERE id = $2', [world.guildId, rows[0]!.id]);
    await sql.query('UPDATE ranks SET discord_role_id = $1 WHERE id = $2', [
      world.roles.botRole,
      rows[1]!.id,
    ]);
    const results = await runDoctor(settings());
    const everyone = named(results, `Discord role of rank ${rows[0]!.name}`);
    expect(everyone).toMatchObject({ ok: false, blocking: true });
    expect(everyone.detail).toContain('@everyone is every member’s role');
    expect(everyone.fix).toBe(
      `Pick a role of its own for rank ${rows[0]!.name} in the admin panel (create one in Server Settings → Roles if needed).`,
    );
    const managed = named(results, `Discord role of rank ${rows[1]!.name}`);
    expect(managed).toMatchObject({ ok: false, blocking: true });
    expect(managed.detail).toContain('tandem is managed by an integration');
    expect(managed.fix).toBe(`Pick another role for rank ${rows[1]!.name} in the admin panel.`);
    expect(exitStatusOf(results)).toBe(1);
  });

  it('checks PUBLIC_URL for the Mini App menu button: off when unset, a warning over http, plain http fine against the emulator', async () => {
    const unset = named(await runDoctor(settings()), 'Mini App menu button');
    expect(unset).toMatchObject({ ok: true });
    expect(unset.detail).toMatch(/^off: PUBLIC_URL is not set; set it to the https address/);

    // The Telegram emulator at TELEGRAM_API_ROOT: it is told from a Bot API server by its control API.
    const againstEmulator = await runDoctor(settings({ PUBLIC_URL: 'http://localhost:3000' }));
    expect(named(againstEmulator, 'Mini App menu button')).toMatchObject({ ok: true });
    expect(failures(againstEmulator), formatResults(againstEmulator)).toEqual([]);

    // The same address with the real Telegram (a Bot API server that is no emulator): a warning.
    const server = createServer((req, res) => {
      res.writeHead(req.url?.startsWith('/control') ? 404 : 200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ ok: true, result: { username: 'tandem_bot', url: '', pending_update_count: 0 } }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const botApi = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const results = await runDoctor(
        settings({ PUBLIC_URL: 'http://tandem.example.com', TELEGRAM_API_ROOT: botApi }),
      );
      const warning = named(results, 'Mini App menu button');
      expect(warning).toMatchObject({ ok: false, blocking: false });
      expect(warning.detail).toContain('Telegram opens Mini Apps over https only');
      expect(formatResults(results)).toContain(
        '! Mini App menu button: off: PUBLIC_URL is http://tandem.example.com',
      );
      expect(exitStatusOf(results)).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }

    const https = named(
      await runDoctor(settings({ PUBLIC_URL: 'https://tandem.example.com' })),
      'Mini App menu button',
    );
    expect(https).toMatchObject({
      ok: true,
      detail: "the bot's menu button opens https://tandem.example.com/app/",
    });

    const malformed = await runDoctor(settings({ PUBLIC_URL: 'https://tandem.example.com/?from=doctor' }));
    expect(named(malformed, 'Mini App menu button')).toMatchObject({ ok: false, blocking: true });
    expect(exitStatusOf(malformed)).toBe(1);

    const sandbox = await runDoctor(
      settings({ TELEGRAM_BOT_TOKEN: undefined, DISCORD_BOT_TOKEN: undefined }),
    );
    expect(named(sandbox, 'Mini App menu button').detail).toContain("the sandbox's bot opens the Mini App");
  });

  it('runs as `npm run doctor` does: prints the lines and exits 1 on a wrong token', async () => {
    const child = spawn(process.execPath, [builtEntrypoint('doctor')], {
      env: { PATH: process.env.PATH ?? '', ...settings({ TELEGRAM_BOT_TOKEN: '123456:not-the-token' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(output).toContain('✓ PostgreSQL reachable');
    expect(output).toContain('✗ Telegram token: the Telegram token is wrong');
    expect(output).toContain('    fix: Copy the token @BotFather gave the bot');
    expect(output).toContain('1 problem blocks Tandem.');
    expect(code).toBe(1);
  });
});
