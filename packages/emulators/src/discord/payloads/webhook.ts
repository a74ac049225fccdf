import { createHash } from 'node:crypto';
import type { WebhookRecord } from '../world/types.ts';
import type { World } from '../world/world.ts';
import { userPayload } from './user.ts';

/** Incoming webhooks are the only kind modelled (Channel Follower and Application ones are not). */
export const WebhookType = { Incoming: 1 } as const;

/** Discord stores an uploaded or linked avatar as a hash of the image; here, of what was given. */
export function avatarHash(source: string): string {
  return createHash('md5').update(source).digest('hex');
}

/**
 * A webhook object (https://discord.com/developers/docs/resources/webhook#webhook-object).
 * `byToken`: fetched with its token, without authentication, so without the creator `user`.
 */
export function webhookPayload(
  world: World,
  webhook: WebhookRecord,
  options: { byToken?: boolean } = {},
): Record<string, unknown> {
  const creator = world.users.get(webhook.creatorId);
  return {
    id: webhook.id,
    type: WebhookType.Incoming,
    guild_id: webhook.guildId,
    channel_id: webhook.channelId,
    ...(creator && !options.byToken ? { user: userPayload(creator) } : {}),
    name: webhook.name,
    avatar: webhook.avatar,
    token: webhook.token,
    application_id: webhook.applicationId,
  };
}

/** The `author` of a message a webhook posted: the webhook's id, with the name and avatar it posted under. */
export function webhookAuthorPayload(
  webhookId: string,
  author: { username: string; avatar: string | null },
): Record<string, unknown> {
  return {
    id: webhookId,
    username: author.username,
    avatar: author.avatar,
    discriminator: '0000',
    global_name: null,
    public_flags: 0,
    flags: 0,
    bot: true,
  };
}
