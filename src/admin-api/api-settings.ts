import type { Config } from '../config.ts';
import type { AdminApiOptions } from './app.ts';

/** The admin API's options from the settings, for every entrypoint that serves it. */
export function adminApiSettings(
  config: Pick<Config, 'PORT' | 'COOKIE_SECURE' | 'TRUST_PROXY' | 'ALLOWED_ORIGINS' | 'TELEGRAM_BOT_TOKEN'>,
): AdminApiOptions & { port: number } {
  return {
    port: config.PORT,
    secureCookies: config.COOKIE_SECURE === 'auto' ? 'auto' : config.COOKIE_SECURE === 'true',
    trustProxy: config.TRUST_PROXY,
    allowedOrigins: config.ALLOWED_ORIGINS ?? [],
    telegramBotToken: config.TELEGRAM_BOT_TOKEN,
  };
}
