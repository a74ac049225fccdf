import type { Config } from '../config.ts';
import type { LocalServerSource } from '../local-servers/running-local-servers.ts';
import { type CheckResult, failed, passed } from './check-result.ts';
import { checkDiscord } from './discord-checks.ts';
import { readMappedRoles } from './mapped-roles.ts';
import { checkDirectPostgres, checkPostgres } from './postgres-checks.ts';
import { checkPublicUrl, isTelegramEmulator, type TelegramSide } from './public-url-checks.ts';
import { checkRedis } from './redis-checks.ts';
import type { SandboxPlatforms } from './running-sandbox.ts';
import { checkTelegram } from './telegram-checks.ts';

export interface DoctorSettings
  extends Pick<
    Config,
    | 'DATABASE_URL'
    | 'DATABASE_DIRECT_URL'
    | 'REDIS_URL'
    | 'DATA_DIR'
    | 'TELEGRAM_BOT_TOKEN'
    | 'TELEGRAM_API_ROOT'
    | 'DISCORD_BOT_TOKEN'
    | 'DISCORD_GUILD_ID'
    | 'DISCORD_API_ROOT'
    | 'PUBLIC_URL'
  > {
  /**
   * Where DATABASE_URL and REDIS_URL lead when the owner set neither: the embedded servers `npm
   * start` runs, or ones started for the check. @defaultValue configured
   */
  sources?: { postgres?: LocalServerSource; redis?: LocalServerSource };
  /** With no bot token, the sandbox's emulators `npm start` runs: checked as the platforms they stand in for. */
  sandbox?: SandboxPlatforms;
}

/** Every check of the deployment the settings describe, in the order an owner fixes them. */
export async function runDoctor(settings: DoctorSettings): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const postgres = settings.sources?.postgres ?? 'configured';
  if (settings.DATABASE_URL)
    results.push(...(await checkPostgres(settings.DATABASE_URL, { source: postgres })));
  else
    results.push(
      failed(
        'PostgreSQL reachable',
        `DATABASE_URL is not set and no embedded PostgreSQL runs under ${settings.DATA_DIR}/postgres`,
        'Run `npm start` (it runs the embedded PostgreSQL), or set DATABASE_URL.',
      ),
    );
  if (settings.DATABASE_DIRECT_URL && settings.DATABASE_DIRECT_URL !== settings.DATABASE_URL)
    results.push(await checkDirectPostgres(settings.DATABASE_DIRECT_URL));
  if (settings.REDIS_URL)
    results.push(...(await checkRedis(settings.REDIS_URL, settings.sources?.redis ?? 'configured')));
  else
    results.push(
      failed(
        'Redis reachable',
        `REDIS_URL is not set and no private Redis runs under ${settings.DATA_DIR}/redis`,
        'Run `npm start` (it runs the private Redis), or set REDIS_URL.',
      ),
    );

  const mappedRoles = () => (settings.DATABASE_URL ? readMappedRoles(settings.DATABASE_URL) : []);
  if (!settings.TELEGRAM_BOT_TOKEN && !settings.DISCORD_BOT_TOKEN) {
    const { sandbox } = settings;
    if (!sandbox) {
      results.push(passed('Sandbox', 'no bot token set: npm start runs both bots against the emulators'));
      results.push(passed('Telegram', 'skipped: no TELEGRAM_BOT_TOKEN'));
      results.push(checkPublicUrl(settings.PUBLIC_URL, 'sandbox'));
      results.push(passed('Discord', 'skipped: no DISCORD_BOT_TOKEN'));
      return results;
    }
    results.push(
      passed(
        'Sandbox',
        'no bot token set: the bots run against the sandbox’s emulators, checked here as the real platforms',
      ),
    );
    results.push(...(await checkTelegram(sandbox.telegram.token, sandbox.telegram.apiRoot)));
    results.push(checkPublicUrl(settings.PUBLIC_URL, 'sandbox'));
    results.push(...(await checkDiscord({ ...sandbox.discord, mappedRoles: await mappedRoles() })));
    return results;
  }
  if (settings.TELEGRAM_BOT_TOKEN)
    results.push(...(await checkTelegram(settings.TELEGRAM_BOT_TOKEN, settings.TELEGRAM_API_ROOT)));
  else results.push(passed('Telegram', 'skipped: no TELEGRAM_BOT_TOKEN'));
  results.push(checkPublicUrl(settings.PUBLIC_URL, await telegramSideOf(settings)));
  if (settings.DISCORD_BOT_TOKEN && settings.DISCORD_GUILD_ID) {
    results.push(
      ...(await checkDiscord({
        token: settings.DISCORD_BOT_TOKEN,
        guildId: settings.DISCORD_GUILD_ID,
        apiRoot: settings.DISCORD_API_ROOT,
        mappedRoles: await mappedRoles(),
      })),
    );
  } else if (settings.DISCORD_BOT_TOKEN) {
    results.push(
      failed(
        'Discord server',
        'DISCORD_GUILD_ID is not set: the Discord bot does not start without it',
        'Set DISCORD_GUILD_ID to the server id (Discord: right-click the server → Copy Server ID, with Developer Mode on).',
      ),
    );
  } else results.push(passed('Discord', 'skipped: no DISCORD_BOT_TOKEN'));
  return results;
}

/**
 * Whom the Telegram bot of a configured deployment talks to: the emulator is only asked about when
 * it would matter (a plain http PUBLIC_URL with a TELEGRAM_API_ROOT of its own).
 */
async function telegramSideOf(settings: DoctorSettings): Promise<TelegramSide> {
  if (!settings.TELEGRAM_BOT_TOKEN) return 'none';
  const plainHttp = settings.PUBLIC_URL?.startsWith('http://') ?? false;
  if (plainHttp && settings.TELEGRAM_API_ROOT && (await isTelegramEmulator(settings.TELEGRAM_API_ROOT)))
    return 'emulator';
  return 'telegram';
}

/** 0 when nothing blocks Tandem, 1 otherwise. */
export const exitStatusOf = (results: CheckResult[]): number =>
  results.some((result) => !result.ok && result.blocking) ? 1 : 0;
