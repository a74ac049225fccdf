import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { TelegramEmulator, type TelegramTypes as Tg } from '@tandem/emulators/telegram';
import { createContentCache } from '../../src/content/content-cache.ts';
import {
  type RunningTelegramBot,
  type StartTelegramBotOptions,
  startTelegramBot,
} from '../../src/telegram/start-telegram-bot.ts';
import type { TelegramDeps } from '../../src/telegram/telegram-deps.ts';
import { openTestTandem, type TestTandem } from './services.ts';

/**
 * Tandem's real Telegram bot against the emulator, on a fresh database and queue prefix: tests
 * talk to it as Telegram users and read what it answered.
 */
export interface TelegramBotUnderTest {
  tandem: TestTandem;
  emulator: TelegramEmulator;
  deps: TelegramDeps;
  /** The bot process that runs now (see restart). */
  running: RunningTelegramBot;
  /** Starts the bot again on the same deps, as a new process would (stop `running` first). */
  restart(): Promise<void>;
  /**
   * Waits until every update delivered so far was handled: telegraf asks for more (a parked
   * getUpdates) only once its whole previous batch is done. For checking that the bot said nothing.
   */
  idle(): Promise<void>;
  /** Gives a player coins through the engine, as an admin grant. */
  grantCoins(playerId: string, coins: number): Promise<void>;
  /**
   * A Telegram user and, after their first update, the player behind them. `languageCode` is what
   * their client reports (`ru`, `en-GB`); without it, none.
   */
  newUser(firstName?: string, options?: { languageCode?: string }): TelegramTestUser;
  close(): Promise<void>;
}

export interface TelegramTestUser {
  id: number;
  /** Sends `/name args` and resolves with the bot's first answer (a new message or an edit). */
  command(name: string, args?: string): Promise<Tg.Message>;
  /** Sends a plain message and resolves with the bot's first answer. */
  say(text: string): Promise<Tg.Message>;
  /** Presses the inline button with this callback_data under a bot message; resolves with the bot's first answer. */
  press(messageId: number, data: string): Promise<Tg.Message>;
  /** Every answer the bot gave after event `since`, waiting until there are at least `count`. */
  answersSince(since: number, count: number): Promise<Tg.Message[]>;
  /** The texts of the bot's messages in this chat, oldest first (edits show their latest text). */
  botTexts(): string[];
  playerId(): Promise<string>;
}

export async function openTelegramBotUnderTest(
  options: Partial<Pick<StartTelegramBotOptions, 'webhook' | 'replyMaxWaitMs' | 'updateDeadlineMs'>> & {
    /** Changes what the bot's handlers get, e.g. a service that fails on purpose. */
    adjustDeps?: (deps: TelegramDeps) => TelegramDeps;
    /** The Redis Tandem uses (one the test can stop); the shared test Redis by default. */
    redisUrl?: string;
    /** How the Tandem under the bot is opened, e.g. on a database of a server the test can stop. */
    tandem?: Parameters<typeof openTestTandem>[0];
  } = {},
): Promise<TelegramBotUnderTest> {
  const tandem = await openTestTandem({ redisUrl: options.redisUrl, ...options.tandem });
  const emulator = new TelegramEmulator();
  await emulator.start();
  const shared: TelegramDeps = { ...tandem, content: createContentCache(tandem.db) };

  const deps = options.adjustDeps?.(shared) ?? shared;
  const start = () =>
    startTelegramBot(deps, {
      token: emulator.defaultBot.token,
      apiRoot: emulator.url,
      keyPrefix: tandem.prefix,
      changes: { redisUrl: tandem.redisUrl, prefix: tandem.prefix },
      webhook: options.webhook,
      replyMaxWaitMs: options.replyMaxWaitMs,
      updateDeadlineMs: options.updateDeadlineMs,
    });
  let running = await start();
  let grants = 0;
  const control = emulator.control;

  const answersSince = async (chatId: number, since: number, count: number) => {
    const answers: Tg.Message[] = [];
    let after = since;
    while (answers.length < count) {
      const event = await control.waitFor({ types: ['bot.message', 'bot.edit'], chatId, since: after });
      if (event.type !== 'bot.message' && event.type !== 'bot.edit') throw new Error('unexpected event');
      answers.push(event.message);
      after = event.seq;
    }
    return answers;
  };
  const firstAnswer = async (chatId: number, since: number) => (await answersSince(chatId, since, 1))[0]!;

  return {
    tandem,
    emulator,
    deps,
    get running() {
      return running;
    },
    async restart() {
      running = await start();
    },
    async idle() {
      const botId = emulator.defaultBot.id;
      const last = control.log({ types: ['updates.delivered'], botId }).at(-1);
      if (last) await control.waitFor({ types: ['bot.poll'], botId, since: last.seq });
    },
    async grantCoins(playerId, coins) {
      await tandem.engine.record({
        key: `admin-grant-${++grants}-${playerId}`,
        playerId,
        type: 'balance_change',
        source: 'admin',
        coinDelta: coins,
        reason: 'grant',
      });
    },
    newUser(firstName = 'Player', { languageCode } = {}) {
      const user = control.createUser({ firstName, languageCode });
      const id = user.id;
      return {
        id,
        command: (name, args) => firstAnswer(id, control.sendCommand({ from: id, command: name, args }).seq),
        say: (text) => firstAnswer(id, control.sendMessage({ from: id, text }).seq),
        press: async (messageId, data) =>
          firstAnswer(id, (await control.pressButton({ from: id, messageId, data })).seq),
        answersSince: (since, count) => answersSince(id, since, count),
        botTexts: () =>
          control
            .messages(id)
            .filter((m) => m.sender.kind === 'bot')
            .map((m) => m.text ?? ''),
        async playerId() {
          const { rows } = await tandem.db.pool.query<{ player_id: string }>(
            `SELECT player_id FROM identities WHERE platform = 'telegram' AND platform_user_id = $1`,
            [String(id)],
          );
          if (!rows[0]) throw new Error(`Telegram user ${id} has no player yet`);
          return rows[0].player_id;
        },
      };
    },
    async close() {
      await running.stop();
      await emulator.stop();
      await tandem.stop();
    },
  };
}

/** A TCP port nothing listens on right now, for a webhook server whose URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
