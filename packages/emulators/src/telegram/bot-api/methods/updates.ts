import { BotApiError } from '../../errors.ts';
import type { Params } from '../params.ts';
import { assertWebhookUrl } from '../webhook-url.ts';
import { DescribedResult, type MethodCall, type MethodTable } from './method.ts';

const webhookConflict =
  "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

function readAllowedUpdates(params: Params): string[] | undefined {
  const value = params.json('allowed_updates');
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((kind) => typeof kind === 'string')) {
    throw BotApiError.badRequest("can't parse allowed_updates JSON array");
  }
  return value;
}

/**
 * Long polling: confirms below `offset`, answers pending updates at once, else parks until an update
 * arrives or `timeout` seconds pass. A newer call ends a parked one with 409 (two bot instances).
 */
async function getUpdates({ ctx, bot, params, signal }: MethodCall) {
  const { queue, webhook } = ctx.channels.for(bot.id);
  if (webhook.config) throw BotApiError.conflict(webhookConflict);
  const limit = Math.min(100, Math.max(1, params.int('limit') ?? 100));
  const timeoutSeconds = Math.max(0, params.int('timeout') ?? 0);
  queue.setAllowedUpdates(readAllowedUpdates(params));
  const taken = queue.take({
    offset: params.int('offset') ?? 0,
    limit,
    timeoutMs: timeoutSeconds * 1000,
    signal,
  });
  if (queue.isPolling) ctx.log.record({ type: 'bot.poll', botId: bot.id });
  return await taken;
}

function setWebhook({ ctx, bot, params }: MethodCall) {
  const url = params.string('url') ?? '';
  const { queue, webhook } = ctx.channels.for(bot.id);
  // A refused URL leaves everything as it was, pending updates included.
  if (url !== '') assertWebhookUrl(url, ctx.options.allowLoopbackWebhooks);
  if (params.bool('drop_pending_updates')) queue.dropPending();
  if (url === '') return removeWebhook(ctx, bot.id);
  const secretToken = params.string('secret_token');
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw BotApiError.badRequest('secret token contains unallowed characters');
  }
  const maxConnections = params.int('max_connections') ?? 40;
  if (maxConnections < 1 || maxConnections > 100)
    throw BotApiError.badRequest('bad webhook: max_connections must be between 1 and 100');
  const alreadySet = webhook.config?.url === url;
  queue.setAllowedUpdates(readAllowedUpdates(params));
  webhook.set({ url, secretToken, maxConnections, ipAddress: params.string('ip_address') });
  queue.interruptPoll(BotApiError.conflict(webhookConflict));
  ctx.log.record({ type: 'bot.webhook', botId: bot.id, url });
  return new DescribedResult(true, alreadySet ? 'Webhook is already set' : 'Webhook was set');
}

function deleteWebhook({ ctx, bot, params }: MethodCall) {
  if (params.bool('drop_pending_updates')) ctx.channels.for(bot.id).queue.dropPending();
  return removeWebhook(ctx, bot.id);
}

function removeWebhook(ctx: MethodCall['ctx'], botId: number) {
  const { webhook } = ctx.channels.for(botId);
  if (!webhook.config) return new DescribedResult(true, 'Webhook is already deleted');
  webhook.delete();
  ctx.log.record({ type: 'bot.webhook', botId, url: '' });
  return new DescribedResult(true, 'Webhook was deleted');
}

export const updateMethods: MethodTable = {
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo: ({ ctx, bot }) => ctx.channels.for(bot.id).webhook.info(),
};
