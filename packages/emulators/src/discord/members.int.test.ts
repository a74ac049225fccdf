import { type Client, DiscordAPIError, Events, type Guild, type GuildMember } from 'discord.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DiscordControlClient } from './control-client.ts';
import type { Scenario } from './scenario.ts';
import { startBotInScenario } from './testing/bot-in-scenario.ts';
import { nextEvent } from './testing/discord-client.ts';

let control: DiscordControlClient;
let world: Scenario;
let bot: Client;
let guild: () => Guild;

beforeEach(async () => {
  const started = await startBotInScenario();
  ({ control, world, bot, guild } = started);
  return started.stop;
});

const roleNames = (member: GuildMember) =>
  member.roles.cache
    .filter((role) => role.id !== world.guildId)
    .map((role) => role.name)
    .sort();

describe('role changes by the bot', () => {
  it('adds and removes a role; Discord echoes each change as GUILD_MEMBER_UPDATE and keeps the audit reason', async () => {
    const alice = await guild().members.fetch(world.users.alice);

    const added = nextEvent(bot, Events.GuildMemberUpdate, (_old, member) => member.id === world.users.alice);
    await alice.roles.add(world.roles.gold, 'Reached 1000 XP');
    const [before, after] = await added;
    expect(roleNames(before as GuildMember)).toEqual([]);
    expect(roleNames(after)).toEqual(['Gold']);

    const removed = nextEvent(
      bot,
      Events.GuildMemberUpdate,
      (_old, member) => member.id === world.users.alice,
    );
    await alice.roles.remove(world.roles.gold, 'Season reset');
    const [, afterRemoval] = await removed;
    expect(roleNames(afterRemoval)).toEqual([]);

    const changes = await control.roleChanges({ userId: world.users.alice });
    expect(
      changes.map(({ action, roleId, actorId, actorKind, reason }) => ({
        action,
        roleId,
        actorId,
        actorKind,
        reason,
      })),
    ).toEqual([
      {
        action: 'add',
        roleId: world.roles.gold,
        actorId: world.bot.userId,
        actorKind: 'bot',
        reason: 'Reached 1000 XP',
      },
      {
        action: 'remove',
        roleId: world.roles.gold,
        actorId: world.bot.userId,
        actorKind: 'bot',
        reason: 'Season reset',
      },
    ]);
  });

  it('sets the whole role list with PATCH (roles.set)', async () => {
    const bob = await guild().members.fetch(world.users.bob);
    await bob.roles.add(world.roles.bronze);
    const updated = nextEvent(
      bot,
      Events.GuildMemberUpdate,
      (_old, member) => member.id === world.users.bob && member.roles.cache.has(world.roles.silver),
    );
    await bob.roles.set([world.roles.silver, world.roles.gold], 'Rank sync');
    const [, after] = await updated;
    expect(roleNames(after)).toEqual(['Gold', 'Silver']);
    const sync = (await control.roleChanges({ userId: world.users.bob })).filter(
      (c) => c.reason === 'Rank sync',
    );
    expect(sync.map((c) => `${c.action}:${c.roleId}`).sort()).toEqual(
      [`add:${world.roles.silver}`, `add:${world.roles.gold}`, `remove:${world.roles.bronze}`].sort(),
    );
  });

  it('refuses a role at or above the bot own highest role with 50013 Missing Permissions', async () => {
    const alice = await guild().members.fetch(world.users.alice);
    const error = await alice.roles.add(world.roles.staff).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50013, status: 403, message: 'Missing Permissions' });
    // The bot's own (managed) role cannot be handed out either.
    await expect(alice.roles.add(world.roles.botRole)).rejects.toMatchObject({ code: 50013 });
    expect(await control.roleChanges({ userId: world.users.alice })).toEqual([]);
  });

  it('answers an unknown member with 10007 and an unknown role with 10011', async () => {
    const unknownUser = '100000000000000001';
    await expect(
      bot.rest.put(`/guilds/${world.guildId}/members/${unknownUser}/roles/${world.roles.gold}`),
    ).rejects.toMatchObject({ code: 10007, status: 404 });
    await expect(guild().members.fetch({ user: unknownUser, force: true })).rejects.toMatchObject({
      code: 10007,
    });
    await expect(
      bot.rest.put(`/guilds/${world.guildId}/members/${world.users.alice}/roles/100000000000000002`),
    ).rejects.toMatchObject({ code: 10011, status: 404 });
  });
});

describe('role changes by a moderator', () => {
  it('reaches the bot as GUILD_MEMBER_UPDATE and is recorded as the moderator change', async () => {
    await guild().members.fetch(world.users.bob);
    const updated = nextEvent(bot, Events.GuildMemberUpdate, (_old, member) => member.id === world.users.bob);
    await control.changeRolesAsModerator(world.guildId, world.users.bob, {
      add: [world.roles.staff],
      moderatorId: world.users.carol,
      reason: 'Promoted',
    });
    const [, after] = await updated;
    expect(roleNames(after)).toEqual(['Staff']);
    expect(await control.roleChanges({ actorKind: 'moderator' })).toMatchObject([
      { userId: world.users.bob, roleId: world.roles.staff, actorId: world.users.carol, reason: 'Promoted' },
    ]);
  });
});

describe('member list', () => {
  it('pages members by user id with limit and after', async () => {
    const ids = [world.ownerId, world.bot.userId, ...Object.values(world.users)].sort((a, b) =>
      BigInt(a) < BigInt(b) ? -1 : 1,
    );
    const first = await guild().members.list({ limit: 2 });
    expect([...first.keys()]).toEqual(ids.slice(0, 2));
    const second = await guild().members.list({ limit: 2, after: ids[1] });
    expect([...second.keys()]).toEqual(ids.slice(2, 4));
    const rest = await guild().members.list({ limit: 1000, after: ids[3] });
    expect([...rest.keys()]).toEqual(ids.slice(4));
  });

  it('refuses the list (50001) when the GuildMembers intent is not enabled for the bot', async () => {
    await control.updateBot(world.bot.applicationId, { privilegedIntents: ['MessageContent'] });
    await expect(guild().members.list({ limit: 10 })).rejects.toMatchObject({ code: 50001, status: 403 });
  });

  it('announces joins and leaves with GUILD_MEMBER_ADD and GUILD_MEMBER_REMOVE', async () => {
    const dave = await control.createUser({ username: 'dave' });
    const joined = nextEvent(bot, Events.GuildMemberAdd);
    await control.addMember(world.guildId, { userId: dave.id, roles: [world.roles.bronze] });
    const [member] = await joined;
    expect(member.user.username).toBe('dave');
    expect(member.roles.cache.has(world.roles.bronze)).toBe(true);
    const left = nextEvent(bot, Events.GuildMemberRemove);
    await control.removeMember(world.guildId, dave.id);
    expect((await left)[0].id).toBe(dave.id);
  });
});
