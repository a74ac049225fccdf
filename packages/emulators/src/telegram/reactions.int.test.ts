import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';

const fixture = useTelegramEmulator();

describe('setMessageReaction', () => {
  it('sets and removes the bot reaction; other emoji, several reactions and missing messages are refused', async () => {
    const user = await fixture.control.createUser({ firstName: 'Eli' });
    const sent = await fixture.control.sendMessage({ from: user.id, text: 'gg' });
    const id = sent.message.message_id;

    expect(await fixture.bot.telegram.setMessageReaction(user.id, id, [{ type: 'emoji', emoji: '🔥' }])).toBe(
      true,
    );
    expect((await fixture.control.messages(user.id))[0]?.reactions).toEqual({
      [`bot:${fixture.emulator.defaultBot.id}`]: [{ type: 'emoji', emoji: '🔥' }],
    });
    await expect(
      fixture.bot.telegram.setMessageReaction(user.id, id, [{ type: 'emoji', emoji: '🦖' as '🔥' }]),
    ).rejects.toMatchObject({ response: { error_code: 400, description: 'Bad Request: REACTION_INVALID' } });
    await expect(
      fixture.bot.telegram.setMessageReaction(user.id, id, [
        { type: 'emoji', emoji: '🔥' },
        { type: 'emoji', emoji: '👍' },
      ]),
    ).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: REACTIONS_TOO_MANY' },
    });
    await expect(fixture.bot.telegram.setMessageReaction(user.id, 77, [])).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: message to react not found' },
    });

    expect(await fixture.bot.telegram.setMessageReaction(user.id, id)).toBe(true);
    expect((await fixture.control.messages(user.id))[0]?.reactions).toEqual({});
  });
});

describe('users reacting', () => {
  it('reaches an administrator bot that asked for message_reaction, with the old and new reactions', async () => {
    const seen: Update.MessageReactionUpdate['message_reaction'][] = [];
    fixture.bot.on('message_reaction', (ctx) => {
      seen.push(ctx.messageReaction);
    });
    await fixture.launch(fixture.bot, { allowedUpdates: ['message', 'message_reaction'] });
    const ana = await fixture.control.createUser({ firstName: 'Ana' });
    const group = await fixture.control.createGroup({
      title: 'Guild',
      members: [ana.id],
      admins: [fixture.emulator.defaultBot.id],
    });
    const post = await fixture.bot.telegram.sendMessage(group.id, 'Weekly winners');

    const first = await fixture.control.react({
      from: ana.id,
      chatId: group.id,
      messageId: post.message_id,
      reaction: ['🎉'],
    });
    expect(first.updates).toHaveLength(1);
    await fixture.control.react({
      from: ana.id,
      chatId: group.id,
      messageId: post.message_id,
      reaction: ['❤‍🔥'],
    });
    await fixture.control.waitFor({ types: ['updates.delivered'], since: first.seq });
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[0]).toMatchObject({
      chat: { id: group.id },
      message_id: post.message_id,
      user: { id: ana.id, first_name: 'Ana' },
      old_reaction: [],
      new_reaction: [{ type: 'emoji', emoji: '🎉' }],
    });
    expect(seen[1]).toMatchObject({
      old_reaction: [{ type: 'emoji', emoji: '🎉' }],
      new_reaction: [{ type: 'emoji', emoji: '❤‍🔥' }],
    });
  });

  it('is not delivered by default, nor to a bot that is no administrator; anonymous ones come as counts', async () => {
    // allowed_updates outlives a reset, as it outlives a restart on Telegram: back to the default kinds.
    await fixture.bot.telegram.getUpdates(0, 100, 0, []);
    const ana = await fixture.control.createUser({ firstName: 'Ana' });
    const ben = await fixture.control.createUser({ firstName: 'Ben' });
    const plain = await fixture.control.createGroup({ title: 'Plain', members: [ana.id] });
    const post = await fixture.bot.telegram.sendMessage(plain.id, 'hello');
    const ignored = await fixture.control.react({
      from: ana.id,
      chatId: plain.id,
      messageId: post.message_id,
      reaction: ['👍'],
    });
    expect(ignored.updates).toEqual([]);

    const dm = await fixture.control.sendMessage({ from: ana.id, text: 'hi' });
    const unasked = await fixture.control.react({
      from: ana.id,
      messageId: dm.message.message_id,
      reaction: ['👍'],
    });
    expect(unasked.updates).toEqual([]);
    await expect(
      fixture.control.react({ from: ana.id, messageId: dm.message.message_id, reaction: ['🦖'] }),
    ).rejects.toMatchObject({ status: 400 });

    const admin = await fixture.control.createGroup({
      title: 'Admin',
      members: [ana.id, ben.id],
      admins: [fixture.emulator.defaultBot.id],
    });
    const news = await fixture.bot.telegram.sendMessage(admin.id, 'news');
    await fixture.bot.telegram.getUpdates(0, 100, -1, ['message_reaction_count']);
    await fixture.control.react({
      from: ana.id,
      chatId: admin.id,
      messageId: news.message_id,
      reaction: ['👍'],
      anonymous: true,
    });
    const counted = await fixture.control.react({
      from: ben.id,
      chatId: admin.id,
      messageId: news.message_id,
      reaction: ['👍', '🔥'],
      anonymous: true,
    });
    expect(counted.updates[0]?.update).toMatchObject({
      message_reaction_count: {
        chat: { id: admin.id },
        message_id: news.message_id,
        reactions: [
          { type: { type: 'emoji', emoji: '👍' }, total_count: 2 },
          { type: { type: 'emoji', emoji: '🔥' }, total_count: 1 },
        ],
      },
    });
  });
});
