import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ControlRequestError, TelegramControlClient, TelegramEmulator } from './index.ts';

let emulator: TelegramEmulator;
let control: TelegramControlClient;
let telegram: Telegraf['telegram'];
let offset = 0;

beforeAll(async () => {
  emulator = new TelegramEmulator();
  const { url } = await emulator.start();
  control = new TelegramControlClient(url);
  telegram = new Telegraf(emulator.defaultBot.token, { telegram: { apiRoot: url } }).telegram;
});

beforeEach(async () => {
  await control.reset();
  offset = 0;
});

afterAll(async () => {
  await emulator.stop();
});

/** The updates waiting for the bot, confirmed so the next call sees only newer ones. */
async function takeUpdates(): Promise<Update[]> {
  const updates = await telegram.getUpdates(0, 100, offset, ['message', 'my_chat_member']);
  const last = updates.at(-1);
  if (last) offset = last.update_id + 1;
  return updates;
}

async function myChatMember() {
  const updates = (await takeUpdates()).filter((update) => 'my_chat_member' in update);
  expect(updates).toHaveLength(1);
  return (updates[0] as Update.MyChatMemberUpdate).my_chat_member;
}

describe("a bot's membership in groups and channels", () => {
  it('is added, promoted with chosen rights, demoted and removed, each time told in my_chat_member', async () => {
    const bot = emulator.defaultBot;
    const owner = await control.createUser({ firstName: 'Olga' });
    const group = await control.createGroup({ title: 'Guild', admins: [owner.id], bots: [] });
    await takeUpdates();

    await control.addMember(group.id, { userId: bot.id, by: owner.id });
    const added = await myChatMember();
    expect(added).toMatchObject({
      chat: { id: group.id, type: 'supergroup', title: 'Guild' },
      from: { id: owner.id, is_bot: false },
      old_chat_member: { status: 'left', user: { id: bot.id, is_bot: true } },
      new_chat_member: { status: 'member', user: { id: bot.id } },
    });
    expect(added.date).toBeGreaterThan(1_700_000_000);

    await control.promoteMember(group.id, bot.id, {
      rights: { can_delete_messages: true, can_pin_messages: true, can_invite_users: true },
    });
    const promoted = await myChatMember();
    expect(promoted.old_chat_member.status).toBe('member');
    expect(promoted.new_chat_member).toEqual({
      status: 'administrator',
      user: expect.objectContaining({ id: bot.id }),
      can_be_edited: false,
      is_anonymous: false,
      can_manage_chat: true,
      can_delete_messages: true,
      can_manage_video_chats: false,
      can_restrict_members: false,
      can_promote_members: false,
      can_change_info: false,
      can_invite_users: true,
      can_post_stories: false,
      can_edit_stories: false,
      can_delete_stories: false,
      can_pin_messages: true,
      can_manage_topics: false,
    });
    const admins = await telegram.getChatAdministrators(group.id);
    expect(admins.map((admin) => [admin.user.id, admin.status])).toEqual([
      [owner.id, 'administrator'],
      [bot.id, 'administrator'],
    ]);
    expect(admins[1]).toMatchObject({ can_restrict_members: false, can_pin_messages: true });

    await control.demoteMember(group.id, bot.id);
    const demoted = await myChatMember();
    expect(demoted.old_chat_member).toMatchObject({ status: 'administrator', can_delete_messages: true });
    expect(demoted.new_chat_member.status).toBe('member');
    expect(await telegram.getChatMember(group.id, bot.id)).toMatchObject({ status: 'member' });

    await control.removeMember(group.id, bot.id, true, owner.id);
    const kicked = await myChatMember();
    expect(kicked).toMatchObject({
      from: { id: owner.id },
      old_chat_member: { status: 'member' },
      new_chat_member: { status: 'kicked', until_date: 0 },
    });
    await expect(telegram.getChat(group.id)).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: chat not found' },
    });
  });

  it('is an administrator of a channel with the channel rights', async () => {
    const owner = await control.createUser({ firstName: 'Olga' });
    const channel = await control.createGroup({
      title: 'News',
      type: 'channel',
      admins: [owner.id],
      bots: [],
    });
    await control.addMember(channel.id, {
      userId: emulator.defaultBot.id,
      status: 'administrator',
      rights: { can_post_messages: true, can_edit_messages: true },
    });
    const update = await myChatMember();
    expect(update.chat).toEqual({ id: channel.id, type: 'channel', title: 'News' });
    expect(update.new_chat_member).toMatchObject({
      status: 'administrator',
      can_manage_chat: true,
      can_post_messages: true,
      can_edit_messages: true,
      can_delete_messages: false,
    });
    expect(update.new_chat_member).not.toHaveProperty('can_pin_messages');
    expect(await telegram.getChat(channel.id)).toMatchObject({ type: 'channel', title: 'News' });
  });

  it('sees a rename as new_chat_title and an upgrade as migrate_to_chat_id / migrate_from_chat_id', async () => {
    const owner = await control.createUser({ firstName: 'Olga' });
    const group = await control.createGroup({ title: 'Old name', type: 'group', admins: [owner.id] });
    const renamed = await control.renameGroup(group.id, { title: 'New name' });
    expect(renamed.group.title).toBe('New name');
    const [rename] = await takeUpdates();
    expect(rename).toMatchObject({
      message: {
        chat: { id: group.id, title: 'New name' },
        new_chat_title: 'New name',
        from: { id: owner.id },
      },
    });

    const { supergroup } = await control.migrateGroup(group.id);
    const updates = await takeUpdates();
    expect(updates.map((update) => ('message' in update ? update.message : undefined))).toMatchObject([
      { chat: { id: group.id, type: 'group' }, migrate_to_chat_id: supergroup.id },
      { chat: { id: supergroup.id, type: 'supergroup', title: 'New name' }, migrate_from_chat_id: group.id },
    ]);
    await expect(telegram.sendMessage(group.id, 'hi')).rejects.toMatchObject({
      response: { error_code: 400, parameters: { migrate_to_chat_id: supergroup.id } },
    });
    expect((await telegram.sendMessage(supergroup.id, 'hi')).chat.id).toBe(supergroup.id);
  });

  it('keeps the default administrator rights a bot sets for itself', async () => {
    expect(await telegram.getMyDefaultAdministratorRights()).toMatchObject({ can_manage_chat: false });
    await telegram.setMyDefaultAdministratorRights({
      rights: { can_delete_messages: true, can_pin_messages: true } as never,
    });
    expect(await telegram.getMyDefaultAdministratorRights()).toMatchObject({
      can_manage_chat: true,
      can_delete_messages: true,
      can_pin_messages: true,
      can_restrict_members: false,
    });
    expect(await telegram.getMyDefaultAdministratorRights({ forChannels: true })).toMatchObject({
      can_post_messages: false,
    });
  });

  it('refuses what Telegram would not do, with the reason', async () => {
    const owner = await control.createUser({ firstName: 'Olga' });
    const group = await control.createGroup({ title: 'Guild', admins: [owner.id], bots: [] });
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: ControlRequestError) => error,
      );
    expect(await refusal(control.promoteMember(group.id, emulator.defaultBot.id))).toMatchObject({
      status: 409,
      message: expect.stringContaining('is not a member'),
    });
    await control.addMember(group.id, { userId: emulator.defaultBot.id });
    expect(
      await refusal(control.promoteMember(group.id, emulator.defaultBot.id, { rights: {} })),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining('Grant at least one right'),
    });
    expect(
      await refusal(
        control.promoteMember(group.id, emulator.defaultBot.id, { rights: { can_fly: true } as never }),
      ),
    ).toMatchObject({ status: 400 });
    expect(await refusal(control.demoteMember(group.id, emulator.defaultBot.id))).toMatchObject({
      status: 409,
      message: expect.stringContaining('is not an administrator'),
    });
    expect(await refusal(control.migrateGroup(group.id))).toMatchObject({ status: 409 });
  });
});
