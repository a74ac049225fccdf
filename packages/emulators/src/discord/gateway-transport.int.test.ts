import { Events } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordControlClient } from './control-client.ts';
import { DiscordEmulator, type DiscordEmulatorOptions } from './index.ts';
import { buildScenario, type Scenario } from './scenario.ts';
import { connectClient, nextEvent, silenceHeartbeats } from './testing/discord-client.ts';
import { endsWithSyncFlush, RawGatewayClient } from './testing/raw-gateway.ts';

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startEmulator(options: DiscordEmulatorOptions = {}) {
  const emulator = new DiscordEmulator({ heartbeatIntervalMs: 1_000, ...options });
  const urls = await emulator.start();
  cleanups.push(() => emulator.stop());
  const control = new DiscordControlClient(urls.controlUrl);
  const world = await buildScenario(control);
  return { emulator, urls, control, world };
}

function rawClient(url: string): RawGatewayClient {
  const client = new RawGatewayClient(url);
  cleanups.push(() => client.close());
  return client;
}

/** Guilds, GuildMessages and MessageContent: enough to see a message's text. */
const RAW_INTENTS = 1 | (1 << 9) | (1 << 15);

function identify(client: RawGatewayClient, world: Scenario): void {
  client.send({
    op: 2,
    d: {
      token: world.bot.token,
      intents: RAW_INTENTS,
      properties: { os: 'linux', browser: 'raw', device: 'raw' },
    },
  });
}

async function eventsOf(control: DiscordControlClient, kind: string) {
  return (await control.history()).filter((event) => event.kind === kind);
}

