import type { EmulatorContext } from '../../context.ts';
import { announceMemberChange } from '../../control/member-changes.ts';
import { postUserMessage } from '../../control/user-messages.ts';
import { BotApiError } from '../../errors.ts';
import type * as Tg from '../../types.ts';
import {
  defaultChatPermissions,
  normalizeUntilDate,
  permissionNames,
  resolvePermissions,
} from '../../world/chat-permissions.ts';
import { botUserObject, isPresent } from '../../world/objects.ts';
import type { BotRecord, ChatRecord, MemberRecord } from '../../world/records.ts';
import { unixNow } from '../../world/world.ts';
import { chatForBot } from '../chat-access.ts';
import { memberUser, requiredUserId, rightsOf } from '../member-target.ts';
import type { Params } from '../params.ts';
import type { MethodCall, MethodTable } from './method.ts';

const notEnoughRights = 'not enough rights to restrict/unrestrict chat member';

/**
 * Bans a user: they leave (a `left_chat_member` service message when they were in) and cannot come
 * back until unbanned or `until_date` (supergroups and channels; basic groups ban forever). Their
 * messages go with `revoke_messages`, which Telegram always applies in supergroups and channels.
 */
function banChatMember({ ctx, bot, params }: MethodCall): true {
  const target = targetOfRestriction(ctx, bot, params, (chat) =>
    chat.type === 'private' ? "can't ban members in private chats" : undefined,
  );
  const { chat, userId, who, before } = target;
  if (before?.status === 'administrator' && before.promotedBy !== bot.id) {
    throw BotApiError.badRequest('user is an administrator of the chat');
  }
  const untilDate = chat.type === 'group' ? 0 : normalizeUntilDate(untilDateParam(params), unixNow());
  if (before?.status === 'kicked' && before.untilDate === untilDate) return true;
  const after: MemberRecord = { status: 'kicked', isBot: who.is_bot, untilDate };
  chat.members.set(userId, after);
  if (params.bool('revoke_messages') ?? chat.type !== 'group') revokeMessages(chat, userId, bot.id);
  announceRemoval(ctx, bot, target, after, 'member.banned');
  return true;
}

/**
 * Lifts a ban: the user may join again but is not added back. Without `only_if_banned` a present
 * member is removed too, as the Bot API promises that the user is not in the chat afterwards.
 */
function unbanChatMember({ ctx, bot, params }: MethodCall): true {
  const target = targetOfRestriction(ctx, bot, params, (chat) =>
    chat.type === 'supergroup' || chat.type === 'channel'
      ? undefined
      : 'method is available for supergroup and channel chats only',
  );
  const { chat, userId, who, before } = target;
  if (before?.status === 'administrator')
    throw BotApiError.badRequest('user is an administrator of the chat');
  const banned = before?.status === 'kicked';
  if (!banned && (params.bool('only_if_banned') || before === undefined || before.status === 'left')) {
    return true;
  }
  const after: MemberRecord = { status: 'left', isBot: who.is_bot };
  chat.members.set(userId, after);
  announceRemoval(ctx, bot, target, after, 'member.unbanned');
  return true;
}

/**
 * Restricts a supergroup member (or someone who left, who stays restricted if they come back).
 * Granting every permission lifts the restriction, as the Bot API documents.
 */
function restrictChatMember({ ctx, bot, params }: MethodCall): true {
  // The Bot API server reads the permissions before it looks at the chat.
  const permissions = readPermissions(params);
  const { chat, userId, who, before } = targetOfRestriction(ctx, bot, params, (target) =>
    target.type === 'supergroup' ? undefined : 'method is available only for supergroups',
  );
  if (before?.status === 'administrator')
    throw BotApiError.badRequest('user is an administrator of the chat');
  const present = isPresent(before);
  const liftsAll = permissionNames.every((name) => permissions[name]);
  const after: MemberRecord = liftsAll
    ? { status: present ? 'member' : before?.status === 'kicked' ? 'kicked' : 'left', isBot: who.is_bot }
    : {
        status: 'restricted',
        isBot: who.is_bot,
        permissions,
        isMember: present,
        untilDate: normalizeUntilDate(untilDateParam(params), unixNow()),
      };
  if (liftsAll && before?.status !== 'restricted') return true;
  if (JSON.stringify(before) === JSON.stringify(after)) return true;
  chat.members.set(userId, after);
  announceMemberChange(ctx, chat, who, before, after, botUserObject(bot));
  ctx.log.record({ type: 'world.changed', change: 'member.restricted', chatId: chat.id, userId });
  return true;
}

