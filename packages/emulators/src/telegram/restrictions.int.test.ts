import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';
import { callBotApi } from './testing.ts';

const fixture = useTelegramEmulator();

function pendingUpdates(kinds: string[] = ['chat_member']) {
  return fixture.pendingUpdates(kinds);
}

async function chatMemberUpdates() {
  return (await pendingUpdates()).flatMap((update) =>
    'chat_member' in update ? [(update as Update.ChatMemberUpdate).chat_member] : [],
  );
}

/** A supergroup owned by Olga with Pat in it, where the bot is an administrator with `rights`. */
async function guild(rights: Record<string, boolean>, type: 'supergroup' | 'group' = 'supergroup') {
  const bot = fixture.emulator.defaultBot;
  const owner = await fixture.control.createUser({ firstName: 'Olga' });
  const pat = await fixture.control.createUser({ firstName: 'Pat' });
  const group = await fixture.control.createGroup({ title: 'Guild', type, members: [pat.id], bots: [] });
  await fixture.control.addMember(group.id, { userId: owner.id, status: 'creator' });
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

const soon = () => Math.floor(Date.now() / 1000) + 3600;

describe('banChatMember and unbanChatMember', () => {
  it('bans a member until a date, removes their messages and tells the bot in chat_member', async () => {
    const { bot, pat, group } = await guild({ can_restrict_members: true });
    const posted = await fixture.control.sendMessage({ from: pat.id, chatId: group.id, text: 'spam spam' });
    const until = soon();

    expect(await fixture.telegram.banChatMember(group.id, pat.id, until)).toBe(true);

    expect(await fixture.telegram.getChatMember(group.id, pat.id)).toEqual({
      status: 'kicked',
      user: expect.objectContaining({ id: pat.id }),
      until_date: until,
    });
    const [banned] = await chatMemberUpdates();
    expect(banned).toMatchObject({
      chat: { id: group.id },
      from: { id: bot.id, is_bot: true },
      old_chat_member: { status: 'member', user: { id: pat.id } },
      new_chat_member: { status: 'kicked', until_date: until },
    });
    // Supergroups always revoke the banned user's messages; a service message says who left.
    const messages = await fixture.control.messages(group.id);
    expect(messages.find((message) => message.message_id === posted.message.message_id)).toMatchObject({
      deleted: true,
      deletedBy: bot.id,
    });
    expect(messages.at(-1)).toMatchObject({ from: { id: bot.id }, left_chat_member: { id: pat.id } });
    await expect(
      fixture.control.sendMessage({ from: pat.id, chatId: group.id, text: 'back?' }),
    ).rejects.toMatchObject({
      status: 409,
    });
  });

  it('bans forever when until_date is under 30 seconds or over 366 days away', async () => {
    const { pat, group } = await guild({ can_restrict_members: true });
    await fixture.telegram.banChatMember(group.id, pat.id, Math.floor(Date.now() / 1000) + 10);
    expect(await fixture.telegram.getChatMember(group.id, pat.id)).toMatchObject({
      status: 'kicked',
      until_date: 0,
    });
  });

  it('unbans to "left"; without only_if_banned it also removes a present member', async () => {
    const { pat, group } = await guild({ can_restrict_members: true });
    const sam = await fixture.control.createUser({ firstName: 'Sam' });
    await fixture.control.addMember(group.id, { userId: sam.id });
    await fixture.telegram.banChatMember(group.id, pat.id);
    await chatMemberUpdates();

    expect(await fixture.telegram.unbanChatMember(group.id, pat.id, { only_if_banned: true })).toBe(true);
    expect(await fixture.telegram.getChatMember(group.id, pat.id)).toMatchObject({ status: 'left' });
    const [unbanned] = await chatMemberUpdates();
    expect(unbanned).toMatchObject({
      old_chat_member: { status: 'kicked' },
      new_chat_member: { status: 'left' },
    });

    // only_if_banned leaves a member alone; without it the member is removed.
    expect(await fixture.telegram.unbanChatMember(group.id, sam.id, { only_if_banned: true })).toBe(true);
    expect(await fixture.telegram.getChatMember(group.id, sam.id)).toMatchObject({ status: 'member' });
    expect(await chatMemberUpdates()).toEqual([]);
    expect(await fixture.telegram.unbanChatMember(group.id, sam.id)).toBe(true);
    expect(await fixture.telegram.getChatMember(group.id, sam.id)).toMatchObject({ status: 'left' });
    expect((await chatMemberUpdates())[0]).toMatchObject({
      old_chat_member: { status: 'member' },
      new_chat_member: { status: 'left' },
    });
  });

  it('refuses with the words Telegram uses', async () => {
    const { owner, pat, group } = await guild({ can_restrict_members: true });
    const hal = await fixture.control.createUser({ firstName: 'Hal' });
    await fixture.control.addMember(group.id, { userId: hal.id, status: 'administrator', by: owner.id });
    const refusal = async (method: string, params: Record<string, unknown>) =>
      (await call(method, { chat_id: group.id, ...params })).body;

    expect(await refusal('banChatMember', { user_id: owner.id })).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: can't remove chat owner",
    });
    expect((await refusal('banChatMember', { user_id: hal.id })).description).toBe(
      'Bad Request: user is an administrator of the chat',
    );
    expect((await refusal('restrictChatMember', { user_id: hal.id, permissions: {} })).description).toBe(
      'Bad Request: user is an administrator of the chat',
    );
    expect((await refusal('banChatMember', { user_id: 999_999 })).description).toBe(
      'Bad Request: user not found',
    );

    const { group: weak } = await guild({ can_delete_messages: true });
    for (const method of ['banChatMember', 'unbanChatMember', 'restrictChatMember']) {
      const answer = await call(method, { chat_id: weak.id, user_id: pat.id, permissions: {} });
      expect(answer.body.description).toBe(
        'Bad Request: not enough rights to restrict/unrestrict chat member',
      );
    }
    const permissions = await call('setChatPermissions', { chat_id: weak.id, permissions: {} });
    expect(permissions.body.description).toBe('Bad Request: not enough rights to change chat permissions');

    const { pat: basicPat, group: basic } = await guild({ can_restrict_members: true }, 'group');
    const restrictBasic = await call('restrictChatMember', {
      chat_id: basic.id,
      user_id: basicPat.id,
      permissions: {},
    });
    expect(restrictBasic.body.description).toBe('Bad Request: method is available only for supergroups');
    const unbanBasic = await call('unbanChatMember', { chat_id: basic.id, user_id: basicPat.id });
    expect(unbanBasic.body.description).toBe(
      'Bad Request: method is available for supergroup and channel chats only',
    );

    // A private chat: TDLib's refusal for a ban, the Bot API server's for the others.
    await fixture.control.sendMessage({ from: pat.id, text: 'hi' });
    const inPrivate = async (method: string) =>
      (await call(method, { chat_id: pat.id, user_id: pat.id, permissions: {} })).body.description;
    expect(await inPrivate('banChatMember')).toBe("Bad Request: can't ban members in private chats");
    expect(await inPrivate('unbanChatMember')).toBe(
      'Bad Request: method is available for supergroup and channel chats only',
    );
    expect(await inPrivate('restrictChatMember')).toBe(
      'Bad Request: method is available only for supergroups',
    );
    // until_date is never refused: text that is no number is 0, a ban forever.
    expect(
      (await call('banChatMember', { chat_id: group.id, user_id: pat.id, until_date: 'soon' })).body,
    ).toEqual({
      ok: true,
      result: true,
    });
    // user_id is read before the chat is looked at.
    expect((await call('banChatMember', { chat_id: -1, user_id: 0 })).body.description).toBe(
      'Bad Request: invalid user_id specified',
    );
  });
});

