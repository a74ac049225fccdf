import { z } from 'zod';
import { deleteMessage, editMessage, postMessage } from '../../actions/messages.ts';
import { discordErrors, formError } from '../../errors.ts';
import { channelPayload } from '../../payloads/guild.ts';
import { messagePayload } from '../../payloads/message.ts';
import { messageReadBy } from '../../payloads/message-content.ts';
import { hasPermission, Permission } from '../../world/permissions.ts';
import type { ChannelRecord } from '../../world/types.ts';
import { parseForm } from '../form-errors.ts';
import {
  type AuthenticatedBot,
  noContent,
  ok,
  param,
  type RestCall,
  type RouteDefinition,
} from '../rest-call.ts';
import {
  assertNotEmpty,
  type MessageBodyInput,
  messageFields,
  parseMessageBody,
} from '../schemas/message-body.ts';
import { snowflake } from '../schemas/snowflake.ts';
import { assertBotMayInChannel, botMayInChannel, channelOfBot, messageInChannel } from './channel-access.ts';
import { historyPage } from './message-history.ts';
import { assertBotHas, type RouteDeps } from './route-deps.ts';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: snowflake.optional(),
  after: snowflake.optional(),
  around: snowflake.optional(),
});

/** Message flags a bot may change on an existing message. */
const SUPPRESS_EMBEDS = 4;
const IS_COMPONENTS_V2 = 32768;

