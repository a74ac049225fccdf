import { type Client, HTTPError, type RateLimitData, RESTEvents } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DiscordControlClient } from './control-client.ts';
import { DiscordEmulator, type DiscordEmulatorOptions, type DiscordEmulatorUrls } from './index.ts';
import { buildScenario, type Scenario } from './scenario.ts';
import { connectClient } from './testing/discord-client.ts';

let emulator: DiscordEmulator | undefined;
let bot: Client | undefined;

afterEach(async () => {
  await bot?.destroy();
  await emulator?.stop();
  bot = undefined;
  emulator = undefined;
});

async function setUp(options: DiscordEmulatorOptions = {}, withClient = true) {
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 250, ...options });
  const urls = await emulator.start();
  const control = new DiscordControlClient(urls.controlUrl);
  const world = await buildScenario(control);
  if (withClient) bot = await connectClient(urls.apiUrl, world.bot.token);
  return { urls, control, world };
}

function api(urls: DiscordEmulatorUrls, world: Scenario, path: string, init: RequestInit = {}) {
  return fetch(`${urls.apiUrl}/v10${path}`, {
    ...init,
    headers: { authorization: `Bot ${world.bot.token}`, ...(init.headers as Record<string, string>) },
  });
}

function rateLimits(client: Client): RateLimitData[] {
  const seen: RateLimitData[] = [];
  client.rest.on(RESTEvents.RateLimited, (info) => seen.push(info));
  return seen;
}

describe('response shapes', () => {
  it('answers JSON as Content-Type application/json with no charset, errors and 429s too', async () => {
    const { urls, world } = await setUp({ rateLimits: { globalPerSecond: 2 } }, false);
    const answers = [
      await api(urls, world, '/users/@me'),
      await api(urls, world, '/users/1'),
      await api(urls, world, '/users/@me'),
      await fetch(`${urls.apiUrl}/v10/nowhere`),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 404, 429, 404]);
    for (const answer of answers) expect(answer.headers.get('content-type')).toBe('application/json');
  });

  it('gives the application and guild objects the fields Discord documents', async () => {
    const { urls, world } = await setUp({}, false);
    const application = (await (await api(urls, world, '/applications/@me')).json()) as Record<
      string,
      unknown
    >;
    expect(application).toMatchObject({
      id: world.bot.applicationId,
      bot_public: true,
      bot_require_code_grant: false,
      team: null,
      approximate_guild_count: 1,
      interactions_endpoint_url: null,
      role_connections_verification_url: null,
      event_webhooks_url: null,
      event_webhooks_status: 1,
      redirect_uris: [],
    });
    for (const retired of ['summary', 'type', 'hook']) expect(application).not.toHaveProperty(retired);

    const guild = (await (await api(urls, world, `/guilds/${world.guildId}`)).json()) as Record<
      string,
      unknown
    >;
    expect(guild).toMatchObject({ max_stage_video_channel_users: 50, incidents_data: null, nsfw_level: 0 });
    expect(guild).not.toHaveProperty('nsfw');
  });
});

