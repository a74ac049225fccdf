import { BotApiError } from '../errors.ts';
import type * as Tg from '../types.ts';
import {
  type AdminRightsInput,
  adminRightNames,
  adminRights,
  defaultAdminRights,
} from '../world/admin-rights.ts';
import { botUserObject, userObject } from '../world/objects.ts';
import type { ChatRecord, MemberRecord } from '../world/records.ts';
import type { World } from '../world/world.ts';
import type { Params } from './params.ts';

/** What the member-management methods share: the `user_id` they act on and the rights of whoever acts. */

/**
 * A user id parameter as the Bot API server reads it: a positive integer, anything else (missing,
 * zero, negative, not a number) refused as "invalid user_id specified".
 */
export function requiredUserId(params: Params, name = 'user_id'): number {
  const raw = params.string(name)?.trim() ?? '';
  const userId = /^\d+$/.test(raw) ? Number(raw) : 0;
  if (!Number.isSafeInteger(userId) || userId <= 0) throw BotApiError.badRequest(`invalid ${name} specified`);
  return userId;
}

/** The user (or bot) `userId` names, as member updates show them. */
export function memberUser(world: World, userId: number): Tg.User {
  const otherBot = world.bot(userId);
  if (otherBot) return botUserObject(otherBot);
  const user = world.user(userId);
  if (!user) throw BotApiError.badRequest('user not found');
  return userObject(user);
}

/** What a member may do as an administrator: nothing unless they are one; the creator everything. */
export function rightsOf(
  chat: ChatRecord,
  member: MemberRecord | undefined,
): Tg.ChatAdministratorRights | undefined {
  if (member?.status === 'creator') {
    const all = Object.fromEntries(adminRightNames.map((name) => [name, true])) as AdminRightsInput;
    return adminRights(chat.type, all);
  }
  if (member?.status !== 'administrator') return undefined;
  return member.rights ?? defaultAdminRights(chat.type);
}
