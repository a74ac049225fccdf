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

export interface RawBotApiAnswer<T> {
  status: number;
  body: {
    ok: boolean;
    result?: T;
    description?: string;
    error_code?: number;
    parameters?: { retry_after?: number };
  };
}

/** One Bot API call without a client library, as JSON, urlencoded or query string, for protocol-level tests. */
export async function callBotApi<T = unknown>(
  baseUrl: string,
  token: string,
  method: string,
  params: Record<string, unknown> = {},
  encoding: 'json' | 'urlencoded' | 'query' = 'json',
): Promise<RawBotApiAnswer<T>> {
  const url = `${baseUrl}/bot${token}/${method}`;
  const form = new URLSearchParams(
    Object.entries(params).map(([key, value]): [string, string] => [
      key,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
  const response =
    encoding === 'query'
      ? await fetch(`${url}?${form}`)
      : await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
          },
          body: encoding === 'json' ? JSON.stringify(params) : form.toString(),
        });
  return { status: response.status, body: (await response.json()) as RawBotApiAnswer<T>['body'] };
}
