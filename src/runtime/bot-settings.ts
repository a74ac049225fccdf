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
    | 'PUBLIC_URL'
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
    telegramMiniAppUrl: miniAppUrlOf(config.PUBLIC_URL),
  };
}

/** The Mini App's address for the menu button: only over https, the only scheme Telegram opens. */
export function miniAppUrlOf(publicUrl: string | undefined): string | undefined {
  if (!publicUrl?.startsWith('https://')) return undefined;
  return new URL('app/', publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).href;
}