describe('restrictChatMember and setChatPermissions', () => {
  it('restricts a member with implied permissions, shows every field, and lifts it with all permissions', async () => {
    const { bot, pat, group } = await guild({ can_restrict_members: true });
    const until = soon();

    expect(
      await fixture.telegram.restrictChatMember(group.id, pat.id, {
        permissions: { can_send_polls: true, can_invite_users: true },
        until_date: until,
      }),
    ).toBe(true);

    expect(await fixture.telegram.getChatMember(group.id, pat.id)).toEqual({
      status: 'restricted',
      user: expect.objectContaining({ id: pat.id }),
      is_member: true,
      // can_send_polls implies can_send_messages unless permissions are independent.
      can_send_messages: true,
      can_send_audios: false,
      can_send_documents: false,
      can_send_photos: false,
      can_send_videos: false,
      can_send_video_notes: false,
      can_send_voice_notes: false,
      can_send_polls: true,
      can_send_other_messages: false,
      can_add_web_page_previews: false,
      can_change_info: false,
      can_invite_users: true,
      can_pin_messages: false,
      can_manage_topics: false,
      until_date: until,
    });
    const [restricted] = await chatMemberUpdates();
    expect(restricted).toMatchObject({
      from: { id: bot.id },
      old_chat_member: { status: 'member' },
      new_chat_member: { status: 'restricted', is_member: true, can_send_messages: true, until_date: until },
    });
    // Text is allowed, photos are not.
    await fixture.control.sendMessage({ from: pat.id, chatId: group.id, text: 'still here' });
    await expect(fixture.control.sendPhoto({ from: pat.id, chatId: group.id })).rejects.toMatchObject({
      status: 409,
    });

    await fixture.telegram.restrictChatMember(group.id, pat.id, {
      permissions: { can_send_polls: true },
      use_independent_chat_permissions: true,
    });
    expect(await fixture.telegram.getChatMember(group.id, pat.id)).toMatchObject({
      can_send_polls: true,
      can_send_messages: false,
      until_date: 0,
    });
    await expect(
      fixture.control.sendMessage({ from: pat.id, chatId: group.id, text: 'hm' }),
    ).rejects.toMatchObject({
      status: 409,
    });
    await chatMemberUpdates();

    const everything = Object.fromEntries(
      Object.keys(restricted?.new_chat_member ?? {})
        .filter((name) => name.startsWith('can_'))
        .map((name) => [name, true]),
    );
    expect(await fixture.telegram.restrictChatMember(group.id, pat.id, { permissions: everything })).toBe(
      true,
    );
    expect(await fixture.telegram.getChatMember(group.id, pat.id)).toEqual({
      status: 'member',
      user: expect.objectContaining({ id: pat.id }),
    });
    expect((await chatMemberUpdates())[0]).toMatchObject({
      old_chat_member: { status: 'restricted' },
      new_chat_member: { status: 'member' },
    });
  });

  it('sets the chat permissions getChat shows; the same again is CHAT_NOT_MODIFIED', async () => {
    const { pat, group } = await guild({ can_restrict_members: true });
    expect(await fixture.telegram.getChat(group.id)).toMatchObject({
      permissions: { can_send_messages: true, can_pin_messages: false },
    });
    const permissions = { can_send_messages: true, can_invite_users: true };
    expect(await fixture.telegram.setChatPermissions(group.id, permissions)).toBe(true);
    expect(await fixture.telegram.getChat(group.id)).toMatchObject({
      permissions: { can_send_messages: true, can_invite_users: true, can_send_photos: false },
    });
    await expect(fixture.control.sendPhoto({ from: pat.id, chatId: group.id })).rejects.toMatchObject({
      status: 409,
    });
    // Default permissions change no member: no chat_member update.
    expect(await chatMemberUpdates()).toEqual([]);
    const again = await call('setChatPermissions', { chat_id: group.id, permissions });
    expect(again.body).toEqual({ ok: false, error_code: 400, description: 'Bad Request: CHAT_NOT_MODIFIED' });
  });

  it('sends chat_member only to administrator bots that listed it in allowed_updates', async () => {
    const { pat, group } = await guild({ can_restrict_members: true });
    const watcher = await fixture.control.createBot({ username: 'watcher_bot' });
    await fixture.control.addMember(group.id, { userId: watcher.id });
    const watcherApi = new Telegraf(watcher.token, { telegram: { apiRoot: fixture.url } }).telegram;
    await watcherApi.getUpdates(0, 100, 0, ['chat_member', 'message']);
    // This bot now asks for messages only.
    await pendingUpdates(['message']);

    await fixture.telegram.banChatMember(group.id, pat.id);

    expect(await pendingUpdates(['message'])).toEqual([]);
    // A bot that is no administrator gets no chat_member, whatever it asked for.
    const watcherUpdates = await watcherApi.getUpdates(0, 100, 0, ['chat_member', 'message']);
    expect(watcherUpdates.some((update) => 'chat_member' in update)).toBe(false);
    expect(watcherUpdates).toContainEqual(
      expect.objectContaining({ message: expect.objectContaining({ left_chat_member: expect.anything() }) }),
    );
  });
});