async function waitForEvent(control: DiscordControlClient, kind: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [event] = await eventsOf(control, kind);
    if (event) return event;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No ${kind} within ${timeoutMs} ms`);
}

describe('zlib-stream transport compression', () => {
  it('sends every payload as a binary frame of one deflate stream, each ending with Z_SYNC_FLUSH', async () => {
    const { urls, world } = await startEmulator();
    const client = rawClient(`${urls.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const hello = await client.next((payload) => payload.op === 10);
    expect(hello.d).toMatchObject({ heartbeat_interval: 1_000 });
    identify(client, world);
    const ready = await client.dispatch('READY');
    expect(ready.d).toMatchObject({ session_id: expect.any(String), v: 10 });
    const guild = await client.dispatch('GUILD_CREATE');
    expect(guild.d).toMatchObject({ id: world.guildId });
    client.send({ op: 1, d: guild.s });
    await client.next((payload) => payload.op === 11);

    expect(client.textFrames).toEqual([]);
    expect(client.binaryFrames.length).toBeGreaterThanOrEqual(4);
    expect(client.binaryFrames.every(endsWithSyncFlush)).toBe(true);
    // Only the first frame carries the zlib header: later ones continue the same context.
    expect(client.binaryFrames[0]?.[0]).toBe(0x78);
    expect(client.payloads.map((payload) => payload.op)).toEqual([10, 0, 0, 11]);
  });

  it('sends op 9 INVALID_SESSION through the same stream', async () => {
    const { urls, world, control } = await startEmulator();
    const client = rawClient(`${urls.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    identify(client, world);
    await client.dispatch('GUILD_CREATE');
    await control.dropGateway({ mode: 'invalid-session' });
    const invalid = await client.next((payload) => payload.op === 9);
    expect(invalid.d).toBe(false);
  });

  it('refuses zstd-stream and etf with 4002, which it does not speak', async () => {
    const { urls } = await startEmulator();
    const zstd = rawClient(`${urls.gatewayUrl}?v=10&encoding=json&compress=zstd-stream`);
    expect((await zstd.closed).code).toBe(4002);
    const etf = rawClient(`${urls.gatewayUrl}?v=10&encoding=etf`);
    expect((await etf.closed).code).toBe(4002);
  });

  it('sends plain text frames without compress', async () => {
    const { urls } = await startEmulator();
    const client = rawClient(`${urls.gatewayUrl}?v=10&encoding=json`);
    await client.next((payload) => payload.op === 10);
    expect(client.binaryFrames).toEqual([]);
    expect(client.textFrames).toHaveLength(1);
  });
});

describe('zombie connections', () => {
  it('closes a connection that stops heartbeating with 4009 and lets the session resume', async () => {
    const { urls, world, control } = await startEmulator({ heartbeatIntervalMs: 300, heartbeatGraceMs: 200 });
    const zombie = rawClient(`${urls.gatewayUrl}?v=10&encoding=json`);
    identify(zombie, world);
    const ready = await zombie.dispatch('READY');
    const startedAt = Date.now();
    const closed = await zombie.closed;
    expect(closed.code).toBe(4009);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(await eventsOf(control, 'gateway.zombie')).toHaveLength(1);

    // Dispatched while no connection is attached: kept for the resume.
    await control.sendMessage(world.channels.general, { authorId: world.users.alice, content: 'missed' });
    const seq = Math.max(...zombie.payloads.map((payload) => payload.s ?? 0));
    const resumer = rawClient(`${urls.gatewayUrl}?v=10&encoding=json`);
    resumer.send({
      op: 6,
      d: { token: world.bot.token, session_id: (ready.d as { session_id: string }).session_id, seq },
    });
    const missed = await resumer.dispatch('MESSAGE_CREATE');
    expect(missed.d).toMatchObject({ content: 'missed' });
    await resumer.dispatch('RESUMED');
  });

  it('leaves a connection that heartbeats in time open', async () => {
    const { urls, world } = await startEmulator({ heartbeatIntervalMs: 300, heartbeatGraceMs: 200 });
    const client = rawClient(`${urls.gatewayUrl}?v=10&encoding=json`);
    identify(client, world);
    await client.dispatch('READY');
    const beating = setInterval(() => client.send({ op: 1, d: null }), 250);
    cleanups.push(() => clearInterval(beating));
    const outcome = await Promise.race([
      client.closed.then(({ code }) => `closed ${code}`),
      new Promise((resolve) => setTimeout(() => resolve('open'), 1_500)),
    ]);
    expect(outcome).toBe('open');
  });

  it('discord.js resumes after the gateway closed its silent connection', async () => {
    const { urls, world, control } = await startEmulator({ heartbeatIntervalMs: 300, heartbeatGraceMs: 200 });
    const client = await connectClient(urls.apiUrl, world.bot.token);
    cleanups.push(() => client.destroy());
    const resumeHeartbeats = silenceHeartbeats(client);
    const resumed = nextEvent(client, Events.ShardResume, () => true, 10_000);
    const zombie = await waitForEvent(control, 'gateway.zombie');
    resumeHeartbeats();
    await resumed;
    expect(zombie.botUserId).toBe(world.bot.userId);
    const closes = await eventsOf(control, 'gateway.closed');
    expect(closes.map((event) => event.code)).toContain(4009);
    expect(await eventsOf(control, 'gateway.identified')).toHaveLength(1);

    const received = nextEvent(client, Events.MessageCreate);
    await control.sendMessage(world.channels.general, { authorId: world.users.bob, content: 'back' });
    expect((await received)[0].content).toBe('back');
  });

  it('stops the gateway until the faults are cleared: connections cut, new ones refused, then a resume', async () => {
    const { urls, world, control } = await startEmulator({ heartbeatIntervalMs: 300 });
    const client = await connectClient(urls.apiUrl, world.bot.token);
    cleanups.push(() => client.destroy());
    expect(await control.stopGateway()).toEqual({ connections: 1 });
    expect(await control.faults()).toMatchObject({ gatewayDown: true });
    await waitForEvent(control, 'gateway.refused');
    // Sent while the gateway is down: replayed when the client resumes.
    await control.sendMessage(world.channels.general, { authorId: world.users.bob, content: 'while down' });
    const received = nextEvent(client, Events.MessageCreate, () => true, 15_000);
    await control.clearFaults();
    expect((await received)[0].content).toBe('while down');
    expect(await control.faults()).toMatchObject({ gatewayDown: false });
  });
});
