import { type Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { type BotInScenario, startBotInScenario } from './testing/bot-in-scenario.ts';
import { nextEvent, TANDEM_INTENTS } from './testing/discord-client.ts';
import { discordErrorCode } from './testing/discord-error-code.ts';
import { nextDispatch } from './testing/raw-dispatch.ts';

const REACTION_INTENTS = [...TANDEM_INTENTS, GatewayIntentBits.GuildMessageReactions];

// Reactions have a 1 per 250 ms bucket; without limits the tests do not wait on it.
const start = (intents = REACTION_INTENTS) =>
  startBotInScenario({ intents, emulator: { rateLimits: { enabled: false } } });

/** Alice posts in #general; the bot's copy of the message (cached, so reaction events resolve it). */
async function aliceSays(context: BotInScenario, content: string): Promise<Message> {
  const received = nextEvent(context.bot, Events.MessageCreate, (m) => m.content === content);
  await context.control.sendMessage(context.world.channels.general, {
    authorId: context.world.users.alice,
    content,
  });
  const [message] = await received;
  return message;
}

function countOf(bot: Client, event: string): () => number {
  let count = 0;
  bot.on(Events.Raw, (packet: { t?: string }) => {
    if (packet.t === event) count++;
  });
  return () => count;
}

describe('reactions', () => {
  it('a member and the bot react: events, counts, `me`, and the list of who reacted', async () => {
    const context = await start();
    try {
      const { control, world, bot } = context;
      const message = await aliceSays(context, 'vote for the next event');

      const added = nextEvent(bot, Events.MessageReactionAdd, (_r, user) => user.id === world.users.bob);
      const raw = nextDispatch(bot, 'MESSAGE_REACTION_ADD');
      await control.react(world.channels.general, message.id, '👍', world.users.bob);
      const [reaction] = await added;
      expect(reaction.emoji.name).toBe('👍');
      expect(reaction.count).toBe(1);
      expect(await raw).toMatchObject({
        user_id: world.users.bob,
        message_id: message.id,
        channel_id: world.channels.general,
        guild_id: world.guildId,
        member: { user: { id: world.users.bob } },
        emoji: { id: null, name: '👍' },
        message_author_id: world.users.alice,
        burst: false,
        type: 0,
      });

      await message.react('👍');
      const fetched = await message.channel.messages.fetch({ message: message.id, force: true });
      const thumbs = fetched.reactions.cache.get('👍');
      expect(thumbs?.count).toBe(2);
      expect(thumbs?.me).toBe(true);
      const users = await thumbs!.users.fetch();
      expect([...users.keys()].sort()).toEqual([world.users.bob, world.bot.userId].sort());
      const [seen] = await control.messages(world.channels.general, { authorId: world.users.alice });
      expect(seen?.reactions).toEqual([
        expect.objectContaining({ count: 2, me: false, emoji: { id: null, name: '👍' } }),
      ]);

      const removed = nextEvent(
        bot,
        Events.MessageReactionRemove,
        (_r, user) => user.id === world.bot.userId,
      );
      await thumbs!.users.remove(world.bot.userId);
      await removed;
      const removedByBob = nextDispatch(bot, 'MESSAGE_REACTION_REMOVE', (d) => d.user_id === world.users.bob);
      await control.unreact(world.channels.general, message.id, '👍', world.users.bob);
      expect(await removedByBob).toEqual({
        user_id: world.users.bob,
        channel_id: world.channels.general,
        message_id: message.id,
        guild_id: world.guildId,
        emoji: { id: null, name: '👍' },
        burst: false,
        type: 0,
      });
      const [after] = await control.messages(world.channels.general, { authorId: world.users.alice });
      expect(after?.reactions).toBeUndefined();
    } finally {
      await context.stop();
    }
  });

  it("clearing others' reactions needs Manage Messages; clears announce REMOVE_ALL and REMOVE_EMOJI", async () => {
    const context = await start();
    try {
      const { control, world, bot } = context;
      const message = await aliceSays(context, 'gg');
      await control.react(world.channels.general, message.id, '🔥', world.users.bob);
      await control.react(world.channels.general, message.id, '🎉', world.users.alice);
      await control.react(world.channels.general, message.id, '🎉', world.users.bob);

      const route: `/${string}` = `/channels/${world.channels.general}/messages/${message.id}/reactions`;
      expect(
        await discordErrorCode(bot.rest.delete(`${route}/${encodeURIComponent('🔥')}/${world.users.bob}`)),
      ).toBe(50013);
      expect(await discordErrorCode(message.reactions.removeAll())).toBe(50013);

      await control.setRolePermissions(world.guildId, world.roles.botRole, ['ManageRoles', 'ManageMessages']);
      const userRemoved = nextDispatch(bot, 'MESSAGE_REACTION_REMOVE');
      await bot.rest.delete(`${route}/${encodeURIComponent('🔥')}/${world.users.bob}`);
      expect(await userRemoved).toMatchObject({ user_id: world.users.bob, emoji: { name: '🔥' } });

      const emojiCleared = nextDispatch(bot, 'MESSAGE_REACTION_REMOVE_EMOJI');
      await bot.rest.delete(`${route}/${encodeURIComponent('🎉')}`);
      expect(await emojiCleared).toEqual({
        channel_id: world.channels.general,
        message_id: message.id,
        guild_id: world.guildId,
        emoji: { id: null, name: '🎉' },
      });

      await control.react(world.channels.general, message.id, '🔥', world.users.bob);
      const cleared = nextEvent(bot, Events.MessageReactionRemoveAll, (m) => m.id === message.id);
      await message.reactions.removeAll();
      await cleared;
      const [after] = await control.messages(world.channels.general, { authorId: world.users.alice });
      expect(after?.reactions).toBeUndefined();
    } finally {
      await context.stop();
    }
  });

  it('refuses an unknown emoji (10014), a 21st emoji (30010), and a new emoji without Add Reactions', async () => {
    const context = await start();
    try {
      const { control, world, bot } = context;
      const message = await aliceSays(context, 'react away');
      expect(await discordErrorCode(message.react('thumbsup'))).toBe(10014);
      expect(await discordErrorCode(message.react('party:123456789012345678'))).toBe(10014);

      const emoji = ['😀', '😁', '😂', '🤣', '😃', '😄', '😅', '😆', '😉', '😊'];
      emoji.push('😋', '😎', '😍', '😘', '🥰', '😗', '😙', '🥲', '😚', '🙂');
      for (const name of emoji)
        await control.react(world.channels.general, message.id, name, world.users.bob);
      expect(await discordErrorCode(message.react('🤗'))).toBe(30010);
      // An emoji already on the message can still be joined.
      await message.react('😀');

      // Without Add Reactions anywhere (not even @everyone), only existing emoji can be joined.
      const other = await aliceSays(context, 'second');
      await control.react(world.channels.general, other.id, '👀', world.users.bob);
      await control.setRolePermissions(world.guildId, world.guildId, ['ViewChannel', 'ReadMessageHistory']);
      expect(await discordErrorCode(other.react('🙃'))).toBe(50013);
      await other.react('👀');
      expect(bot.isReady()).toBe(true);
    } finally {
      await context.stop();
    }
  });

  it('reaction events reach only bots with the GuildMessageReactions intent', async () => {
    const context = await start(TANDEM_INTENTS);
    try {
      const { control, world, bot } = context;
      const reactions = countOf(bot, 'MESSAGE_REACTION_ADD');
      const message = await aliceSays(context, 'no intent');
      await control.react(world.channels.general, message.id, '👍', world.users.bob);
      // A later message is delivered after the reaction would have been: none came.
      await aliceSays(context, 'after the reaction');
      expect(reactions()).toBe(0);
    } finally {
      await context.stop();
    }
  });
});
