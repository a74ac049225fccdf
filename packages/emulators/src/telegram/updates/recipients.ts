import type * as Tg from '../types.ts';
import { isAdmin, isPresent, isServiceMessage } from '../world/objects.ts';
import type { BotRecord, ChatRecord } from '../world/records.ts';
import type { World } from '../world/world.ts';

/**
 * The bots that get a group message as an update. Telegram's privacy mode (on by default) limits a
 * bot to commands (unaddressed, or addressed to it), replies to its own messages and service
 * messages; bots with privacy off (`canReadAllGroupMessages`) or administrator rights get everything.
 */
export function botsReceivingGroupMessage(world: World, chat: ChatRecord, message: Tg.Message): BotRecord[] {
  const command = leadingCommand(message);
  const repliedBotId = message.reply_to_message?.from?.is_bot ? message.reply_to_message.from.id : undefined;
  const isService = isServiceMessage(message);
  return [...chat.members.entries()].flatMap(([id, member]) => {
    const bot = member.isBot && isPresent(member) ? world.bot(id) : undefined;
    if (!bot || message.from?.id === bot.id) return [];
    const receives =
      bot.canReadAllGroupMessages ||
      isAdmin(member) ||
      isService ||
      repliedBotId === bot.id ||
      (command !== undefined &&
        (command.target === undefined || command.target === bot.username.toLowerCase()));
    return receives ? [bot] : [];
  });
}

function leadingCommand(message: Tg.Message): { target?: string } | undefined {
  const text = message.text ?? message.caption;
  const entities = message.entities ?? message.caption_entities ?? [];
  const entity = entities.find((candidate) => candidate.type === 'bot_command' && candidate.offset === 0);
  if (!text || !entity) return undefined;
  const [, target] = text.slice(0, entity.length).split('@');
  return { target: target?.toLowerCase() };
}
