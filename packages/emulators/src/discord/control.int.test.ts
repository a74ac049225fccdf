import type { Client } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordControlClient } from './control-client.ts';
import { DiscordEmulator, type DiscordEmulatorUrls } from './index.ts';
import { buildScenario, type Scenario } from './scenario.ts';
import { connectClient } from './testing/discord-client.ts';

let emulator: DiscordEmulator;
let urls: DiscordEmulatorUrls;
let control: DiscordControlClient;
let world: Scenario;
let bot: Client | undefined;

beforeEach(async () => {
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  urls = await emulator.start();
  control = new DiscordControlClient(urls.controlUrl);
  world = await buildScenario(control);
});

afterEach(async () => {
  await bot?.destroy();
  bot = undefined;
  await emulator.stop();
});

/** Reads the SSE stream until an event of `kind` arrives; returns its data. */
async function readUntil(response: Response, kind: string): Promise<Record<string, unknown>> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${kind}`);
    buffer += decoder.decode(value, { stream: true });
    for (const block of buffer.split('\n\n').slice(0, -1)) {
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event === kind && data) {
        await reader.cancel();
        return JSON.parse(data) as Record<string, unknown>;
      }
    }
    buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
  }
}

describe('control API', () => {
  it('streams what happens as Server-Sent Events, with earlier events on request', async () => {
    const stream = await fetch(`${urls.controlUrl}/events`);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    await control.sendMessage(world.channels.general, { authorId: world.users.alice, content: 'gg' });
    const event = await readUntil(stream, 'message.created');
    expect(event).toMatchObject({ kind: 'message.created', message: { content: 'gg' } });

    const replay = await fetch(`${urls.controlUrl}/events?replay=true`);
    expect(await readUntil(replay, 'guild.created')).toMatchObject({ name: 'Tandem Test Guild' });
  });

  it('shows gateway sessions in the state and forgets everything on reset', async () => {
    bot = await connectClient(urls.apiUrl, world.bot.token);
    const state = (await control.state()) as { sessions: Array<{ botUserId: string; connected: boolean }> };
    expect(state.sessions).toMatchObject([{ botUserId: world.bot.userId, connected: true }]);

    await control.reset();
    const after = (await control.state()) as { guilds: unknown[]; bots: unknown[]; sessions: unknown[] };
    expect([after.guilds, after.bots, after.sessions]).toEqual([[], [], []]);
    const rejected = await fetch(`${urls.apiUrl}/v10/users/@me`, {
      headers: { authorization: `Bot ${world.bot.token}` },
    });
    expect(rejected.status).toBe(401);
  });
});
