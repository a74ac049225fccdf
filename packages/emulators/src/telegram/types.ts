/**
 * The Bot API objects the emulator produces, as Telegram spells them (snake_case). Only the fields
 * the emulator fills are listed; Telegram sends more, and bots must tolerate missing optional ones.
 */

export interface User {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** What getMe answers: the bot's own user with its capabilities. */
export interface BotUser extends User {
  is_bot: true;
  username: string;
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
  can_connect_to_business: boolean;
  has_main_web_app: boolean;
  has_topics_enabled: boolean;
  allows_users_to_create_topics: boolean;
  can_manage_bots: boolean;
}

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';

export interface Chat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  user?: User;
  language?: string;
  custom_emoji_id?: string;
}

export interface LinkPreviewOptions {
  is_disabled?: boolean;
  url?: string;
  prefer_small_media?: boolean;
  prefer_large_media?: boolean;
  show_above_text?: boolean;
}

export interface PhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

export interface Document {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface Video {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  duration: number;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

/** A GIF or an H.264/MPEG-4 AVC video without sound; shaped like a Video. */
export type Animation = Video;

export interface Voice {
  file_id: string;
  file_unique_id: string;
  duration: number;
  mime_type?: string;
  file_size?: number;
}

export interface Audio {
  file_id: string;
  file_unique_id: string;
  duration: number;
  performer?: string;
  title?: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface Sticker {
  file_id: string;
  file_unique_id: string;
  type: 'regular' | 'mask' | 'custom_emoji';
  width: number;
  height: number;
  is_animated: boolean;
  is_video: boolean;
  emoji?: string;
  file_size?: number;
}

export interface File {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
  file_path?: string;
}

export interface InlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  switch_inline_query?: string;
  switch_inline_query_current_chat?: string;
  copy_text?: { text: string };
  pay?: boolean;
}

export interface InlineKeyboardMarkup {
  inline_keyboard: InlineKeyboardButton[][];
}

export interface Message {
  message_id: number;
  from?: User;
  chat: Chat;
  date: number;
  edit_date?: number;
  reply_to_message?: Message;
  text?: string;
  entities?: MessageEntity[];
  link_preview_options?: LinkPreviewOptions;
  caption?: string;
  caption_entities?: MessageEntity[];
  photo?: PhotoSize[];
  document?: Document;
  /** Set together with `document`, as Telegram does for backward compatibility. */
  animation?: Animation;
  video?: Video;
  voice?: Voice;
  audio?: Audio;
  sticker?: Sticker;
  poll?: Poll;
  /** Messages of one album (sendMediaGroup) share it. */
  media_group_id?: string;
  /** Forwarded messages: who first sent the original. */
  forward_origin?: MessageOrigin;
  /** Service message: this message was pinned (shown without its own reply). */
  pinned_message?: Message;
  new_chat_members?: User[];
  left_chat_member?: User;
  group_chat_created?: true;
  new_chat_title?: string;
  /** In the old group: it became the supergroup with this id (Telegram's upgrade). */
  migrate_to_chat_id?: number;
  /** In the new supergroup: the group it was upgraded from. */
  migrate_from_chat_id?: number;
  /** The bot through which the user sent this message (an inline result). */
  via_bot?: User;
  reply_markup?: InlineKeyboardMarkup;
}

/** Where a forwarded message first came from. */
export type MessageOrigin =
  | { type: 'user'; date: number; sender_user: User }
  | { type: 'hidden_user'; date: number; sender_user_name: string }
  | { type: 'chat'; date: number; sender_chat: Chat; author_signature?: string }
  | { type: 'channel'; date: number; chat: Chat; message_id: number; author_signature?: string };

export interface MessageId {
  message_id: number;
}

export interface PollOption {
  text: string;
  text_entities?: MessageEntity[];
  voter_count: number;
}

export interface Poll {
  id: string;
  question: string;
  question_entities?: MessageEntity[];
  options: PollOption[];
  total_voter_count: number;
  is_closed: boolean;
  is_anonymous: boolean;
  type: 'regular' | 'quiz';
  allows_multiple_answers: boolean;
  correct_option_id?: number;
  explanation?: string;
  explanation_entities?: MessageEntity[];
  open_period?: number;
  close_date?: number;
}

export interface PollAnswer {
  poll_id: string;
  user?: User;
  voter_chat?: Chat;
  /** Empty when the user retracted their vote. */
  option_ids: number[];
}

export type ReactionType =
  | { type: 'emoji'; emoji: string }
  | { type: 'custom_emoji'; custom_emoji_id: string }
  | { type: 'paid' };

export interface MessageReactionUpdated {
  chat: Chat;
  message_id: number;
  user?: User;
  actor_chat?: Chat;
  date: number;
  old_reaction: ReactionType[];
  new_reaction: ReactionType[];
}

export interface ReactionCount {
  type: ReactionType;
  total_count: number;
}

export interface MessageReactionCountUpdated {
  chat: Chat;
  message_id: number;
  date: number;
  reactions: ReactionCount[];
}

export interface CallbackQuery {
  id: string;
  from: User;
  message?: Message;
  chat_instance: string;
  data?: string;
}

export type ChatMemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

/**
 * What an administrator may do (Bot API `ChatAdministratorRights`); the `can_post_messages`,
 * `can_edit_messages` group only exists in channels, the topic and pin rights only in groups.
 */
export interface ChatAdministratorRights {
  is_anonymous: boolean;
  can_manage_chat: boolean;
  can_delete_messages: boolean;
  can_manage_video_chats: boolean;
  can_restrict_members: boolean;
  can_promote_members: boolean;
  can_change_info: boolean;
  can_invite_users: boolean;
  can_post_stories: boolean;
  can_edit_stories: boolean;
  can_delete_stories: boolean;
  can_post_messages?: boolean;
  can_edit_messages?: boolean;
  can_pin_messages?: boolean;
  can_manage_topics?: boolean;
}

/** What members may do (Bot API `ChatPermissions`): a chat's defaults, or one restricted member's. */
export interface ChatPermissions {
  can_send_messages: boolean;
  can_send_audios: boolean;
  can_send_documents: boolean;
  can_send_photos: boolean;
  can_send_videos: boolean;
  can_send_video_notes: boolean;
  can_send_voice_notes: boolean;
  can_send_polls: boolean;
  can_send_other_messages: boolean;
  can_add_web_page_previews: boolean;
  can_change_info: boolean;
  can_invite_users: boolean;
  can_pin_messages: boolean;
  can_manage_topics: boolean;
}

export interface ChatMember extends Partial<ChatAdministratorRights>, Partial<ChatPermissions> {
  status: ChatMemberStatus;
  user: User;
  /** Restricted members: whether they are in the chat at the moment of the request. */
  is_member?: boolean;
  /** Administrators only: whether the bot may change this administrator's rights. */
  can_be_edited?: boolean;
  /** Administrators and the creator: the title beside their name, when they have one. */
  custom_title?: string;
  /** Kicked and restricted members: when the ban or restriction ends, 0 meaning forever. */
  until_date?: number;
}

/** An invite link as the Bot API shows it; non-creators see the link with its last part hidden. */
export interface ChatInviteLink {
  invite_link: string;
  creator: User;
  creates_join_request: boolean;
  is_primary: boolean;
  is_revoked: boolean;
  name?: string;
  expire_date?: number;
  member_limit?: number;
  pending_join_request_count?: number;
}

export interface ChatJoinRequest {
  chat: Chat;
  from: User;
  /** The private chat the bot may write to for 5 minutes, until the request is handled. */
  user_chat_id: number;
  date: number;
  invite_link?: ChatInviteLink;
}

export interface InlineQuery {
  id: string;
  from: User;
  query: string;
  offset: string;
  /** Where the query was typed: "sender" for the private chat with the bot, else the chat's type. */
  chat_type?: 'sender' | ChatType;
}

export interface ChosenInlineResult {
  result_id: string;
  from: User;
  /** Only when the sent message has an inline keyboard (the bot may then edit it). */
  inline_message_id?: string;
  query: string;
}

export interface ChatMemberUpdated {
  chat: Chat;
  from: User;
  date: number;
  old_chat_member: ChatMember;
  new_chat_member: ChatMember;
  /** The link the user joined by (their own join or an approved join request). */
  invite_link?: ChatInviteLink;
}

export interface BotCommand {
  command: string;
  description: string;
}

export interface BotCommandScope {
  type:
    | 'default'
    | 'all_private_chats'
    | 'all_group_chats'
    | 'all_chat_administrators'
    | 'chat'
    | 'chat_administrators'
    | 'chat_member';
  chat_id?: number | string;
  user_id?: number;
}

/** The update kinds the emulator produces; the key names the kind, as in `allowed_updates`. */
export interface UpdateBody {
  message?: Message;
  edited_message?: Message;
  callback_query?: CallbackQuery;
  my_chat_member?: ChatMemberUpdated;
  chat_member?: ChatMemberUpdated;
  message_reaction?: MessageReactionUpdated;
  message_reaction_count?: MessageReactionCountUpdated;
  poll?: Poll;
  poll_answer?: PollAnswer;
  chat_join_request?: ChatJoinRequest;
  inline_query?: InlineQuery;
  chosen_inline_result?: ChosenInlineResult;
}

export type UpdateKind = keyof UpdateBody;

export interface Update extends UpdateBody {
  update_id: number;
}

export interface WebhookInfo {
  url: string;
  has_custom_certificate: boolean;
  pending_update_count: number;
  ip_address?: string;
  last_error_date?: number;
  last_error_message?: string;
  max_connections?: number;
  allowed_updates?: string[];
}

/** Which gifts a chat (or, in a private chat, the user) accepts; required in ChatFullInfo. */
export interface AcceptedGiftTypes {
  unlimited_gifts: boolean;
  limited_gifts: boolean;
  unique_gifts: boolean;
  premium_subscription: boolean;
  gifts_from_channels: boolean;
}

export interface ChatFullInfo extends Chat {
  accent_color_id: number;
  max_reaction_count: number;
  accepted_gift_types: AcceptedGiftTypes;
  description?: string;
  /** The most recently pinned message. */
  pinned_message?: Message;
  /** Groups and supergroups: what members may do by default. */
  permissions?: ChatPermissions;
}
