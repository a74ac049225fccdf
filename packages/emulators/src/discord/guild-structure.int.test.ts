import { type Client, Events, type Guild, type TextChannel } from 'discord.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { ControlRequestError, type DiscordControlClient } from './control-client.ts';
import type { Scenario } from './scenario.ts';
import { startBotInScenario } from './testing/bot-in-scenario.ts';
import { nextEvent } from './testing/discord-client.ts';
import { nextDispatch } from './testing/raw-dispatch.ts';

let control: DiscordControlClient;
let world: Scenario;
let bot: Client;
let guild: () => Guild;

beforeEach(async () => {
  const started = await startBotInScenario();
  ({ control, world, bot, guild } = started);
  return started.stop;
});

describe('roles as a server admin changes them (control API)', () => {
  it('creates a role managed by an integration; the bot sees it managed and cannot assign or delete it', async () => {
    const created = nextEvent(bot, Events.GuildRoleCreate, (role) => role.name === 'MEE6');
    const role = await control.createRole(world.guildId, { name: 'MEE6', managed: true, position: 2 });
    expect(role).toMatchObject({ managed: true, tags: { integration_id: expect.any(String) }, position: 2 });
    const [seen] = await created;
    expect(seen.managed).toBe(true);
    const alice = await guild().members.fetch(world.users.alice);
    await expect(alice.roles.add(role.id)).rejects.toMatchObject({ code: 50013 });
    await expect(guild().roles.delete(role.id)).rejects.toMatchObject({ code: 50028 });
  });

  it("models another bot's own role with botUserId", async () => {
    const other = await control.createBot({ username: 'levels' });
    const role = await control.createRole(world.guildId, { name: 'levels', botUserId: other.userId });
    expect(role).toMatchObject({ managed: true, tags: { bot_id: other.userId } });
    await expect(
      control.createRole(world.guildId, { name: 'x', botUserId: world.users.alice }),
    ).rejects.toThrow(/not a bot/);
  });

  it('moves a role above the bot; the bot learns it from GUILD_ROLE_UPDATE and can no longer assign it', async () => {
    const moved = nextEvent(
      bot,
      Events.GuildRoleUpdate,
      (_old, role) => role.id === world.roles.gold && role.position === 5,
    );
    await control.moveRole(world.guildId, world.roles.gold, 5);
    await moved;
    expect(guild().roles.cache.get(world.roles.gold)?.comparePositionTo(world.roles.botRole)).toBeGreaterThan(
      0,
    );
    const alice = await guild().members.fetch(world.users.alice);
    await expect(alice.roles.add(world.roles.gold)).rejects.toMatchObject({ code: 50013 });

    const all = await control.moveRoles(world.guildId, [
      { id: world.roles.gold, position: 1 },
      { id: world.roles.bronze, position: 3 },
    ]);
    expect(all.map((role) => role.name)).toEqual([
      'Staff',
      'tandem',
      'Bronze',
      'Silver',
      'Gold',
      '@everyone',
    ]);
  });

  it("sets a role's permissions; taking Manage Roles from the bot's role stops its role changes", async () => {
    const updated = nextEvent(bot, Events.GuildRoleUpdate, (_old, role) => role.id === world.roles.botRole);
    const role = await control.setRolePermissions(world.guildId, world.roles.botRole, ['SendMessages']);
    expect(role.permissions).toBe((1n << 11n).toString());
    const [, after] = await updated;
    expect(after.permissions.has('ManageRoles')).toBe(false);
    expect(guild().members.me?.permissions.has('ManageRoles')).toBe(false);
    const [listed] = (await bot.rest.get('/users/@me/guilds')) as Array<{ permissions: string }>;
    expect(BigInt(listed?.permissions ?? 0) & (1n << 28n)).toBe(0n);
    expect(BigInt(listed?.permissions ?? 0) & (1n << 11n)).toBe(1n << 11n);
    const alice = await guild().members.fetch(world.users.alice);
    await expect(alice.roles.add(world.roles.bronze)).rejects.toMatchObject({ code: 50013 });
  });

  it('deletes a role: members lose it (GUILD_MEMBER_UPDATE), then GUILD_ROLE_DELETE', async () => {
    await control.addMember(world.guildId, {
      userId: (await control.createUser({ username: 'dave' })).id,
      roles: [world.roles.silver],
    });
    const memberUpdate = nextDispatch(bot, 'GUILD_MEMBER_UPDATE');
    const deleted = nextDispatch(bot, 'GUILD_ROLE_DELETE');
    await control.deleteRole(world.guildId, world.roles.silver);
    expect(await memberUpdate).toMatchObject({ roles: [] });
    expect(await deleted).toEqual({ guild_id: world.guildId, role_id: world.roles.silver });
    expect(guild().roles.cache.has(world.roles.silver)).toBe(false);
    const refused = await control.deleteRole(world.guildId, world.guildId).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ControlRequestError);
    expect(refused).toMatchObject({ status: 400 });
  });
});

describe('channels as a server admin changes them (control API)', () => {
  it('creates, edits and deletes a channel; discord.js sees channelCreate, channelUpdate, channelDelete', async () => {
    const created = nextEvent(bot, Events.ChannelCreate, (channel) => channel.name === 'announcements');
    const channel = await control.createChannel(world.guildId, {
      name: 'announcements',
      type: 'announcement',
    });
    expect(channel).toMatchObject({ type: 5, parent_id: null });
    await created;

    const updated = nextEvent(bot, Events.ChannelUpdate, (_old, next) => next.id === channel.id);
    await control.updateChannel(channel.id, { name: 'news', type: 'text', topic: 'What is new' });
    const [, after] = await updated;
    expect(after).toMatchObject({ name: 'news', topic: 'What is new', type: 0 });

    const deleted = nextEvent(bot, Events.ChannelDelete, (gone) => gone.id === channel.id);
    await control.deleteChannel(channel.id);
    await deleted;
    expect(guild().channels.cache.has(channel.id)).toBe(false);
  });

  it('refuses a voice channel turned into text, a parent that is not a category, and a DM', async () => {
    await expect(control.updateChannel(world.channels.lounge, { type: 'text' })).rejects.toMatchObject({
      status: 400,
    });
    await expect(
      control.updateChannel(world.channels.general, { parentId: world.channels.lounge }),
    ).rejects.toMatchObject({ status: 400 });
    const dm = await (await bot.users.fetch(world.users.alice)).createDM();
    await expect(control.deleteChannel(dm.id)).rejects.toMatchObject({ status: 400 });
    expect((guild().channels.cache.get(world.channels.general) as TextChannel).parentId).toBeNull();
  });
});
