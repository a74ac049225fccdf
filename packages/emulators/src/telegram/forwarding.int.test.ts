import { describe, expect, it } from 'vitest';
import { useTelegramEmulator } from './testing/emulator-fixture.ts';

const fixture = useTelegramEmulator();

/** A player who wrote to the bot, and a supergroup with both where the bot reads everything as admin. */
async function setting() {
  const ana = await fixture.control.createUser({ firstName: 'Ana', username: 'ana_plays' });
  const group = await fixture.control.createGroup({
    title: 'Guild',
    members: [ana.id],
    admins: [fixture.emulator.defaultBot.id],
  });
  const greeting = await fixture.control.sendMessage({ from: ana.id, text: 'Found a #bug in the shop' });
  return { ana, group, greeting: greeting.message };
}

describe('forwardMessage and forwardMessages', () => {
  it('forwards a user message with its content and forward_origin naming the first sender', async () => {
    const { ana, group, greeting } = await setting();

    const forwarded = await fixture.telegram.forwardMessage(group.id, ana.id, greeting.message_id);
    expect(forwarded).toMatchObject({
      chat: { id: group.id, type: 'supergroup' },
      from: { id: fixture.emulator.defaultBot.id, is_bot: true },
      text: 'Found a #bug in the shop',
      entities: [{ type: 'hashtag', offset: 8, length: 4 }],
      forward_origin: {
        type: 'user',
        date: greeting.date,
        sender_user: { id: ana.id, is_bot: false, first_name: 'Ana', username: 'ana_plays' },
      },
    });

    // A forward of a forward still names Ana.
    const again = await fixture.telegram.forwardMessage(ana.id, group.id, forwarded.message_id);
    expect('forward_origin' in again && again.forward_origin).toEqual(
      'forward_origin' in forwarded && forwarded.forward_origin,
    );
  });

  it('forwards several messages in order, skipping those it cannot find', async () => {
    const { ana, group, greeting } = await setting();
    const second = await fixture.control.sendMessage({ from: ana.id, text: 'and another' });

    const ids = await fixture.telegram.forwardMessages(group.id, ana.id, [
      greeting.message_id,
      second.message.message_id,
      99,
    ]);
    expect(ids).toHaveLength(2);
    const messages = await fixture.control.messages(group.id);
    expect(messages.filter((m) => m.forward_origin).map((m) => m.text)).toEqual([
      'Found a #bug in the shop',
      'and another',
    ]);
    await expect(fixture.telegram.forwardMessages(group.id, ana.id, [2, 1])).rejects.toMatchObject({
      response: { error_code: 400 },
    });
  });

  it("refuses a missing message and a service message with Telegram's wording", async () => {
    const { ana, group } = await setting();
    const bob = await fixture.control.createUser({ firstName: 'Bob' });
    await fixture.control.addMember(group.id, { userId: bob.id });
    await expect(fixture.telegram.forwardMessage(group.id, ana.id, 42)).rejects.toMatchObject({
      response: { error_code: 400, description: 'Bad Request: message to forward not found' },
    });
    const joined = (await fixture.control.messages(group.id)).find((m) => m.new_chat_members);
    if (!joined) throw new Error('expected the join message');
    await expect(fixture.telegram.copyMessage(ana.id, group.id, joined.message_id)).rejects.toMatchObject({
      response: { error_code: 400, description: "Bad Request: message can't be copied" },
    });
  });
});

describe('copyMessage and copyMessages', () => {
  it('copies without a link to the original, with a new caption when given, and answers a MessageId', async () => {
    const { ana, group } = await setting();
    const shot = await fixture.control.sendPhoto({ from: ana.id, caption: 'old caption' });

    const copy = await fixture.telegram.copyMessage(group.id, ana.id, shot.message.message_id, {
      caption: '<i>Screenshot</i> of the week',
      parse_mode: 'HTML',
    });
    expect(Object.keys(copy)).toEqual(['message_id']);
    const stored = (await fixture.control.messages(group.id)).find((m) => m.message_id === copy.message_id);
    expect(stored).toMatchObject({
      photo: shot.message.photo,
      caption: 'Screenshot of the week',
      caption_entities: [{ type: 'italic', offset: 0, length: 10 }],
    });
    expect(stored).not.toHaveProperty('forward_origin');

    const [plain] = await fixture.telegram.copyMessages(group.id, ana.id, [shot.message.message_id], {
      remove_caption: true,
    });
    const bare = (await fixture.control.messages(group.id)).find((m) => m.message_id === plain?.message_id);
    expect(bare?.photo).toEqual(shot.message.photo);
    expect(bare).not.toHaveProperty('caption');
  });
});

describe('forward and copy parameters', () => {
  function refusedWith(description: string) {
    return { response: { error_code: 400, description: `Bad Request: ${description}` } };
  }

  it('asks for from_chat_id first and takes a missing message_id as a message not found', async () => {
    const { ana, group } = await setting();
    await expect(
      fixture.telegram.callApi('forwardMessage', { chat_id: group.id, message_id: 1 } as never),
    ).rejects.toMatchObject(refusedWith('parameter "from_chat_id" is required'));
    await expect(
      fixture.telegram.callApi('forwardMessage', { chat_id: group.id, from_chat_id: ana.id } as never),
    ).rejects.toMatchObject(refusedWith('message to forward not found'));
    await expect(
      fixture.telegram.callApi('copyMessage', { chat_id: group.id, from_chat_id: ana.id } as never),
    ).rejects.toMatchObject(refusedWith('message to copy not found'));
  });

  it('reads message_ids with the Bot API server’s refusals', async () => {
    const { ana, group } = await setting();
    const batch = (message_ids: unknown) =>
      fixture.telegram.callApi('copyMessages', {
        chat_id: group.id,
        from_chat_id: ana.id,
        message_ids,
      } as never);
    await expect(batch(undefined)).rejects.toMatchObject(
      refusedWith('message identifiers are not specified'),
    );
    await expect(batch([])).rejects.toMatchObject(refusedWith('message identifiers are not specified'));
    await expect(batch('[1,')).rejects.toMatchObject(refusedWith("can't parse message_ids JSON object"));
    await expect(batch({ id: 1 })).rejects.toMatchObject(
      refusedWith('expected an Array of message identifiers'),
    );
    await expect(batch([true])).rejects.toMatchObject(refusedWith('message identifier must be a Number'));
    await expect(batch(['one'])).rejects.toMatchObject(
      refusedWith("can't parse message identifier as Number"),
    );
    await expect(batch([0])).rejects.toMatchObject(refusedWith('invalid message identifier specified'));
    await expect(batch(Array.from({ length: 101 }, (_, index) => index + 1))).rejects.toMatchObject(
      refusedWith('too many message identifiers specified'),
    );
  });
});
