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

export function requiredUserId(params: Params): number {
  const userId = params.int('user_id');
  if (userId === undefined) throw BotApiError.badRequest('parameter "user_id" is required');
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
