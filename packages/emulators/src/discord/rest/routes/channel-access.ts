import { discordErrors } from '../../errors.ts';
import { hasPermission, Permission, threadVisibleTo } from '../../world/permissions.ts';
import type { ChannelRecord, MessageRecord } from '../../world/types.ts';
import { UnknownEntityError } from '../../world/unknown-entity-error.ts';
import type { World } from '../../world/world.ts';
import { type AuthenticatedBot, param, type RestCall, requireBot } from '../rest-call.ts';
import type { RouteDeps } from './route-deps.ts';

/**
 * The calling bot and the `:channelId` channel of its route: a channel it can see (View Channel)
 * of a guild it is in, or one of its own DMs (50001 Missing Access otherwise, as Discord answers
 * for a channel hidden from the caller).
 */
export function channelOfBot(
  deps: RouteDeps,
  call: RestCall,
): { bot: AuthenticatedBot; channel: ChannelRecord } {
  const { world } = deps.emulator;
  const bot = requireBot(call);
  const channel = world.requireChannel(param(call, 'channelId'));
  const guild = channel.guildId ? world.guilds.get(channel.guildId) : undefined;
  const visible = channel.guildId
    ? guild?.members.has(bot.user.id) &&
      hasPermission(guild, bot.user.id, Permission.ViewChannel) &&
      threadVisibleTo(guild, channel, bot.user.id)
    : channel.recipientIds.includes(bot.user.id);
  if (!visible) throw discordErrors.missingAccess();
  return { bot, channel };
}

/** Message flag of interaction replies only their user sees. */
const EPHEMERAL = 64;

/**
 * A live message of `channel` (10008 when it is in another channel or deleted). Ephemeral
 * interaction replies are unknown too: only the interaction's webhook reaches them.
 */
export function messageInChannel(world: World, channel: ChannelRecord, messageId: string): MessageRecord {
  const message = world.requireMessage(messageId);
  if (message.channelId !== channel.id || (message.flags & EPHEMERAL) !== 0)
    throw new UnknownEntityError('message', messageId);
  return message;
}

/**
 * Whether the bot holds `permission` where the channel is: its guild permissions (channel
 * overwrites are not modelled). In a DM, where no permissions apply, `inDm` decides.
 */
export function botMayInChannel(
  world: World,
  bot: AuthenticatedBot,
  channel: ChannelRecord,
  permission: bigint,
  inDm: boolean,
): boolean {
  if (!channel.guildId) return inDm;
  return hasPermission(world.requireGuild(channel.guildId), bot.user.id, permission);
}

/** 403 50013 unless {@link botMayInChannel}. */
export function assertBotMayInChannel(
  world: World,
  bot: AuthenticatedBot,
  channel: ChannelRecord,
  permission: bigint,
  inDm: boolean,
): void {
  if (!botMayInChannel(world, bot, channel, permission, inDm)) throw discordErrors.missingPermissions();
}
