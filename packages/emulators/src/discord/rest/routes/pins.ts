import { z } from 'zod';
import { MAX_PINS, pinMessage, pinnedMessages, unpinMessage } from '../../actions/pins.ts';
import { discordErrors } from '../../errors.ts';
import { messageReadBy } from '../../payloads/message-content.ts';
import { discordTimestamp } from '../../payloads/timestamp.ts';
import { hasPermission, Permission } from '../../world/permissions.ts';
import type { ChannelRecord, MessageRecord } from '../../world/types.ts';
import { parseForm } from '../form-errors.ts';
import {
  type AuthenticatedBot,
  noContent,
  ok,
  param,
  type RestCall,
  type RouteDefinition,
} from '../rest-call.ts';
import { botMayInChannel, channelOfBot, messageInChannel } from './channel-access.ts';
import { botActor, type RouteDeps } from './route-deps.ts';

const pinsQuery = z.object({
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PINS).default(MAX_PINS),
});

/**
 * Pins (https://discord.com/developers/docs/resources/message#pin-message): the current
 * `/channels/:id/messages/pins` routes and the deprecated `/channels/:id/pins` ones, which
 * discord.js still uses for `fetchPinned`. Pinning needs Pin Messages or Manage Messages in a
 * guild (50013); a channel holds at most 50 pins (30003).
 */
export function pinRoutes(deps: RouteDeps): RouteDefinition[] {
  const ctx = deps.emulator;
  const { world } = ctx;

  function target(call: RestCall): { bot: AuthenticatedBot; channel: ChannelRecord; message: MessageRecord } {
    const { bot, channel } = channelOfBot(deps, call);
    const message = messageInChannel(world, channel, param(call, 'messageId'));
    if (channel.guildId) {
      const guild = world.requireGuild(channel.guildId);
      const mayPin =
        hasPermission(guild, bot.user.id, Permission.PinMessages) ||
        hasPermission(guild, bot.user.id, Permission.ManageMessages);
      if (!mayPin) throw discordErrors.missingPermissions();
    }
    return { bot, channel, message };
  }

  const pin = (call: RestCall) => {
    const { bot, message } = target(call);
    pinMessage(ctx, message, botActor(call, bot));
    return noContent();
  };
  /**
   * The pins a caller may list: Discord needs only View Channel here, but without Read Message
   * History it answers an empty list rather than an error.
   */
  const visiblePins = (call: RestCall): { bot: AuthenticatedBot; pins: MessageRecord[] } => {
    const { bot, channel } = channelOfBot(deps, call);
    const readsHistory = botMayInChannel(world, bot, channel, Permission.ReadMessageHistory, true);
    return { bot, pins: readsHistory ? pinnedMessages(ctx, channel.id) : [] };
  };
  const unpin = (call: RestCall) => {
    const { bot, message } = target(call);
    unpinMessage(ctx, message, botActor(call, bot));
    return noContent();
  };

  return [
    {
      method: 'get',
      path: '/channels/:channelId/messages/pins',
      bucket: 'channels',
      auth: 'bot',
      handler: (call) => {
        const { before, limit } = parseForm(pinsQuery, Object.fromEntries(call.query));
        const { bot, pins: visible } = visiblePins(call);
        const pins = visible.filter(
          (message) => before === undefined || (message.pinnedAt ?? 0) < Date.parse(before),
        );
        return ok({
          items: pins.slice(0, limit).map((message) => ({
            pinned_at: discordTimestamp(message.pinnedAt ?? 0),
            message: messageReadBy(world, message, bot.application),
          })),
          has_more: pins.length > limit,
        });
      },
    },
    {
      method: 'put',
      path: '/channels/:channelId/messages/pins/:messageId',
      bucket: 'pins',
      auth: 'bot',
      handler: pin,
    },
    {
      method: 'delete',
      path: '/channels/:channelId/messages/pins/:messageId',
      bucket: 'pins',
      auth: 'bot',
      handler: unpin,
    },
    {
      method: 'get',
      path: '/channels/:channelId/pins',
      bucket: 'channels',
      auth: 'bot',
      handler: (call) => {
        const { bot, pins } = visiblePins(call);
        return ok(pins.map((message) => messageReadBy(world, message, bot.application)));
      },
    },
    {
      method: 'put',
      path: '/channels/:channelId/pins/:messageId',
      bucket: 'pins',
      auth: 'bot',
      handler: pin,
    },
    {
      method: 'delete',
      path: '/channels/:channelId/pins/:messageId',
      bucket: 'pins',
      auth: 'bot',
      handler: unpin,
    },
  ];
}
