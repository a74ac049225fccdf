import { type DiscordGuildPort, isDiscordGuildError } from '../discord-guild/guild-port.ts';
import type {
  PlatformCall,
  PlatformCallKind,
  PlatformCallMetrics,
  PlatformCallOutcome,
} from '../metrics/platform-call-metrics.ts';
import {
  type DiscordPort,
  type PlatformPorts,
  PlatformRateLimitedError,
  PlatformRefusedError,
  type TelegramPort,
} from '../sync/ports.ts';

/** The names of an object's methods (optional ones included). */
type MethodNames<T> = {
  // biome-ignore lint/suspicious/noExplicitAny: any function signature
  [K in keyof T]-?: NonNullable<T[K]> extends (...args: any[]) => any ? K : never;
}[keyof T];

/**
 * Every method of each port has a kind: a method added to a port without one does not compile,
 * so no platform call goes uncounted.
 */
const telegramKinds: Record<MethodNames<TelegramPort>, PlatformCallKind> = {
  notify: 'dm',
  postToChat: 'message',
  setMemberTitle: 'member_title',
};
const discordKinds: Record<MethodNames<DiscordPort>, PlatformCallKind> = {
  setRankRole: 'role_write',
  setRankRoles: 'role_write',
  grantRole: 'role_write',
  revokeRole: 'role_write',
  notify: 'dm',
  postToChannel: 'message',
  listMemberRoles: 'member_list',
};
const guildKinds: Record<MethodNames<DiscordGuildPort>, PlatformCallKind> = {
  read: 'guild_read',
  createRole: 'guild_write',
  moveRoles: 'guild_write',
};

/**
 * The same ports, each call counted and timed by platform, kind and outcome. The outcome follows
 * the ports' own errors: a 429 (`rate_limited`), a refusal retrying cannot change (`refused`),
 * anything else (`error`).
 */
export function observePlatformPorts<T extends PlatformPorts>(ports: T, metrics: PlatformCallMetrics): T {
  return {
    ...ports,
    telegram: ports.telegram && observePort(ports.telegram, 'telegram', telegramKinds, metrics),
    discord: ports.discord && observePort(ports.discord, 'discord', discordKinds, metrics),
    discordGuild: ports.discordGuild && observePort(ports.discordGuild, 'discord', guildKinds, metrics),
  };
}

function observePort<T extends object>(
  port: T,
  platform: PlatformCall['platform'],
  kinds: Record<MethodNames<T>, PlatformCallKind>,
  metrics: PlatformCallMetrics,
): T {
  const observed = { ...port } as Record<string, unknown>;
  for (const [name, kind] of Object.entries(kinds) as Array<[string, PlatformCallKind]>) {
    const method = (port as Record<string, unknown>)[name];
    if (typeof method !== 'function') continue;
    observed[name] = async (...args: unknown[]) => {
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        const result = await method.apply(port, args);
        metrics.observe({ platform, kind }, 'ok', seconds());
        return result;
      } catch (error) {
        metrics.observe({ platform, kind }, outcomeOf(error), seconds());
        throw error;
      }
    };
  }
  return observed as T;
}

export function outcomeOf(error: unknown): PlatformCallOutcome {
  if (error instanceof PlatformRateLimitedError) return 'rate_limited';
  if (error instanceof PlatformRefusedError) return 'refused';
  if (isDiscordGuildError(error)) {
    if (error.retryAfterMs !== null) return 'rate_limited';
    if (error.refused) return 'refused';
  }
  return 'error';
}
