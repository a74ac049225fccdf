import { BotApiError } from '../../errors.ts';
import type { Params } from '../params.ts';
import { assertWebhookReachable, parseWebhookUrl } from '../webhook-url.ts';
import { DescribedResult, type MethodCall, type MethodTable } from './method.ts';

const webhookConflict =
  "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

/** The Bot API server's longest long poll (LONG_POLL_MAX_TIMEOUT): a larger `timeout` is clamped. */
const longPollMaxTimeoutSeconds = 50;

/**
 * `allowed_updates` as the Bot API server reads it: a value it cannot read as a JSON array of
 * strings is ignored, keeping the bot's previous list, rather than refused.
 */
function readAllowedUpdates(params: Params): string[] | undefined {
  let value: unknown;
  try {
    value = params.json('allowed_updates');
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  return value.filter((kind): kind is string => typeof kind === 'string');
}

/**
 * Long polling: confirms below `offset`, answers pending updates at once, else parks until an update
 * arrives or `timeout` seconds pass. A newer call ends a parked one with 409 (two bot instances).
 */
async function getUpdates({ ctx, bot, params, signal }: MethodCall) {
  const { queue, webhook } = ctx.channels.for(bot.id);
  if (webhook.config) throw BotApiError.conflict(webhookConflict);
  const limit = params.clampedInt('limit', { fallback: 100, min: 1, max: 100 });
  const timeoutSeconds = params.clampedInt('timeout', {
    fallback: 0,
    min: 0,
    max: longPollMaxTimeoutSeconds,
  });
  queue.setAllowedUpdates(readAllowedUpdates(params));
  const taken = queue.take({
    offset: params.clampedInt('offset', {
      fallback: 0,
      min: Number.MIN_SAFE_INTEGER,
      max: Number.MAX_SAFE_INTEGER,
    }),
    limit,
    timeoutMs: timeoutSeconds * 1000,
    signal,
  });
  if (queue.isPolling) ctx.log.record({ type: 'bot.poll', botId: bot.id });
  return await taken;
}

/**
 * As the Bot API server does it: unless every setting is unchanged ("Webhook is already set"), the
 * old webhook goes and `drop_pending_updates` takes effect before the new URL is checked, so a
 * refused URL leaves the bot with no webhook.
 */
function setWebhook(call: MethodCall) {
  const { ctx, bot, params } = call;
  const url = params.string('url') ?? '';
  if (url === '') return deleteWebhook(call);
  const { queue, webhook } = ctx.channels.for(bot.id);
  const settings = {
    url,
    secretToken: params.string('secret_token') || undefined,
    maxConnections: params.clampedInt('max_connections', { fallback: 40, min: 1, max: 100 }),
    ipAddress: params.string('ip_address') || undefined,
  };
  const dropPending = params.bool('drop_pending_updates') ?? false;
  if (!dropPending && isSameWebhook(webhook.config, settings)) {
    queue.setAllowedUpdates(readAllowedUpdates(params));
    return new DescribedResult(true, 'Webhook is already set');
  }
  queue.interruptPoll(BotApiError.conflict('terminated by setWebhook request'));
  if (webhook.config) removeWebhook(ctx, bot.id);
  if (dropPending) queue.dropPending();
  const parsed = parseWebhookUrl(url);
  assertSecretToken(settings.secretToken ?? '');
  assertWebhookReachable(parsed, ctx.options.allowLoopbackWebhooks);
  queue.setAllowedUpdates(readAllowedUpdates(params));
  webhook.set({ ...settings, target: parsed.href });
  ctx.log.record({ type: 'bot.webhook', botId: bot.id, url });
  return new DescribedResult(true, 'Webhook was set');
}

function isSameWebhook(
  current: { url: string; secretToken?: string; maxConnections: number; ipAddress?: string } | undefined,
  next: { url: string; secretToken?: string; maxConnections: number; ipAddress?: string },
): boolean {
  return (
    current !== undefined &&
    current.url === next.url &&
    current.secretToken === next.secretToken &&
    current.maxConnections === next.maxConnections &&
    current.ipAddress === next.ipAddress
  );
}

/** 1-256 characters of A-Z, a-z, 0-9, _ and -; an empty token means none. */
function assertSecretToken(token: string): void {
  if (token.length > 256) throw BotApiError.badRequest('secret token is too long');
  if (!/^[A-Za-z0-9_-]*$/.test(token))
    throw BotApiError.badRequest('secret token contains unallowed characters');
}

function deleteWebhook({ ctx, bot, params }: MethodCall) {
  if (params.bool('drop_pending_updates')) ctx.channels.for(bot.id).queue.dropPending();
  return ctx.channels.for(bot.id).webhook.config
    ? removeWebhook(ctx, bot.id)
    : new DescribedResult(true, 'Webhook is already deleted');
}

function removeWebhook(ctx: MethodCall['ctx'], botId: number) {
  ctx.channels.for(botId).webhook.delete();
  ctx.log.record({ type: 'bot.webhook', botId, url: '' });
  return new DescribedResult(true, 'Webhook was deleted');
}

export const updateMethods: MethodTable = {
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo: ({ ctx, bot }) => ctx.channels.for(bot.id).webhook.info(),
};
