import type * as Tg from '../types.ts';
import { unixNow } from '../world/world.ts';
import type { UpdateQueue } from './update-queue.ts';

export interface WebhookConfig {
  /** As the bot gave it (getWebhookInfo shows it so), scheme included or not. */
  url: string;
  /** Where updates are POSTed: `url` with the https a scheme-less URL stands for. */
  target: string;
  secretToken?: string;
  maxConnections: number;
  ipAddress?: string;
}

export interface WebhookDeliveryOptions {
  retry: { initialDelayMs: number; maxDelayMs: number };
  timeoutMs: number;
  /** A 2xx answer whose JSON body names a `method`: Telegram runs it as an API call (telegraf's webhookReply). */
  executeReply: (body: Record<string, unknown>) => Promise<void>;
  onDelivered: (updateId: number) => void;
  onFailed: (updateId: number, error: string) => void;
}

/**
 * Pushes one bot's updates to its webhook, one at a time and in order: an update leaves the queue
 * only when the webhook answers 2xx; any other answer or a network error is recorded (getWebhookInfo
 * `last_error_*`) and retried with doubling back-off.
 */
export class WebhookDelivery {
  private current: WebhookConfig | undefined;
  private lastError: { date: number; message: string } | undefined;
  private running = false;
  private generation = 0;
  private readonly inFlight = new Set<AbortController>();
  private wakeSleeper: (() => void) | undefined;

  constructor(
    private readonly queue: UpdateQueue,
    private readonly options: WebhookDeliveryOptions,
  ) {
    queue.onPush(() => this.kick());
  }

  get config(): WebhookConfig | undefined {
    return this.current;
  }

  set(config: WebhookConfig): void {
    this.current = config;
    this.lastError = undefined;
    this.restart();
  }

  delete(): void {
    this.current = undefined;
    this.lastError = undefined;
    this.restart();
  }

  info(): Tg.WebhookInfo {
    const info: Tg.WebhookInfo = {
      url: this.current?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.queue.pendingCount,
    };
    if (!this.current) return info;
    return {
      ...info,
      max_connections: this.current.maxConnections,
      ...(this.current.ipAddress ? { ip_address: this.current.ipAddress } : {}),
      ...(this.lastError
        ? { last_error_date: this.lastError.date, last_error_message: this.lastError.message }
        : {}),
      ...(this.queue.allowedUpdates ? { allowed_updates: this.queue.allowedUpdates } : {}),
    };
  }

  /** Stops delivering and aborts the POST in flight (emulator shutdown). */
  stop(): void {
    this.current = undefined;
    this.restart();
  }

  private restart(): void {
    this.generation += 1;
    for (const controller of this.inFlight) controller.abort();
    this.wakeSleeper?.();
    this.kick();
  }

  private kick(): void {
    if (this.running || !this.current || !this.queue.peek()) return;
    this.running = true;
    void this.loop(this.generation).finally(() => {
      this.running = false;
      this.kick();
    });
  }

  private async loop(generation: number): Promise<void> {
    let delayMs = this.options.retry.initialDelayMs;
    while (generation === this.generation && this.current) {
      const update = this.queue.peek();
      if (!update) return;
      const outcome = await this.post(this.current, update);
      if (generation !== this.generation) return;
      if (outcome.ok) {
        this.queue.acknowledge(update.update_id);
        this.options.onDelivered(update.update_id);
        delayMs = this.options.retry.initialDelayMs;
        if (outcome.reply) await this.options.executeReply(outcome.reply).catch(() => {});
        continue;
      }
      this.lastError = { date: unixNow(), message: outcome.error };
      this.options.onFailed(update.update_id, outcome.error);
      await this.sleep(delayMs);
      delayMs = Math.min(delayMs * 2, this.options.retry.maxDelayMs);
    }
  }

  private async post(
    config: WebhookConfig,
    update: Tg.Update,
  ): Promise<{ ok: true; reply?: Record<string, unknown> } | { ok: false; error: string }> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(new Error('timeout')), this.options.timeoutMs);
    try {
      const response = await fetch(config.target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(config.secretToken ? { 'x-telegram-bot-api-secret-token': config.secretToken } : {}),
        },
        body: JSON.stringify(update),
        signal: controller.signal,
      });
      const text = await response.text();
      if (!response.ok) {
        return {
          ok: false,
          error: `Wrong response from the webhook: ${response.status} ${response.statusText}`,
        };
      }
      return { ok: true, reply: parseReply(text) };
    } catch (error) {
      return { ok: false, error: describeNetworkError(error, controller.signal) };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleeper = done;
    });
  }
}

function parseReply(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && typeof (body as { method?: unknown }).method === 'string') {
      return body as Record<string, unknown>;
    }
  } catch {
    // Telegram ignores a body it cannot read; the delivery still counts.
  }
  return undefined;
}

/** Telegram's wording for webhook failures that are not an HTTP answer. */
function describeNetworkError(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'Read timeout expired';
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  if (code === 'ECONNREFUSED') return 'Connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return 'Failed to resolve host: Name or service not known';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'Connection reset by peer';
  return `Failed to connect: ${code ?? (error instanceof Error ? error.message : String(error))}`;
}
