import { TandemError } from '../core/errors.ts';
import type { DiscordGuildPort } from '../discord-guild/guild-port.ts';
/**
 * The engine's view of the platforms. The bots implement these over telegraf and discord.js; tests
 * may implement them in memory. A port throws PlatformRateLimitedError on a 429 (the queue waits and
 * tries again without spending an attempt) and PlatformRefusedError when retrying cannot help.
 */
export interface TelegramPort {
  notify(telegramUserId: string, text: string): Promise<void>;
  /** Posts plain text in a group the bot is in (an announcement). A port without it posts nowhere. */
  postToChat?(chatId: string, text: string): Promise<void>;
  /**
   * Gives a member of a group a custom title (a shop item): makes them an administrator with the
   * least right Telegram allows, then sets the title. A port without it grants no titles.
   */
  setMemberTitle?(chatId: string, telegramUserId: string, title: string): Promise<void>;
}

export interface MemberRoles {
  userId: string;
  roleIds: string[];
}

export interface DiscordPort {
  /**
   * Makes `roleId` the member's only rank role: adds it and removes every other role in
   * `rankRoleIds`. `roleId` null removes them all (unlinked, or no rank has a role).
   */
  setRankRole(input: {
    userId: string;
    roleId: string | null;
    rankRoleIds: readonly string[];
    reason: string;
  }): Promise<void>;
  /**
   * Makes `roleIds` the member's rank roles (stacked rank roles): adds those missing and removes
   * every other role in `rankRoleIds`. Empty removes them all. Other roles are left alone.
   */
  setRankRoles(input: {
    userId: string;
    roleIds: readonly string[];
    rankRoleIds: readonly string[];
    reason: string;
  }): Promise<void>;
  grantRole(userId: string, roleId: string, reason: string): Promise<void>;
  revokeRole(userId: string, roleId: string, reason: string): Promise<void>;
  notify(discordUserId: string, text: string): Promise<void>;
  /**
   * Posts in a channel of the guild (an announcement), pinging nobody whatever the text holds.
   * A port without it posts nowhere.
   */
  postToChannel?(channelId: string, text: string): Promise<void>;
  /** One page of the guild's members, ordered by user id; `after` is the last id of the previous page. */
  listMemberRoles(page: {
    after: string | null;
    limit: number;
  }): Promise<{ members: MemberRoles[]; nextAfter: string | null }>;
}

export interface PlatformPorts {
  /** null when no Telegram bot runs: projections to it are skipped. */
  telegram: TelegramPort | null;
  discord: DiscordPort | null;
  /** The server's roles and channels, for the admin API's pickers and checks. @defaultValue none */
  discordGuild?: DiscordGuildPort | null;
}

/** The platform asked us to slow down; try again after `retryAfterMs`. */
export class PlatformRateLimitedError extends TandemError {
  override name = 'PlatformRateLimitedError';
  constructor(
    readonly platform: 'telegram' | 'discord',
    readonly retryAfterMs: number,
  ) {
    super('upstream', `${platform} rate limit: retry after ${retryAfterMs} ms`);
  }
}

/**
 * The platform refused for a reason a retry cannot fix (missing permission, role above the bot's
 * own, user blocked the bot). The message tells an admin what to change.
 */
export class PlatformRefusedError extends TandemError {
  override name = 'PlatformRefusedError';
  constructor(
    readonly platform: 'telegram' | 'discord',
    message: string,
  ) {
    super('upstream', `${platform} refused: ${message}`);
  }
}
