import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';
import { callBotApi } from './testing.ts';

const fixture = useTelegramEmulator();

function pendingUpdates() {
  return fixture.pendingUpdates(['chat_member', 'chat_join_request', 'message']);
}

/** A supergroup owned by Olga where the bot is an administrator with `rights`. */
async function guild(rights: Record<string, boolean>) {
  const bot = fixture.emulator.defaultBot;
  const owner = await fixture.control.createUser({ firstName: 'Olga' });
  const group = await fixture.control.createGroup({ title: 'Guild', bots: [] });
  await fixture.control.addMember(group.id, { userId: owner.id, status: 'creator' });
  await fixture.control.addMember(group.id, {
    userId: bot.id,
    status: 'administrator',
    rights,
    by: owner.id,
  });
  await pendingUpdates();
  return { bot, owner, group };
}

function call(method: string, params: Record<string, unknown>) {
  return callBotApi(fixture.url, fixture.emulator.defaultBot.token, method, params);
}

describe('invite links', () => {
  it('creates, edits and revokes links and exports a new primary one each time', async () => {
    const { bot, group } = await guild({ can_invite_users: true });
    const expireDate = Math.floor(Date.now() / 1000) + 3600;

    const link = await fixture.telegram.createChatInviteLink(group.id, {
      name: 'Spring event',
      expire_date: expireDate,
      member_limit: 10,
    });
    expect(link).toEqual({
      invite_link: expect.stringMatching(/^https:\/\/t\.me\/\+[A-Za-z0-9_-]{16}$/),
      creator: expect.objectContaining({ id: bot.id, is_bot: true }),
      creates_join_request: false,
      is_primary: false,
      is_revoked: false,
      name: 'Spring event',
      expire_date: expireDate,
      member_limit: 10,
    });

    const edited = await fixture.telegram.editChatInviteLink(group.id, link.invite_link, {
      name: 'Summer event',
    });
    expect(edited).toEqual({
      ...link,
      name: 'Summer event',
      expire_date: undefined,
      member_limit: undefined,
    });
    expect(edited).not.toHaveProperty('member_limit');

    const revoked = await fixture.telegram.revokeChatInviteLink(group.id, link.invite_link);
    expect(revoked).toMatchObject({ invite_link: link.invite_link, is_revoked: true });
    const again = await call('editChatInviteLink', { chat_id: group.id, invite_link: link.invite_link });
    expect(again.body).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: INVITE_HASH_EXPIRED',
    });

    const primary = await fixture.telegram.exportChatInviteLink(group.id);
    const next = await fixture.telegram.exportChatInviteLink(group.id);
    expect(primary).toMatch(/^https:\/\/t\.me\/\+/);
    expect(next).not.toBe(primary);
    const world = await fixture.control.world();
    const links = world.groups.find((candidate) => candidate.id === group.id)?.inviteLinks ?? [];
    expect(links.find((candidate) => candidate.url === primary)).toMatchObject({
      isPrimary: true,
      isRevoked: true,
    });
    expect(links.find((candidate) => candidate.url === next)).toMatchObject({
      isPrimary: true,
      isRevoked: false,
    });
  });

  it('refuses without the right to invite and with settings Telegram refuses', async () => {
    const { group: weak } = await guild({ can_delete_messages: true });
    const refused = await call('createChatInviteLink', { chat_id: weak.id });
    expect(refused.body.description).toBe('Bad Request: not enough rights to manage chat invite link');
    expect((await call('exportChatInviteLink', { chat_id: weak.id })).body.description).toBe(
      'Bad Request: not enough rights to manage chat invite link',
    );

    const { group } = await guild({ can_invite_users: true });
    const refusal = async (params: Record<string, unknown>) =>
      (await call('createChatInviteLink', { chat_id: group.id, ...params })).body.description;
    expect(await refusal({ member_limit: 100_000 })).toBe('Bad Request: USAGE_LIMIT_INVALID');
    expect(await refusal({ expire_date: 1000 })).toBe('Bad Request: EXPIRE_DATE_INVALID');
    expect(await refusal({ member_limit: 5, creates_join_request: true })).toBe(
      "Bad Request: member limit can't be specified for links requiring administrator approval",
    );
    expect((await call('editChatInviteLink', { chat_id: group.id, name: 'No link' })).body.description).toBe(
      'Bad Request: invite link must be non-empty',
    );
    // TDLib cuts a long name to 32 characters; a negative limit or expiry is clamped to none.
    const lenient = await call('createChatInviteLink', {
      chat_id: group.id,
      name: 'x'.repeat(40),
      member_limit: -5,
      expire_date: -1,
    });
    expect(lenient.body).toMatchObject({ ok: true, result: { name: 'x'.repeat(32) } });
    expect(lenient.body).not.toHaveProperty('result.member_limit');
    expect(lenient.body).not.toHaveProperty('result.expire_date');
  });

  it('lets a user join by a link: chat_member carries the link, and the member limit holds', async () => {
    const { bot, group } = await guild({ can_invite_users: true });
    const link = await fixture.telegram.createChatInviteLink(group.id, { member_limit: 1 });
    const ana = await fixture.control.createUser({ firstName: 'Ana' });
    const ben = await fixture.control.createUser({ firstName: 'Ben' });

    const joined = await fixture.control.joinByLink({ user: ana.id, link: link.invite_link });
    expect(joined).toMatchObject({
      joined: true,
      message: { message: { new_chat_members: [{ id: ana.id }] } },
    });

    const updates = await pendingUpdates();
    const member = updates.flatMap((update) =>
      'chat_member' in update ? [(update as Update.ChatMemberUpdate).chat_member] : [],
    );
    expect(member).toEqual([
      expect.objectContaining({
        from: expect.objectContaining({ id: ana.id }),
        old_chat_member: expect.objectContaining({ status: 'left' }),
        new_chat_member: expect.objectContaining({ status: 'member' }),
        invite_link: expect.objectContaining({ invite_link: link.invite_link, member_limit: 1 }),
      }),
    ]);
    expect(await fixture.telegram.getChatMember(group.id, ana.id)).toMatchObject({ status: 'member' });
    await expect(fixture.control.joinByLink({ user: ben.id, link: link.invite_link })).rejects.toMatchObject({
      status: 409,
    });
    expect(bot.id).toBeGreaterThan(0);
  });

  it('files a join request the bot approves or declines', async () => {
    const { group } = await guild({ can_invite_users: true });
    const link = await fixture.telegram.createChatInviteLink(group.id, {
      creates_join_request: true,
      name: 'Apply',
    });
    const ana = await fixture.control.createUser({ firstName: 'Ana' });
    const ben = await fixture.control.createUser({ firstName: 'Ben' });

    expect(await fixture.control.joinByLink({ user: ana.id, link: link.invite_link })).toMatchObject({
      joined: false,
    });
    await fixture.control.joinByLink({ user: ben.id, link: link.invite_link });
    const requests = (await pendingUpdates()).flatMap((update) =>
      'chat_join_request' in update ? [(update as Update.ChatJoinRequestUpdate).chat_join_request] : [],
    );
    expect(requests).toEqual([
      expect.objectContaining({
        chat: expect.objectContaining({ id: group.id }),
        from: expect.objectContaining({ id: ana.id }),
        user_chat_id: ana.id,
        date: expect.any(Number),
        invite_link: expect.objectContaining({ invite_link: link.invite_link, creates_join_request: true }),
      }),
      expect.objectContaining({ from: expect.objectContaining({ id: ben.id }) }),
    ]);
    expect(await fixture.telegram.getChatMember(group.id, ana.id)).toMatchObject({ status: 'left' });

    expect(await fixture.telegram.approveChatJoinRequest(group.id, ana.id)).toBe(true);
    expect(await fixture.telegram.declineChatJoinRequest(group.id, ben.id)).toBe(true);
    expect(await fixture.telegram.getChatMember(group.id, ana.id)).toMatchObject({ status: 'member' });
    expect(await fixture.telegram.getChatMember(group.id, ben.id)).toMatchObject({ status: 'left' });
    const joined = (await pendingUpdates()).flatMap((update) =>
      'chat_member' in update ? [(update as Update.ChatMemberUpdate).chat_member] : [],
    );
    expect(joined).toEqual([
      expect.objectContaining({
        new_chat_member: expect.objectContaining({
          status: 'member',
          user: expect.objectContaining({ id: ana.id }),
        }),
        invite_link: expect.objectContaining({ invite_link: link.invite_link }),
      }),
    ]);

    const handled = await call('approveChatJoinRequest', { chat_id: group.id, user_id: ben.id });
    expect(handled.body).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: HIDE_REQUESTER_MISSING',
    });
  });
});
