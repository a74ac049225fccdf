/**
 * Telegram's flood limits (Bot FAQ), applied per bot to the calls that post a message. Each limit is
 * a token bucket holding `burst` messages, so a test that sends a few dozen messages at once passes
 * while a loop that floods a chat gets the 429 it would get from Telegram.
 */
export interface ChatLimits {
  /** Messages per second into one chat. @defaultValue 1 */
  perChatPerSecond: number;
  /** Messages per minute into one group or supergroup (on top of the per-chat limit). @defaultValue 20 */
  perGroupPerMinute: number;
  /** Messages per second across all chats. @defaultValue 30 */
  globalPerSecond: number;
  /** Messages each bucket holds when full: how far a sender may run ahead of the rates. @defaultValue 30 */
  burst: number;
}

/** A bot account to create at start, besides (or instead of) the default bot. */
export interface BotSeed {
  /** `<digits>:<35 chars of [A-Za-z0-9_-]>`; the digits are the bot's user id. @defaultValue a random token */
  token?: string;
  /** @defaultValue `emulated_<n>_bot` */
  username?: string;
  /** @defaultValue `Emulated Bot <n>` */
  firstName?: string;
  /**
   * Privacy mode off: the bot gets every group message, not only commands and replies to it.
   * @defaultValue false (Telegram's default)
   */
  canReadAllGroupMessages?: boolean;
  /** Inline mode on (BotFather's /setinline): users may type `@bot query`. @defaultValue true */
  supportsInlineQueries?: boolean;
  /**
   * Inline feedback (BotFather's /setinlinefeedback): the bot gets `chosen_inline_result` when a user
   * picks one of its results. Telegram starts with it off; the emulator with it on, so a test of it needs no setup.
   * @defaultValue true
   */
  inlineFeedback?: boolean;
}

export interface TelegramEmulatorOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** Delay added before every Bot API answer, in ms (changeable at run time by fault injection). @defaultValue 0 */
  latencyMs?: number;
  /** Flood limits; unset fields keep Telegram's numbers. */
  chatLimits?: Partial<ChatLimits>;
  /** Answer 429 when a bot exceeds `chatLimits`. @defaultValue true */
  enforceLimits?: boolean;
  /**
   * Bot accounts to create. @defaultValue one bot, `DEFAULT_BOT_TOKEN` / `@emulator_bot`
   */
  bots?: BotSeed[];
  /** First wait after a failed webhook delivery, doubled on each failure up to `maxDelayMs`. */
  webhookRetry?: {
    /** @defaultValue 100 */
    initialDelayMs?: number;
    /** @defaultValue 10_000 */
    maxDelayMs?: number;
  };
  /** How long a webhook POST may take before it counts as failed, in ms. @defaultValue 10_000 */
  webhookTimeoutMs?: number;
  /** Events kept for replay (`GET /control/log`, SSE `Last-Event-ID`). @defaultValue 10_000 */
  eventLogSize?: number;
  /**
   * Accept webhooks on a loopback address (`localhost`, `127.0.0.0/8`, `[::1]`) over plain http and
   * on any port. Telegram refuses those (it needs a public https URL on port 443, 80, 88 or 8443),
   * but a bot under test listens on a local port; every other URL gets Telegram's checks.
   * @defaultValue true
   */
  allowLoopbackWebhooks?: boolean;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  latencyMs: number;
  chatLimits: ChatLimits;
  enforceLimits: boolean;
  bots: BotSeed[];
  webhookRetry: { initialDelayMs: number; maxDelayMs: number };
  webhookTimeoutMs: number;
  eventLogSize: number;
  allowLoopbackWebhooks: boolean;
}

/** The default bot's token: fixed, so a sandbox bot can be configured once and keep working. */
export const DEFAULT_BOT_TOKEN = '7000000001:AAEmulatorDefaultBotToken0123456789';

export const defaultChatLimits: ChatLimits = {
  perChatPerSecond: 1,
  perGroupPerMinute: 20,
  globalPerSecond: 30,
  burst: 30,
};

export function resolveOptions(options: TelegramEmulatorOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    latencyMs: options.latencyMs ?? 0,
    chatLimits: { ...defaultChatLimits, ...options.chatLimits },
    enforceLimits: options.enforceLimits ?? true,
    bots: options.bots?.length
      ? options.bots
      : [{ token: DEFAULT_BOT_TOKEN, username: 'emulator_bot', firstName: 'Emulator Bot' }],
    webhookRetry: {
      initialDelayMs: options.webhookRetry?.initialDelayMs ?? 100,
      maxDelayMs: options.webhookRetry?.maxDelayMs ?? 10_000,
    },
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    eventLogSize: options.eventLogSize ?? 10_000,
    allowLoopbackWebhooks: options.allowLoopbackWebhooks ?? true,
  };
}
