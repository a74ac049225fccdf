import type * as Tg from './types.ts';
import type { CallbackAnswer, InlineAnswer, MenuButton } from './world/records.ts';

/**
 * What the emulator saw happen, in order. The control API replays these (`GET /control/log`),
 * streams them (`GET /control/events`) and waits on them (`POST /control/wait`). In private chats
 * `chatId` is the user's id; `botId` says whose chat it is.
 */
export type EmulatorEventBody =
  /** A user posted in a chat; `botIds` are the bots that got it as an update. */
  | { type: 'user.message'; chatId: number; userId: number; botIds: number[]; message: Tg.Message }
  /** A user pressed an inline button. */
  | { type: 'user.callback'; chatId: number; userId: number; botId: number; callbackQuery: Tg.CallbackQuery }
  /** A user joined, left, blocked or unblocked, an admin promoted, renamed...: the world changed under the bots. */
  | { type: 'world.changed'; change: WorldChange; chatId?: number; userId?: number; botId?: number }
  | { type: 'world.reset' }
  | { type: 'bot.message'; botId: number; chatId: number; message: Tg.Message; replyKeyboard?: unknown }
  | { type: 'bot.edit'; botId: number; chatId: number; message: Tg.Message }
  | { type: 'bot.delete'; botId: number; chatId: number; messageId: number }
  | { type: 'bot.callback_answer'; botId: number; callbackQueryId: string; answer: CallbackAnswer }
  /** A user typed `@bot query`. */
  | { type: 'user.inline_query'; userId: number; botId: number; inlineQuery: Tg.InlineQuery }
  | { type: 'bot.inline_answer'; botId: number; inlineQueryId: string; answer: InlineAnswer }
  /** A user picked an inline result: its message went to `chatId`. */
  | {
      type: 'user.inline_result';
      userId: number;
      botId: number;
      chatId: number;
      chosenInlineResult: Tg.ChosenInlineResult;
    }
  | {
      type: 'bot.commands';
      botId: number;
      scope: Tg.BotCommandScope;
      languageCode: string;
      commands: Tg.BotCommand[];
    }
  | { type: 'bot.chat_action'; botId: number; chatId: number; action: string }
  /** setChatMenuButton: `chat` is a private chat's id or `default`. */
  | { type: 'bot.menu_button'; botId: number; chat: string; button: MenuButton }
  /** A user set their reactions on a message (`reaction` empty: removed); `botIds` got an update. */
  | {
      type: 'user.reaction';
      chatId: number;
      userId: number;
      botIds: number[];
      messageId: number;
      reaction: Tg.ReactionType[];
      anonymous: boolean;
    }
  /** A user voted in a poll (`optionIds` empty: retracted); `botId` sent the poll. */
  | {
      type: 'user.poll_answer';
      chatId: number;
      userId: number;
      botId: number;
      /** The message holding the poll. */
      messageId: number;
      pollId: string;
      optionIds: number[];
    }
  /** setMessageReaction (`reaction` empty: the bot's reaction removed). */
  | {
      type: 'bot.reaction';
      botId: number;
      chatId: number;
      messageId: number;
      reaction: Tg.ReactionType[];
      isBig: boolean;
    }
  /** unpinChatMessage / unpinAllChatMessages (a pin is a `bot.message` with `pinned_message`). */
  | { type: 'bot.unpin'; botId: number; chatId: number; messageIds: number[] }
  | { type: 'bot.poll_stopped'; botId: number; chatId: number; poll: Tg.Poll }
  /** A user opened a bot's Mini App (the control API signed its init data). */
  | { type: 'user.web_app'; botId: number; userId: number; url: string }
  /** setWebhook (url set) or deleteWebhook (url ''). */
  | { type: 'bot.webhook'; botId: number; url: string }
  /** A getUpdates call is parked, waiting for updates. */
  | { type: 'bot.poll'; botId: number }
  | { type: 'updates.delivered'; botId: number; via: 'polling' | 'webhook'; updateIds: number[] }
  | { type: 'webhook.failed'; botId: number; updateId: number; error: string }
  /** Every Bot API call, after it was answered. */
  | {
      type: 'api.call';
      botId: number;
      method: string;
      via: 'http' | 'webhook-reply';
      ok: boolean;
      errorCode?: number;
      description?: string;
    }
  /** A bug in the emulator: the call got a 500 and this says why. */
  | { type: 'emulator.error'; message: string; stack?: string };

export type WorldChange =
  | 'bot.created'
  | 'user.created'
  | 'user.updated'
  | 'group.created'
  | 'member.added'
  | 'member.removed'
  | 'bot.blocked'
  | 'bot.unblocked'
  | 'member.promoted'
  | 'member.demoted'
  /** An administrator's custom title was set or cleared (setChatAdministratorCustomTitle). */
  | 'member.titled'
  /** banChatMember, unbanChatMember, restrictChatMember (`userId` the member). */
  | 'member.banned'
  | 'member.unbanned'
  | 'member.restricted'
  /** A user asked to join by a link that needs approval; a bot declined such a request. */
  | 'member.join-requested'
  | 'member.join-declined'
  /** A bot created, edited or revoked an invite link (or exported a new primary one). */
  | 'group.invite-link'
  /** setChatPermissions changed what members may do by default. */
  | 'group.permissions'
  | 'group.renamed'
  | 'group.migrated'
  | 'bot.default-rights'
  /** PATCH /control/bots/:bot changed inline mode, inline feedback or privacy mode. */
  | 'bot.settings';

export type EmulatorEventType = EmulatorEventBody['type'];

export type EmulatorEvent = EmulatorEventBody & {
  /** Position in the log, from 1; pass it as `since` to see only what came after. */
  seq: number;
  /** Epoch milliseconds. */
  at: number;
};

export interface EventFilter {
  types?: readonly string[];
  botId?: number;
  chatId?: number;
  /** Only events after this sequence number. */
  since?: number;
}

export function matchesFilter(event: EmulatorEvent, filter: EventFilter): boolean {
  if (filter.since !== undefined && event.seq <= filter.since) return false;
  if (filter.types?.length && !filter.types.includes(event.type)) return false;
  if (filter.botId !== undefined) {
    const botIds = 'botIds' in event ? event.botIds : 'botId' in event ? [event.botId] : [];
    if (!botIds.includes(filter.botId)) return false;
  }
  if (filter.chatId !== undefined && !('chatId' in event && event.chatId === filter.chatId)) return false;
  return true;
}
