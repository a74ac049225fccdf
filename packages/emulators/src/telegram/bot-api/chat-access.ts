import { BotApiError } from '../errors.ts';
import { isPresent } from '../world/objects.ts';
import type { BotRecord, ChatRecord } from '../world/records.ts';
import type { World } from '../world/world.ts';

/**
 * The chat a bot names in `chat_id`, with Telegram's refusals: unknown chats are "chat not found";
 * posting needs the user to have started the bot (and not blocked it), or the bot to be in the group.
 */
export function chatForBot(
  world: World,
  bot: BotRecord,
  chatId: number | string,
  access: 'post' | 'read',
): ChatRecord {
  if (typeof chatId === 'string') {
    const group = world.groupByUsername(chatId);
    if (!group) throw BotApiError.badRequest('chat not found');
    return groupForBot(bot, group, access);
  }
  if (chatId > 0) {
    const user = world.user(chatId);
    if (!user) throw BotApiError.badRequest('chat not found');
    if (!user.startedBots.has(bot.id)) {
      if (access === 'read') throw BotApiError.badRequest('chat not found');
      throw BotApiError.forbidden("bot can't initiate conversation with a user");
    }
    if (access === 'post' && user.blockedBots.has(bot.id))
      throw BotApiError.forbidden('bot was blocked by the user');
    return world.privateChat(bot, user);
  }
  const group = world.group(chatId);
  if (!group) throw BotApiError.badRequest('chat not found');
  return groupForBot(bot, group, access);
}

function groupForBot(bot: BotRecord, group: ChatRecord, access: 'post' | 'read'): ChatRecord {
  if (group.migratedTo !== undefined) {
    throw new BotApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
      migrate_to_chat_id: group.migratedTo,
    });
  }
  const member = group.members.get(bot.id);
  if (isPresent(member)) return group;
  if (access === 'read') throw BotApiError.badRequest('chat not found');
  const kind = `${group.type} chat`;
  if (member?.status === 'kicked') throw BotApiError.forbidden(`bot was kicked from the ${kind}`);
  throw BotApiError.forbidden(`bot is not a member of the ${kind}`);
}
