import { BotApiError } from '../errors.ts';
import type * as Tg from '../types.ts';
import type { Params } from './params.ts';

export interface ReplyMarkup {
  /** Shown under the message and echoed in it. */
  inline?: Tg.InlineKeyboardMarkup;
  /** Reply keyboard, keyboard removal or force reply: applies to the user's input field, never echoed. */
  keyboard?: Record<string, unknown>;
}

const buttonActions = [
  'callback_data',
  'url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'pay',
  'login_url',
  'web_app',
  'callback_game',
] as const;

const unreadable = "can't parse reply keyboard markup JSON object";

/** Reads `reply_markup`, keeping only the fields Telegram keeps (telegraf adds e.g. `hide: false`). */
export function readReplyMarkup(params: Params): ReplyMarkup {
  const markup = params.json('reply_markup', unreadable);
  if (markup === undefined) return {};
  if (!isObject(markup)) throw BotApiError.badRequest(unreadable);
  if ('inline_keyboard' in markup) return { inline: readInlineKeyboard(markup.inline_keyboard) };
  if ('keyboard' in markup) return { keyboard: readReplyKeyboard(markup) };
  if (markup.remove_keyboard === true) return { keyboard: { remove_keyboard: true } };
  if (markup.force_reply === true)
    return { keyboard: { force_reply: true, ...pick(markup, ['input_field_placeholder']) } };
  throw BotApiError.badRequest(unreadable);
}

function readInlineKeyboard(rows: unknown): Tg.InlineKeyboardMarkup {
  if (!Array.isArray(rows))
    throw BotApiError.badRequest(
      'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays',
    );
  return {
    inline_keyboard: rows.map((row) => {
      if (!Array.isArray(row))
        throw BotApiError.badRequest(
          'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays',
        );
      return row.map(readInlineButton);
    }),
  };
}

function readInlineButton(button: unknown): Tg.InlineKeyboardButton {
  if (!isObject(button))
    throw BotApiError.badRequest(
      "can't parse inline keyboard button: InlineKeyboardButton must be an Object",
    );
  if (typeof button.text !== 'string')
    throw BotApiError.badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  const actions = buttonActions.filter((action) => button[action] !== undefined && button[action] !== false);
  if (actions.length === 0) throw BotApiError.badRequest('text buttons are unallowed in the inline keyboard');
  const data = button.callback_data;
  if (data !== undefined) {
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : 0;
    if (bytes < 1 || bytes > 64) throw BotApiError.badRequest('BUTTON_DATA_INVALID');
  }
  return { text: button.text, ...pick(button, buttonActions) } as Tg.InlineKeyboardButton;
}

function readReplyKeyboard(markup: Record<string, unknown>): Record<string, unknown> {
  const rows = markup.keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw BotApiError.badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
  }
  const keyboard = rows.map((row: unknown[]) =>
    row.map((button) => {
      if (typeof button === 'string') return { text: button };
      if (isObject(button) && typeof button.text === 'string') {
        return {
          text: button.text,
          ...pick(button, [
            'request_contact',
            'request_location',
            'request_users',
            'request_chat',
            'request_poll',
            'web_app',
          ]),
        };
      }
      throw BotApiError.badRequest(
        "can't parse keyboard button: KeyboardButton must be a String or an Object",
      );
    }),
  );
  return {
    keyboard,
    ...pick(markup, [
      'is_persistent',
      'resize_keyboard',
      'one_time_keyboard',
      'input_field_placeholder',
      'selective',
    ]),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    if (source[key] !== undefined && source[key] !== false) picked[key] = source[key];
  }
  return picked;
}
