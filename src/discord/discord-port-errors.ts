import { DiscordAPIError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { PlatformRateLimitedError, PlatformRefusedError } from '../sync/ports.ts';

/** What the port was doing when Discord said no: the refusal names it for the admin. */
export type DiscordCall =
  | { kind: 'role-edit'; userId: string; roleIds: readonly string[] }
  | { kind: 'member-read'; userId: string }
  | { kind: 'member-list' }
  | { kind: 'dm'; userId: string }
  | { kind: 'channel-post'; channelId: string };

/** Used when a 429 names no wait at all (Discord always does; a proxy might not). */
const fallbackRetryAfterMs = 1000;

/**
 * Turns a REST failure into what the queue does with it: a 429 (surfaced at once by the client's
 * `rejectOnRateLimit`) waits the time Discord asked, a 4xx that no retry can fix is refused with a
 * sentence telling the admin what to change, anything else (5xx after the client's own retries,
 * network) passes through unchanged and is retried with back-off.
 */
export function toPlatformError(error: unknown, call: DiscordCall, guildId: string): unknown {
  let mapped: Error;
  if (error instanceof RateLimitError) {
    const wait = error.retryAfter > 0 ? error.retryAfter : error.timeToReset;
    mapped = new PlatformRateLimitedError('discord', wait > 0 ? Math.ceil(wait) : fallbackRetryAfterMs);
  } else if (!(error instanceof DiscordAPIError) || error.status >= 500) {
    return error;
  } else if (error.status === 429) {
    mapped = new PlatformRateLimitedError('discord', fallbackRetryAfterMs);
  } else {
    mapped = new PlatformRefusedError('discord', refusal(error, call, guildId));
  }
  // Kept for logs, and for the port to tell one refusal from another by Discord's code.
  mapped.cause = error;
  return mapped;
}

function refusal(error: DiscordAPIError, call: DiscordCall, guildId: string): string {
  const code = Number(error.code);
  if (error.status === 401) return 'the bot token was rejected (401 Unauthorized): check DISCORD_BOT_TOKEN';
  if (code === RESTJSONErrorCodes.UnknownGuild) {
    return `server ${guildId} does not exist or the bot was removed from it: check DISCORD_GUILD_ID and invite the bot`;
  }
  switch (call.kind) {
    case 'role-edit':
    case 'member-read': {
      const roles = call.kind === 'role-edit' ? call.roleIds : [];
      if (code === RESTJSONErrorCodes.MissingPermissions || code === RESTJSONErrorCodes.MissingAccess) {
        if (call.kind === 'member-read') {
          return `cannot read members of server ${guildId}: the bot is not in it or cannot see it; invite the bot or check DISCORD_GUILD_ID`;
        }
        const [what, them] =
          roles.length === 1 ? [`role ${roles[0]}`, 'it'] : [`roles ${roles.join(', ')}`, 'them'];
        return `cannot assign ${what}: the bot's highest role must be above ${them} and it needs Manage Roles; move the Tandem role up in Server Settings > Roles`;
      }
      if (code === RESTJSONErrorCodes.UnknownMember) {
        return `user ${call.userId} is not a member of server ${guildId} (they left or were removed): their roles cannot be changed`;
      }
      if (code === RESTJSONErrorCodes.UnknownRole) {
        return `role ${roles.join(', ') || '(unknown)'} does not exist in server ${guildId} (it was deleted?): set the rank's or achievement's Discord role again in Tandem`;
      }
      break;
    }
    case 'member-list':
      if (code === RESTJSONErrorCodes.MissingPermissions || code === RESTJSONErrorCodes.MissingAccess) {
        return `cannot list the members of server ${guildId}: turn on the Server Members Intent (Developer Portal > Bot > Privileged Gateway Intents) and make sure the bot is in the server`;
      }
      break;
    case 'channel-post':
      if (code === RESTJSONErrorCodes.MissingPermissions || code === RESTJSONErrorCodes.MissingAccess) {
        return `cannot post announcements in channel ${call.channelId}: give the bot View Channel and Send Messages there, or pick another channel in Announcements`;
      }
      if (code === RESTJSONErrorCodes.UnknownChannel) {
        return `channel ${call.channelId} does not exist (it was deleted?): pick another channel in Announcements`;
      }
      break;
    case 'dm':
      if (code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) {
        return `cannot DM user ${call.userId}: they do not accept direct messages from server members, or share no server with the bot`;
      }
      if (code === RESTJSONErrorCodes.UnknownUser || code === RESTJSONErrorCodes.InvalidRecipients) {
        return `cannot DM user ${call.userId}: Discord knows no such user`;
      }
      break;
  }
  return `${error.method.toUpperCase()} ${new URL(error.url).pathname} failed: ${error.message} (code ${error.code})`;
}
