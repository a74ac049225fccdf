import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { resolvePlayer } from '../linking/identities.ts';

let t: TelegramBotUnderTest;
const logLines: Array<Record<string, unknown>> = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => logLines.push(JSON.parse(line)) });

beforeAll(async () => {
  t = await openTelegramBotUnderTest({ adjustDeps: (deps) => ({ ...deps, logger }) });
});

afterAll(async () => {
  await t?.close();
});

/** Waits until the emulator delivered every one of `updateIds` and the bot finished handling them. */
async function allHandled(updateIds: number[]): Promise<void> {
  const botId = t.emulator.defaultBot.id;
  await waitFor(async () => {
    const delivered = new Set(
      t.emulator.control
        .log({ types: ['updates.delivered'], botId })
        .flatMap((event) => (event.type === 'updates.delivered' ? event.updateIds : [])),
    );
    return updateIds.every((id) => delivered.has(id));
  }, 'every update delivered');
  await t.idle();
}

/** A Telegram user whose player already exists and holds `coins`, without a message to the bot yet. */
async function playerWithCoins(firstName: string, coins: number) {
  const user = t.newUser(firstName);
  const { playerId } = await resolvePlayer(t.tandem.db, {
    platform: 'telegram',
    platformUserId: String(user.id),
    username: firstName,
  });
  await t.grantCoins(playerId, coins);
  return { user, playerId };
}

describe('answers under Telegram flood limits', () => {
  it('answers each of 50 concurrent /payout exactly once, waiting out the 429s, as the ledger says', async () => {
    // Tighter than Telegram's 30 messages/s, so that 50 answers exceed the limit however slowly
    // this machine handles the commands: without waiting, at most 10 + 5/s of them could go out.
    t.emulator.control.setLimits({ globalPerSecond: 5, burst: 10 });
    const players = await Promise.all(
      Array.from({ length: 50 }, (_, n) => playerWithCoins(`Payer${n}`, 500)),
    );
    const since = t.emulator.control.lastSeq;

    const sent = players.map(({ user }) =>
      t.emulator.control.sendCommand({ from: user.id, command: 'payout', args: '100' }),
    );
    await allHandled(sent.map((s) => s.updates[0]!.update.update_id));

    // The limit was reached: some answers were refused at first.
    const refused = t.emulator.control
      .log({ types: ['api.call'], since })
      .filter(
        (event) => event.type === 'api.call' && event.method === 'sendMessage' && event.errorCode === 429,
      );
    expect(refused.length).toBeGreaterThan(0);

    for (const { user, playerId } of players) {
      const answers = t.emulator.control
        .log({ types: ['bot.message'], chatId: user.id, since })
        .map((event) => (event.type === 'bot.message' ? event.message.text : ''));
      const { rows } = await t.tandem.db.pool.query<{ balance: number; held: number }>(
        `SELECT balance, (SELECT count(*)::int FROM payouts WHERE player_id = $1 AND amount = 100) AS held
           FROM players WHERE id = $1`,
        [playerId],
      );
      expect(rows[0]).toEqual({ balance: 400, held: 1 });
      expect(answers).toEqual([expect.stringContaining('Payout request received: 100 coins')]);
      expect(answers[0]).toContain('Balance: 400 coins.');
    }
    t.emulator.control.setLimits({ globalPerSecond: 30, burst: 30 });
  });

  it('gives an answer up when Telegram asks to wait past the bound, and logs at warn what was lost', async () => {
    const { user, playerId } = await playerWithCoins('Flooded', 10);
    // Telegram asks for 20 s, more than the 15 s an answer may wait in all.
    t.emulator.control.rateLimit({ durationMs: 60_000, retryAfter: 20, method: 'sendMessage' });
    const since = t.emulator.control.lastSeq;
    const sent = t.emulator.control.sendCommand({ from: user.id, command: 'daily' });
    await allHandled([sent.updates[0]!.update.update_id]);
    t.emulator.control.clearFaults();

    const { rows } = await t.tandem.db.pool.query<{ xp: number }>('SELECT xp FROM players WHERE id = $1', [
      playerId,
    ]);
    const lost = logLines.filter(
      (line) => line.msg === 'Telegram kept rate-limiting an answer; it was not delivered',
    );
    expect(lost).toEqual([
      expect.objectContaining({
        level: 40,
        method: 'sendMessage',
        lost: { chatId: user.id, text: expect.stringContaining(`You now have ${rows[0]!.xp} XP`) },
      }),
    ]);
    // No apology was tried on top of it: the daily was credited, and nothing else was sent.
    const calls = t.emulator.control
      .log({ types: ['api.call'], since })
      .filter((event) => event.type === 'api.call' && event.method === 'sendMessage');
    expect(calls).toHaveLength(1);
    expect(logLines.filter((line) => (line.level as number) >= 50)).toEqual([]);
    expect((await user.command('daily')).text).toContain("You've already claimed today's bonus");
  });
});
