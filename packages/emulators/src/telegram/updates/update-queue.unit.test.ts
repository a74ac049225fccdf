import { describe, expect, it } from 'vitest';
import { BotApiError } from '../errors.ts';
import { UpdateQueue } from './update-queue.ts';

const message = (text: string) => ({
  message: { message_id: 1, chat: { id: 1, type: 'private' as const }, date: 0, text },
});

function ids(updates: Array<{ update_id: number }>) {
  return updates.map((update) => update.update_id);
}

describe('UpdateQueue', () => {
  it('keeps updates until an offset above them confirms them; a negative offset keeps only the last ones', async () => {
    const queue = new UpdateQueue(10);
    for (const text of ['a', 'b', 'c', 'd']) queue.push(message(text));
    expect(ids(await queue.take({ offset: 0, limit: 2, timeoutMs: 0 }))).toEqual([10, 11]);
    expect(ids(await queue.take({ offset: 11, limit: 100, timeoutMs: 0 }))).toEqual([11, 12, 13]);
    expect(ids(await queue.take({ offset: -1, limit: 100, timeoutMs: 0 }))).toEqual([13]);
    expect(queue.pendingCount).toBe(1);
  });

  it('wakes a parked take when an update arrives, and ends it with a 409 when another take comes', async () => {
    const queue = new UpdateQueue(1);
    const parked = queue.take({ offset: 0, limit: 100, timeoutMs: 50_000 });
    queue.push(message('hi'));
    expect(ids(await parked)).toEqual([1]);

    const first = queue.take({ offset: 2, limit: 100, timeoutMs: 50_000 });
    await queue.take({ offset: 2, limit: 100, timeoutMs: 0 });
    await expect(first).rejects.toEqual(
      BotApiError.conflict(
        'terminated by other getUpdates request; make sure that only one bot instance is running',
      ),
    );
  });

  it('hands a duplicated update out once more after it is confirmed, ahead of newer ones', async () => {
    const queue = new UpdateQueue(1);
    queue.duplicateNext(1);
    queue.push(message('first'));
    expect(ids(await queue.take({ offset: 0, limit: 100, timeoutMs: 0 }))).toEqual([1]);
    queue.push(message('second'));
    expect(ids(await queue.take({ offset: 2, limit: 100, timeoutMs: 0 }))).toEqual([1, 2]);
    expect(ids(await queue.take({ offset: 3, limit: 100, timeoutMs: 0 }))).toEqual([]);
  });

  it('leaves out kinds the bot did not ask for; chat_member only when named', () => {
    const queue = new UpdateQueue(1);
    const memberChange = {
      chat: { id: -1, type: 'group' as const },
      from: { id: 2, is_bot: false, first_name: 'A' },
      date: 0,
      old_chat_member: { status: 'left' as const, user: { id: 2, is_bot: false, first_name: 'A' } },
      new_chat_member: { status: 'member' as const, user: { id: 2, is_bot: false, first_name: 'A' } },
    };
    expect(queue.push({ chat_member: memberChange })).toBeUndefined();
    queue.setAllowedUpdates(['chat_member']);
    expect(queue.push({ chat_member: memberChange })?.update_id).toBe(1);
    expect(queue.push(message('ignored'))).toBeUndefined();
    queue.setAllowedUpdates([]);
    expect(queue.push(message('seen'))?.update_id).toBe(2);
  });
});