/** What every member who is not restricted or an administrator may do; no member update follows. */
function setChatPermissions({ ctx, bot, params }: MethodCall): true {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  if (chat.type === 'private' || chat.type === 'channel') {
    throw BotApiError.badRequest(`can't change ${chat.type} chat permissions`);
  }
  if (!rightsOf(chat, chat.members.get(bot.id))?.can_restrict_members) {
    throw BotApiError.badRequest('not enough rights to change chat permissions');
  }
  const permissions = readPermissions(params);
  const current = chat.permissions ?? defaultChatPermissions();
  if (JSON.stringify(current) === JSON.stringify(permissions))
    throw BotApiError.badRequest('CHAT_NOT_MODIFIED');
  chat.permissions = permissions;
  ctx.log.record({ type: 'world.changed', change: 'group.permissions', chatId: chat.id, botId: bot.id });
  return true;
}

interface RestrictionTarget {
  chat: ChatRecord;
  userId: number;
  who: Tg.User;
  before: MemberRecord | undefined;
}

/** The chat and user a ban or restriction names, once the bot may restrict and the user is no owner. */
/**
 * Tells of a user put out of the chat by a ban or unban: a present member's leaving shows as a
 * service message (channels have none), then the chat_member updates and the log entry.
 */
function announceRemoval(
  ctx: EmulatorContext,
  bot: BotRecord,
  { chat, userId, who, before }: RestrictionTarget,
  after: MemberRecord,
  change: 'member.banned' | 'member.unbanned',
): void {
  if (isPresent(before) && chat.type !== 'channel') {
    postUserMessage(ctx, chat, botUserObject(bot), { left_chat_member: who });
  }
  announceMemberChange(ctx, chat, who, before, after, botUserObject(bot));
  ctx.log.record({ type: 'world.changed', change, chatId: chat.id, userId });
}

/** `until_date` as the Bot API server reads it: never refused, text counting up to its first non-digit. */
function untilDateParam(params: Params): number {
  return params.clampedInt('until_date', { fallback: 0, min: -(2 ** 31), max: 2 ** 31 - 1 });
}

/**
 * The member a ban or restriction acts on. As on the Bot API server, `user_id` is read before the
 * chat, and the chat kinds a method refuses (`kindRefusal`) are refused before any right is checked.
 */
function targetOfRestriction(
  ctx: EmulatorContext,
  bot: BotRecord,
  params: Params,
  kindRefusal: (chat: ChatRecord) => string | undefined,
): RestrictionTarget {
  const userId = requiredUserId(params);
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  const refusal = kindRefusal(chat);
  if (refusal) throw BotApiError.badRequest(refusal);
  const who = memberUser(ctx.world, userId);
  if (!rightsOf(chat, chat.members.get(bot.id))?.can_restrict_members) {
    throw BotApiError.badRequest(notEnoughRights);
  }
  const before = chat.members.get(userId);
  if (before?.status === 'creator') throw BotApiError.badRequest("can't remove chat owner");
  return { chat, userId, who, before };
}

function readPermissions(params: Params): Tg.ChatPermissions {
  const raw = params.json('permissions', "can't parse ChatPermissions");
  if (raw === undefined) throw BotApiError.badRequest('parameter "permissions" is required');
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw BotApiError.badRequest("can't parse ChatPermissions");
  }
  return resolvePermissions(
    raw as Record<string, unknown>,
    params.bool('use_independent_chat_permissions') === true,
  );
}

/** The banned user's messages disappear for everyone (marked deleted by the bot, as deleteMessage does). */
function revokeMessages(chat: ChatRecord, userId: number, botId: number): void {
  const now = unixNow();
  for (const stored of chat.messages.values()) {
    if (stored.sender.kind === 'user' && stored.sender.userId === userId && stored.deletedAt === undefined) {
      stored.deletedAt = now;
      stored.deletedBy = botId;
    }
  }
}

export const restrictionMethods: MethodTable = {
  banChatMember,
  unbanChatMember,
  restrictChatMember,
  setChatPermissions,
  /** The pre-5.3 name of banChatMember, still answered by Telegram. */
  kickChatMember: banChatMember,
};
