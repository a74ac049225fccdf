import type * as Tg from '../types.ts';

/** The rights Telegram knows, by chat kind: channels post and edit, groups pin and manage topics. */
const commonRights = [
  'is_anonymous',
  'can_manage_chat',
  'can_delete_messages',
  'can_manage_video_chats',
  'can_restrict_members',
  'can_promote_members',
  'can_change_info',
  'can_invite_users',
  'can_post_stories',
  'can_edit_stories',
  'can_delete_stories',
] as const;
const channelRights = ['can_post_messages', 'can_edit_messages'] as const;
const groupRights = ['can_pin_messages', 'can_manage_topics'] as const;

export type AdminRightName =
  | (typeof commonRights)[number]
  | (typeof channelRights)[number]
  | (typeof groupRights)[number];

export const adminRightNames: readonly AdminRightName[] = [...commonRights, ...channelRights, ...groupRights];

export type AdminRightsInput = Partial<Record<AdminRightName, boolean>>;

/**
 * The rights an administrator holds in a chat of `type`: what was asked for, every other right of
 * that kind of chat false, and rights of the other kind of chat left out (Telegram omits them).
 * `can_manage_chat` is implied by any other right, as Telegram's promoteChatMember does.
 */
export function adminRights(type: Tg.ChatType, granted: AdminRightsInput): Tg.ChatAdministratorRights {
  const names = [...commonRights, ...(type === 'channel' ? channelRights : groupRights)];
  const rights = Object.fromEntries(names.map((name) => [name, granted[name] === true]));
  const anyPower = names.some((name) => name !== 'is_anonymous' && rights[name]);
  if (anyPower) rights.can_manage_chat = true;
  // Topics exist in supergroups only.
  if (type === 'group') delete rights.can_manage_topics;
  return rights as unknown as Tg.ChatAdministratorRights;
}

/** What an administrator added without a word about rights gets: everything but anonymity and promoting. */
export function defaultAdminRights(type: Tg.ChatType): Tg.ChatAdministratorRights {
  const all = Object.fromEntries(adminRightNames.map((name) => [name, true])) as AdminRightsInput;
  return adminRights(type, { ...all, is_anonymous: false, can_promote_members: false });
}

/** Whether `rights` grants any power at all (Telegram treats a promotion with none as a demotion). */
export function grantsAnything(rights: Tg.ChatAdministratorRights): boolean {
  return Object.entries(rights).some(([name, value]) => name !== 'is_anonymous' && value === true);
}
