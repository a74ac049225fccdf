import { randomBytes } from 'node:crypto';
import { avatarHash } from '../payloads/webhook.ts';
import type { AuditLogChange, ChannelRecord, MessageRecord, WebhookRecord } from '../world/types.ts';
import { AuditLogEvent, diffChanges, recordAuditEntry } from './audit-log.ts';
import type { EmulatorContext } from './context.ts';
import type { ChangeActor } from './member-update.ts';
import { type NewMessage, postMessage } from './messages.ts';

/** Webhooks a channel can hold (Discord: 15). */
export const MAX_WEBHOOKS_PER_CHANNEL = 15;

/** A 16th webhook in one channel (30007). */
export class TooManyWebhooksError extends Error {
  override name = 'TooManyWebhooksError';
  constructor(readonly channelId: string) {
    super(`Channel ${channelId} already has ${MAX_WEBHOOKS_PER_CHANNEL} webhooks`);
  }
}

/** The webhook fields the audit log tracks; the avatar goes by `avatar_hash`, as Discord names it. */
function webhookAuditView(webhook: WebhookRecord): Record<string, unknown> {
  return { name: webhook.name, channel_id: webhook.channelId, type: 1, avatar_hash: webhook.avatar };
}

/** An audit log entry in the webhook's guild for a change to it. */
function auditWebhook(
  ctx: EmulatorContext,
  webhook: WebhookRecord,
  actionType: number,
  changes: AuditLogChange[],
  actor: ChangeActor,
): void {
  const guild = ctx.world.requireGuild(webhook.guildId);
  recordAuditEntry(ctx, guild, { actionType, targetId: webhook.id, changes }, actor);
}

/** Tells the guild's bots that a channel's webhooks changed (WEBHOOKS_UPDATE, GuildWebhooks intent). */
function announceWebhooks(ctx: EmulatorContext, guildId: string, channelId: string): void {
  ctx.events.dispatch({
    event: 'WEBHOOKS_UPDATE',
    audience: { guildId },
    data: { guild_id: guildId, channel_id: channelId },
  });
}

export function webhooksOfChannel(ctx: EmulatorContext, channelId: string): WebhookRecord[] {
  return [...ctx.world.webhooks.values()].filter((webhook) => webhook.channelId === channelId);
}

/** Creates an incoming webhook; one a bot creates belongs to its application, as on Discord. */
export function createWebhook(
  ctx: EmulatorContext,
  channel: ChannelRecord & { guildId: string },
  input: { name: string; avatar?: string | null; creatorId: string; applicationId: string | null },
  actor: ChangeActor,
): WebhookRecord {
  if (webhooksOfChannel(ctx, channel.id).length >= MAX_WEBHOOKS_PER_CHANNEL)
    throw new TooManyWebhooksError(channel.id);
  const webhook: WebhookRecord = {
    id: ctx.ids.next(),
    guildId: channel.guildId,
    channelId: channel.id,
    creatorId: input.creatorId,
    applicationId: input.applicationId,
    name: input.name,
    avatar: input.avatar ? avatarHash(input.avatar) : null,
    token: randomBytes(51).toString('base64url'),
  };
  ctx.world.webhooks.set(webhook.id, webhook);
  announceWebhooks(ctx, webhook.guildId, webhook.channelId);
  auditWebhook(
    ctx,
    webhook,
    AuditLogEvent.WebhookCreate,
    diffChanges(null, webhookAuditView(webhook)),
    actor,
  );
  ctx.events.record('webhook.created', { webhookId: webhook.id, channelId: webhook.channelId, actor });
  return webhook;
}

/** Renames a webhook, changes its avatar or moves it to another channel of the guild (WEBHOOKS_UPDATE for each channel). */
export function updateWebhook(
  ctx: EmulatorContext,
  webhook: WebhookRecord,
  changes: { name?: string; avatar?: string | null; channelId?: string },
  actor: ChangeActor,
): WebhookRecord {
  const before = webhookAuditView(webhook);
  const previousChannelId = webhook.channelId;
  if (changes.name !== undefined) webhook.name = changes.name;
  if (changes.avatar !== undefined) webhook.avatar = changes.avatar ? avatarHash(changes.avatar) : null;
  if (changes.channelId !== undefined) webhook.channelId = changes.channelId;
  announceWebhooks(ctx, webhook.guildId, webhook.channelId);
  if (previousChannelId !== webhook.channelId) announceWebhooks(ctx, webhook.guildId, previousChannelId);
  const audited = diffChanges(before, webhookAuditView(webhook));
  if (audited.length > 0) auditWebhook(ctx, webhook, AuditLogEvent.WebhookUpdate, audited, actor);
  ctx.events.record('webhook.updated', { webhookId: webhook.id, channelId: webhook.channelId, actor });
  return webhook;
}

export function deleteWebhook(ctx: EmulatorContext, webhook: WebhookRecord, actor: ChangeActor): void {
  ctx.world.webhooks.delete(webhook.id);
  announceWebhooks(ctx, webhook.guildId, webhook.channelId);
  auditWebhook(
    ctx,
    webhook,
    AuditLogEvent.WebhookDelete,
    diffChanges(webhookAuditView(webhook), null),
    actor,
  );
  ctx.events.record('webhook.deleted', { webhookId: webhook.id, channelId: webhook.channelId, actor });
}

/**
 * Posts through a webhook (MESSAGE_CREATE to the guild's bots). The message carries `webhook_id`,
 * and the webhook's application for an application-owned one; `username` and `avatarUrl`
 * override the webhook's name and avatar for this message only.
 */
export function executeWebhook(
  ctx: EmulatorContext,
  webhook: WebhookRecord,
  input: Omit<NewMessage, 'channelId' | 'authorId'> & { username?: string; avatarUrl?: string },
): MessageRecord {
  const { username, avatarUrl, ...message } = input;
  return postMessage(ctx, {
    ...message,
    channelId: webhook.channelId,
    authorId: webhook.id,
    webhookId: webhook.id,
    applicationId: webhook.applicationId,
    webhookAuthor: {
      username: username ?? webhook.name,
      avatar: avatarUrl ? avatarHash(avatarUrl) : webhook.avatar,
    },
  });
}
