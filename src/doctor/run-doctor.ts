import type { Config } from '../config.ts';
import { type CheckResult, passed } from './check-result.ts';
import { checkDiscord } from './discord-checks.ts';
import { readMappedRoles } from './mapped-roles.ts';
import { checkPostgres } from './postgres-checks.ts';
import { checkRedis } from './redis-checks.ts';
import { checkTelegram } from './telegram-checks.ts';

type DoctorSettings = Pick<
  Config,
  | 'DATABASE_URL'
  | 'REDIS_URL'
  | 'DATA_DIR'
  | 'TELEGRAM_BOT_TOKEN'
  | 'TELEGRAM_API_ROOT'
  | 'DISCORD_BOT_TOKEN'
  | 'DISCORD_GUILD_ID'
  | 'DISCORD_API_ROOT'
>;

/** Every check of the deployment the settings describe, in the order an owner fixes them. */
export async function runDoctor(settings: DoctorSettings): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  if (settings.DATABASE_URL) results.push(...(await checkPostgres(settings.DATABASE_URL)));
  else
    results.push(
      passed('PostgreSQL', `embedded: npm start runs and migrates it under ${settings.DATA_DIR}/postgres`),
    );
  if (settings.REDIS_URL) results.push(...(await checkRedis(settings.REDIS_URL)));
  else results.push(passed('Redis', `private: npm start runs it under ${settings.DATA_DIR}/redis`));

  if (!settings.TELEGRAM_BOT_TOKEN && !settings.DISCORD_BOT_TOKEN) {
    results.push(passed('Sandbox', 'no bot token set: npm start runs both bots against the emulators'));
    results.push(passed('Telegram', 'skipped: no TELEGRAM_BOT_TOKEN'));
    results.push(passed('Discord', 'skipped: no DISCORD_BOT_TOKEN'));
    return results;
  }
  if (settings.TELEGRAM_BOT_TOKEN)
    results.push(...(await checkTelegram(settings.TELEGRAM_BOT_TOKEN, settings.TELEGRAM_API_ROOT)));
  else results.push(passed('Telegram', 'skipped: no TELEGRAM_BOT_TOKEN'));
  if (settings.DISCORD_BOT_TOKEN && settings.DISCORD_GUILD_ID) {
    const mappedRoles = settings.DATABASE_URL ? await readMappedRoles(settings.DATABASE_URL) : [];
    results.push(
      ...(await checkDiscord({
        token: settings.DISCORD_BOT_TOKEN,
        guildId: settings.DISCORD_GUILD_ID,
        apiRoot: settings.DISCORD_API_ROOT,
        mappedRoles,
      })),
    );
  } else if (settings.DISCORD_BOT_TOKEN) {
    results.push({
      name: 'Discord server',
      ok: false,
      detail: 'DISCORD_GUILD_ID is not set: the Discord bot does not start without it',
      fix: 'Set DISCORD_GUILD_ID to the server id (Discord: right-click the server → Copy Server ID, with Developer Mode on).',
      blocking: true,
    });
  } else results.push(passed('Discord', 'skipped: no DISCORD_BOT_TOKEN'));
  return results;
}

/** 0 when nothing blocks Tandem, 1 otherwise. */
export const exitStatusOf = (results: CheckResult[]): number =>
  results.some((result) => !result.ok && result.blocking) ? 1 : 0;
