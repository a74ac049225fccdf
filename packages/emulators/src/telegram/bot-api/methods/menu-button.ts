import { BotApiError } from '../../errors.ts';
import {
  isJsonObject,
  JsonFieldError,
  requiredObject,
  requiredString,
  withPrefix,
} from '../../json-fields.ts';
import type { MenuButton } from '../../world/records.ts';
import { requiredUserId } from '../member-target.ts';
import type { MethodCall, MethodTable } from './method.ts';

/**
 * A Mini App's address, as Telegram takes it: https only. The emulator also takes http on a loopback
 * host, so a local Tandem (the sandbox) can set its Mini App as the menu button.
 */
function checkWebAppUrl(raw: unknown): string {
  const url = typeof raw === 'string' && URL.canParse(raw) ? new URL(raw) : null;
  const loopback = url && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)))
    throw BotApiError.badRequest('BUTTON_URL_INVALID');
  return url.href;
}

/** `menu_button`, as the Bot API server reads it; absent resets the chat to the default. */
function readMenuButton(call: MethodCall): MenuButton {
  const button = call.params.json('menu_button', "can't parse menu button JSON object");
  if (button === undefined) return { type: 'default' };
  const { type, text, url } = withPrefix("can't parse menu button", () => {
    if (!isJsonObject(button)) throw new JsonFieldError('MenuButton must be an Object');
    const type = requiredString(button, 'type');
    if (type === 'commands' || type === 'default') return { type };
    if (type !== 'web_app') throw new JsonFieldError('MenuButton has unsupported type');
    const text = requiredString(button, 'text');
    return { type, text, url: requiredString(requiredObject(button, 'web_app'), 'url') };
  });
  if (type === 'commands' || type === 'default') return { type };
  if (!text || text.length > 64) throw BotApiError.badRequest('BUTTON_TEXT_INVALID');
  return { type: 'web_app', text, web_app: { url: checkWebAppUrl(url) } };
}

/**
 * `default` for every private chat, else the chat's id. Menu buttons exist in private chats only, so
 * Telegram reads `chat_id` as a user id: a group's id or an @username is an "invalid chat_id".
 */
function chatKey(call: MethodCall): string {
  if (!call.params.has('chat_id')) return 'default';
  return String(requiredUserId(call.params, 'chat_id'));
}

function setChatMenuButton(call: MethodCall) {
  const key = chatKey(call);
  const button = readMenuButton(call);
  if (button.type === 'default') call.bot.menuButtons.delete(key);
  else call.bot.menuButtons.set(key, button);
  call.ctx.log.record({ type: 'bot.menu_button', botId: call.bot.id, chat: key, button });
  return true;
}

/** The chat's own button, else the bot's default, else Telegram's: the commands list. */
export function menuButtonFor(bot: MethodCall['bot'], chatId?: number): MenuButton {
  return (
    (chatId === undefined ? undefined : bot.menuButtons.get(String(chatId))) ??
    bot.menuButtons.get('default') ?? { type: 'commands' }
  );
}

function getChatMenuButton(call: MethodCall) {
  const key = chatKey(call);
  return menuButtonFor(call.bot, key === 'default' ? undefined : Number(key));
}

export const menuButtonMethods: MethodTable = { setChatMenuButton, getChatMenuButton };
