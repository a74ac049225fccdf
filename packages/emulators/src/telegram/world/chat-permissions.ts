import type * as Tg from '../types.ts';

/**
 * The sending rights `can_send_other_messages` and link previews imply unless permissions are
 * independent: the first ChatPermissions the Bot API lists.
 */
const mediaPermissions = [
  'can_send_messages',
  'can_send_audios',
  'can_send_documents',
  'can_send_photos',
  'can_send_videos',
  'can_send_video_notes',
  'can_send_voice_notes',
] as const;

/** Telegram's ChatPermissions, in the order the Bot API lists them. */
export const permissionNames = [
  ...mediaPermissions,
  'can_send_polls',
  'can_send_other_messages',
  'can_add_web_page_previews',
  'can_change_info',
  'can_invite_users',
  'can_pin_messages',
  'can_manage_topics',
] as const satisfies readonly (keyof Tg.ChatPermissions)[];

export type PermissionName = (typeof permissionNames)[number];

/** A new group lets members do everything but change its info and pin (Telegram's defaults). */
export function defaultChatPermissions(): Tg.ChatPermissions {
  const all = allPermissions(true);
  return { ...all, can_change_info: false, can_pin_messages: false, can_manage_topics: false };
}

export function allPermissions(value: boolean): Tg.ChatPermissions {
  return Object.fromEntries(permissionNames.map((name) => [name, value])) as unknown as Tg.ChatPermissions;
}

/**
 * The permissions a call asked for, every one left out false. Unless `independent`
 * (`use_independent_chat_permissions`), Telegram widens them as the Bot API documents:
 * `can_send_other_messages` and `can_add_web_page_previews` imply sending text and every media kind,
 * and `can_send_polls` implies `can_send_messages`.
 */
export function resolvePermissions(
  asked: Partial<Record<string, unknown>>,
  independent: boolean,
): Tg.ChatPermissions {
  const permissions = Object.fromEntries(
    permissionNames.map((name) => [name, asked[name] === true]),
  ) as unknown as Tg.ChatPermissions;
  if (independent) return permissions;
  if (permissions.can_send_other_messages || permissions.can_add_web_page_previews) {
    for (const name of mediaPermissions) permissions[name] = true;
  }
  if (permissions.can_send_polls) permissions.can_send_messages = true;
  return permissions;
}

/** Whether `permissions` allow everything `limit` allows (a restriction no tighter than the chat's). */
export function coversAll(permissions: Tg.ChatPermissions, limit: Tg.ChatPermissions): boolean {
  return permissionNames.every((name) => permissions[name] || !limit[name]);
}

/**
 * Telegram's reading of `until_date`: 0, or a date less than 30 seconds or more than 366 days away,
 * means forever (0).
 */
export function normalizeUntilDate(untilDate: number | undefined, now: number): number {
  if (untilDate === undefined || untilDate === 0) return 0;
  const ahead = untilDate - now;
  return ahead < 30 || ahead > 366 * 24 * 60 * 60 ? 0 : untilDate;
}
