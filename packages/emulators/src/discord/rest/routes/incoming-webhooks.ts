import { z } from 'zod';
import type { ChangeActor } from '../../actions/member-update.ts';
import {
  createWebhook,
  deleteWebhook,
  executeWebhook,
  updateWebhook,
  webhooksOfChannel,
} from '../../actions/webhooks.ts';
import { discordErrors } from '../../errors.ts';
import { messagePayload } from '../../payloads/message.ts';
import { webhookPayload } from '../../payloads/webhook.ts';
import { Permission } from '../../world/permissions.ts';
import type { ChannelRecord, WebhookRecord } from '../../world/types.ts';
import { parseForm } from '../form-errors.ts';
import {
  noContent,
  ok,
  param,
  type RestCall,
  type RestResult,
  type RouteDefinition,
  requireBot,
} from '../rest-call.ts';
import { assertNotEmpty, messageFields, parseMessageBody } from '../schemas/message-body.ts';
import { snowflake } from '../schemas/snowflake.ts';
import { channelOfBot } from './channel-access.ts';
import { assertBotHas, botActor, botAndGuildOf, guildOfBot, type RouteDeps } from './route-deps.ts';

const webhookName = z.string().min(1).max(80);
// An avatar is image data (`data:image/png;base64,...`); only its hash is kept.
const avatar = z.string().nullish();

const createBody = z.looseObject({ name: webhookName, avatar });
const patchBody = z.looseObject({
  name: webhookName.optional(),
  avatar,
  channel_id: snowflake.optional(),
});
const patchByTokenBody = patchBody.omit({ channel_id: true });
const executeOverrides = z.looseObject({
  username: z.string().min(1).max(80).optional(),
  avatar_url: z.url().optional(),
});

/** Channel types a webhook can post in: text, voice (its text chat), announcement, forum. */
const WEBHOOK_CHANNEL_TYPES = new Set([0, 2, 5, 15]);

/**
 * Incoming webhooks (https://discord.com/developers/docs/resources/webhook): created and managed
 * by a bot with Manage Webhooks, or with the webhook's token and no authentication; executing one
 * posts a message under the webhook's (or the given) name.
 */
