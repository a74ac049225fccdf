import { BotApiError } from '../../errors.ts';
import {
  isJsonObject,
  JsonFieldError,
  requiredInteger,
  requiredString,
  withPrefix,
} from '../../json-fields.ts';
import type * as Tg from '../../types.ts';
import { getMeObject } from '../../world/objects.ts';
import { commandsKey } from '../../world/records.ts';
import type { Params } from '../params.ts';
import type { MethodCall, MethodTable } from './method.ts';

const allChatScopes = new Set(['default', 'all_private_chats', 'all_group_chats', 'all_chat_administrators']);
const oneChatScopes = new Set(['chat', 'chat_administrators', 'chat_member']);

/** `scope`, as the Bot API server reads it; absent is the default scope. */
function readScope(params: Params): Tg.BotCommandScope {
  const scope = params.json('scope', "can't parse BotCommandScope JSON object");
  if (scope === undefined) return { type: 'default' };
  return withPrefix("can't parse BotCommandScope", () => scopeFrom(scope));
}

function scopeFrom(value: unknown): Tg.BotCommandScope {
  if (!isJsonObject(value)) throw new JsonFieldError('BotCommandScope must be an Object');
  const type = requiredString(value, 'type');
  if (allChatScopes.has(type)) return { type } as Tg.BotCommandScope;
  if (!oneChatScopes.has(type)) throw new JsonFieldError('Unsupported type specified');
  if (requiredString(value, 'chat_id') === '') throw new JsonFieldError('Empty chat_id specified');
  const chatId = value.chat_id as number | string;
  if (type !== 'chat_member') return { type, chat_id: chatId } as Tg.BotCommandScope;
  const userId = requiredInteger(value, 'user_id');
  if (userId <= 0) throw new JsonFieldError('Invalid user_id specified');
  return { type, chat_id: chatId, user_id: userId } as Tg.BotCommandScope;
}

/** `commands`: absent sets an empty list, as on the Bot API server. */
function readCommands(params: Params): Tg.BotCommand[] {
  const commands = params.json('commands', "can't parse commands JSON object");
  if (commands === undefined) return [];
  if (!Array.isArray(commands)) throw BotApiError.badRequest('expected an Array of BotCommand');
  if (commands.length > 100) throw BotApiError.badRequest('too many commands specified');
  return commands.map((entry: unknown) => {
    const { command, description } = withPrefix("can't parse BotCommand", () => {
      if (!isJsonObject(entry)) throw new JsonFieldError('expected an Object');
      return { command: requiredString(entry, 'command'), description: requiredString(entry, 'description') };
    });
    if (!/^\/?[a-z0-9_]{1,32}$/.test(command)) throw BotApiError.badRequest('BOT_COMMAND_INVALID');
    if (description.length < 1 || description.length > 256) {
      throw BotApiError.badRequest('command description must be non-empty');
    }
    return { command: command.replace(/^\//, ''), description };
  });
}

/**
 * `language_code`: empty (or absent) for the list shown to users whose language has no list of its
 * own; else a two-letter ISO 639-1 code, as the Bot API documents.
 */
function readLanguageCode(params: MethodCall['params']): string {
  const code = params.string('language_code') ?? '';
  if (code !== '' && !/^[a-z]{2}$/.test(code))
    throw BotApiError.badRequest('invalid language code specified');
  return code;
}

function setMyCommands({ ctx, bot, params }: MethodCall) {
  const commands = readCommands(params);
  const scope = readScope(params);
  const languageCode = readLanguageCode(params);
  bot.commands.set(commandsKey(scope, languageCode), commands);
  ctx.log.record({ type: 'bot.commands', botId: bot.id, scope, languageCode, commands });
  return true;
}

function getMyCommands({ bot, params }: MethodCall) {
  return bot.commands.get(commandsKey(readScope(params), readLanguageCode(params))) ?? [];
}

function deleteMyCommands({ ctx, bot, params }: MethodCall) {
  const scope = readScope(params);
  const languageCode = readLanguageCode(params);
  bot.commands.delete(commandsKey(scope, languageCode));
  ctx.log.record({ type: 'bot.commands', botId: bot.id, scope, languageCode, commands: [] });
  return true;
}

export const botProfileMethods: MethodTable = {
  getMe: ({ bot }) => getMeObject(bot),
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  logOut: () => true,
  close: () => true,
};
