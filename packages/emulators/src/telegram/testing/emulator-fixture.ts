import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { TelegramControlClient } from '../control/control-client.ts';
import type { TelegramEmulatorOptions } from '../options.ts';
import { TelegramEmulator } from '../telegram-emulator.ts';
import { launchPollingBot, type RunningBot } from '../testing.ts';

/** One emulator for a test file, reset before each test; read its fields inside tests only. */
export interface TelegramEmulatorFixture {
  readonly emulator: TelegramEmulator;
  /** The emulator's base URL (Bot API and control API). */
  readonly url: string;
  readonly control: TelegramControlClient;
  /** A telegraf bot for the default bot, new for each test so handlers do not carry over. */
  readonly bot: Telegraf;
  /** The default bot's Bot API calls, for tests that never poll. */
  readonly telegram: Telegraf['telegram'];
  /** Starts long polling (the test's `bot` unless given); it is stopped after the test. */
  launch(bot?: Telegraf, launchOptions?: Parameters<Telegraf['launch']>[0]): Promise<RunningBot>;
  /**
   * The updates waiting for the default bot, confirmed so the next call sees only newer ones.
   * The confirmed offset starts again at 0 in each test, as the reset empties the queue.
   */
  pendingUpdates(allowedUpdates: readonly string[]): Promise<Update[]>;
}

/**
 * Registers the hooks most Telegram emulator tests share: start the emulator once for the file,
 * reset its world before each test, stop a launched bot after it and the emulator at the end.
 * Call it at the top level of a test file.
 */
export function useTelegramEmulator(options: TelegramEmulatorOptions = {}): TelegramEmulatorFixture {
  let emulator: TelegramEmulator | undefined;
  let control: TelegramControlClient | undefined;
  let bot: Telegraf | undefined;
  let running: RunningBot | undefined;
  let offset = 0;

  beforeAll(async () => {
    emulator = new TelegramEmulator(options);
    const { url } = await emulator.start();
    control = new TelegramControlClient(url);
  });

  beforeEach(async () => {
    await started().control.reset();
    bot = new Telegraf(started().emulator.defaultBot.token, { telegram: { apiRoot: started().url } });
    offset = 0;
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  function started() {
    if (!emulator || !control) throw new Error('The emulator starts in beforeAll: use it inside tests');
    return { emulator, control, url: emulator.url };
  }

  function testBot(): Telegraf {
    if (!bot) throw new Error('The bot is made in beforeEach: use it inside tests');
    return bot;
  }

  return {
    get emulator() {
      return started().emulator;
    },
    get url() {
      return started().url;
    },
    get control() {
      return started().control;
    },
    get bot() {
      return testBot();
    },
    get telegram() {
      return testBot().telegram;
    },
    async launch(launched = testBot(), launchOptions = {}) {
      running = await launchPollingBot(started().emulator, launched, launchOptions);
      return running;
    },
    async pendingUpdates(allowedUpdates) {
      const updates = await testBot().telegram.getUpdates(0, 100, offset, allowedUpdates as never);
      const last = updates.at(-1);
      if (last) offset = last.update_id + 1;
      return updates;
    },
  };
}
