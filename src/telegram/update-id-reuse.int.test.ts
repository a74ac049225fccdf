import { TelegramEmulator } from '@tandem/emulators/telegram';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { createContentCache } from '../content/content-cache.ts';
import { type RunningTelegramBot, startTelegramBot } from './start-telegram-bot.ts';

let tandem: TestTandem | undefined;
const stops: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  await tandem?.stop();
  tandem = undefined;
});

async function botOn(emulator: TelegramEmulator, t: TestTandem): Promise<RunningTelegramBot> {
  const running = await startTelegramBot(
    { ...t, content: createContentCache(t.db) },
    {
      token: emulator.defaultBot.token,
      apiRoot: emulator.url,
      keyPrefix: t.prefix,
    },
  );
  stops.push(() => running.stop());
  return running;
}

async function emulatorStarted(): Promise<TelegramEmulator> {
  const emulator = new TelegramEmulator();
  await emulator.start();
  stops.push(() => emulator.stop());
  return emulator;
}

/** `/daily` from `userId`; resolves with the update id and the bot's answer. */
async function daily(emulator: TelegramEmulator, userId: number) {
  const sent = emulator.control.sendCommand({ from: userId, command: 'daily' });
  const answer = await emulator.control.waitFor({ types: ['bot.message'], chatId: userId, since: sent.seq });
  return { updateId: sent.updates[0]?.update.update_id, answer };
}

describe('an update id Telegram hands out a second time', () => {
  it('is answered and credited although an earlier update under that id was handled', async () => {
    tandem = await openTestTandem();
    const before = await emulatorStarted();
    const ana = before.control.createUser({ firstName: 'Ana' });
    const firstBot = await botOn(before, tandem);
    const first = await daily(before, ana.id);
    await firstBot.stop();

    // Ids start over (as a platform that lost its counter would, or Telegram after a quiet week):
    // Ben's first update carries the id of Ana's, whose claim stays in Redis for a day.
    const after = await emulatorStarted();
    after.control.createUser({ firstName: 'Someone' });
    const ben = after.control.createUser({ firstName: 'Ben' });
    await botOn(after, tandem);
    const second = await daily(after, ben.id);

    expect(second.updateId).toBe(first.updateId);
    expect(second.answer.type === 'bot.message' && second.answer.message.text).toContain('Daily bonus');
    const { rows } = await tandem.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ledger_entries l JOIN identities i ON i.player_id = l.player_id
        WHERE i.platform = 'telegram' AND i.platform_user_id = $1 AND l.reason = 'daily'`,
      [String(ben.id)],
    );
    expect(rows[0]!.n).toBe(1);
  });
});
