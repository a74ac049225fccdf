import type { Config } from '../config.ts';

/** Where each bot connects, with what: the real platforms, or the sandbox's emulators. */
export interface PlatformEndpoints {
  telegram: { token: string; apiRoot?: string } | null;
  discord: { token: string; apiRoot?: string; guildId: string } | null;
}

/** The platforms the settings name; null when neither token is set (the sandbox then provides them). */
export function configuredPlatforms(config: Config): PlatformEndpoints | null {
  if (!config.TELEGRAM_BOT_TOKEN && !config.DISCORD_BOT_TOKEN) return null;
  return {
    telegram: config.TELEGRAM_BOT_TOKEN
      ? { token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT }
      : null,
    discord:
      config.DISCORD_BOT_TOKEN && config.DISCORD_GUILD_ID
        ? {
            token: config.DISCORD_BOT_TOKEN,
            apiRoot: config.DISCORD_API_ROOT,
            guildId: config.DISCORD_GUILD_ID,
          }
        : null,
  };
}
