import type { Telegraf } from 'telegraf';
import type { TelegramEmulator } from './telegram-emulator.ts';
import { botIdFromToken } from './world/tokens.ts';

export interface RunningBot {
  /** Stops polling and waits until telegraf has confirmed the last offset. */
  stop(): Promise<void>;
}

/**
 * Starts a telegraf bot in long-polling mode against the emulator and resolves once its first
 * getUpdates is parked, so updates sent afterwards are neither dropped nor raced. `launch()` only
 * resolves after `stop()`, so it is not awaited; a launch that fails (bad token) rejects here.
 */
export async function launchPollingBot(
  emulator: TelegramEmulator,
  bot: Telegraf,
  launchOptions: Parameters<Telegraf['launch']>[0] = {},
): Promise<RunningBot> {
  const botId = botIdFromToken(bot.telegram.token);
  const since = emulator.control.lastSeq;
  const running = bot.launch(launchOptions);
  const polling = emulator.control.waitFor({ types: ['bot.poll'], botId, since, timeoutMs: 10_000 });
  // Both are observed below or by stop(); these keep an early failure from going unhandled.
  running.catch(() => {});
  polling.catch(() => {});
  await Promise.race([
    polling,
    running.then(() => Promise.reject(new Error('The bot stopped before polling'))),
  ]);
  return {
    stop: async () => {
      bot.stop('test finished');
      await running;
    },
  };
}
