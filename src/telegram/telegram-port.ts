import { type Telegram, TelegramError } from 'telegraf';
import { PlatformRateLimitedError, PlatformRefusedError, type TelegramPort } from '../sync/ports.ts';

/** telegraf types its signal with the old `abort-controller` package; node-fetch takes Node's own. */
type TelegrafSignal = NonNullable<Parameters<Telegram['callApi']>[2]>['signal'];

/** Telegram refuses longer texts ("message is too long"); a cut notice beats a lost one. */
const maxTextLength = 4096;

export interface TelegramPortOptions {
  /**
   * A call that has not answered by then fails (and is retried by the queue); telegraf's own limit is
   * over eight minutes, long enough to hold a worker slot. @defaultValue 15000
   */
  timeoutMs?: number;
}

/**
 * The engine's Telegram: notices go to the user's private chat with the bot (its id is the user's
 * id). Telegram's answers become the engine's errors: a 429 waits out `retry_after`, a chat the bot
 * can never write to is refused (retrying cannot help), anything else (5xx, network) is retried.
 */
export function createTelegramPort(telegram: Telegram, options: TelegramPortOptions = {}): TelegramPort {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    async notify(telegramUserId, text) {
      try {
        await telegram.callApi(
          'sendMessage',
          { chat_id: telegramUserId, text: fitText(text) },
          { signal: AbortSignal.timeout(timeoutMs) as unknown as TelegrafSignal },
        );
      } catch (error) {
        throw toPlatformError(error, telegramUserId);
      }
    },
    async postToChat(chatId, text) {
      try {
        // Plain text, no parse_mode: a name can never become a mention or a link.
        await telegram.callApi(
          'sendMessage',
          { chat_id: chatId, text: fitText(text) },
          { signal: AbortSignal.timeout(timeoutMs) as unknown as TelegrafSignal },
        );
      } catch (error) {
        throw toPlatformError(error, chatId, 'group');
      }
    },
    async setMemberTitle(chatId, telegramUserId, title) {
      const signal = () => ({ signal: AbortSignal.timeout(timeoutMs) as unknown as TelegrafSignal });
      try {
        // Only administrators carry a title. can_manage_chat is the least right there is (every
        // other right implies it): it lets them see the event log and skip slow mode, nothing more.
        await telegram.callApi(
          'promoteChatMember',
          { chat_id: chatId, user_id: Number(telegramUserId), can_manage_chat: true },
          signal(),
        );
        await telegram.callApi(
          'setChatAdministratorCustomTitle',
          { chat_id: chatId, user_id: Number(telegramUserId), custom_title: title },
          signal(),
        );
      } catch (error) {
        throw toTitleError(error, chatId, telegramUserId);
      }
    },
  };
}

/** A title Telegram refuses (no right to promote, not a member, not a supergroup) fails the same way again. */
function toTitleError(error: unknown, chatId: string, telegramUserId: string): unknown {
  if (!(error instanceof TelegramError) || error.code === 429 || error.code >= 500) {
    return toPlatformError(error, telegramUserId);
  }
  return new PlatformRefusedError(
    'telegram',
    `cannot give user ${telegramUserId} a title in group ${chatId}: ${error.description ?? `error ${error.code}`}; ` +
      'the bot must be an administrator there allowed to add new administrators',
  );
}

function fitText(text: string): string {
  return text.length <= maxTextLength ? text : `${text.slice(0, maxTextLength - 1)}…`;
}

/** Maps a Bot API failure to what the queue does with it; other errors pass through unchanged. */
function toPlatformError(error: unknown, telegramUserId: string, target: 'user' | 'group' = 'user'): unknown {
  if (!(error instanceof TelegramError)) return error;
  if (target === 'group' && error.code !== 429 && error.code !== 401 && error.code < 500) {
    return new PlatformRefusedError(
      'telegram',
      `cannot post announcements in group ${telegramUserId}: ${error.description ?? `error ${error.code}`}; ` +
        'add the bot to the group and let it send messages, or pick another group in Announcements',
    );
  }
  const description = error.description ?? '';
  switch (error.code) {
    case 429: {
      const seconds = Number(error.parameters?.retry_after);
      return new PlatformRateLimitedError(
        'telegram',
        Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000,
      );
    }
    case 401:
      return new PlatformRefusedError(
        'telegram',
        `the bot token was rejected (${description}): check TELEGRAM_BOT_TOKEN`,
      );
    case 403:
      return new PlatformRefusedError(
        'telegram',
        `cannot message user ${telegramUserId}: ${forbiddenReason(description)}`,
      );
    case 400:
      if (/chat not found/i.test(description)) {
        return new PlatformRefusedError(
          'telegram',
          `cannot message user ${telegramUserId}: Telegram knows no chat with them (${description}); ` +
            'they must open the bot and press Start first',
        );
      }
      // Any other bad request fails the same way on every retry.
      return new PlatformRefusedError(
        'telegram',
        `sendMessage to user ${telegramUserId} was rejected: ${description}`,
      );
    default:
      return error;
  }
}

function forbiddenReason(description: string): string {
  if (/blocked by the user/i.test(description))
    return 'they blocked the bot (they can unblock it in Telegram)';
  if (/user is deactivated/i.test(description)) return 'their Telegram account was deleted';
  if (/can't initiate conversation/i.test(description)) {
    return 'they never started a chat with the bot (they must open it and press Start)';
  }
  return description || 'Telegram answered 403 Forbidden';
}
