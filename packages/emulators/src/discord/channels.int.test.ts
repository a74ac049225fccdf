import {
  CategoryChannel,
  ChannelType,
  type Client,
  Events,
  ForumChannel,
  type Guild,
  NewsChannel,
  StageChannel,
  TextChannel,
  VoiceChannel,
} from 'discord.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DiscordControlClient } from './control-client.ts';
import type { DiscordEmulatorUrls } from './index.ts';
import type { Scenario } from './scenario.ts';
import { startBotInScenario } from './testing/bot-in-scenario.ts';
import { nextEvent } from './testing/discord-client.ts';
import { nextDispatch } from './testing/raw-dispatch.ts';

let urls: DiscordEmulatorUrls;
let control: DiscordControlClient;
let world: Scenario;
let bot: Client;
let guild: () => Guild;

beforeEach(async () => {
  const started = await startBotInScenario();
  ({ urls, control, world, bot, guild } = started);
  return started.stop;
});

/** Lets the bot manage channels, as an admin ticking Manage Channels on its role. */
async function grantManageChannels() {
  const updated = nextEvent(bot, Events.GuildRoleUpdate, (_old, role) => role.id === world.roles.botRole);
  await control.setRolePermissions(world.guildId, world.roles.botRole, [
    'ViewChannel',
    'SendMessages',
    'ManageRoles',
    'ManageChannels',
  ]);
  await updated;
}

describe('listing channels', () => {
  it('answers every guild channel with its type, category and position', async () => {
    const category = await control.createChannel(world.guildId, { name: 'Ranks', type: 'category' });
    await control.createChannel(world.guildId, { name: 'news', type: 'announcement', parentId: category.id });
    await control.createChannel(world.guildId, { name: 'Stage', type: 'stage' });
    await control.createChannel(world.guildId, { name: 'ideas', type: 'forum', parentId: category.id });
    const channels = await guild().channels.fetch();
    const byName = (name: string) => channels.find((channel) => channel?.name === name);
    expect(byName('general')).toBeInstanceOf(TextChannel);
    expect(byName('Lounge')).toBeInstanceOf(VoiceChannel);
    expect(byName('Ranks')).toBeInstanceOf(CategoryChannel);
    expect(byName('news')).toBeInstanceOf(NewsChannel);
    expect(byName('Stage')).toBeInstanceOf(StageChannel);
    expect(byName('ideas')).toBeInstanceOf(ForumChannel);
    expect(byName('news')?.parentId).toBe(category.id);
    expect((byName('Ranks') as CategoryChannel).children.cache.map((c) => c.name).sort()).toEqual([
      'ideas',
      'news',
    ]);
    const raw = (await bot.rest.get(`/guilds/${world.guildId}/channels`)) as Array<{
      type: number;
      position: number;
    }>;
    expect(raw.map((c) => c.type).sort((a, b) => a - b)).toEqual([0, 2, 2, 4, 5, 13, 15]);
  });
});

