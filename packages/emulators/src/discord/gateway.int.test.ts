import { type Client, Events, GatewayIntentBits } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordControlClient } from './control-client.ts';
import { DiscordEmulator, type DiscordEmulatorUrls } from './index.ts';
import { buildScenario, type Scenario } from './scenario.ts';
import { connectClient, nextEvent } from './testing/discord-client.ts';

let emulator: DiscordEmulator;
let urls: DiscordEmulatorUrls;
let control: DiscordControlClient;
let world: Scenario;
const clients: Client[] = [];

async function connect(intents?: GatewayIntentBits[], token = world.bot.token): Promise<Client> {
  const client = await connectClient(urls.apiUrl, token, intents);
  clients.push(client);
  return client;
}

async function countEvents(kind: string): Promise<number> {
  return (await control.history()).filter((event) => event.kind === kind).length;
}

beforeEach(async () => {
  // Short enough to heartbeat during a test, long enough that a loaded machine does not look like a zombie connection.
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 1_000 });
  urls = await emulator.start();
  control = new DiscordControlClient(urls.controlUrl);
  world = await buildScenario(control);
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  await emulator.stop();
});

describe('login and READY', () => {
  it('caches the guild with its roles, channels and the bot itself; other members come by REQUEST_GUILD_MEMBERS', async () => {
    const client = await connect();
    const guild = client.guilds.cache.get(world.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.roles.everyone.id).toBe(world.guildId);
    expect([...(guild?.roles.cache.keys() ?? [])].sort()).toEqual(
      [world.guildId, ...Object.values(world.roles)].sort(),
    );
    expect(guild?.roles.botRoleFor(world.bot.userId)?.id).toBe(world.roles.botRole);
    expect(guild?.channels.cache.map((channel) => channel.name).sort()).toEqual(['AFK', 'Lounge', 'general']);
    expect(guild?.afkChannelId).toBe(world.channels.afk);
    // Without GuildPresences, Discord lists only the bot (and voice members) in GUILD_CREATE.
    expect([...(guild?.members.cache.keys() ?? [])]).toEqual([world.bot.userId]);

    const members = await guild?.members.fetch();
    expect(members?.size).toBe(5);
    expect(guild?.members.cache.get(world.users.carol)?.roles.cache.has(world.roles.staff)).toBe(true);
  });

  it('lists every member in GUILD_CREATE for a bot with GuildPresences', async () => {
    const client = await connect([GatewayIntentBits.Guilds, GatewayIntentBits.GuildPresences]);
    expect(client.guilds.cache.get(world.guildId)?.members.cache.size).toBe(5);
  });

  it('sends GUILD_CREATE for a guild the bot joins after READY', async () => {
    const client = await connect();
    const second = await control.createGuild({ name: 'Second Guild' });
    const joined = nextEvent(client, Events.GuildCreate);
    await control.addMember(second.id, { userId: world.bot.userId });
    const [guild] = await joined;
    expect(guild.id).toBe(second.id);
    expect(guild.members.me?.roles.botRole?.managed).toBe(true);
  });

  it('rejects a bad token', async () => {
    await expect(connectClient(urls.apiUrl, 'not-a-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
  });

  it('closes with 4014 when the bot asks for a privileged intent it was not granted', async () => {
    await control.updateBot(world.bot.applicationId, { privilegedIntents: ['GuildMembers'] });
    await expect(connectClient(urls.apiUrl, world.bot.token)).rejects.toThrow(/disallowed intents/i);
    const refused = (await control.history()).find((event) => event.kind === 'gateway.refused');
    expect(refused).toMatchObject({ code: 4014, intents: ['MessageContent'] });
  });
});

describe('resuming', () => {
  it('resumes after op 7 RECONNECT without identifying again', async () => {
    const client = await connect();
    const resumed = nextEvent(client, Events.ShardResume);
    expect((await control.requestReconnect()).connections).toBe(1);
    await resumed;

    const received = nextEvent(client, Events.MessageCreate);
    await control.sendMessage(world.channels.general, {
      authorId: world.users.alice,
      content: 'still there?',
    });
    const [message] = await received;
    expect(message.content).toBe('still there?');
    expect(await countEvents('gateway.identified')).toBe(1);
    expect(await countEvents('gateway.resumed')).toBeGreaterThanOrEqual(1);
  });

  it('replays what happened while the connection was down', async () => {
    const client = await connect();
    const received = nextEvent(client, Events.MessageCreate);
    const resumed = nextEvent(client, Events.ShardResume);
    await control.dropGateway({ mode: 'abrupt' });
    // Sent while no connection is attached: kept for the resume.
    await control.sendMessage(world.channels.general, {
      authorId: world.users.bob,
      content: 'sent during the outage',
    });
    const [message] = await received;
    await resumed;
    expect(message.content).toBe('sent during the outage');
    const resume = (await control.history()).filter((event) => event.kind === 'gateway.resumed').at(-1);
    expect(resume?.replayed).toBe(1);
    expect(await countEvents('gateway.identified')).toBe(1);
  });
});

describe('intents', () => {
  it('sends no GUILD_MEMBER_UPDATE to a client without the GuildMembers intent', async () => {
    const client = await connect([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    const seen: string[] = [];
    client.on(Events.Raw, (packet: { t: string | null }) => {
      if (packet.t) seen.push(packet.t);
    });
    await control.changeRolesAsModerator(world.guildId, world.users.alice, { add: [world.roles.gold] });
    // Dispatches keep their order: once this message is in, an update would have been too.
    const received = nextEvent(client, Events.MessageCreate);
    await control.sendMessage(world.channels.general, {
      authorId: world.users.alice,
      content: 'after the change',
    });
    await received;
    expect(seen).toContain('MESSAGE_CREATE');
    expect(seen).not.toContain('GUILD_MEMBER_UPDATE');
  });

  it('blanks message content without MessageContent, except when the bot is mentioned', async () => {
    const client = await connect([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    const plain = nextEvent(client, Events.MessageCreate);
    await control.sendMessage(world.channels.general, {
      authorId: world.users.alice,
      content: 'secret words',
    });
    const [hidden] = await plain;
    expect(hidden.content).toBe('');

    const mentioned = nextEvent(client, Events.MessageCreate);
    await control.sendMessage(world.channels.general, {
      authorId: world.users.alice,
      content: `<@${world.bot.userId}> rank please`,
    });
    const [visible] = await mentioned;
    expect(visible.content).toBe(`<@${world.bot.userId}> rank please`);
    expect(visible.mentions.users.has(world.bot.userId)).toBe(true);
  });
});
