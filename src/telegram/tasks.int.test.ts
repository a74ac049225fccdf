import type { TelegramTypes as Tg } from '@tandem/emulators/telegram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';
import { seedDemoContent } from '../content/demo-content.ts';

let t: TelegramBotUnderTest;
let taskIds: number[];

beforeAll(async () => {
  t = await openTelegramBotUnderTest();
  await seedDemoContent(t.tandem.db.prisma);
  taskIds = (await t.tandem.db.prisma.task.findMany({ orderBy: { id: 'asc' } })).map((task) => task.id);
});

afterAll(async () => {
  await t?.close();
});

function callbacksOf(message: Tg.Message): string[] {
  const markup = message.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> };
  return (markup?.inline_keyboard ?? []).flat().flatMap((b) => (b.callback_data ? [b.callback_data] : []));
}

async function submissionsOf(playerId: string) {
  const { rows } = await t.tandem.db.pool.query<{
    task_id: number;
    proof: string;
    platform: string;
    status: string;
  }>(`SELECT task_id, proof, platform, status FROM task_submissions WHERE player_id = $1 ORDER BY task_id`, [
    playerId,
  ]);
  return rows;
}

describe('/tasks and proof', () => {
  it('lists the tasks with a "Submit proof" button each; the next message after the button is the proof', async () => {
    const ana = t.newUser('Ana');
    const list = await ana.command('tasks');
    expect(list.text).toContain('Introduce yourself');
    expect(callbacksOf(list)).toEqual(taskIds.map((id) => `task:${id}`));

    const prompt = await ana.press(list.message_id, `task:${taskIds[0]}`);
    expect(prompt.text).toContain('Send your proof for "Introduce yourself"');
    const received = await ana.say('https://example.org/hello');
    expect(received.text).toContain('Introduce yourself');
    expect(await submissionsOf(await ana.playerId())).toEqual([
      { task_id: taskIds[0], proof: 'https://example.org/hello', platform: 'telegram', status: 'pending' },
    ]);

    // A pending task has no button any more; the next plain message is not taken as proof again.
    const again = await ana.command('tasks');
    expect(again.text).toContain('waiting for review');
    expect(callbacksOf(again)).toEqual(taskIds.slice(1).map((id) => `task:${id}`));
  });

  it('takes /submit <task> <proof> in one message, and explains a wrong one', async () => {
    const ben = t.newUser('Ben');
    const sent = await ben.command('submit', `${taskIds[1]} my friend @carla_plays joined`);
    expect(sent.text).toContain('Invite a friend');
    expect(await submissionsOf(await ben.playerId())).toMatchObject([
      { task_id: taskIds[1], proof: 'my friend @carla_plays joined' },
    ]);

    expect((await ben.command('submit')).text).toContain('/submit <task number> <your proof>');
    expect((await ben.command('submit', 'abc')).text).toContain('/submit <task number> <your proof>');
    expect((await ben.command('submit', `${taskIds[1]}`)).text).toContain(
      '/submit <task number> <your proof>',
    );
    expect((await ben.command('submit', '999 proof')).text).toContain('There is no open task number 999');
    expect((await ben.command('submit', `${taskIds[1]} again`)).text).toContain(
      'already waiting for an admin',
    );
    expect(await submissionsOf(await ben.playerId())).toHaveLength(1);
  });

  it('forgets the pending question when the player sends a command instead', async () => {
    const cleo = t.newUser('Cleo');
    const list = await cleo.command('tasks');
    await cleo.press(list.message_id, `task:${taskIds[2]}`);
    await cleo.command('help');
    const answer = await cleo.say('https://example.org/clip');
    expect(answer.text).not.toContain('Share a highlight');
    expect(await submissionsOf(await cleo.playerId())).toEqual([]);
  });
});
