import { ChannelType, Events, Routes, type TextChannel, type ThreadChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startBotInScenario } from './testing/bot-in-scenario.ts';
import { nextEvent } from './testing/discord-client.ts';
import { discordErrorCode } from './testing/discord-error-code.ts';
import { nextDispatch } from './testing/raw-dispatch.ts';

describe('threads', () => {
  it('the bot starts a thread from a message; members talk in it and join it', async () => {
    const context = await startBotInScenario({ emulator: { rateLimits: { enabled: false } } });
    try {
      const { control, world, bot } = context;
      const channel = bot.channels.cache.get(world.channels.general) as TextChannel;
      const received = nextEvent(bot, Events.MessageCreate, (m) => m.content === 'Who is up for a raid?');
      await control.sendMessage(channel.id, {
        authorId: world.users.alice,
        content: 'Who is up for a raid?',
      });
      const [question] = await received;

      // The REST answer and THREAD_CREATE race inside discord.js; the raw dispatch is what Discord sent.
      const announced = nextDispatch(bot, 'THREAD_CREATE', (d) => d.id === question.id);
      const thread = await question.startThread({ name: 'Raid planning', autoArchiveDuration: 1440 });
      expect(await announced).toMatchObject({
        newly_created: true,
        parent_id: channel.id,
        guild_id: world.guildId,
        member: { user_id: world.bot.userId },
        thread_metadata: { archived: false, locked: false, auto_archive_duration: 1440 },
      });
      expect([thread.id, thread.type, thread.ownerId]).toEqual([
        question.id,
        ChannelType.PublicThread,
        world.bot.userId,
      ]);
      expect(thread.autoArchiveDuration).toBe(1440);
      expect((await channel.messages.fetch({ message: question.id, force: true })).hasThread).toBe(true);
      // discord.js refuses locally once it knows of the thread; Discord refuses the call itself.
      const again = bot.rest.post(Routes.threads(channel.id, question.id), { body: { name: 'Again' } });
      expect(await discordErrorCode(again)).toBe(160004);

      await thread.send('I am in, 8 pm?');
      const fromAlice = nextEvent(
        bot,
        Events.MessageCreate,
        (m) => m.channelId === thread.id && !m.author.bot,
      );
      await control.sendMessage(thread.id, { authorId: world.users.alice, content: '8 pm works' });
      const [reply] = await fromAlice;
      expect(reply.channel.isThread()).toBe(true);
      expect((await control.messages(thread.id)).map((m) => m.content)).toEqual([
        'I am in, 8 pm?',
        '8 pm works',
      ]);
      const fetched = (await bot.channels.fetch(thread.id, { force: true })) as ThreadChannel;
      expect([fetched.messageCount, fetched.totalMessageSent]).toEqual([2, 2]);

      const joined = nextEvent(bot, Events.ThreadMembersUpdate, (added) => added.has(world.users.alice));
      await thread.members.add(world.users.alice);
      await joined;
      const members = await thread.members.fetch();
      expect([...members.keys()].sort()).toEqual([world.bot.userId, world.users.alice].sort());
      const aliceInThread = await thread.members.fetch({ member: world.users.alice, withMember: true });
      expect(aliceInThread.guildMember?.id).toBe(world.users.alice);

      const bobJoined = nextEvent(bot, Events.ThreadMembersUpdate, (added) => added.has(world.users.bob));
      await control.joinThread(thread.id, world.users.bob);
      await bobJoined;
      const bobLeft = nextEvent(bot, Events.ThreadMembersUpdate, (_added, removed) =>
        removed.has(world.users.bob),
      );
      await control.leaveThread(thread.id, world.users.bob);
      await bobLeft;

      const left = nextEvent(bot, Events.ThreadMembersUpdate, (_added, removed) =>
        removed.has(world.bot.userId),
      );
      await thread.leave();
      await left;
      await thread.join();
    } finally {
      await context.stop();
    }
  });

  it('private threads, the active list, archiving, locking and deleting with their permissions', async () => {
    const context = await startBotInScenario({ emulator: { rateLimits: { enabled: false } } });
    try {
      const { control, world, bot } = context;
      const channel = bot.channels.cache.get(world.channels.general) as TextChannel;
      const staff = await channel.threads.create({
        name: 'Staff only',
        type: ChannelType.PrivateThread,
        invitable: false,
      });
      expect([staff.type, staff.invitable]).toEqual([ChannelType.PrivateThread, false]);
      const open = await channel.threads.create({ name: 'Open chat', type: ChannelType.PublicThread });
      // A private thread the bot left is hidden from it: no events from it, no REST access.
      const hidden = await channel.threads.create({ name: 'Mods', type: ChannelType.PrivateThread });
      await hidden.leave();
      let heard = 0;
      bot.on(Events.Raw, (packet: { d?: { channel_id?: string } }) => {
        if (packet.d?.channel_id === hidden.id) heard++;
      });
      await control.sendMessage(hidden.id, { authorId: world.users.alice, content: 'private note' });
      const later = nextEvent(bot, Events.MessageCreate, (m) => m.content === 'in the open');
      await control.sendMessage(channel.id, { authorId: world.users.alice, content: 'in the open' });
      await later;
      expect(heard).toBe(0);
      expect(await discordErrorCode(bot.rest.get(Routes.channel(hidden.id)))).toBe(50001);

      const active = await context.guild().channels.fetchActiveThreads();
      expect([...active.threads.keys()].sort()).toEqual([staff.id, open.id].sort());

      const archived = nextEvent(
        bot,
        Events.ThreadUpdate,
        (_old, thread) => thread.id === open.id && thread.archived === true,
      );
      await open.setArchived(true);
      await archived;
      expect(await discordErrorCode(open.setName('Renamed while archived'))).toBe(50083);
      expect([...(await context.guild().channels.fetchActiveThreads()).threads.keys()]).toEqual([staff.id]);
      // A member posting reopens an archived thread.
      const reopened = nextEvent(
        bot,
        Events.ThreadUpdate,
        (_old, thread) => thread.id === open.id && !thread.archived,
      );
      await control.sendMessage(open.id, { authorId: world.users.bob, content: 'anyone here?' });
      await reopened;

      expect(await discordErrorCode(open.setLocked(true))).toBe(50013);
      expect(await discordErrorCode(open.delete())).toBe(50013);
      await control.setRolePermissions(world.guildId, world.roles.botRole, [
        'ViewChannel',
        'SendMessages',
        'ManageRoles',
        'ManageThreads',
      ]);
      await open.setLocked(true);
      const deleted = nextEvent(bot, Events.ThreadDelete, (thread) => thread.id === open.id);
      await open.delete();
      await deleted;
      expect(await discordErrorCode(bot.channels.fetch(open.id, { force: true }))).toBe(10003);
    } finally {
      await context.stop();
    }
  });

  it('slowmode (`rate_limit_per_user`) is kept on start, changed or cleared by PATCH, and audit-logged', async () => {
    const context = await startBotInScenario({ emulator: { rateLimits: { enabled: false } } });
    try {
      const { control, world, bot } = context;
      const channel = bot.channels.cache.get(world.channels.general) as TextChannel;
      const thread = await channel.threads.create({
        name: 'Trade offers',
        type: ChannelType.PublicThread,
        rateLimitPerUser: 30,
      });
      expect(thread.rateLimitPerUser).toBe(30);
      const fetched = (await bot.rest.get(Routes.channel(thread.id))) as { rate_limit_per_user: number };
      expect(fetched.rate_limit_per_user).toBe(30);

      const updated = nextDispatch(bot, 'THREAD_UPDATE', (d) => d.id === thread.id);
      await thread.setRateLimitPerUser(120);
      expect(await updated).toMatchObject({ rate_limit_per_user: 120 });
      expect(thread.rateLimitPerUser).toBe(120);
      const cleared = (await bot.rest.patch(Routes.channel(thread.id), {
        body: { rate_limit_per_user: null },
      })) as { rate_limit_per_user: number };
      expect(cleared.rate_limit_per_user).toBe(0);

      const outOfRange = bot.rest.patch(Routes.channel(thread.id), { body: { rate_limit_per_user: 21601 } });
      expect(await discordErrorCode(outOfRange)).toBe(50035);

      await control.setRolePermissions(world.guildId, world.roles.botRole, ['Administrator']);
      const log = await context.guild().fetchAuditLogs({ type: 111 });
      expect(log.entries.first()?.changes).toContainEqual({ key: 'rate_limit_per_user', old: 120, new: 0 });
    } finally {
      await context.stop();
    }
  });
});
