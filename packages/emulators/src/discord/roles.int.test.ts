import { type Client, Events, type Guild } from 'discord.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DiscordControlClient } from './control-client.ts';
import type { DiscordEmulatorUrls } from './index.ts';
import type { Scenario } from './scenario.ts';
import { startBotInScenario } from './testing/bot-in-scenario.ts';
import { nextEvent } from './testing/discord-client.ts';
import { nextDispatch as nextRawDispatch } from './testing/raw-dispatch.ts';

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

const nextDispatch = (t: string, accept?: (d: Record<string, unknown>) => boolean) =>
  nextRawDispatch(bot, t, accept);

/** Role names from highest to lowest, as Server Settings → Roles lists them. */
async function order(): Promise<string[]> {
  return (await control.guild(world.guildId)).roles.map((role) => role.name);
}

const ORIGINAL = ['Staff', 'tandem', 'Gold', 'Silver', 'Bronze', '@everyone'];

describe('creating roles', () => {
  it('creates a role at position 1 with the bot as author, and announces it with GUILD_ROLE_CREATE', async () => {
    const announced = nextDispatch('GUILD_ROLE_CREATE');
    const role = await guild().roles.create({
      name: 'Diamond',
      colors: { primaryColor: 0x00ffff },
      hoist: true,
      mentionable: true,
      permissions: ['SendMessages'],
      reason: 'Rank roles',
    });
    expect(role).toMatchObject({
      name: 'Diamond',
      color: 0x00ffff,
      hoist: true,
      mentionable: true,
      position: 1,
    });
    expect(role.permissions.toArray()).toEqual(['SendMessages']);
    expect(await announced).toMatchObject({ guild_id: world.guildId, role: { id: role.id, position: 1 } });
    expect(await order()).toEqual(['Staff', 'tandem', 'Gold', 'Silver', 'Bronze', 'Diamond', '@everyone']);
    const history = await control.history();
    expect(
      history.find((event) => event.kind === 'role.created' && (event.role as { id: string }).id === role.id),
    ).toMatchObject({
      actor: { userId: world.bot.userId, kind: 'bot', reason: 'Rank roles' },
    });
  });

  it('names an unnamed role "new role" and lets discord.js place it with a position', async () => {
    const role = await guild().roles.create({ position: 3 });
    expect(role.name).toBe('new role');
    expect((await order()).indexOf('new role')).toBe(3);
  });

  it('refuses (50013) a permission the bot lacks itself, and any creation without Manage Roles', async () => {
    await expect(
      guild().roles.create({ name: 'Admin', permissions: ['Administrator'] }),
    ).rejects.toMatchObject({
      status: 403,
      code: 50013,
      message: 'Missing Permissions',
    });
    await control.updateRole(world.guildId, world.roles.botRole, { permissions: ['SendMessages'] });
    await expect(guild().roles.create({ name: 'Nope' })).rejects.toMatchObject({ code: 50013 });
    expect(await order()).toEqual(ORIGINAL);
  });

  it('answers a malformed body with 50035 and the field', async () => {
    await expect(
      bot.rest.post(`/guilds/${world.guildId}/roles`, { body: { name: 'x'.repeat(101), color: 'red' } }),
    ).rejects.toMatchObject({
      code: 50035,
      rawError: {
        errors: { name: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] }, color: expect.any(Object) },
      },
    });
  });
});

describe('editing roles', () => {
  it('edits a role below the bot; discord.js sees roleUpdate from GUILD_ROLE_UPDATE', async () => {
    const updated = nextEvent(bot, Events.GuildRoleUpdate, (_old, role) => role.id === world.roles.gold);
    const edited = await guild().roles.edit(world.roles.gold, {
      name: 'Golden',
      colors: { primaryColor: 0xffd700 },
      hoist: true,
      reason: 'Rename',
    });
    expect(edited).toMatchObject({ name: 'Golden', color: 0xffd700, hoist: true });
    const [before, after] = await updated;
    expect([before.name, after.name]).toEqual(['Gold', 'Golden']);
  });

  it('refuses (50013) a role at or above the bot own highest role and a permission it lacks', async () => {
    await expect(guild().roles.edit(world.roles.staff, { name: 'Boss' })).rejects.toMatchObject({
      code: 50013,
    });
    await expect(guild().roles.edit(world.roles.botRole, { name: 'Me' })).rejects.toMatchObject({
      code: 50013,
    });
    await expect(guild().roles.edit(world.roles.gold, { permissions: ['BanMembers'] })).rejects.toMatchObject(
      { code: 50013 },
    );
    expect(await order()).toEqual(ORIGINAL);
  });

  it('answers an unknown role with 10011', async () => {
    await expect(
      bot.rest.patch(`/guilds/${world.guildId}/roles/100000000000000002`, { body: { name: 'x' } }),
    ).rejects.toMatchObject({ status: 404, code: 10011, message: 'Unknown Role' });
  });
});

