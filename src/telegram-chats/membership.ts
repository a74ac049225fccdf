/**
 * What Tandem keeps of a Telegram chat its bot is in, read from the Bot API objects of an update.
 * Pure: the types below are the few fields Tandem reads (structurally what telegraf hands over),
 * so this file depends on no Telegram library.
 */

export type TelegramChatType = 'group' | 'supergroup' | 'channel';
export type TelegramBotStatus = 'member' | 'administrator' | 'restricted' | 'left' | 'kicked';

/** The bot's administrator rights, Telegram's `can_*` and `is_anonymous` fields in camelCase. */
export type TelegramChatRights = Record<string, boolean>;

export interface ChatMemberUpdate {
  update_id: number;
  my_chat_member: {
    chat: { id: number; type: string; title?: string };
    /** Unix seconds. */
    date: number;
    new_chat_member: { status: string };
  };
}

/** Where an update stands among the bot's updates: its date, then its update id for the same second. */
export interface UpdateOrder {
  changedAt: Date;
  updateId: number;
}

export interface MembershipChange extends UpdateOrder {
  chatId: string;
  type: TelegramChatType;
  title: string;
  status: TelegramBotStatus;
  rights: TelegramChatRights | null;
}

const chatTypes = new Set<string>(['group', 'supergroup', 'channel']);

/**
 * The bot's standing in a group or channel after a `my_chat_member` update; undefined for private
 * chats (a user blocking the bot is not a chat Tandem lists). A bot is never a chat's creator;
 * should Telegram say so, it holds every power an administrator has.
 */
export function membershipChange(update: ChatMemberUpdate): MembershipChange | undefined {
  const { chat, date, new_chat_member: member } = update.my_chat_member;
  if (!chatTypes.has(chat.type)) return undefined;
  const status = member.status === 'creator' ? 'administrator' : (member.status as TelegramBotStatus);
  return {
    chatId: String(chat.id),
    type: chat.type as TelegramChatType,
    title: chatTitle(chat),
    status,
    rights: status === 'administrator' ? rightsOf(member) : null,
    ...orderOf(update.update_id, date),
  };
}

/**
 * The rights an administrator's ChatMember lists, by camelCase name. `can_be_edited` is left out:
 * it says whether the bot may edit that administrator, not what the administrator may do.
 */
export function rightsOf(member: object): TelegramChatRights {
  const rights: TelegramChatRights = {};
  for (const [name, value] of Object.entries(member)) {
    const isRight = (name.startsWith('can_') && name !== 'can_be_edited') || name === 'is_anonymous';
    if (isRight && typeof value === 'boolean') rights[camelCase(name)] = value;
  }
  return rights;
}

export function orderOf(updateId: number, unixDate: number): UpdateOrder {
  return { changedAt: new Date(unixDate * 1000), updateId };
}

/** A title within what the table holds; a chat without one (never, for groups) shows its id. */
export function chatTitle(chat: { id: number; title?: string }): string {
  const title = chat.title?.trim();
  return title ? title.slice(0, 255) : String(chat.id);
}

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
