import type { Client, TextChannel } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { pngHeader } from '../media/png-header.ts';
import { DiscordControlClient } from './control-client.ts';
import { DiscordEmulator } from './index.ts';
import { buildScenario } from './scenario.ts';
import { connectClient } from './testing/discord-client.ts';

let emulator: DiscordEmulator | undefined;
let bot: Client | undefined;

afterEach(async () => {
  await bot?.destroy();
  await emulator?.stop();
  bot = undefined;
  emulator = undefined;
});

/** Discord's ISO8601 form: six fractional digits and an explicit `+00:00` offset. */
const discordTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/;

describe('object fields', () => {
  it('writes message and member timestamps as Discord does, and discord.js reads them', async () => {
    emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
    const urls = await emulator.start();
    const control = new DiscordControlClient(urls.controlUrl);
    const world = await buildScenario(control);
    bot = await connectClient(urls.apiUrl, world.bot.token);
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${urls.apiUrl}/v10${path}`, {
        ...init,
        headers: { authorization: `Bot ${world.bot.token}`, 'content-type': 'application/json' },
      });

    const channel = (await bot.channels.fetch(world.channels.general)) as TextChannel;
    const sent = await channel.send('Season starts today');
    const edited = await sent.edit('Season starts tomorrow');

    const raw = (await (await api(`/channels/${channel.id}/messages/${sent.id}`)).json()) as {
      timestamp: string;
      edited_timestamp: string;
    };
    expect(raw.timestamp).toMatch(discordTimestamp);
    expect(raw.edited_timestamp).toMatch(discordTimestamp);
    expect(edited.createdTimestamp).toBe(Date.parse(raw.timestamp));
    expect(edited.editedTimestamp).toBe(Date.parse(raw.edited_timestamp));

    const member = (await (await api(`/guilds/${world.guildId}/members/${world.users.alice}`)).json()) as {
      joined_at: string;
    };
    expect(member.joined_at).toMatch(discordTimestamp);
    const fetched = await channel.guild.members.fetch(world.users.alice);
    expect(fetched.joinedTimestamp).toBe(Date.parse(member.joined_at));
  });

  it('gives user objects every documented field, the newer ones null, in REST answers and as message authors', async () => {
    emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
    const urls = await emulator.start();
    const control = new DiscordControlClient(urls.controlUrl);
    const world = await buildScenario(control);
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${urls.apiUrl}/v10${path}`, {
        ...init,
        headers: { authorization: `Bot ${world.bot.token}`, 'content-type': 'application/json' },
      });

    const alice = await (await api(`/users/${world.users.alice}`)).json();
    expect(alice).toEqual({
      id: world.users.alice,
      username: 'alice',
      global_name: null,
      discriminator: '0',
      avatar: null,
      avatar_decoration_data: null,
      collectibles: null,
      primary_guild: null,
      banner: null,
      accent_color: null,
      public_flags: 0,
      flags: 0,
    });

    const sent = (await (
      await api(`/channels/${world.channels.general}/messages`, {
        method: 'POST',
        body: JSON.stringify({ content: 'Welcome to the season' }),
      })
    ).json()) as { author: Record<string, unknown> };
    expect(sent.author).toMatchObject({
      id: world.bot.userId,
      bot: true,
      collectibles: null,
      primary_guild: null,
    });
  });

  it('gives image attachments width and height, and other files neither', async () => {
    emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
    const urls = await emulator.start();
    const control = new DiscordControlClient(urls.controlUrl);
    const world = await buildScenario(control);
    bot = await connectClient(urls.apiUrl, world.bot.token);

    const channel = (await bot.channels.fetch(world.channels.general)) as TextChannel;
    const sent = await channel.send({
      content: 'Season badge',
      files: [
        { attachment: pngHeader(64, 32), name: 'badge.png' },
        { attachment: Buffer.from('rank,xp\nalice,120\n'), name: 'report.csv' },
      ],
    });
    const [badge, report] = [...sent.attachments.values()];
    expect(badge).toMatchObject({ name: 'badge.png', width: 64, height: 32 });
    expect(report).toMatchObject({ name: 'report.csv', width: null, height: null });

    const raw = (await (
      await fetch(`${urls.apiUrl}/v10/channels/${channel.id}/messages/${sent.id}`, {
        headers: { authorization: `Bot ${world.bot.token}` },
      })
    ).json()) as { attachments: Record<string, unknown>[] };
    expect(raw.attachments[0]).toMatchObject({ filename: 'badge.png', width: 64, height: 32 });
    expect(raw.attachments[1]).not.toHaveProperty('width');
    expect(raw.attachments[1]).not.toHaveProperty('height');
  });
});
