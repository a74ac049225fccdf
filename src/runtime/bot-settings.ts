import type { Config } from '../config.ts';
import type { BotRuntimeOptions } from './bot-runtime.ts';

/** The bots' options from the settings, for every entrypoint that runs a bot. */
export function botRuntimeSettings(
  config: Pick<
    Config,
    | 'ROLE_DRIFT_POLICY'
    | 'VOICE_TICK_MS'
    | 'TELEGRAM_WEBHOOK_URL'
    | 'TELEGRAM_WEBHOOK_SECRET'
    | 'TELEGRAM_WEBHOOK_PORT'
  >,
): BotRuntimeOptions {
  return {
    roleDriftPolicy: config.ROLE_DRIFT_POLICY,
    voiceTickMs: config.VOICE_TICK_MS,
    telegramWebhook:
      config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET
        ? {
            url: config.TELEGRAM_WEBHOOK_URL,
            secretToken: config.TELEGRAM_WEBHOOK_SECRET,
            port: config.TELEGRAM_WEBHOOK_PORT,
          }
        : undefined,
  };
}