export function incomingWebhookRoutes(deps: RouteDeps): RouteDefinition[] {
  const ctx = deps.emulator;
  const { world } = ctx;

  /** A webhook the bot may manage: in a guild it is in, with Manage Webhooks there. */
  function managedWebhook(call: RestCall): WebhookRecord {
    const webhook = world.requireWebhook(param(call, 'webhookId'));
    const bot = requireBot(call);
    assertBotHas(guildOfBot(deps, bot, webhook.guildId), bot, Permission.ManageWebhooks);
    return webhook;
  }

  /** The webhook a token path names (10015 for an unknown id, 50027 for a wrong token). */
  function webhookByToken(call: RestCall): WebhookRecord {
    const webhook = world.requireWebhook(param(call, 'webhookId'));
    if (webhook.token !== param(call, 'token')) throw discordErrors.invalidWebhookToken();
    return webhook;
  }

  function webhookChannel(call: RestCall): ChannelRecord & { guildId: string } {
    const { bot, channel } = channelOfBot(deps, call);
    if (!channel.guildId) throw discordErrors.cannotExecuteOnDm();
    assertBotHas(world.requireGuild(channel.guildId), bot, Permission.ManageWebhooks);
    return channel as ChannelRecord & { guildId: string };
  }

  /** A new channel for a webhook: a webhook channel type of the same guild. */
  function channelInGuild(guildId: string, channelId: string): string {
    const channel = world.requireChannel(channelId);
    if (channel.guildId !== guildId || !WEBHOOK_CHANNEL_TYPES.has(channel.type))
      throw discordErrors.unknownChannel();
    return channel.id;
  }

  const tokenPath = '/webhooks/:webhookId/:token';
  return [
    {
      method: 'post',
      path: '/channels/:channelId/webhooks',
      bucket: 'channel-webhooks',
      auth: 'bot',
      handler: (call) => {
        const channel = webhookChannel(call);
        const bot = requireBot(call);
        const body = parseForm(createBody, call.body ?? {});
        const webhook = createWebhook(
          ctx,
          channel,
          {
            name: body.name,
            avatar: body.avatar ?? null,
            creatorId: bot.user.id,
            applicationId: bot.application.id,
          },
          botActor(call, bot),
        );
        return ok(webhookPayload(world, webhook));
      },
    },
    {
      method: 'get',
      path: '/channels/:channelId/webhooks',
      bucket: 'channel-webhooks',
      auth: 'bot',
      handler: (call) =>
        ok(webhooksOfChannel(ctx, webhookChannel(call).id).map((w) => webhookPayload(world, w))),
    },
    {
      method: 'get',
      path: '/guilds/:guildId/webhooks',
      bucket: 'guilds',
      auth: 'bot',
      handler: (call) => {
        const { guild } = botAndGuildOf(deps, call, Permission.ManageWebhooks);
        const webhooks = [...world.webhooks.values()].filter((webhook) => webhook.guildId === guild.id);
        return ok(webhooks.map((webhook) => webhookPayload(world, webhook)));
      },
    },
    {
      method: 'get',
      path: '/webhooks/:webhookId',
      bucket: 'webhook-edits',
      auth: 'bot',
      handler: (call) => ok(webhookPayload(world, managedWebhook(call))),
    },
    {
      method: 'patch',
      path: '/webhooks/:webhookId',
      bucket: 'webhook-edits',
      auth: 'bot',
      handler: (call) => {
        const webhook = managedWebhook(call);
        const body = parseForm(patchBody, call.body ?? {});
        const bot = requireBot(call);
        const updated = updateWebhook(
          ctx,
          webhook,
          {
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.avatar !== undefined ? { avatar: body.avatar } : {}),
            ...(body.channel_id !== undefined
              ? { channelId: channelInGuild(webhook.guildId, body.channel_id) }
              : {}),
          },
          botActor(call, bot),
        );
        return ok(webhookPayload(world, updated));
      },
    },
    {
      method: 'delete',
      path: '/webhooks/:webhookId',
      bucket: 'webhook-edits',
      auth: 'bot',
      handler: (call) => {
        const webhook = managedWebhook(call);
        const bot = requireBot(call);
        deleteWebhook(ctx, webhook, botActor(call, bot));
        return noContent();
      },
    },
    {
      method: 'get',
      path: tokenPath,
      bucket: 'webhook-edits',
      auth: 'none',
      handler: (call) => {
        const webhook = webhookByToken(call);
        return ok(webhookPayload(world, webhook, { byToken: true }));
      },
    },
    {
      method: 'patch',
      path: tokenPath,
      bucket: 'webhook-edits',
      auth: 'none',
      handler: (call) => {
        const webhook = webhookByToken(call);
        const body = parseForm(patchByTokenBody, call.body ?? {});
        const updated = updateWebhook(
          ctx,
          webhook,
          {
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.avatar !== undefined ? { avatar: body.avatar } : {}),
          },
          tokenHolder(call),
        );
        return ok(webhookPayload(world, updated, { byToken: true }));
      },
    },
    {
      method: 'delete',
      path: tokenPath,
      bucket: 'webhook-edits',
      auth: 'none',
      handler: (call) => {
        const webhook = webhookByToken(call);
        deleteWebhook(ctx, webhook, tokenHolder(call));
        return noContent();
      },
    },
  ];
}

/** Whoever holds a webhook's token: the audit log names no user for what they change. */
function tokenHolder(call: RestCall): ChangeActor {
  return { userId: null, kind: 'bot', reason: call.auditLogReason };
}

/**
 * Execute Webhook for an incoming webhook: shares `POST /webhooks/:id/:token` with interaction
 * follow-ups, so the follow-up route hands over when the id is a webhook's. Without `?wait=true`
 * Discord answers 204.
 */
export function executeIncomingWebhook(deps: RouteDeps, call: RestCall, webhookId: string): RestResult {
  const ctx = deps.emulator;
  const webhook = ctx.world.requireWebhook(webhookId);
  if (webhook.token !== param(call, 'token')) throw discordErrors.invalidWebhookToken();
  const body = parseMessageBody(call.body);
  assertNotEmpty(body, call.files);
  const overrides = parseForm(executeOverrides, call.body ?? {});
  const message = executeWebhook(ctx, webhook, {
    ...messageFields(body),
    files: call.files,
    // Flags a webhook may set: suppress embeds / notifications, components v2.
    flags: (body.flags ?? 0) & (4 | 4096 | 32768),
    ...(overrides.username !== undefined ? { username: overrides.username } : {}),
    ...(overrides.avatar_url !== undefined ? { avatarUrl: overrides.avatar_url } : {}),
  });
  return call.query.get('wait') === 'true' ? ok(messagePayload(ctx.world, message)) : noContent();
}
