import { imageDimensions } from '../../media/image-dimensions.ts';
import type { AttachmentRecord, MessageRecord } from '../world/types.ts';
import type { World } from '../world/world.ts';
import { memberPayload } from './guild.ts';
import { reactionsPayload } from './reaction.ts';
import { threadPayload } from './thread.ts';
import { discordTimestamp } from './timestamp.ts';
import { userPayload } from './user.ts';
import { webhookAuthorPayload } from './webhook.ts';

export const MessageFlag = {
  SuppressEmbeds: 4,
  Ephemeral: 64,
  Loading: 128,
  SuppressNotifications: 4096,
  IsComponentsV2: 32768,
} as const;

/** The flags an interaction reply or follow-up may set (Receiving and Responding); others are dropped. */
export const INTERACTION_MESSAGE_FLAGS =
  MessageFlag.SuppressEmbeds |
  MessageFlag.Ephemeral |
  MessageFlag.SuppressNotifications |
  MessageFlag.IsComponentsV2;

/** Message types used here (https://discord.com/developers/docs/resources/message#message-object-message-types). */
export const MessageType = {
  Default: 0,
  ChannelPinnedMessage: 6,
  Reply: 19,
  ChatInputCommand: 20,
} as const;

/** An attachment object; images also carry `width` and `height`, read from the file as Discord does. */
export function attachmentPayload(attachment: AttachmentRecord): Record<string, unknown> {
  const dimensions = Buffer.isBuffer(attachment.data) ? imageDimensions(attachment.data) : undefined;
  return {
    id: attachment.id,
    filename: attachment.filename,
    size: attachment.size,
    url: attachment.url,
    proxy_url: attachment.url,
    ...(attachment.contentType ? { content_type: attachment.contentType } : {}),
    ...(dimensions ? { width: dimensions.width, height: dimensions.height } : {}),
  };
}

/**
 * A message object. `gateway: true` adds what MESSAGE_CREATE carries on top of the REST shape:
 * `channel_type`, and in guilds `guild_id`, the author's partial `member` and `member` inside
 * each mention. `viewerId` is the bot asking, for each reaction's `me`.
 */
export function messagePayload(
  world: World,
  message: MessageRecord,
  options: { gateway?: boolean; viewerId?: string } = {},
): Record<string, unknown> {
  // A webhook's message is authored by the webhook itself, under the name it posted with.
  const author = message.webhookAuthor ? null : world.requireUser(message.authorId);
  const guild = message.guildId ? world.guilds.get(message.guildId) : undefined;
  const inGateway = options.gateway === true && guild !== undefined;
  const authorMember = inGateway && author ? guild.members.get(author.id) : undefined;
  // A thread started from a message has the message's id.
  const startedThread = world.channels.get(message.id);
  const interaction = message.interactionId ? world.interactions.get(message.interactionId) : undefined;
  const interactionUser = interaction ? world.users.get(interaction.userId) : undefined;
  return {
    id: message.id,
    type: message.type,
    content: message.content,
    channel_id: message.channelId,
    author: author
      ? userPayload(author)
      : webhookAuthorPayload(
          message.webhookId ?? message.authorId,
          message.webhookAuthor ?? { username: '', avatar: null },
        ),
    attachments: message.attachments.map(attachmentPayload),
    embeds: message.embeds,
    mentions: message.mentionUserIds.flatMap((id) => {
      const user = world.users.get(id);
      if (!user) return [];
      const member = inGateway ? guild.members.get(id) : undefined;
      return [{ ...userPayload(user), ...(member ? { member: memberPayload(member, user, false) } : {}) }];
    }),
    mention_roles: message.mentionRoleIds,
    mention_everyone: message.mentionEveryone,
    ...(message.reactions?.length ? { reactions: reactionsPayload(message, options.viewerId ?? null) } : {}),
    pinned: message.pinnedAt != null,
    tts: message.tts,
    timestamp: discordTimestamp(message.createdAt),
    edited_timestamp: message.editedAt === null ? null : discordTimestamp(message.editedAt),
    flags: message.flags,
    components: message.components,
    ...(message.nonce !== null ? { nonce: message.nonce } : {}),
    ...(message.webhookId ? { webhook_id: message.webhookId } : {}),
    ...(message.applicationId ? { application_id: message.applicationId } : {}),
    ...(message.messageReference ? { message_reference: message.messageReference } : {}),
    ...(startedThread?.thread ? { thread: threadPayload(startedThread, startedThread.thread) } : {}),
    ...(interaction && interactionUser
      ? {
          interaction_metadata: {
            id: interaction.id,
            type: interaction.type,
            user: userPayload(interactionUser),
            // As on the interaction: the bot is installed to guilds, "0" standing for its own DM.
            authorizing_integration_owners: { '0': interaction.guildId ?? '0' },
            ...(typeof interaction.data.name === 'string' ? { name: interaction.data.name } : {}),
          },
        }
      : {}),
    // discord.js builds an uncached DM channel (Partials.Channel) from `channel_type`.
    ...(options.gateway ? { channel_type: world.channels.get(message.channelId)?.type ?? 0 } : {}),
    ...(inGateway ? { guild_id: guild.id } : {}),
    ...(authorMember && author ? { member: memberPayload(authorMember, author, false) } : {}),
  };
}
