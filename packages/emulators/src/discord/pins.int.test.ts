import { Events, Routes, type TextChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startBotInScenario } from './testing/bot-in-scenario.ts';
import { discordErrorCode } from './testing/discord-error-code.ts';
import { nextDispatch } from './testing/raw-dispatch.ts';

describe('pins', () => {
  it('the bot pins and unpins with Manage Messages: CHANNEL_PINS_UPDATE, `pinned`, the system message and both pin lists', async () => {
    const context = await startBotInScenario();
    try {
      const { control, world, bot } = context;
      const channel = bot.channels.cache.get(world.channels.general) as TextChannel;
      const rules = await channel.send('Server rules: be kind');
      expect(await discordErrorCode(rules.pin())).toBe(50013);

      await control.setRolePermissions(world.guildId, world.roles.botRole, [
        'ViewChannel',
        'SendMessages',
        'ReadMessageHistory',
        'ManageRoles',
        'ManageMessages',
      ]);
      const updated = new Promise<Date | null>((resolve) =>
        bot.once(Events.ChannelPinsUpdate, (_channel, time) => resolve(time)),
      );
      await rules.pin('keep the rules on top');
      // discord.js passes the pin time as a timestamp (its typings say Date).
      const pinnedAt = new Date((await updated) as Date | number).getTime();
      expect(pinnedAt).toBeGreaterThan(0);

      const { items, hasMore } = await channel.messages.fetchPins();
      expect(hasMore).toBe(false);
      expect(items.map((pin) => pin.message.id)).toEqual([rules.id]);
      expect(items[0]?.message.pinned).toBe(true);
      expect(items[0]?.pinnedTimestamp).toBe(pinnedAt);
      const legacy = (await bot.rest.get(Routes.channelPins(channel.id))) as Array<{
        id: string;
        pinned: boolean;
      }>;
      expect(legacy.map((m) => [m.id, m.pinned])).toEqual([[rules.id, true]]);

      // Discord announces the pin with a "pinned a message" system message by the pinner.
      const messages = await control.messages(world.channels.general);
      expect(messages.find((m) => m.type === 6)).toMatchObject({
        author: { id: world.bot.userId },
        message_reference: { message_id: rules.id, channel_id: channel.id, guild_id: world.guildId },
      });

      const unpinned = nextDispatch(bot, 'CHANNEL_PINS_UPDATE');
      await rules.unpin();
      expect(await unpinned).toEqual({
        guild_id: world.guildId,
        channel_id: channel.id,
        last_pin_timestamp: null,
      });
      expect((await channel.messages.fetchPins()).items).toEqual([]);
      expect((await channel.messages.fetch({ message: rules.id, force: true })).pinned).toBe(false);
    } finally {
      await context.stop();
    }
  });

  it('a channel holds 50 pins (30003); pins page by pin time with `before`', async () => {
    const context = await startBotInScenario({ emulator: { rateLimits: { enabled: false } } });
    try {
      const { control, world, bot } = context;
      await control.setRolePermissions(world.guildId, world.roles.botRole, ['Administrator']);
      const channel = bot.channels.cache.get(world.channels.general) as TextChannel;
      const ids: string[] = [];
      for (let i = 0; i < 51; i++) {
        const sent = await control.sendMessage(channel.id, {
          authorId: world.users.alice,
          content: `note ${i}`,
        });
        ids.push(sent.id);
      }
      for (const id of ids.slice(0, 50)) await channel.messages.pin(id);
      expect(await discordErrorCode(channel.messages.pin(ids[50] as string))).toBe(30003);

      const first = await channel.messages.fetchPins({ limit: 20 });
      expect(first.hasMore).toBe(true);
      const newestFirst = ids.slice(0, 50).reverse();
      expect(first.items.map((pin) => pin.message.id)).toEqual(newestFirst.slice(0, 20));
      const next = await channel.messages.fetchPins({ limit: 50, before: first.items[19]?.pinnedAt });
      expect(next.hasMore).toBe(false);
      expect(next.items.map((pin) => pin.message.id)).toEqual(newestFirst.slice(20));
    } finally {
      await context.stop();
    }
  });

  it('without Read Message History the pin lists come back empty, not refused', async () => {
    const context = await startBotInScenario();
    try {
      const { control, world, bot } = context;
      const channel = bot.channels.cache.get(world.channels.general) as TextChannel;
      await control.setRolePermissions(world.guildId, world.roles.botRole, [
        'ViewChannel',
        'SendMessages',
        'ReadMessageHistory',
        'PinMessages',
      ]);
      const rules = await channel.send('Server rules: be kind');
      await rules.pin();
      // @everyone (the role with the guild's id) grants Read Message History too.
      await control.setRolePermissions(world.guildId, world.guildId, ['ViewChannel', 'SendMessages']);
      await control.setRolePermissions(world.guildId, world.roles.botRole, [
        'ViewChannel',
        'SendMessages',
        'PinMessages',
      ]);

      const { items, hasMore } = await channel.messages.fetchPins();
      expect(items).toEqual([]);
      expect(hasMore).toBe(false);
      expect(await bot.rest.get(Routes.channelPins(channel.id))).toEqual([]);
    } finally {
      await context.stop();
    }
  });
});