describe('moving roles', () => {
  it('reorders roles below the bot (discord.js setPosition sends every role) and answers all roles', async () => {
    const moved = nextDispatch(
      'GUILD_ROLE_UPDATE',
      (d) => (d.role as { id: string }).id === world.roles.bronze,
    );
    await guild().roles.setPosition(world.roles.bronze, 3, { reason: 'Bronze on top' });
    expect(await moved).toMatchObject({ role: { position: 3 } });
    expect(await order()).toEqual(['Staff', 'tandem', 'Bronze', 'Gold', 'Silver', '@everyone']);

    const answer = (await bot.rest.patch(`/guilds/${world.guildId}/roles`, {
      body: [{ id: world.roles.gold, position: 1 }],
    })) as Array<{ name: string; position: number }>;
    expect(answer.map((role) => `${role.name}:${role.position}`)).toEqual([
      '@everyone:0',
      'Gold:1',
      'Silver:2',
      'Bronze:3',
      'tandem:4',
      'Staff:5',
    ]);
  });

  it('refuses (50013) moving a role to or above the bot role, or moving a role above it', async () => {
    await expect(guild().roles.setPosition(world.roles.gold, 4)).rejects.toMatchObject({ code: 50013 });
    await expect(
      bot.rest.patch(`/guilds/${world.guildId}/roles`, { body: [{ id: world.roles.staff, position: 1 }] }),
    ).rejects.toMatchObject({ code: 50013, status: 403 });
    await expect(
      bot.rest.patch(`/guilds/${world.guildId}/roles`, { body: [{ id: world.roles.botRole, position: 6 }] }),
    ).rejects.toMatchObject({ code: 50013 });
    expect(await order()).toEqual(ORIGINAL);
  });
});

describe('deleting roles', () => {
  it('answers 204, takes the role from its members (GUILD_MEMBER_UPDATE) and sends GUILD_ROLE_DELETE', async () => {
    await control.changeRolesAsModerator(world.guildId, world.users.alice, { add: [world.roles.gold] });
    const memberUpdate = nextDispatch(
      'GUILD_MEMBER_UPDATE',
      (d) => (d.user as { id: string }).id === world.users.alice,
    );
    const deleted = nextEvent(bot, Events.GuildRoleDelete);
    const response = await fetch(`${urls.apiUrl}/v10/guilds/${world.guildId}/roles/${world.roles.gold}`, {
      method: 'DELETE',
      headers: { authorization: `Bot ${world.bot.token}`, 'x-audit-log-reason': 'Season%20over' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('content-type')).toBeNull();
    expect((await memberUpdate).roles).toEqual([]);
    expect((await deleted)[0].id).toBe(world.roles.gold);
    expect(guild().roles.cache.has(world.roles.gold)).toBe(false);
    expect(await order()).toEqual(['Staff', 'tandem', 'Silver', 'Bronze', '@everyone']);
    const record = (await control.history()).find((event) => event.kind === 'role.deleted');
    expect(record).toMatchObject({ actor: { reason: 'Season over' } });
  });

  it('refuses a role above the bot (50013), a managed role or @everyone (50028), an unknown role (10011)', async () => {
    await expect(guild().roles.delete(world.roles.staff)).rejects.toMatchObject({ code: 50013 });
    await expect(guild().roles.delete(world.roles.botRole)).rejects.toMatchObject({
      status: 400,
      code: 50028,
    });
    await expect(bot.rest.delete(`/guilds/${world.guildId}/roles/${world.guildId}`)).rejects.toMatchObject({
      code: 50028,
    });
    await expect(bot.rest.delete(`/guilds/${world.guildId}/roles/100000000000000002`)).rejects.toMatchObject({
      code: 10011,
    });
    expect(await order()).toEqual(ORIGINAL);
  });
});