/** Channels and their messages, for guild channels the bot is in and its own DM channels. */
export function channelRoutes(deps: RouteDeps): RouteDefinition[] {
  const ctx = deps.emulator;
  const { world } = ctx;

  const channelOf = (call: RestCall) => channelOfBot(deps, call);
  const messageIn = (channel: ChannelRecord, messageId: string) =>
    messageInChannel(world, channel, messageId);

  /** Guild channels need View Channel + Send Messages; DMs need a user who accepts them and shares a guild. */
  function assertCanPost(bot: AuthenticatedBot, channel: ChannelRecord): void {
    if (channel.guildId) {
      const guild = world.requireGuild(channel.guildId);
      if (!channel.thread) {
        assertBotHas(guild, bot, Permission.ViewChannel | Permission.SendMessages);
        return;
      }
      // Threads take Send Messages in Threads; a locked archived thread takes nothing.
      assertBotHas(guild, bot, Permission.ViewChannel | Permission.SendMessagesInThreads);
      if (
        channel.thread.archived &&
        channel.thread.locked &&
        !hasPermission(guild, bot.user.id, Permission.ManageThreads)
      )
        throw discordErrors.archivedThread();
      return;
    }
    const otherId = channel.recipientIds.find((id) => id !== bot.user.id);
    const other = otherId ? world.users.get(otherId) : undefined;
    const sharesGuild = other ? world.guildsOf(other.id).some((g) => g.members.has(bot.user.id)) : false;
    if (!other?.acceptsDirectMessages || !sharesGuild) throw discordErrors.cannotMessageUser();
  }

  /**
   * The message a reply points at. An unknown one fails as Discord's 50035
   * REPLIES_UNKNOWN_MESSAGE, unless `fail_if_not_exists: false` asks to send a plain message.
   */
  function replyTarget(channel: ChannelRecord, reference: MessageBodyInput['message_reference']) {
    if (!reference?.message_id) return null;
    const target = world.messages.get(reference.message_id);
    const targetChannelId = reference.channel_id ?? channel.id;
    if (target && !target.deleted && target.channelId === targetChannelId && (target.flags & 64) === 0)
      return reference;
    if (reference.fail_if_not_exists === false) return null;
    throw discordErrors.invalidFormBody(
      formError(['message_reference'], 'REPLIES_UNKNOWN_MESSAGE', 'Unknown message'),
    );
  }

  return [
    {
      method: 'get',
      path: '/channels/:channelId',
      bucket: 'channels',
      auth: 'bot',
      handler: (call) => ok(channelPayload(world, channelOf(call).channel)),
    },
    {
      method: 'get',
      path: '/channels/:channelId/messages',
      bucket: 'channels',
      auth: 'bot',
      handler: (call) => {
        const { bot, channel } = channelOf(call);
        const query = parseForm(listQuery, Object.fromEntries(call.query));
        // Without Read Message History Discord answers an empty page, not an error.
        if (!botMayInChannel(world, bot, channel, Permission.ReadMessageHistory, true)) return ok([]);
        const messages = world.channelMessages(channel.id).filter((m) => (m.flags & 64) === 0);
        return ok(historyPage(messages, query).map((m) => messageReadBy(world, m, bot.application)));
      },
    },
    {
      method: 'post',
      path: '/channels/:channelId/messages',
      bucket: 'channel-messages',
      auth: 'bot',
      handler: (call) => {
        const { bot, channel } = channelOf(call);
        const body = parseMessageBody(call.body);
        assertNotEmpty(body, call.files);
        assertCanPost(bot, channel);
        const reference = replyTarget(channel, body.message_reference);
        const message = postMessage(ctx, {
          channelId: channel.id,
          authorId: bot.user.id,
          ...messageFields(body),
          // Flags a bot may set on a channel message: suppress embeds/notifications, components v2.
          flags: (body.flags ?? 0) & (4 | 4096 | 32768),
          nonce: body.nonce ?? null,
          files: call.files,
          type: reference?.message_id ? 19 : 0,
          messageReference: reference?.message_id
            ? {
                message_id: reference.message_id,
                channel_id: reference.channel_id ?? channel.id,
                ...(channel.guildId ? { guild_id: channel.guildId } : {}),
              }
            : null,
        });
        return ok(messagePayload(world, message));
      },
    },
    {
      method: 'get',
      path: '/channels/:channelId/messages/:messageId',
      bucket: 'channels',
      auth: 'bot',
      handler: (call) => {
        const { bot, channel } = channelOf(call);
        if (!botMayInChannel(world, bot, channel, Permission.ReadMessageHistory, true))
          throw discordErrors.missingAccess();
        return ok(messageReadBy(world, messageIn(channel, param(call, 'messageId')), bot.application));
      },
    },
    {
      method: 'patch',
      path: '/channels/:channelId/messages/:messageId',
      bucket: 'channel-message-edits',
      auth: 'bot',
      handler: (call) => {
        const { bot, channel } = channelOf(call);
        const message = messageIn(channel, param(call, 'messageId'));
        const body = parseMessageBody(call.body);
        const fields = messageFields(body);
        // The docs: only SUPPRESS_EMBEDS can be set or unset (and components v2 switched on).
        const flags =
          body.flags != null
            ? (message.flags & ~SUPPRESS_EMBEDS) | (body.flags & (SUPPRESS_EMBEDS | IS_COMPONENTS_V2))
            : undefined;
        if (message.authorId !== bot.user.id) {
          // Others' messages: nothing but their flags, with Manage Messages.
          const onlyFlags =
            body.content == null && body.embeds == null && body.components == null && call.files.length === 0;
          if (!onlyFlags || flags === undefined || !channel.guildId)
            throw discordErrors.cannotEditOthersMessage();
          assertBotMayInChannel(world, bot, channel, Permission.ManageMessages, false);
          return ok(messagePayload(world, editMessage(ctx, message, { flags }), { viewerId: bot.user.id }));
        }
        const edit = { ...fields, ...(flags !== undefined ? { flags } : {}), files: call.files };
        return ok(messagePayload(world, editMessage(ctx, message, edit), { viewerId: bot.user.id }));
      },
    },
    {
      method: 'delete',
      path: '/channels/:channelId/messages/:messageId',
      bucket: 'channel-message-edits',
      auth: 'bot',
      handler: (call) => {
        const { bot, channel } = channelOf(call);
        const message = messageIn(channel, param(call, 'messageId'));
        if (message.authorId !== bot.user.id) {
          // Nobody deletes the other side's messages in a DM.
          if (!channel.guildId) throw discordErrors.cannotExecuteOnDm();
          assertBotMayInChannel(world, bot, channel, Permission.ManageMessages, false);
        }
        deleteMessage(ctx, message);
        return noContent();
      },
    },
    {
      method: 'post',
      path: '/channels/:channelId/typing',
      bucket: 'channels',
      auth: 'bot',
      handler: (call) => {
        const { bot, channel } = channelOf(call);
        // Typing where the bot may not post is refused as the post would be (50013).
        if (channel.guildId) assertCanPost(bot, channel);
        return noContent();
      },
    },
  ];
}
