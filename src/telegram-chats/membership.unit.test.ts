import { describe, expect, it } from 'vitest';
import { membershipChange, rightsOf } from './membership.ts';

const bot = { id: 7, is_bot: true, first_name: 'Tandem' };

describe('membershipChange', () => {
  it('reads the chat, the status, the rights and the order of a my_chat_member update', () => {
    expect(
      membershipChange({
        update_id: 41,
        my_chat_member: {
          chat: { id: -100123, type: 'supergroup', title: '  Guild  ' },
          date: 1_800_000_000,
          new_chat_member: {
            status: 'administrator',
            user: bot,
            can_be_edited: false,
            can_pin_messages: true,
            is_anonymous: false,
          } as { status: string },
        },
      }),
    ).toEqual({
      chatId: '-100123',
      type: 'supergroup',
      title: 'Guild',
      status: 'administrator',
      rights: { canPinMessages: true, isAnonymous: false },
      changedAt: new Date(1_800_000_000_000),
      updateId: 41,
    });
  });

  it('keeps no rights for members, and ignores private chats (a user blocking the bot)', () => {
    const member = { status: 'kicked', user: bot, until_date: 0 };
    const inGroup = membershipChange({
      update_id: 1,
      my_chat_member: { chat: { id: -5, type: 'group', title: 'G' }, date: 1, new_chat_member: member },
    });
    expect(inGroup).toMatchObject({ status: 'kicked', rights: null });
    expect(
      membershipChange({
        update_id: 2,
        my_chat_member: { chat: { id: 5, type: 'private' }, date: 1, new_chat_member: member },
      }),
    ).toBeUndefined();
  });

  it('reads a creator as an administrator with every right it lists', () => {
    expect(rightsOf({ status: 'creator', is_anonymous: true, user: bot })).toEqual({ isAnonymous: true });
  });
});
