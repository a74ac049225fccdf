import type * as Tg from '../types.ts';

export interface BotRecord {
  id: number;
  token: string;
  username: string;
  firstName: string;
  canReadAllGroupMessages: boolean;
  /** BotFather's /setinline: users may type `@bot query` (getMe `supports_inline_queries`). Absent in old saves: on. */
  inlineMode?: boolean;
  /** BotFather's /setinlinefeedback: the bot gets `chosen_inline_result` when a user picks a result. */
  inlineFeedback?: boolean;
  /** setMyCommands lists by scope and language (see `commandsKey`). */
  commands: Map<string, Tg.BotCommand[]>;
  /** setChatMenuButton: by private chat id, or `default` for every chat without its own. */
  menuButtons: Map<string, MenuButton>;
  /** setMyDefaultAdministratorRights: what Telegram suggests when someone makes the bot an admin. */
  defaultAdminRights?: { groups?: Tg.ChatAdministratorRights; channels?: Tg.ChatAdministratorRights };
}

export interface UserRecord {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  /** Bots this user has written to: only those may message the user (Telegram's rule). */
  startedBots: Set<number>;
  blockedBots: Set<number>;
}

export interface MemberRecord {
  status: Tg.ChatMemberStatus;
  isBot: boolean;
  /** Administrators: what they may do; left out, every right of the chat's kind but promoting. */
  rights?: Tg.ChatAdministratorRights;
  /** Administrators and the creator: the title shown beside their name (setChatAdministratorCustomTitle). */
  customTitle?: string;
  /**
   * Administrators: the bot that promoted them with promoteChatMember. Only that bot may edit them
   * (`can_be_edited`), change their rights or set their title; people promoted by people have none.
   */
  promotedBy?: number;
  /** Restricted members: what they may still do. */
  permissions?: Tg.ChatPermissions;
  /** Restricted members: whether they are in the chat (a restriction outlives leaving). */
  isMember?: boolean;
  /** Kicked and restricted members: when the ban or restriction ends (unix seconds), 0 for forever. */
  untilDate?: number;
}

export type MessageSender = { kind: 'bot'; botId: number } | { kind: 'user'; userId: number };

export interface StoredMessage {
  /** The current version, as getUpdates or a send method would answer it. */
  message: Tg.Message;
  sender: MessageSender;
  /** A reply keyboard, keyboard removal or force-reply the bot attached (Telegram does not echo these). */
  replyKeyboard?: Record<string, unknown>;
  /** The text or caption as the bot sent it, before `parse_mode` was applied. */
  source?: { text: string; parseMode?: string };
  /** Earlier versions, oldest first. */
  edits: Array<{ date: number; message: Tg.Message }>;
  /**
   * Reactions by who set them (`user:<id>` or `bot:<id>`); `anonymous:<id>` for reactions that
   * reach bots only as counts. Plain objects, so a saved world reads back as it was.
   */
  reactions?: Record<string, Tg.ReactionType[]>;
  /** Polls: each voter's chosen option ids, by user id. */
  pollVotes?: Record<string, number[]>;
  deletedAt?: number;
  deletedBy?: number;
}

export interface ChatRecord {
  id: number;
  type: Tg.ChatType;
  title?: string;
  username?: string;
  /** Private chats only: each bot has its own private chat with a user, under the user's id. */
  botId?: number;
  userId?: number;
  /** Groups: members by user id (bots included, with `isBot`). */
  members: Map<number, MemberRecord>;
  messages: Map<number, StoredMessage>;
  lastMessageId: number;
  /** Pinned message ids, the most recently pinned last. */
  pinnedMessageIds?: number[];
  /** A basic group upgraded to a supergroup: the supergroup's id (the old chat takes no messages). */
  migratedTo?: number;
  /** Groups: what members may do unless restricted (setChatPermissions); Telegram's defaults when unset. */
  permissions?: Tg.ChatPermissions;
  /** Groups: invite links by their URL, the primary one included once exported. */
  inviteLinks?: Map<string, InviteLinkRecord>;
  /** Groups: users waiting for approval (a link with `creates_join_request`), by user id. */
  joinRequests?: Map<number, JoinRequestRecord>;
}

export interface InviteLinkRecord {
  url: string;
  /** The bot or user id that created the link. */
  creatorId: number;
  createsJoinRequest: boolean;
  isPrimary: boolean;
  isRevoked: boolean;
  name?: string;
  expireDate?: number;
  memberLimit?: number;
  /** Users who joined by this link, counted against `memberLimit`. */
  joinedCount: number;
}

export interface JoinRequestRecord {
  userId: number;
  date: number;
  inviteLink?: string;
}

export interface CallbackAnswer {
  text?: string;
  showAlert: boolean;
  url?: string;
  cacheTime?: number;
  /** Unix seconds. */
  answeredAt: number;
}

export interface CallbackRecord {
  query: Tg.CallbackQuery;
  botId: number;
  chatId: number;
  messageId: number;
  answer?: CallbackAnswer;
}

/** Where setMyCommands stores a list: by scope (type, chat, user) and language. */
export function commandsKey(scope: Tg.BotCommandScope | undefined, languageCode = ''): string {
  const type = scope?.type ?? 'default';
  return [type, scope?.chat_id ?? '', scope?.user_id ?? '', languageCode].join('|');
}

/** A menu button as setChatMenuButton takes it and getChatMenuButton answers it. */
export type MenuButton =
  | { type: 'commands' }
  | { type: 'default' }
  | { type: 'web_app'; text: string; web_app: { url: string } };

/** One result as answerInlineQuery took it (the fields the emulator uses; the rest kept as sent). */
export type InlineQueryResult = Record<string, unknown> & { type: string; id: string };

export interface InlineAnswer {
  results: InlineQueryResult[];
  cacheTime: number;
  isPersonal: boolean;
  nextOffset: string;
  button?: Record<string, unknown>;
  /** Unix seconds. */
  answeredAt: number;
}

export interface InlineQueryRecord {
  query: Tg.InlineQuery;
  botId: number;
  answer?: InlineAnswer;
}
