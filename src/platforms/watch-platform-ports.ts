import type { AlertSignals } from '../alerts/alert-signals.ts';
import { type PlatformPorts, PlatformRateLimitedError, PlatformRefusedError } from '../sync/ports.ts';

/** The Discord port's role writes: a permission refusal on one of them is the bot's problem, not a player's. */
const roleWrites = new Set(['setRankRole', 'setRankRoles', 'grantRole', 'revokeRole']);

/** The calls that reach a platform (see src/sync/ports.ts); anything else a port carries is left as it is. */
const platformCalls = new Set([
  ...roleWrites,
  'notify',
  'postToChat',
  'postToChannel',
  'setMemberTitle',
  'listMemberRoles',
]);

/**
 * The same ports, counting for the pager what the platforms refuse: 429s on any call, and Discord's
 * permission refusals (403, Missing Permissions/Access) on role writes. A refusal that is a
 * player's own doing (they blocked the bot, left the server) is not counted: it pages nobody.
 * Errors pass through unchanged.
 */
export function watchPlatformPorts(ports: PlatformPorts, signals: AlertSignals): PlatformPorts {
  return {
    ...ports,
    telegram: ports.telegram ? watched(ports.telegram, 'telegram', signals) : null,
    discord: ports.discord ? watched(ports.discord, 'discord', signals) : null,
  };
}

function watched<T extends object>(port: T, platform: 'telegram' | 'discord', signals: AlertSignals): T {
  return new Proxy(port, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || !platformCalls.has(String(name))) return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (error) {
          if (error instanceof PlatformRateLimitedError) signals.count(`rate-limited-${platform}`);
          else if (
            platform === 'discord' &&
            roleWrites.has(String(name)) &&
            error instanceof PlatformRefusedError &&
            refusedForPermission(error)
          ) {
            signals.count('role-refusals');
          }
          throw error;
        }
      };
    },
  });
}

/** Discord's 403 on a role write: Missing Permissions (50013) or Missing Access (50001). */
function refusedForPermission(error: PlatformRefusedError): boolean {
  const cause = error.cause as { status?: unknown; code?: unknown } | undefined;
  return cause?.status === 403 || cause?.code === 50013 || cause?.code === 50001;
}
