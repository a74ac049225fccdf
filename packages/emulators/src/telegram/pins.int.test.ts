import { describe, expect, it } from 'vitest';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';

const fixture = useTelegramEmulator();

/** A supergroup where the bot is an administrator with `rights`, or a plain member without. */
async function guild(rights?: Record<string, boolean>) {
  const owner = await fixture.control.createUser({ firstName: 'Olga' });
  const group = await fixture.control.createGroup({ title: 'Guild', admins: [owner.id], bots: [] });
  await fixture.control.addMember(group.id, {
    userId: fixture.emulator.defaultBot.id,
    ...(rights ? { status: 'administrator' as const, rights } : {}),
  });
  return group;
}

describe('pinChatMessage, unpinChatMessage and unpinAllChatMessages', () => {
  it('pins in a private chat with a pinned_message service message, shown by getChat until unpinned', async () => {
    const user = await fixture.control.createUser({ firstName: 'Ivy' });
    await fixture.control.sendMessage({ from: user.id, text: 'hi' });
    const rules = await fixture.telegram.sendMessage(user.id, 'Season rules');
    const prizes = await fixture.telegram.sendMessage(user.id, 'Prizes');

    expect(await fixture.telegram.pinChatMessage(user.id, rules.message_id)).toBe(true);
    const messages = await fixture.control.messages(user.id);
    const pinLine = messages.at(-1);
    expect(pinLine).toMatchObject({
      from: { id: fixture.emulator.defaultBot.id },
      pinned_message: { message_id: rules.message_id, text: 'Season rules' },
    });
    expect((await fixture.telegram.getChat(user.id)).pinned_message).toMatchObject({
      message_id: rules.message_id,
    });

    await fixture.telegram.pinChatMessage(user.id, prizes.message_id);
    expect((await fixture.telegram.getChat(user.id)).pinned_message?.message_id).toBe(prizes.message_id);
    // Without message_id the most recent pin goes, and the one before shows again.
    await fixture.telegram.unpinChatMessage(user.id);
    expect((await fixture.telegram.getChat(user.id)).pinned_message?.message_id).toBe(rules.message_id);
    await fixture.telegram.unpinAllChatMessages(user.id);
    expect(await fixture.telegram.getChat(user.id)).not.toHaveProperty('pinned_message');
  });

  it('needs can_pin_messages in a group, and a message to pin', async () => {
    const member = await guild();
    const note = await fixture.telegram.sendMessage(member.id, 'Raid at 8');
    const noRights = {
      error_code: 400,
      description: 'Bad Request: not enough rights to manage pinned messages in the chat',
    };
    await expect(fixture.telegram.pinChatMessage(member.id, note.message_id)).rejects.toMatchObject({
      response: noRights,
    });

    const admin = await guild({ can_delete_messages: true });
    const other = await fixture.telegram.sendMessage(admin.id, 'Raid at 9');
    await expect(fixture.telegram.pinChatMessage(admin.id, other.message_id)).rejects.toMatchObject({
      response: noRights,
    });
    await expect(fixture.telegram.unpinAllChatMessages(admin.id)).rejects.toMatchObject({
      response: noRights,
    });

    const pinner = await guild({ can_pin_messages: true });
    const raid = await fixture.telegram.sendMessage(pinner.id, 'Raid at 10');
    await expect(fixture.telegram.pinChatMessage(pinner.id, 999)).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: message to pin not found' },
    });
    // Without message_id the Bot API server looks for message 0, which never exists.
    await expect(
      fixture.telegram.callApi('pinChatMessage', { chat_id: pinner.id } as never),
    ).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: message to pin not found' },
    });
    expect(
      await fixture.telegram.pinChatMessage(pinner.id, raid.message_id, { disable_notification: true }),
    ).toBe(true);
    expect((await fixture.telegram.getChat(pinner.id)).pinned_message?.message_id).toBe(raid.message_id);
  });
});
