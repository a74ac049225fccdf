import { BotApiError } from '../../errors.ts';
import type * as Tg from '../../types.ts';
import { getMeObject } from '../../world/objects.ts';
import { commandsKey } from '../../world/records.ts';
import type { Params } from '../params.ts';
import type { MethodCall, MethodTable } from './method.ts';

const scopeTypes = new Set<string>([
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
]);

function readScope(params: Params): Tg.BotCommandScope {
  const scope = params.json('scope') as Tg.BotCommandScope | undefined;
  if (scope === undefined) return { type: 'default' };
  if (typeof scope !== 'object' || !scopeTypes.has(scope.type)) {
    throw BotApiError.badRequest("can't parse BotCommandScope: unsupported type");
  }
  if (scope.type.startsWith('chat') && scope.chat_id === undefined) {
    throw BotApiError.badRequest('can\'t parse BotCommandScope: field "chat_id" must be specified');
  }
  return scope;
}

function readCommands(params: Params): Tg.BotCommand[] {
  const commands = params.json('commands');
  if (commands === undefined) throw BotApiError.badRequest('parameter "commands" is required');
  if (!Array.isArray(commands)) throw BotApiError.badRequest("can't parse commands JSON object");
  if (commands.length > 100) throw BotApiError.badRequest('too many commands specified');
  return commands.map((entry: unknown) => {
    const { command, description } = (entry ?? {}) as Partial<Tg.BotCommand>;
    if (typeof command !== 'string' || !/^\/?[a-z0-9_]{1,32}$/.test(command)) {
      throw BotApiError.badRequest('BOT_COMMAND_INVALID');
    }
    if (typeof description !== 'string' || description.length < 1 || description.length > 256) {
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
