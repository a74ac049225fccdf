import { BotApiError } from '../../errors.ts';
import type * as Tg from '../../types.ts';
import { defaultChatPermissions } from '../../world/chat-permissions.ts';
import {
  botUserObject,
  chatMemberObject,
  chatView,
  isAdmin,
  isPresent,
  userObject,
} from '../../world/objects.ts';
import { chatForBot } from '../chat-access.ts';
import { requiredUserId } from '../member-target.ts';
import type { MethodCall, MethodTable } from './method.ts';
import { latestPinnedMessage } from './pins.ts';

/**
 * Users accept every kind of gift by default; groups cannot receive gifts at all, and a channel
 * accepts what its owner allows (all, by default).
 */
function acceptedGiftTypes(type: Tg.ChatType): Tg.AcceptedGiftTypes {
  const accepts = type !== 'group' && type !== 'supergroup';
  return {
    unlimited_gifts: accepts,
    limited_gifts: accepts,
    unique_gifts: accepts,
    premium_subscription: type === 'private',
    gifts_from_channels: accepts,
  };
}

function getChat({ ctx, bot, params }: MethodCall): Tg.ChatFullInfo {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  const pinned = latestPinnedMessage(chat);
  const hasMembers = chat.type === 'group' || chat.type === 'supergroup';
  const permissions = !hasMembers ? {} : { permissions: chat.permissions ?? defaultChatPermissions() };
  return {
    ...chatView(ctx.world, chat),
    accent_color_id: 0,
    max_reaction_count: 11,
    accepted_gift_types: acceptedGiftTypes(chat.type),
    ...permissions,
    ...(pinned ? { pinned_message: pinned } : {}),
  };
}

/** A user's (or bot's) standing in a chat; "left" for anyone known but not a member. */
function getChatMember({ ctx, bot, params }: MethodCall): Tg.ChatMember {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  const userId = requiredUserId(params);
  const otherBot = ctx.world.bot(userId);
  const user = ctx.world.user(userId);
  if (!otherBot && !user) throw BotApiError.badRequest('user not found');
  const who = otherBot ? botUserObject(otherBot) : userObject(user!);
  if (chat.type === 'private') {
    const inChat = userId === chat.userId || userId === chat.botId;
    return chatMemberObject(inChat ? { status: 'member', isBot: !!otherBot } : undefined, who);
  }
  return chatMemberObject(chat.members.get(userId), who, chat.type, bot.id);
}

function getChatAdministrators({ ctx, bot, params }: MethodCall): Tg.ChatMember[] {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  if (chat.type === 'private')
    throw BotApiError.badRequest('there are no administrators in the private chat');
  return [...chat.members.entries()]
    .filter(([, member]) => isAdmin(member))
    .flatMap(([id, member]) => {
      const other = ctx.world.bot(id);
      const user = ctx.world.user(id);
      const who = other ? botUserObject(other) : user ? userObject(user) : undefined;
      return who ? [chatMemberObject(member, who, chat.type, bot.id)] : [];
    });
}

function getChatMemberCount({ ctx, bot, params }: MethodCall): number {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  if (chat.type === 'private') return 2;
  return [...chat.members.values()].filter(isPresent).length;
}

export const chatMethods: MethodTable = {
  getChat,
  getChatMember,
  getChatAdministrators,
  getChatMemberCount,
  /** The pre-5.3 name, still answered by Telegram and still called by telegraf 4's getChatMembersCount. */
  getChatMembersCount: getChatMemberCount,
};
