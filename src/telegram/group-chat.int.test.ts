import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';
import { waitFor } from '../../test/support/wait-for.ts';

let t: TelegramBotUnderTest;

beforeAll(async () => {
  t = await openTelegramBotUnderTest();
});

afterAll(async () => {
  await t?.close();
});

async function messageXpRows(playerId: string): Promise<number[]> {
  const { rows } = await t.tandem.db.pool.query<{ xp_delta: number }>(
    `SELECT xp_delta FROM ledger_entries WHERE player_id = $1 AND reason = 'message' ORDER BY id`,
    [playerId],
  );
  return rows.map((row) => row.xp_delta);
}

describe('a community group', () => {
  it('earns XP for chatter silently, once a minute, and answers commands in the group', async () => {
    const ana = t.newUser('Ana');
    const ben = t.newUser('Ben');
    // As an admin the bot sees every message, as a community bot would be set up.
    const group = t.emulator.control.createGroup({
      title: 'Guild',
      members: [ana.id, ben.id],
      admins: [t.emulator.defaultBot.id],
    });
    const say = (from: number, text: string) =>
      t.emulator.control.sendMessage({ from, chatId: group.id, text });

    const since = t.emulator.control.lastSeq;
    say(ana.id, 'good game yesterday, everyone');
    await waitFor(async () => {
      const player = await t.tandem.db.prisma.identity.findFirst({
        where: { platformUserId: String(ana.id) },
      });
      return player !== null && (await messageXpRows(player.playerId)).length === 1;
    }, 'the first message earning XP');
    say(ana.id, 'who is up for another round tonight?');
    say(ben.id, 'hi');
    await t.idle();

    const [xp] = await messageXpRows(await ana.playerId());
    expect(xp).toBeGreaterThanOrEqual(15);
    expect(xp).toBeLessThanOrEqual(25);
    // The second message was within the cooldown, Ben's too short.
    expect(await messageXpRows(await ana.playerId())).toHaveLength(1);
    expect(await messageXpRows(await ben.playerId())).toEqual([]);
    expect(t.emulator.control.log({ types: ['bot.message'], chatId: group.id, since })).toEqual([]);

    const asked = t.emulator.control.sendCommand({ from: ben.id, chatId: group.id, command: 'help' });
    const answer = await t.emulator.control.waitFor({
      types: ['bot.message'],
      chatId: group.id,
      since: asked.seq,
    });
    expect(answer).toMatchObject({ message: { text: expect.stringContaining("Here's what I can do") } });
  });

  it('shows link codes only in the private chat', async () => {
    const dan = t.newUser('Dan');
    const group = t.emulator.control.createGroup({ title: 'Hall', members: [dan.id] });
    const asked = t.emulator.control.sendCommand({ from: dan.id, chatId: group.id, command: 'link' });
    const answer = await t.emulator.control.waitFor({
      types: ['bot.message'],
      chatId: group.id,
      since: asked.seq,
    });
    expect(answer).toMatchObject({
      message: { text: expect.stringContaining('send /link to me in a direct chat') },
    });
    expect(await t.tandem.db.prisma.linkCode.count()).toBe(0);
  });

  it('never takes group chatter for a guess in a private game', async () => {
    const cleo = t.newUser('Cleo');
    await cleo.command('game');
    const playerId = await cleo.playerId();
    const round = await t.tandem.db.prisma.gameSession.findFirstOrThrow({ where: { playerId } });
    const group = t.emulator.control.createGroup({
      title: 'Lounge',
      members: [cleo.id],
      admins: [t.emulator.defaultBot.id],
    });

    const since = t.emulator.control.lastSeq;
    t.emulator.control.sendMessage({ from: cleo.id, chatId: group.id, text: String(round.secret) });
    await t.idle();
    const after = await t.tandem.db.prisma.gameSession.findUniqueOrThrow({ where: { id: round.id } });
    expect(after).toMatchObject({ status: 'active', attemptsLeft: round.attemptsLeft });
    expect(t.emulator.control.log({ types: ['bot.message'], since })).toEqual([]);
  });
});
