import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';
import { callBotApi } from './testing.ts';

const fixture = useTelegramEmulator();

/** The chat_member updates waiting for the bot, confirmed so the next call sees only newer ones. */
async function chatMemberUpdates() {
  return (await fixture.pendingUpdates(['chat_member'])).flatMap((update) =>
    'chat_member' in update ? [(update as Update.ChatMemberUpdate).chat_member] : [],
  );
}

/** A supergroup owned by Olga with Pat in it, where the bot is an administrator with `rights`. */
async function guild(rights: Record<string, boolean>, type: 'supergroup' | 'group' = 'supergroup') {
  const bot = fixture.emulator.defaultBot;
  const owner = await fixture.control.createUser({ firstName: 'Olga' });
  const pat = await fixture.control.createUser({ firstName: 'Pat', username: 'pat_plays' });
  const group = await fixture.control.createGroup({
    title: 'Guild',
    type,
    members: [pat.id],
    admins: [owner.id],
    bots: [],
  });
  await fixture.control.addMember(group.id, {
    userId: bot.id,
    status: 'administrator',
    rights,
    by: owner.id,
  });
  await chatMemberUpdates();
  return { bot, owner, pat, group };
}

function call(method: string, params: Record<string, unknown>) {
  return callBotApi(fixture.url, fixture.emulator.defaultBot.token, method, params);
}

async function memberInWorld(chatId: number, userId: number) {
  const world = await fixture.control.world();
  return world.groups.find((group) => group.id === chatId)?.members.find((member) => member.id === userId);
}

