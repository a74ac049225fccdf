/**
 * The locales Discord's apps can be set to (https://discord.com/developers/docs/reference#locales):
 * a user's `locale` and a community guild's `preferred_locale` are one of these.
 */
export const DISCORD_LOCALES = [
  'id',
  'da',
  'de',
  'en-GB',
  'en-US',
  'es-ES',
  'es-419',
  'fr',
  'hr',
  'it',
  'lt',
  'hu',
  'nl',
  'no',
  'pl',
  'pt-BR',
  'ro',
  'fi',
  'sv-SE',
  'vi',
  'tr',
  'cs',
  'el',
  'bg',
  'ru',
  'uk',
  'hi',
  'th',
  'zh-CN',
  'ja',
  'zh-TW',
  'ko',
] as const;

export type DiscordLocale = (typeof DISCORD_LOCALES)[number];

/** What Discord reports when nothing else was chosen. */
export const DEFAULT_LOCALE: DiscordLocale = 'en-US';
