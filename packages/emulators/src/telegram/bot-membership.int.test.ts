import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import type { ControlRequestError } from './index.ts';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';

const fixture = useTelegramEmulator();

function takeUpdates(): Promise<Update[]> {
  return fixture.pendingUpdates(['message', 'my_chat_member']);
}

async function myChatMember() {
  const updates = (await takeUpdates()).filter((update) => 'my_chat_member' in update);
  expect(updates).toHaveLength(1);
  return (updates[0] as Update.MyChatMemberUpdate).my_chat_member;
}

describe("a bot's membership in groups and channels", () => {
  it('is added, promoted with chosen rights, demoted and removed, each time told in my_chat_member', async () => {
    const bot = fixture.emulator.defaultBot;
    const owner = await fixture.control.createUser({ firstName: 'Olga' });
    const group = await fixture.control.createGroup({ title: 'Guild', admins: [owner.id], bots: [] });
    await takeUpdates();

    await fixture.control.addMember(group.id, { userId: bot.id, by: owner.id });
    const added = await myChatMember();
    expect(added).toMatchObject({
      chat: { id: group.id, type: 'supergroup', title: 'Guild' },
      from: { id: owner.id, is_bot: false },
      old_chat_member: { status: 'left', user: { id: bot.id, is_bot: true } },
      new_chat_member: { status: 'member', user: { id: bot.id } },
    });
    expect(added.date).toBeGreaterThan(1_700_000_000);

    await fixture.control.promoteMember(group.id, bot.id, {
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
    const admins = await fixture.telegram.getChatAdministrators(group.id);
    expect(admins.map((admin) => [admin.user.id, admin.status])).toEqual([
      [owner.id, 'administrator'],
      [bot.id, 'administrator'],
    ]);
    expect(admins[1]).toMatchObject({ can_restrict_members: false, can_pin_messages: true });

    await fixture.control.demoteMember(group.id, bot.id);
    const demoted = await myChatMember();
    expect(demoted.old_chat_member).toMatchObject({ status: 'administrator', can_delete_messages: true });
    expect(demoted.new_chat_member.status).toBe('member');
    expect(await fixture.telegram.getChatMember(group.id, bot.id)).toMatchObject({ status: 'member' });

    await fixture.control.removeMember(group.id, bot.id, true, owner.id);
    const kicked = await myChatMember();
    expect(kicked).toMatchObject({
      from: { id: owner.id },
      old_chat_member: { status: 'member' },
      new_chat_member: { status: 'kicked', until_date: 0 },
    });
    await expect(fixture.telegram.getChat(group.id)).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: chat not found' },
    });
  });

  it('is an administrator of a channel with the channel rights', async () => {
    const owner = await fixture.control.createUser({ firstName: 'Olga' });
    const channel = await fixture.control.createGroup({
      title: 'News',
      type: 'channel',
      admins: [owner.id],
      bots: [],
    });
    await fixture.control.addMember(channel.id, {
      userId: fixture.emulator.defaultBot.id,
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
    expect(await fixture.telegram.getChat(channel.id)).toMatchObject({ type: 'channel', title: 'News' });
  });

  it('sees a rename as new_chat_title and an upgrade as migrate_to_chat_id / migrate_from_chat_id', async () => {
    const owner = await fixture.control.createUser({ firstName: 'Olga' });
    const group = await fixture.control.createGroup({ title: 'Old name', type: 'group', admins: [owner.id] });
    const renamed = await fixture.control.renameGroup(group.id, { title: 'New name' });
    expect(renamed.group.title).toBe('New name');
    const [rename] = await takeUpdates();
    expect(rename).toMatchObject({
      message: {
        chat: { id: group.id, title: 'New name' },
        new_chat_title: 'New name',
        from: { id: owner.id },
      },
    });

    const { supergroup } = await fixture.control.migrateGroup(group.id);
    const updates = await takeUpdates();
    expect(updates.map((update) => ('message' in update ? update.message : undefined))).toMatchObject([
      { chat: { id: group.id, type: 'group' }, migrate_to_chat_id: supergroup.id },
      { chat: { id: supergroup.id, type: 'supergroup', title: 'New name' }, migrate_from_chat_id: group.id },
    ]);
    await expect(fixture.telegram.sendMessage(group.id, 'hi')).rejects.toMatchObject({
      response: { error_code: 400, parameters: { migrate_to_chat_id: supergroup.id } },
    });
    expect((await fixture.telegram.sendMessage(supergroup.id, 'hi')).chat.id).toBe(supergroup.id);
  });

  it('keeps the default administrator rights a bot sets for itself', async () => {
    expect(await fixture.telegram.getMyDefaultAdministratorRights()).toMatchObject({
      can_manage_chat: false,
    });
    await fixture.telegram.setMyDefaultAdministratorRights({
      rights: { can_delete_messages: true, can_pin_messages: true } as never,
    });
    expect(await fixture.telegram.getMyDefaultAdministratorRights()).toMatchObject({
      can_manage_chat: true,
      can_delete_messages: true,
      can_pin_messages: true,
      can_restrict_members: false,
    });
    expect(await fixture.telegram.getMyDefaultAdministratorRights({ forChannels: true })).toMatchObject({
      can_post_messages: false,
    });
  });

  it('refuses what Telegram would not do, with the reason', async () => {
    const owner = await fixture.control.createUser({ firstName: 'Olga' });
    const group = await fixture.control.createGroup({ title: 'Guild', admins: [owner.id], bots: [] });
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: ControlRequestError) => error,
      );
    expect(
      await refusal(fixture.control.promoteMember(group.id, fixture.emulator.defaultBot.id)),
    ).toMatchObject({
      status: 409,
      message: expect.stringContaining('is not a member'),
    });
    await fixture.control.addMember(group.id, { userId: fixture.emulator.defaultBot.id });
    expect(
      await refusal(fixture.control.promoteMember(group.id, fixture.emulator.defaultBot.id, { rights: {} })),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining('Grant at least one right'),
    });
    expect(
      await refusal(
        fixture.control.promoteMember(group.id, fixture.emulator.defaultBot.id, {
          rights: { can_fly: true } as never,
        }),
      ),
    ).toMatchObject({ status: 400 });
    expect(
      await refusal(fixture.control.demoteMember(group.id, fixture.emulator.defaultBot.id)),
    ).toMatchObject({
      status: 409,
      message: expect.stringContaining('is not an administrator'),
    });
    expect(await refusal(fixture.control.migrateGroup(group.id))).toMatchObject({ status: 409 });
  });
});