describe('rate limits', () => {
  it('sends bucket headers and a 204 without a content type', async () => {
    const { urls, world } = await setUp({}, false);
    const response = await api(
      urls,
      world,
      `/guilds/${world.guildId}/members/${world.users.alice}/roles/${world.roles.gold}`,
      {
        method: 'PUT',
      },
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('content-type')).toBeNull();
    expect(response.headers.get('x-ratelimit-limit')).toBe('10');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('9');
    expect(Number(response.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(9);
    expect(response.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers an exhausted bucket with 429; discord.js waits, emits rateLimited and retries', async () => {
    const { urls, control, world } = await setUp({
      rateLimits: { buckets: { 'member-edits': { limit: 2, windowMs: 1_000 } } },
    });
    // Another process with the same token used up the bucket: this client learns it from the 429.
    for (const role of [world.roles.bronze, world.roles.silver]) {
      const used = await api(
        urls,
        world,
        `/guilds/${world.guildId}/members/${world.users.bob}/roles/${role}`,
        { method: 'PUT' },
      );
      expect(used.status).toBe(204);
    }
    const limited = await api(
      urls,
      world,
      `/guilds/${world.guildId}/members/${world.users.bob}/roles/${world.roles.gold}`,
      {
        method: 'PUT',
      },
    );
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(limited.headers.get('retry-after')).toBe('1');
    const body = (await limited.json()) as { retry_after: number; global: boolean };
    expect(body.global).toBe(false);
    expect(body.retry_after).toBeGreaterThan(0);
    expect(body.retry_after).toBeLessThanOrEqual(1);

    const client = bot as Client;
    const seen = rateLimits(client);
    const alice = await client.guilds.cache.get(world.guildId)?.members.fetch(world.users.alice);
    await alice?.roles.add(world.roles.gold);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({ global: false, route: '/guilds/:id/members/:id/roles/:id' });
    expect(await control.roleChanges({ userId: world.users.alice })).toMatchObject([
      { roleId: world.roles.gold },
    ]);
  });

  it('holds every call during a global 429 storm, then lets them through', async () => {
    const { control, world } = await setUp();
    const client = bot as Client;
    const seen = rateLimits(client);
    await control.rateLimitStorm({ durationMs: 1_000, scope: 'global' });
    const user = await client.users.fetch(world.users.carol, { force: true });
    expect(user.username).toBe('carol');
    expect(seen.some((info) => info.global)).toBe(true);
  });

  it('limits one route during a route storm', async () => {
    const { urls, control, world } = await setUp({}, false);
    await control.rateLimitStorm({ durationMs: 5_000, scope: 'route', route: 'GET /users/:userId' });
    expect((await api(urls, world, `/users/${world.users.alice}`)).status).toBe(429);
    expect((await api(urls, world, '/users/@me')).status).toBe(200);
  });

  it('applies the global per-bot limit (50/s by default, 3/s here) but not to interaction callbacks', async () => {
    const { urls, world } = await setUp({ rateLimits: { globalPerSecond: 3 } }, false);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api(urls, world, '/users/@me')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await api(urls, world, '/users/@me');
    expect(limited.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited.headers.get('x-ratelimit-scope')).toBe('global');
    const exempt = await fetch(`${urls.apiUrl}/v10/interactions/1/unknown/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":4}',
    });
    expect(exempt.status).toBe(404);
  });
});

describe('injected faults', () => {
  it('retries injected 5xx inside discord.js; beyond its retries the call fails with HTTPError', async () => {
    const { control, world } = await setUp();
    const client = bot as Client;
    await control.failNextRestCalls({ count: 2, status: 502, route: 'GET /users/' });
    expect((await client.users.fetch(world.users.alice, { force: true })).username).toBe('alice');
    await control.failNextRestCalls({ count: 4, status: 503, route: 'GET /users/:userId' });
    const error = await client.users
      .fetch(world.users.bob, { force: true })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(HTTPError);
    expect(error).toMatchObject({ status: 503 });
  });

  it('delays REST answers by the configured latency', async () => {
    const { urls, control, world } = await setUp({}, false);
    await control.setLatency(120);
    const started = performance.now();
    expect((await api(urls, world, '/users/@me')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });
});

describe('bad input gets Discord error shapes', () => {
  it('answers malformed JSON, missing fields, empty and oversized messages, unknown routes and bad tokens', async () => {
    const { urls, world } = await setUp({}, false);
    const post = (path: string, body: string) =>
      api(urls, world, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const messages = `/channels/${world.channels.general}/messages`;

    const malformed = await post(messages, '{"content": ');
    expect([malformed.status, await malformed.json()]).toEqual([
      400,
      { message: 'The request body contains invalid JSON.', code: 50109 },
    ]);
    const empty = await post(messages, '{}');
    expect([empty.status, await empty.json()]).toEqual([
      400,
      { message: 'Cannot send an empty message', code: 50006 },
    ]);
    const tooLong = await post(messages, JSON.stringify({ content: 'x'.repeat(2001) }));
    expect(await tooLong.json()).toEqual({
      message: 'Invalid Form Body',
      code: 50035,
      errors: {
        content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] },
      },
    });
    const missing = await post('/users/@me/channels', '{}');
    expect(await missing.json()).toMatchObject({
      code: 50035,
      errors: { recipient_id: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } },
    });
    const badCommand = await api(urls, world, `/applications/${world.bot.applicationId}/commands`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ name: 'Bad Name', description: 'x' }]),
    });
    expect(await badCommand.json()).toMatchObject({
      code: 50035,
      errors: { '0': { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } },
    });

    const unknown = await api(urls, world, '/no/such/route');
    expect([unknown.status, await unknown.json()]).toEqual([404, { message: '404: Not Found', code: 0 }]);
    const wrongMethod = await api(urls, world, '/users/@me', { method: 'DELETE' });
    expect([wrongMethod.status, await wrongMethod.json()]).toEqual([
      405,
      { message: '405: Method Not Allowed', code: 0 },
    ]);
    const unauthorized = await fetch(`${urls.apiUrl}/v10/users/@me`, {
      headers: { authorization: 'Bot nope' },
    });
    expect([unauthorized.status, await unauthorized.json()]).toEqual([
      401,
      { message: '401: Unauthorized', code: 0 },
    ]);
    const unknownGuild = await api(urls, world, '/guilds/123456789012345678');
    expect(await unknownGuild.json()).toEqual({ message: 'Unknown Guild', code: 10004 });

    // Still serving after all that.
    expect((await api(urls, world, '/users/@me')).status).toBe(200);
  });

  it('answers bad control requests with {error} and keeps running', async () => {
    const { urls, control } = await setUp({}, false);
    const malformed = await fetch(`${urls.controlUrl}/guilds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect([malformed.status, await malformed.json()]).toEqual([400, { error: 'Malformed JSON body' }]);
    await expect(control.createGuild({ name: '' })).rejects.toMatchObject({ status: 400 });
    await expect(control.guild('999')).rejects.toMatchObject({ status: 404 });
    await expect(control.runCommand({ channelId: '1', userId: '2', name: 'nothing' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('closes gateway connections that send garbage with Discord close codes', async () => {
    const { urls } = await setUp({}, false);
    const closeCodeAfter = (frames: string[]) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(`${urls.gatewayUrl}?v=10&encoding=json`);
        socket.once('message', () => {
          for (const frame of frames) socket.send(frame);
        });
        socket.once('close', (code) => resolve(code));
        socket.once('error', reject);
      });
    expect(await closeCodeAfter(['{not json'])).toBe(4002);
    expect(await closeCodeAfter([JSON.stringify({ op: 99, d: null })])).toBe(4001);
    expect(await closeCodeAfter([JSON.stringify({ op: 8, d: { guild_id: '1' } })])).toBe(4003);
    expect(
      await closeCodeAfter([JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } })]),
    ).toBe(4004);
    expect(await closeCodeAfter([JSON.stringify({ op: 2, d: { token: 'x', properties: {} } })])).toBe(4004);
  });
});
