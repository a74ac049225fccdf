import { DEFAULT_LOCALE } from '../world/locales.ts';
import type { ApplicationRecord, UserRecord } from '../world/types.ts';

/** The language of the user's Discord app (worlds saved before it was kept read as en-US). */
export function userLocale(user: UserRecord): string {
  return user.locale ?? DEFAULT_LOCALE;
}

/** A user object as Discord sends it (https://discord.com/developers/docs/resources/user#user-object). */
export function userPayload(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    global_name: user.globalName,
    discriminator: '0',
    avatar: null,
    avatar_decoration_data: null,
    // Optional and nullable in the docs; Discord sends them as null for a user with neither.
    collectibles: null,
    primary_guild: null,
    banner: null,
    accent_color: null,
    public_flags: 0,
    flags: 0,
    ...(user.bot ? { bot: true } : {}),
  };
}

/** GET /users/@me and READY `user` for a bot: the user object with the account fields. */
export function currentBotUserPayload(user: UserRecord): Record<string, unknown> {
  return { ...userPayload(user), verified: true, mfa_enabled: false, email: null, locale: 'en-US' };
}

/**
 * Application flag bits (https://discord.com/developers/docs/resources/application#application-object-application-flags)
 * that say which privileged intents the portal has turned on: a verified bot gets the full bit, an
 * unverified one (under 100 servers) the "limited" bit, which is what the emulator's bots are.
 */
const PrivilegedIntentFlag = {
  GuildPresences: 1 << 13,
  GuildMembers: 1 << 15,
  MessageContent: 1 << 19,
} as const;

/** `flags` of an application: its own bits plus those of the privileged intents enabled for it. */
export function applicationFlags(application: ApplicationRecord): number {
  let flags = application.flags;
  for (const intent of application.privilegedIntents) flags |= PrivilegedIntentFlag[intent];
  return flags;
}

/**
 * GET /applications/@me: the application object
 * (https://discord.com/developers/docs/resources/application#application-object) with the fields
 * Discord documents for it, and none it does not (the retired `summary`, `type`, `hook`). The
 * emulator models no developer team, so the bot user stands in as `owner`.
 */
export function applicationPayload(
  application: ApplicationRecord,
  bot: UserRecord,
  guildCount: number,
): Record<string, unknown> {
  return {
    id: application.id,
    name: application.name,
    icon: null,
    description: '',
    bot_public: true,
    bot_require_code_grant: false,
    bot: userPayload(bot),
    owner: userPayload(bot),
    verify_key: '0'.repeat(64),
    team: null,
    flags: applicationFlags(application),
    approximate_guild_count: guildCount,
    approximate_user_install_count: 0,
    approximate_user_authorization_count: 0,
    redirect_uris: [],
    interactions_endpoint_url: null,
    role_connections_verification_url: null,
    event_webhooks_url: null,
    // 1: webhook events disabled (Discord's default).
    event_webhooks_status: 1,
    tags: [],
    integration_types_config: { '0': {} },
  };
}
