import { z } from 'zod';
import {
  addReaction,
  parseEmoji,
  reactionOf,
  removeAllReactions,
  removeEmojiReactions,
  removeReaction,
} from '../../actions/reactions.ts';
import { userPayload } from '../../payloads/user.ts';
import { compareSnowflakes } from '../../snowflake.ts';
import { Permission } from '../../world/permissions.ts';
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
import { snowflake } from '../schemas/snowflake.ts';
import { assertBotMayInChannel, channelOfBot, messageInChannel } from './channel-access.ts';
import type { RouteDeps } from './route-deps.ts';

const usersQuery = z.object({
  type: z.coerce.number().int().min(0).max(1).default(0),
  after: snowflake.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/**
 * Reactions (https://discord.com/developers/docs/resources/message#create-reaction): the bot's own
 * (Read Message History, plus Add Reactions for an emoji nobody used yet), clearing others'
 * (Manage Messages), and listing who reacted. The `{emoji}` is URL-encoded unicode or `name:id`.
 */
export function reactionRoutes(deps: RouteDeps): RouteDefinition[] {
  const ctx = deps.emulator;
  const { world } = ctx;

  function target(call: RestCall): { bot: AuthenticatedBot; channel: ChannelRecord; message: MessageRecord } {
    const { bot, channel } = channelOfBot(deps, call);
    return { bot, channel, message: messageInChannel(world, channel, param(call, 'messageId')) };
  }

  const emojiOf = (call: RestCall) => parseEmoji(param(call, 'emoji'));

  const base = '/channels/:channelId/messages/:messageId/reactions';
  return [
    {
      method: 'put',
      path: `${base}/:emoji/@me`,
      bucket: 'reactions',
      auth: 'bot',
      handler: (call) => {
        const { bot, channel, message } = target(call);
        const emoji = emojiOf(call);
        assertBotMayInChannel(world, bot, channel, Permission.ReadMessageHistory, true);
        if (!reactionOf(message, emoji))
          assertBotMayInChannel(world, bot, channel, Permission.AddReactions, true);
        addReaction(ctx, message, bot.user.id, emoji);
        return noContent();
      },
    },
    {
      method: 'delete',
      path: `${base}/:emoji/@me`,
      bucket: 'reactions',
      auth: 'bot',
      handler: (call) => {
        const { bot, message } = target(call);
        removeReaction(ctx, message, bot.user.id, emojiOf(call));
        return noContent();
      },
    },
    {
      method: 'delete',
      path: `${base}/:emoji/:userId`,
      bucket: 'reactions',
      auth: 'bot',
      handler: (call) => {
        const { bot, channel, message } = target(call);
        const emoji = emojiOf(call);
        // `@me` may arrive URL-encoded, which express decodes into `:userId`.
        const userId = param(call, 'userId') === '@me' ? bot.user.id : param(call, 'userId');
        // In a DM a bot can take back only its own reaction.
        if (userId !== bot.user.id)
          assertBotMayInChannel(world, bot, channel, Permission.ManageMessages, false);
        removeReaction(ctx, message, userId, emoji);
        return noContent();
      },
    },
    {
      method: 'get',
      path: `${base}/:emoji`,
      bucket: 'reaction-reads',
      auth: 'bot',
      handler: (call) => {
        const { message } = target(call);
        const emoji = emojiOf(call);
        const { type, after, limit } = parseForm(usersQuery, Object.fromEntries(call.query));
        // Super reactions (type 1) are not modelled: nobody made one.
        const userIds = type === 0 ? (reactionOf(message, emoji)?.userIds ?? []) : [];
        const page = [...userIds]
          .sort(compareSnowflakes)
          .filter((id) => after === undefined || compareSnowflakes(id, after) > 0)
          .slice(0, limit);
        return ok(page.map((id) => userPayload(world.requireUser(id))));
      },
    },
    {
      method: 'delete',
      path: `${base}/:emoji`,
      bucket: 'reaction-reads',
      auth: 'bot',
      handler: (call) => {
        const { bot, channel, message } = target(call);
        const emoji = emojiOf(call);
        assertBotMayInChannel(world, bot, channel, Permission.ManageMessages, false);
        removeEmojiReactions(ctx, message, emoji);
        return noContent();
      },
    },
    {
      method: 'delete',
      path: base,
      bucket: 'reaction-reads',
      auth: 'bot',
      handler: (call) => {
        const { bot, channel, message } = target(call);
        assertBotMayInChannel(world, bot, channel, Permission.ManageMessages, false);
        removeAllReactions(ctx, message);
        return noContent();
      },
    },
  ];
}
