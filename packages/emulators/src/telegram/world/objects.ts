import type * as Tg from '../types.ts';
import { defaultAdminRights } from './admin-rights.ts';
import { allPermissions } from './chat-permissions.ts';
import type { BotRecord, ChatRecord, MemberRecord, UserRecord } from './records.ts';

/** Builds the Bot API objects for world records, as Telegram shows them to a bot. */

export function userObject(user: UserRecord): Tg.User {
  return {
    id: user.id,
    is_bot: false,
    first_name: user.firstName,
    ...(user.lastName !== undefined ? { last_name: user.lastName } : {}),
    ...(user.username !== undefined ? { username: user.username } : {}),
    ...(user.languageCode !== undefined ? { language_code: user.languageCode } : {}),
  };
}

export function botUserObject(bot: BotRecord): Tg.User {
  return { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username };
}

export function getMeObject(bot: BotRecord): Tg.BotUser {
  return {
    id: bot.id,
    is_bot: true,
    first_name: bot.firstName,
    username: bot.username,
    can_join_groups: true,
    can_read_all_group_messages: bot.canReadAllGroupMessages,
    supports_inline_queries: bot.inlineMode ?? true,
    can_connect_to_business: false,
    has_main_web_app: false,
    // Forum topics in private chats and managing other bots are not emulated: always off.
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
  };
}

/** A chat as embedded in messages; private chats show the user (the other side of the bot's chat). */
export function chatObject(chat: ChatRecord, user?: UserRecord): Tg.Chat {
  if (chat.type === 'private') {
    return {
      id: chat.id,
      type: 'private',
      ...(user ? { first_name: user.firstName } : {}),
      ...(user?.lastName !== undefined ? { last_name: user.lastName } : {}),
      ...(user?.username !== undefined ? { username: user.username } : {}),
    };
  }
  return {
    id: chat.id,
    type: chat.type,
    title: chat.title,
    ...(chat.username !== undefined ? { username: chat.username } : {}),
  };
}

/**
 * A member as the bot `viewerId` sees them: an administrator that bot promoted `can_be_edited`,
 * every other administrator not.
 */
export function chatMemberObject(
  member: MemberRecord | undefined,
  who: Tg.User,
  chatType: Tg.ChatType = 'supergroup',
  viewerId?: number,
): Tg.ChatMember {
  const status = member?.status ?? 'left';
  const title = member?.customTitle ? { custom_title: member.customTitle } : {};
  if (status === 'administrator') {
    const rights = member?.rights ?? defaultAdminRights(chatType);
    const canBeEdited = viewerId !== undefined && member?.promotedBy === viewerId;
    return { status, user: who, can_be_edited: canBeEdited, ...rights, ...title };
  }
  if (status === 'creator') return { status, user: who, is_anonymous: false, ...title };
  if (status === 'kicked') return { status, user: who, until_date: member?.untilDate ?? 0 };
  if (status === 'restricted') {
    return {
      status,
      user: who,
      is_member: member?.isMember ?? true,
      ...(member?.permissions ?? allPermissions(false)),
      until_date: member?.untilDate ?? 0,
    };
  }
  return { status, user: who };
}

/** Whether a member counts as present (able to read and post); a restricted user may have left. */
export function isPresent(member: MemberRecord | undefined): boolean {
  if (member === undefined || member.status === 'left' || member.status === 'kicked') return false;
  return member.status !== 'restricted' || member.isMember !== false;
}

export function isAdmin(member: MemberRecord | undefined): boolean {
  return member?.status === 'administrator' || member?.status === 'creator';
}

/** The chat as a bot sees it in messages it sends or receives. */
export function chatView(world: { user(id: number): UserRecord | undefined }, chat: ChatRecord): Tg.Chat {
  return chatObject(chat, chat.userId !== undefined ? world.user(chat.userId) : undefined);
}

/** A message as embedded in another (`reply_to_message`, `callback_query.message`): no nested reply. */
export function embeddedMessage(message: Tg.Message): Tg.Message {
  const { reply_to_message: _nested, ...rest } = message;
  return rest;
}

/** Service messages (joins, leaves, renames, upgrades, pins): they cannot be forwarded or copied. */
export function isServiceMessage(message: Tg.Message): boolean {
  return (
    message.new_chat_members !== undefined ||
    message.left_chat_member !== undefined ||
    message.new_chat_title !== undefined ||
    message.group_chat_created !== undefined ||
    message.migrate_to_chat_id !== undefined ||
    message.migrate_from_chat_id !== undefined ||
    message.pinned_message !== undefined
  );
}
