import { AuditLogEvent, type DiscordAPIError, Events, GatewayIntentBits, type TextChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startBotInScenario } from './testing/bot-in-scenario.ts';
import { nextEvent, TANDEM_INTENTS } from './testing/discord-client.ts';

const MODERATION_INTENTS = [...TANDEM_INTENTS, GatewayIntentBits.GuildModeration];

describe('audit log', () => {
  it('records what the bot and moderators do, with reasons, filters and paging', async () => {
    const context = await startBotInScenario({ intents: MODERATION_INTENTS });
    try {
      const { control, world, bot } = context;
      const guild = context.guild();
      const denied = await guild.fetchAuditLogs().catch((e: unknown) => e);
      expect((denied as DiscordAPIError).code).toBe(50013);

      await control.setRolePermissions(world.guildId, world.roles.botRole, [
        'ViewChannel',
        'SendMessages',
        'ManageRoles',
        'ManageMessages',
        'BanMembers',
        'ViewAuditLog',
      ]);
      const streamed = nextEvent(
        bot,
        Events.GuildAuditLogEntryCreate,
        (entry) => entry.action === AuditLogEvent.MemberRoleUpdate,
      );
      const alice = await guild.members.fetch(world.users.alice);
      await alice.roles.add(world.roles.bronze, 'reached 100 XP');
      const [live] = await streamed;
      expect(live).toMatchObject({
        executorId: world.bot.userId,
        targetId: world.users.alice,
        reason: 'reached 100 XP',
      });

      await control.changeRolesAsModerator(world.guildId, world.users.bob, {
        add: [world.roles.silver],
        moderatorId: world.users.carol,
        reason: 'event winner',
      });
      const role = await guild.roles.create({ name: 'Event', reason: 'summer event' });
      await role.setName('Summer Event');
      const channel = bot.channels.cache.get(world.channels.general) as TextChannel;
      const notice = await channel.send('Rules');
      await notice.pin('keep visible');
      await control.banUser(world.guildId, world.users.bob, { reason: 'raid' });
      await control.createChannel(world.guildId, { name: 'events' });

      const roleUpdates = await guild.fetchAuditLogs({ type: AuditLogEvent.MemberRoleUpdate });
      const [moderatorEntry, botEntry] = [...roleUpdates.entries.values()];
      expect(moderatorEntry).toMatchObject({
        executorId: world.users.carol,
        targetId: world.users.bob,
        reason: 'event winner',
        changes: [{ key: '$add', new: [{ id: world.roles.silver, name: 'Silver' }] }],
      });
      expect(botEntry).toMatchObject({
        executorId: world.bot.userId,
        changes: [{ key: '$add', new: [{ id: world.roles.bronze, name: 'Bronze' }] }],
      });

      const roleEdits = await guild.fetchAuditLogs({ type: AuditLogEvent.RoleUpdate });
      expect(roleEdits.entries.first()?.changes).toEqual([
        { key: 'name', old: 'Event', new: 'Summer Event' },
      ]);
      const created = await guild.fetchAuditLogs({ type: AuditLogEvent.RoleCreate, user: world.bot.userId });
      expect(created.entries.first()).toMatchObject({ targetId: role.id, reason: 'summer event' });
      expect(created.entries.first()?.changes).toContainEqual({ key: 'name', new: 'Event' });

      const pins = await guild.fetchAuditLogs({ type: AuditLogEvent.MessagePin });
      expect(pins.entries.first()).toMatchObject({
        executorId: world.bot.userId,
        targetId: world.bot.userId,
        reason: 'keep visible',
        extra: { channel: { id: channel.id }, messageId: notice.id },
      });
      const bans = await guild.fetchAuditLogs({ type: AuditLogEvent.MemberBanAdd });
      expect(bans.entries.first()).toMatchObject({
        executorId: world.ownerId,
        targetId: world.users.bob,
        reason: 'raid',
      });
      // The control API reads the same log, for scripts that check what a moderator or the bot did.
      const carolsEntries = await control.auditLog(world.guildId, { userId: world.users.carol });
      expect(carolsEntries).toEqual([
        {
          id: moderatorEntry?.id,
          action_type: AuditLogEvent.MemberRoleUpdate,
          user_id: world.users.carol,
          target_id: world.users.bob,
          changes: [{ key: '$add', new_value: [{ id: world.roles.silver, name: 'Silver' }] }],
          reason: 'event winner',
        },
      ]);
      const channels = await guild.fetchAuditLogs({ type: AuditLogEvent.ChannelCreate, limit: 1 });
      expect(channels.entries.first()?.changes).toContainEqual({ key: 'name', new: 'events' });

      // Newest first by default; `after` lists oldest first.
      const newest = await guild.fetchAuditLogs({ limit: 2 });
      const [latest, previous] = [...newest.entries.values()];
      expect(latest?.action).toBe(AuditLogEvent.ChannelCreate);
      const older = await guild.fetchAuditLogs({ limit: 1, before: previous?.id });
      expect(BigInt(older.entries.first()?.id ?? '0') < BigInt(previous?.id ?? '0')).toBe(true);
      const oldestFirst = await guild.fetchAuditLogs({ after: '0', limit: 100 });
      const ids = [...oldestFirst.entries.keys()];
      expect(ids).toEqual([...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
    } finally {
      await context.stop();
    }
  });
});
