import { type Client, Events, GatewayIntentBits } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordControlClient } from './control-client.ts';
import { DiscordEmulator, type DiscordEmulatorUrls } from './index.ts';
import { buildScenario, type Scenario } from './scenario.ts';
import { connectClient, nextEvent } from './testing/discord-client.ts';
import { nextDispatch } from './testing/raw-dispatch.ts';
import { RawGatewayClient } from './testing/raw-gateway.ts';

let emulator: DiscordEmulator;
let urls: DiscordEmulatorUrls;
let control: DiscordControlClient;
let world: Scenario;
const clients: Client[] = [];
const rawClients: RawGatewayClient[] = [];

beforeEach(async () => {
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 1_000 });
  urls = await emulator.start();
  control = new DiscordControlClient(urls.controlUrl);
  world = await buildScenario(control);
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  for (const raw of rawClients.splice(0)) raw.close();
  await emulator.stop();
});

async function connect(intents: GatewayIntentBits[]): Promise<Client> {
  const client = await connectClient(urls.apiUrl, world.bot.token, intents);
  clients.push(client);
  return client;
}

function identify(extra: Record<string, unknown> = {}): RawGatewayClient {
  const raw = new RawGatewayClient(`${urls.gatewayUrl}?v=10&encoding=json`);
  rawClients.push(raw);
  raw.send({
    op: 2,
    d: {
      token: world.bot.token,
      intents: 1,
      properties: { os: 'linux', browser: 'raw', device: 'raw' },
      ...extra,
    },
  });
  return raw;
}

describe('READY', () => {
  it('carries the documented fields, and the shard only when IDENTIFY named one', async () => {
    const ready = (await identify().dispatch('READY')).d as Record<string, unknown>;
    expect(ready).toMatchObject({
      v: 10,
      user: { id: world.bot.userId, bot: true },
      guilds: [{ id: world.guildId, unavailable: true }],
      resume_gateway_url: expect.any(String),
      application: { id: world.bot.applicationId, flags: expect.any(Number) },
    });
    expect(ready.session_id).toEqual(expect.any(String));
    expect(ready).not.toHaveProperty('shard');

    const sharded = (await identify({ shard: [0, 1] }).dispatch('READY')).d;
    expect(sharded).toMatchObject({ shard: [0, 1] });
  });
});

describe('intents', () => {
  it("sends the bot its own GUILD_MEMBER_UPDATE without GuildMembers, and nobody else's", async () => {
    const client = await connect([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    const updated: string[] = [];
    client.on(Events.Raw, (packet: { t: string | null; d: { user?: { id: string } } }) => {
      if (packet.t === 'GUILD_MEMBER_UPDATE' && packet.d.user) updated.push(packet.d.user.id);
    });
    await control.changeRolesAsModerator(world.guildId, world.users.alice, { add: [world.roles.gold] });
    const own = nextDispatch(client, 'GUILD_MEMBER_UPDATE');
    await control.changeRolesAsModerator(world.guildId, world.bot.userId, { add: [world.roles.gold] });
    expect(await own).toMatchObject({ guild_id: world.guildId, user: { id: world.bot.userId } });
    expect(updated).toEqual([world.bot.userId]);
  });
});

describe('INTERACTION_CREATE in a DM with the bot', () => {
  it('has the user, the DM app permissions and the bot-DM context, and no member', async () => {
    const client = await connect([GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages]);
    await client.application?.commands.set([{ name: 'balance', description: 'Your coins' }]);
    const { channelId } = await control.sendDirectMessage({ userId: world.users.alice, content: 'hi' });
    const created = nextDispatch(client, 'INTERACTION_CREATE');
    const replied = nextEvent(client, Events.InteractionCreate);
    await control.runCommand({ channelId, userId: world.users.alice, name: 'balance' });
    const interaction = await created;
    expect(interaction).toMatchObject({
      user: { id: world.users.alice },
      channel_id: channelId,
      channel: { id: channelId, type: 1 },
      // Attach Files | Embed Links | Mention Everyone | Use External Emojis.
      app_permissions: String((1 << 15) + (1 << 14) + (1 << 17) + (1 << 18)),
      authorizing_integration_owners: { '0': '0' },
      context: 1,
      entitlements: [],
      locale: 'en-US',
      attachment_size_limit: expect.any(Number),
      version: 1,
    });
    for (const absent of ['member', 'guild', 'guild_id', 'guild_locale', 'entitlement_sku_ids']) {
      expect(interaction).not.toHaveProperty(absent);
    }
    const [received] = await replied;
    expect(received.inGuild()).toBe(false);
    expect(received.appPermissions.has('AttachFiles')).toBe(true);
  });
});

describe('message content over REST', () => {
  it('reads other users’ guild messages empty when MessageContent is not enabled for the app', async () => {
    await control.updateBot(world.bot.applicationId, { privilegedIntents: ['GuildMembers'] });
    await control.sendMessage(world.channels.general, {
      authorId: world.users.alice,
      content: 'secret words',
    });
    await control.sendMessage(world.channels.general, {
      authorId: world.users.alice,
      content: `<@${world.bot.userId}> hello`,
    });
    const read = async () => {
      const response = await fetch(`${urls.apiUrl}/v10/channels/${world.channels.general}/messages`, {
        headers: { authorization: `Bot ${world.bot.token}` },
      });
      return ((await response.json()) as Array<{ content: string }>).map((message) => message.content);
    };
    expect(await read()).toEqual([`<@${world.bot.userId}> hello`, '']);
    await control.updateBot(world.bot.applicationId, {
      privilegedIntents: ['GuildMembers', 'MessageContent'],
    });
    expect(await read()).toEqual([`<@${world.bot.userId}> hello`, 'secret words']);
  });
});
