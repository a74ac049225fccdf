import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';

let t: TelegramBotUnderTest;

beforeAll(async () => {
  t = await openTelegramBotUnderTest();
});

afterAll(async () => {
  await t?.close();
});

describe('a Telegram name or text PostgreSQL cannot store', () => {
  it('still lets its owner use the bot: the NUL characters are dropped from the name', async () => {
    const nul = t.newUser('Ni\u0000na');
    expect((await nul.command('start')).text).toContain('Hi Nina!');
    expect((await nul.command('daily')).text).toContain('Daily bonus');
    expect((await nul.command('profile')).text).toContain('👤 Nina');
    const player = await t.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: await nul.playerId() } });
    expect(player.displayName).toBe('Nina');
    expect(player.xp).toBeGreaterThan(0);
  });

  it('made only of NUL characters, names the player after their Telegram id', async () => {
    const blank = t.newUser('\u0000\u0000');
    expect((await blank.command('daily')).text).toContain('Daily bonus');
    const player = await t.tandem.db.prisma.player.findUniqueOrThrow({
      where: { id: await blank.playerId() },
    });
    expect(player.displayName).toBe(`telegram ${blank.id}`);
  });

  it('in a task proof is kept without its NUL characters', async () => {
    const task = await t.tandem.db.prisma.task.create({ data: { title: 'Say hi', rewardXp: 5 } });
    const ola = t.newUser('Ola');
    expect((await ola.command('submit', `${task.id} hi\u0000 there`)).text).not.toContain(
      'Something went wrong',
    );
    const submission = await t.tandem.db.prisma.taskSubmission.findFirstOrThrow({
      where: { playerId: await ola.playerId() },
    });
    expect(submission.proof).toBe('hi there');
  });
});