describe('creating channels', () => {
  it('needs Manage Channels (50013)', async () => {
    await expect(guild().channels.create({ name: 'rank-ups' })).rejects.toMatchObject({
      status: 403,
      code: 50013,
    });
  });

  it('answers 201 with the channel, named as Discord names text channels, and sends CHANNEL_CREATE', async () => {
    await grantManageChannels();
    const category = await guild().channels.create({ name: 'Tandem', type: ChannelType.GuildCategory });
    expect(category).toBeInstanceOf(CategoryChannel);
    const announced = nextDispatch(bot, 'CHANNEL_CREATE', (d) => d.name === 'rank-ups');
    const response = await fetch(`${urls.apiUrl}/v10/guilds/${world.guildId}/channels`, {
      method: 'POST',
      headers: {
        authorization: `Bot ${world.bot.token}`,
        'content-type': 'application/json',
        'x-audit-log-reason': 'Setup',
      },
      body: JSON.stringify({ name: 'Rank Ups', type: 0, parent_id: category.id, topic: 'Who ranked up' }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'rank-ups', type: 0, parent_id: category.id, topic: 'Who ranked up' });
    expect(await announced).toMatchObject({ id: body.id, guild_id: world.guildId });
    const record = (await control.history()).find(
      (event) => event.kind === 'channel.created' && (event.channel as { id: string }).id === body.id,
    );
    expect(record).toMatchObject({ actor: { userId: world.bot.userId, reason: 'Setup' } });
  });

  it('refuses a parent that is not a category and an unknown type with 50035', async () => {
    await grantManageChannels();
    await expect(
      guild().channels.create({ name: 'x', parent: world.channels.general }),
    ).rejects.toMatchObject({ code: 50035, rawError: { errors: { parent_id: expect.any(Object) } } });
    await expect(
      bot.rest.post(`/guilds/${world.guildId}/channels`, { body: { name: 'x', type: 3 } }),
    ).rejects.toMatchObject({ code: 50035, rawError: { errors: { type: expect.any(Object) } } });
  });
});

describe('editing channels', () => {
  it('edits name, topic and category; discord.js sees channelUpdate', async () => {
    await grantManageChannels();
    const cached = nextEvent(bot, Events.ChannelCreate, (channel) => channel.name === 'Ranks');
    const category = await control.createChannel(world.guildId, { name: 'Ranks', type: 'category' });
    await cached;
    const general = guild().channels.cache.get(world.channels.general) as TextChannel;
    const updated = nextEvent(bot, Events.ChannelUpdate, (_old, channel) => channel.id === general.id);
    const edited = await general.edit({ name: 'chat', topic: 'Say hi', parent: category.id });
    expect(edited).toMatchObject({ name: 'chat', topic: 'Say hi', parentId: category.id });
    const [before, after] = await updated;
    expect([(before as TextChannel).name, (after as TextChannel).name]).toEqual(['general', 'chat']);
  });

  it('reorders channels with PATCH /guilds/:id/channels (204, CHANNEL_UPDATE)', async () => {
    await grantManageChannels();
    const moved = nextDispatch(bot, 'CHANNEL_UPDATE', (d) => d.id === world.channels.general);
    await guild().channels.setPositions([{ channel: world.channels.general, position: 7 }]);
    expect(await moved).toMatchObject({ position: 7 });
  });

  it('refuses without Manage Channels (50013), an unknown channel (10003), a DM (50003)', async () => {
    const general = guild().channels.cache.get(world.channels.general) as TextChannel;
    await expect(general.edit({ name: 'chat' })).rejects.toMatchObject({ code: 50013 });
    await expect(
      bot.rest.patch('/channels/100000000000000002', { body: { name: 'x' } }),
    ).rejects.toMatchObject({
      status: 404,
      code: 10003,
      message: 'Unknown Channel',
    });
    const alice = await bot.users.fetch(world.users.alice);
    const dm = await alice.createDM();
    await expect(bot.rest.patch(`/channels/${dm.id}`, { body: { name: 'x' } })).rejects.toMatchObject({
      code: 50003,
    });
  });
});

describe('deleting channels', () => {
  it('answers the deleted channel and sends CHANNEL_DELETE', async () => {
    await grantManageChannels();
    const deleted = nextDispatch(bot, 'CHANNEL_DELETE');
    const answer = (await bot.rest.delete(`/channels/${world.channels.general}`)) as Record<string, unknown>;
    expect(answer).toMatchObject({ id: world.channels.general, name: 'general', type: 0 });
    expect(await deleted).toMatchObject({ id: world.channels.general, guild_id: world.guildId });
    expect(guild().channels.cache.has(world.channels.general)).toBe(false);
    expect((await control.guild(world.guildId)).channels.map((c) => c.name).sort()).toEqual([
      'AFK',
      'Lounge',
    ]);
  });

  it('frees a deleted category channels and forgets a deleted AFK channel', async () => {
    await grantManageChannels();
    const category = await control.createChannel(world.guildId, { name: 'Ranks', type: 'category' });
    const child = await control.createChannel(world.guildId, { name: 'ups', parentId: category.id });
    const orphaned = nextDispatch(bot, 'CHANNEL_UPDATE', (d) => d.id === child.id);
    await guild().channels.delete(category.id);
    expect(await orphaned).toMatchObject({ parent_id: null });

    const guildUpdate = nextEvent(bot, Events.GuildUpdate);
    await guild().channels.delete(world.channels.afk);
    const [, after] = await guildUpdate;
    expect(after.afkChannelId).toBeNull();
  });

  it('refuses without Manage Channels (50013)', async () => {
    await expect(guild().channels.delete(world.channels.general)).rejects.toMatchObject({ code: 50013 });
    expect((await control.guild(world.guildId)).channels).toHaveLength(3);
  });
});