describe('promoteChatMember and setChatAdministratorCustomTitle', () => {
  it('promotes a member with one right, gives them a title and shows both to the bot and the control API', async () => {
    const { bot, pat, group } = await guild({ can_promote_members: true, can_delete_messages: true });

    expect(await fixture.telegram.promoteChatMember(group.id, pat.id, { can_manage_chat: true })).toBe(true);
    expect(await fixture.telegram.setChatAdministratorCustomTitle(group.id, pat.id, 'Patron')).toBe(true);

    const member = await fixture.telegram.getChatMember(group.id, pat.id);
    expect(member).toEqual({
      status: 'administrator',
      user: expect.objectContaining({ id: pat.id, first_name: 'Pat' }),
      can_be_edited: true,
      custom_title: 'Patron',
      is_anonymous: false,
      can_manage_chat: true,
      can_delete_messages: false,
      can_manage_video_chats: false,
      can_restrict_members: false,
      can_promote_members: false,
      can_change_info: false,
      can_invite_users: false,
      can_post_stories: false,
      can_edit_stories: false,
      can_delete_stories: false,
      can_pin_messages: false,
      can_manage_topics: false,
    });
    const admins = await fixture.telegram.getChatAdministrators(group.id);
    expect(admins.find((admin) => admin.user.id === pat.id)).toMatchObject({ custom_title: 'Patron' });
    // The bot was made an administrator by a person: it cannot edit itself.
    expect(admins.find((admin) => admin.user.id === bot.id)).toMatchObject({ can_be_edited: false });
    expect(await memberInWorld(group.id, pat.id)).toMatchObject({
      status: 'administrator',
      customTitle: 'Patron',
      promotedBy: bot.id,
      rights: expect.objectContaining({ can_manage_chat: true, can_delete_messages: false }),
    });

    const [promoted, titled] = await chatMemberUpdates();
    expect(promoted).toMatchObject({
      chat: { id: group.id },
      from: { id: bot.id, is_bot: true },
      old_chat_member: { status: 'member', user: { id: pat.id } },
      new_chat_member: { status: 'administrator', can_be_edited: true, can_manage_chat: true },
    });
    expect(promoted?.new_chat_member).not.toHaveProperty('custom_title');
    expect(titled).toMatchObject({
      from: { id: bot.id },
      new_chat_member: { status: 'administrator', custom_title: 'Patron' },
    });

    // The same promotion and title again (a retried grant) are accepted and change nothing.
    expect(await fixture.telegram.promoteChatMember(group.id, pat.id, { can_manage_chat: true })).toBe(true);
    expect(await fixture.telegram.setChatAdministratorCustomTitle(group.id, pat.id, 'Patron')).toBe(true);
    expect(await fixture.telegram.getChatMember(group.id, pat.id)).toEqual(member);
    expect(await chatMemberUpdates()).toEqual([]);
  });

  it('keeps the title through new rights, clears it with an empty one, and demotes with no right at all', async () => {
    const { pat, group } = await guild({ can_promote_members: true, can_invite_users: true });
    await fixture.telegram.promoteChatMember(group.id, pat.id, { can_manage_chat: true });
    await fixture.telegram.setChatAdministratorCustomTitle(group.id, pat.id, 'Patron');

    await fixture.telegram.promoteChatMember(group.id, pat.id, { can_invite_users: true });
    expect(await fixture.telegram.getChatMember(group.id, pat.id)).toMatchObject({
      custom_title: 'Patron',
      can_invite_users: true,
      can_manage_chat: true,
    });
    await fixture.telegram.setChatAdministratorCustomTitle(group.id, pat.id, '');
    expect(await fixture.telegram.getChatMember(group.id, pat.id)).not.toHaveProperty('custom_title');
    await fixture.telegram.setChatAdministratorCustomTitle(group.id, pat.id, 'Back');

    expect(await fixture.telegram.promoteChatMember(group.id, pat.id, { can_manage_chat: false })).toBe(true);
    expect(await fixture.telegram.getChatMember(group.id, pat.id)).toEqual({
      status: 'member',
      user: expect.objectContaining({ id: pat.id }),
    });
    const demoted = (await chatMemberUpdates()).at(-1);
    expect(demoted).toMatchObject({
      old_chat_member: { status: 'administrator', custom_title: 'Back' },
      new_chat_member: { status: 'member' },
    });
    // Demoting someone who is no administrator changes nothing and tells no one.
    expect(await fixture.telegram.promoteChatMember(group.id, pat.id, {})).toBe(true);
    expect(await chatMemberUpdates()).toEqual([]);
  });

  it('refuses a bot that may not promote, with the words Telegram uses', async () => {
    const { pat, group } = await guild({ can_delete_messages: true });
    const promote = await call('promoteChatMember', {
      chat_id: group.id,
      user_id: pat.id,
      can_manage_chat: true,
    });
    expect(promote).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: not enough rights' },
    });
    const title = await call('setChatAdministratorCustomTitle', {
      chat_id: group.id,
      user_id: pat.id,
      custom_title: 'Patron',
    });
    // The Bot API server judges the member before the bot's rights: Pat is no administrator.
    expect(title.body.description).toBe('Bad Request: user is not an administrator');
    expect(await memberInWorld(group.id, pat.id)).toEqual({ id: pat.id, status: 'member', isBot: false });
  });

  it('refuses whom the bot may not promote, rights it does not hold and titles Telegram would not take', async () => {
    const { bot, owner, pat, group } = await guild({ can_promote_members: true, can_invite_users: true });
    const stranger = await fixture.control.createUser({ firstName: 'Sam' });
    const humanAdmin = await fixture.control.createUser({ firstName: 'Hal' });
    const creator = await fixture.control.createUser({ firstName: 'Cora' });
    await fixture.control.addMember(group.id, { userId: creator.id, status: 'creator' });
    await fixture.control.addMember(group.id, {
      userId: humanAdmin.id,
      status: 'administrator',
      by: owner.id,
    });
    const refusal = async (method: string, params: Record<string, unknown>) =>
      (await call(method, { chat_id: group.id, ...params })).body.description;

    expect(await refusal('promoteChatMember', { user_id: bot.id, can_manage_chat: true })).toBe(
      "Bad Request: can't promote self",
    );
    expect(await refusal('promoteChatMember', { user_id: creator.id, can_manage_chat: true })).toBe(
      "Bad Request: can't remove chat owner",
    );
    expect(await refusal('promoteChatMember', { user_id: humanAdmin.id, can_manage_chat: true })).toBe(
      'Bad Request: CHAT_ADMIN_REQUIRED',
    );
    expect(await refusal('promoteChatMember', { user_id: stranger.id, can_manage_chat: true })).toBe(
      'Bad Request: USER_NOT_PARTICIPANT',
    );
    expect(await refusal('promoteChatMember', { user_id: 999_999, can_manage_chat: true })).toBe(
      'Bad Request: user not found',
    );
    expect(await refusal('promoteChatMember', { user_id: pat.id, can_delete_messages: true })).toBe(
      'Bad Request: RIGHT_FORBIDDEN',
    );

    expect(
      await refusal('setChatAdministratorCustomTitle', { user_id: pat.id, custom_title: 'Patron' }),
    ).toBe('Bad Request: user is not an administrator');
    expect(
      await refusal('setChatAdministratorCustomTitle', { user_id: humanAdmin.id, custom_title: 'Patron' }),
    ).toBe('Bad Request: not enough rights to change custom title of the user');
    expect(
      await refusal('setChatAdministratorCustomTitle', { user_id: creator.id, custom_title: 'Boss' }),
    ).toBe('Bad Request: only creator can edit their custom title');
    await fixture.telegram.promoteChatMember(group.id, pat.id, { can_manage_chat: true });
    expect(
      await refusal('setChatAdministratorCustomTitle', { user_id: pat.id, custom_title: 'Star ⭐' }),
    ).toBe('Bad Request: ADMIN_RANK_EMOJI_NOT_ALLOWED');
    expect(
      await refusal('setChatAdministratorCustomTitle', {
        user_id: pat.id,
        custom_title: 'Seventeen chars!!',
      }),
    ).toBe('Bad Request: ADMIN_RANK_INVALID');
    // Sixteen characters, Cyrillic included, are fine.
    expect(await fixture.telegram.setChatAdministratorCustomTitle(group.id, pat.id, 'Шестнадцать букв')).toBe(
      true,
    );
    expect(await memberInWorld(group.id, pat.id)).toMatchObject({ customTitle: 'Шестнадцать букв' });
  });

  it('promotes in supergroups and channels and gives titles in supergroups only', async () => {
    const { pat, group } = await guild({ can_promote_members: true }, 'group');
    expect(
      (await call('promoteChatMember', { chat_id: group.id, user_id: pat.id, can_manage_chat: true })).body,
    ).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: method is available for supergroup and channel chats only',
    });
    // user_id is read before the chat is looked at.
    expect((await call('promoteChatMember', { chat_id: -1, user_id: 'nobody' })).body).toMatchObject({
      description: 'Bad Request: invalid user_id specified',
    });
    await fixture.control.addMember(group.id, { userId: pat.id, status: 'administrator' });
    const refused = await call('setChatAdministratorCustomTitle', {
      chat_id: group.id,
      user_id: pat.id,
      custom_title: 'Patron',
    });
    expect(refused.body).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: method is available only for supergroups',
    });
  });
});
