import type { ActivityLog } from '../activity-log.ts';
import type { ResolvedOptions } from '../options.ts';
import type * as Tg from '../types.ts';
import { UpdateQueue, type UpdateQueueState } from './update-queue.ts';
import { WebhookDelivery } from './webhook-delivery.ts';

/** How one bot receives its updates: the queue long polling reads, and the webhook that drains it. */
export interface BotChannel {
  queue: UpdateQueue;
  webhook: WebhookDelivery;
}

export type WebhookReplyExecutor = (botId: number, body: Record<string, unknown>) => Promise<void>;

/** The update channels of all bots, created on first use. */
export class BotChannels {
  private readonly channels = new Map<number, BotChannel>();
  private executeReply: WebhookReplyExecutor = async () => {};

  constructor(
    private readonly options: ResolvedOptions,
    private readonly log: ActivityLog,
  ) {}

  /** Wired after construction: running a webhook reply needs the method table, which needs these channels. */
  setReplyExecutor(executor: WebhookReplyExecutor): void {
    this.executeReply = executor;
  }

  for(botId: number): BotChannel {
    let channel = this.channels.get(botId);
    if (!channel) {
      const queue = new UpdateQueue(firstUpdateId(botId), (updateIds) =>
        this.log.record({ type: 'updates.delivered', botId, via: 'polling', updateIds }),
      );
      const webhook = new WebhookDelivery(queue, {
        retry: this.options.webhookRetry,
        timeoutMs: this.options.webhookTimeoutMs,
        executeReply: (body) => this.executeReply(botId, body),
        onDelivered: (updateId) =>
          this.log.record({ type: 'updates.delivered', botId, via: 'webhook', updateIds: [updateId] }),
        onFailed: (updateId, error) => this.log.record({ type: 'webhook.failed', botId, updateId, error }),
      });
      channel = { queue, webhook };
      this.channels.set(botId, channel);
    }
    return channel;
  }

  enqueue(botId: number, body: Tg.UpdateBody): Tg.Update | undefined {
    return this.for(botId).queue.push(body);
  }

  /** Each bot's update stream, by bot id. */
  exportState(): Array<[number, UpdateQueueState]> {
    return [...this.channels].map(([botId, channel]) => [botId, channel.queue.exportState()]);
  }

  /**
   * After a crash the save may lack the last updates handed out, so ids jump ahead: a bot that saw
   * those must never get another update under the same id (Telegram's ids only grow).
   */
  importState(state: Array<[number, UpdateQueueState]>, { afterCrash = false } = {}): void {
    for (const [botId, queue] of state)
      this.for(botId).queue.importState(queue, afterCrash ? crashUpdateIdGap : 0);
  }

  /** Pending updates go; webhooks and allowed_updates stay (they belong to the running bot). */
  reset(): void {
    for (const channel of this.channels.values()) channel.queue.reset();
  }

  stop(): void {
    for (const channel of this.channels.values()) {
      channel.webhook.stop();
      channel.queue.interruptPoll();
    }
  }
}

/** More updates than a save can miss: a save follows changes within a fraction of a second. */
const crashUpdateIdGap = 100_000;

/** Update ids start at a bot-specific, realistic-looking number, so code never relies on them being small. */
function firstUpdateId(botId: number): number {
  return 100_000_000 + (botId % 1000) * 100_000 + 1;
}
