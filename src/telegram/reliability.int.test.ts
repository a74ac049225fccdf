import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { somethingWentWrong } from '../replies/errors.ts';
import { botCommands } from '../replies/help.ts';
import { resetTextTemplate, saveTextTemplate } from '../texts/text-writes.ts';
import { shippedTranslator } from '../texts/texts.ts';
import { createUpdateClaims } from './update-claims.ts';

let t: TelegramBotUnderTest;
/** /top fails once when this is set, as a service hitting a bug would. */
let failNextTop = false;

beforeAll(async () => {
  t = await openTelegramBotUnderTest({
    adjustDeps: (deps) => ({
      ...deps,
      catalog: {
        ...deps.catalog,
        get: async () => {
          if (failNextTop) {
            failNextTop = false;
            throw new Error('catalog unavailable (on purpose)');
          }
          return deps.catalog.get();
        },
      },
    }),
  });
});

afterAll(async () => {
  await t?.close();
});

async function countRows(sql: string, playerId: string): Promise<number> {
  const { rows } = await t.tandem.db.pool.query<{ n: number }>(sql, [playerId]);
  return rows[0]!.n;
}

/**
 * Waits until the emulator delivered `copies` duplicates since `since` and the bot asked for more
 * afterwards: telegraf polls again only once every update of the previous batch was handled.
 */
async function allHandledSince(since: number, copies: number): Promise<void> {
  const botId = t.emulator.defaultBot.id;
  let lastDelivery = since;
  await waitFor(async () => {
    const deliveries = t.emulator.control.log({ types: ['updates.delivered'], botId, since });
    const ids = deliveries.flatMap((event) => (event.type === 'updates.delivered' ? event.updateIds : []));
    lastDelivery = deliveries.at(-1)?.seq ?? since;
    return ids.length === new Set(ids).size + copies;
  }, 'the duplicated updates being delivered');
  await t.emulator.control.waitFor({ types: ['bot.poll'], botId, since: lastDelivery });
}

describe('start-up', () => {
  it('publishes the command menu /help lists, in each language and by default in English', async () => {
    const status = t.emulator.control.bot(t.emulator.defaultBot.id);
    const menu = (languageCode: string) =>
      status.commands.find((c) => c.languageCode === languageCode)?.commands;
    expect(menu('')).toEqual(botCommands('telegram', shippedTranslator('en')));
    expect(menu('en')).toEqual(botCommands('telegram', shippedTranslator('en')));
    expect(menu('ru')).toEqual(botCommands('telegram', shippedTranslator('ru')));
  });

  it("publishes the menus again when an admin rewords a command's description", async () => {
    await saveTextTemplate(t.tandem, {
      key: 'command.daily.description',
      language: 'ru',
      template: 'Ежедневный подарок',
      expectedVersion: 0,
    });
    const russianDaily = () =>
      t.emulator.control
        .bot(t.emulator.defaultBot.id)
        .commands.find((c) => c.languageCode === 'ru')
        ?.commands.find((c) => c.command === 'daily')?.description;
    await waitFor(async () => russianDaily() === 'Ежедневный подарок', 'the Russian menu reworded');
    await resetTextTemplate(t.tandem, {
      key: 'command.daily.description',
      language: 'ru',
      expectedVersion: 1,
    });
    await waitFor(
      async () => russianDaily() === shippedTranslator('ru')('command.daily.description'),
      'the Russian menu back to the shipped wording',
    );
  });
});

describe('the same update delivered twice', () => {
  it('credits a daily bonus, a payout and a guess once each', async () => {
    const ana = t.newUser('Ana');
    await ana.command('profile');
    const playerId = await ana.playerId();
    await t.grantCoins(playerId, 500);
    await ana.command('game');
    const round = await t.tandem.db.prisma.gameSession.findFirstOrThrow({ where: { playerId } });
    const wrongGuess = round.secret > 1 ? round.secret - 1 : round.secret + 1;

    const since = t.emulator.control.lastSeq;
    t.emulator.control.duplicateNextUpdates({ count: 3 });
    await ana.command('daily');
    await ana.command('payout', '100');
    await ana.say(String(wrongGuess));
    await ana.command('help');
    await allHandledSince(since, 3);

    expect(
      await countRows(
        `SELECT count(*)::int n FROM ledger_entries WHERE player_id = $1 AND reason = 'daily'`,
        playerId,
      ),
    ).toBe(1);
    expect(await countRows('SELECT count(*)::int n FROM payouts WHERE player_id = $1', playerId)).toBe(1);
    const afterGuess = await t.tandem.db.prisma.gameSession.findUniqueOrThrow({ where: { id: round.id } });
    expect(afterGuess.attemptsLeft).toBe(round.attemptsLeft - 1);
    // Each update was answered once: the copies were dropped before any handler saw them.
    const answers = t.emulator.control.log({ types: ['bot.message'], chatId: ana.id, since });
    expect(answers.map((event) => (event.type === 'bot.message' ? event.message.text : ''))).toEqual([
      expect.stringContaining('Daily bonus'),
      expect.stringContaining('Payout request received'),
      expect.stringMatching(/^(Higher|Lower)!/),
      expect.stringContaining("Here's what I can do"),
    ]);
  });

  it('after a restart, runs an update the stopped process had claimed but not finished, and skips a finished one', async () => {
    const ben = t.newUser('Ben');
    await ben.command('profile');
    await t.running.stop();

    const unfinished = t.emulator.control.sendCommand({ from: ben.id, command: 'daily' });
    const finished = t.emulator.control.sendCommand({ from: ben.id, command: 'top' });
    const died = createUpdateClaims(t.tandem.redis, {
      keyPrefix: t.tandem.prefix,
      botId: t.emulator.defaultBot.id,
      processId: 'a-process-that-died',
    });
    expect(await died.claim(unfinished.updates[0]!.update)).toBe('run');
    await died.markDone(finished.updates[0]!.update);

    await t.restart();
    const answer = await ben.answersSince(finished.seq, 1);
    expect(answer[0]!.text).toContain('Daily bonus');
    await ben.command('help');
    expect(ben.botTexts().some((text) => text.includes('Top players'))).toBe(false);
  });
});

describe('a handler that fails', () => {
  it('answers the player with a generic apology and keeps polling', async () => {
    const cleo = t.newUser('Cleo');
    failNextTop = true;
    expect((await cleo.command('top')).text).toBe(somethingWentWrong);
    expect((await cleo.command('top')).text).toMatch(/Top players|Nobody has earned XP yet/);
  });

  it('survives Telegram refusing its answer, and answers the next update', async () => {
    const dan = t.newUser('Dan');
    t.emulator.control.failNextCalls({ count: 1, method: 'sendMessage', status: 502 });
    // The /profile answer fails with a 502; the apology after it goes through.
    expect((await dan.command('profile')).text).toBe(somethingWentWrong);
    expect((await dan.command('help')).text).toContain("Here's what I can do");
  });
});
