import { type Client, DiscordAPIError, Events, GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordControlClient } from './control-client.ts';
import { DiscordEmulator } from './index.ts';
import { buildScenario } from './scenario.ts';
import { connectClient, nextEvent, TANDEM_INTENTS } from './testing/discord-client.ts';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function start(intents = [...TANDEM_INTENTS, GatewayIntentBits.GuildModeration]) {
  const emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  const urls = await emulator.start();
  const control = new DiscordControlClient(urls.controlUrl);
  const world = await buildScenario(control);
  const bot: Client = await connectClient(urls.apiUrl, world.bot.token, intents);
  stop = async () => {
    await bot.destroy();
    await emulator.stop();
  };
  return { control, world, bot };
}

describe('bans', () => {
  it('a moderator bans a member: GUILD_BAN_ADD and the removal reach the bot, and the user cannot rejoin until unbanned', async () => {
    const { control, world, bot } = await start();
    // discord.js reports the removal of cached members only (without the GuildMember partial).
    await bot.guilds.cache.get(world.guildId)!.members.fetch();
    const banned = nextEvent(bot, Events.GuildBanAdd, (ban) => ban.user.id === world.users.alice);
    const removed = nextEvent(bot, Events.GuildMemberRemove, (member) => member.id === world.users.alice);
    await control.banUser(world.guildId, world.users.alice, { reason: 'spam' });
    const [ban] = await banned;
    expect(ban.guild.id).toBe(world.guildId);
    await removed;
    expect((await control.guild(world.guildId)).members.map((m) => m.user.id)).not.toContain(
      world.users.alice,
    );
    // A second ban of the same user changes nothing.
    await control.banUser(world.guildId, world.users.alice);

    await expect(control.addMember(world.guildId, { userId: world.users.alice })).rejects.toThrow(/banned/);
    const lifted = nextEvent(bot, Events.GuildBanRemove, (ban) => ban.user.id === world.users.alice);
    await control.unbanUser(world.guildId, world.users.alice);
    await lifted;
    await expect(control.unbanUser(world.guildId, world.users.alice)).rejects.toThrow(/not banned/);
    const rejoined = nextEvent(bot, Events.GuildMemberAdd, (member) => member.id === world.users.alice);
    await control.addMember(world.guildId, { userId: world.users.alice });
    await rejoined;
  });

  it('a bot bans through REST only with Ban Members; bans reach only bots with the GuildModeration intent', async () => {
    const { control, world, bot } = await start(TANDEM_INTENTS);
    let bans = 0;
    bot.on(Events.GuildBanAdd, () => bans++);
    const guild = bot.guilds.cache.get(world.guildId)!;
    await guild.members.fetch();
    const refused = await guild.members.ban(world.users.bob).catch((e: unknown) => e);
    expect((refused as DiscordAPIError).code).toBe(50013);

    await control.setRolePermissions(world.guildId, world.roles.botRole, ['BanMembers', 'ManageRoles']);
    const removed = nextEvent(bot, Events.GuildMemberRemove, (member) => member.id === world.users.bob);
    await guild.members.ban(world.users.bob, { reason: 'raid' });
    await removed;
    expect(bans).toBe(0);
    await guild.members.unban(world.users.bob);
    const error = await guild.members.unban(world.users.bob).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(10026);
  });
});

describe('bans and kicks by the bot', () => {
  it('kicks need Kick Members and a target below the bot; the kicked member may rejoin', async () => {
    const { control, world, bot } = await start();
    const guild = bot.guilds.cache.get(world.guildId)!;
    await guild.members.fetch();
    const refused = await guild.members.kick(world.users.alice).catch((e: unknown) => e);
    expect((refused as DiscordAPIError).code).toBe(50013);

    await control.setRolePermissions(world.guildId, world.roles.botRole, [
      'KickMembers',
      'BanMembers',
      'ManageRoles',
    ]);
    // Carol's Staff role sits above the bot's role; the owner is above everyone.
    for (const userId of [world.users.carol, world.ownerId]) {
      const error = await guild.members.kick(userId).catch((e: unknown) => e);
      expect((error as DiscordAPIError).code).toBe(50013);
      const banError = await guild.members.ban(userId).catch((e: unknown) => e);
      expect((banError as DiscordAPIError).code).toBe(50013);
    }
    const unknown = await bot.rest
      .delete(`/guilds/${world.guildId}/members/${world.users.carol}1`)
      .catch((e) => e);
    expect((unknown as DiscordAPIError).code).toBe(10007);

    const removed = nextEvent(bot, Events.GuildMemberRemove, (member) => member.id === world.users.alice);
    await guild.members.kick(world.users.alice, 'spamming invites');
    await removed;
    expect((await control.guild(world.guildId)).members.map((m) => m.user.id)).not.toContain(
      world.users.alice,
    );
    await control.addMember(world.guildId, { userId: world.users.alice });
  });

  it('lists bans in user id order with paging, fetches one, and deletes recent messages of the banned user', async () => {
    const { control, world, bot } = await start();
    const guild = bot.guilds.cache.get(world.guildId)!;
    await control.setRolePermissions(world.guildId, world.roles.botRole, ['BanMembers', 'ManageRoles']);
    const spam = await control.sendMessage(world.channels.general, {
      authorId: world.users.bob,
      content: 'buy coins',
    });
    const deleted = nextEvent(bot, Events.MessageDelete, (message) => message.id === spam.id);
    await guild.members.ban(world.users.bob, { reason: 'spam', deleteMessageSeconds: 3600 });
    await deleted;
    await guild.members.ban(world.users.alice);
    const outsider = await control.createUser({ username: 'raider' });
    await guild.members.ban(outsider.id);

    const everyone = [world.users.alice, world.users.bob, outsider.id].sort();
    const all = await guild.bans.fetch({ cache: false });
    expect([...all.keys()]).toEqual(everyone);
    expect(all.get(world.users.bob)?.reason).toBe('spam');
    const firstTwo = await guild.bans.fetch({ limit: 2, cache: false });
    expect([...firstTwo.keys()]).toEqual(everyone.slice(0, 2));
    const after = await guild.bans.fetch({ after: everyone[0], cache: false });
    expect([...after.keys()]).toEqual(everyone.slice(1));
    const before = (await bot.rest.get(`/guilds/${world.guildId}/bans`, {
      query: new URLSearchParams({ before: everyone[2] as string, limit: '1' }),
    })) as Array<{ user: { id: string }; reason: string | null }>;
    expect(before.map((ban) => ban.user.id)).toEqual([everyone[1]]);

    const one = await guild.bans.fetch({ user: world.users.bob, force: true });
    expect(one.reason).toBe('spam');
    const missing = await guild.bans.fetch({ user: world.users.carol, force: true }).catch((e: unknown) => e);
    expect((missing as DiscordAPIError).code).toBe(10026);

    await control.setRolePermissions(world.guildId, world.roles.botRole, ['ManageRoles']);
    const refused = await guild.bans.fetch({ cache: false }).catch((e: unknown) => e);
    expect((refused as DiscordAPIError).code).toBe(50013);
  });
});
