import { announceMemberChange } from '../../control/member-changes.ts';
import { BotApiError } from '../../errors.ts';
import type * as Tg from '../../types.ts';
import {
  type AdminRightsInput,
  adminRightNames,
  adminRights,
  grantsAnything,
} from '../../world/admin-rights.ts';
import { botUserObject, isPresent } from '../../world/objects.ts';
import type { MemberRecord } from '../../world/records.ts';
import { chatForBot } from '../chat-access.ts';
import { memberUser, requiredUserId, rightsOf } from '../member-target.ts';
import type { MethodCall, MethodTable } from './method.ts';

/** Telegram's longest administrator title, in characters. */
const maxTitleLength = 16;
/** Telegram refuses emoji in a title; flags are pairs of regional indicators. */
const emoji = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/**
 * Makes a member an administrator with the rights named (every `can_*` left out is false), or, with
 * none, demotes them. As on Telegram the bot must itself be an administrator allowed to promote and
 * may grant only rights it holds; it may change only administrators it promoted itself.
 */
function promoteChatMember({ ctx, bot, params }: MethodCall): true {
  // The Bot API server reads user_id before it looks at the chat.
  const userId = requiredUserId(params);
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  // Basic groups have no administrator rights to grant: only supergroups and channels take them.
  if (chat.type !== 'supergroup' && chat.type !== 'channel') {
    throw BotApiError.badRequest('method is available for supergroup and channel chats only');
  }
  const who = memberUser(ctx.world, userId);
  if (userId === bot.id) throw BotApiError.badRequest("can't promote self");
  const botRights = rightsOf(chat, chat.members.get(bot.id));
  if (!botRights?.can_promote_members) throw BotApiError.badRequest('not enough rights');
  const before = chat.members.get(userId);
  if (before?.status === 'creator') throw BotApiError.badRequest("can't remove chat owner");
  if (before?.status === 'administrator' && before.promotedBy !== bot.id) {
    throw BotApiError.badRequest('CHAT_ADMIN_REQUIRED');
  }
  const granted: AdminRightsInput = {};
  for (const name of adminRightNames) if (params.bool(name) === true) granted[name] = true;
  const rights = adminRights(chat.type, granted);
  if (!grantsAnything(rights)) {
    // All rights false demotes; someone who is no administrator stays as they are.
    if (before?.status !== 'administrator') return true;
    const after: MemberRecord = { status: 'member', isBot: before.isBot };
    chat.members.set(userId, after);
    announceMemberChange(ctx, chat, who, before, after, botUserObject(bot));
    ctx.log.record({ type: 'world.changed', change: 'member.demoted', chatId: chat.id, userId });
    return true;
  }
  if (!isPresent(before)) throw BotApiError.badRequest('USER_NOT_PARTICIPANT');
  const forbidden = Object.entries(rights).some(
    ([name, value]) => value === true && botRights[name as keyof Tg.ChatAdministratorRights] !== true,
  );
  if (forbidden) throw BotApiError.badRequest('RIGHT_FORBIDDEN');
  // The same rights again (a retried call) change nothing and tell no one.
  if (before?.status === 'administrator' && JSON.stringify(before.rights) === JSON.stringify(rights))
    return true;
  const after: MemberRecord = {
    status: 'administrator',
    isBot: before!.isBot,
    rights,
    promotedBy: bot.id,
    // New rights keep the title an administrator already carries.
    ...(before?.customTitle ? { customTitle: before.customTitle } : {}),
  };
  chat.members.set(userId, after);
  announceMemberChange(ctx, chat, who, before, after, botUserObject(bot));
  ctx.log.record({ type: 'world.changed', change: 'member.promoted', chatId: chat.id, userId });
  return true;
}

/**
 * Sets (or, with an empty title, clears) the title beside an administrator's name: supergroups
 * only, 0-16 characters without emoji, for an administrator this bot promoted.
 */
function setChatAdministratorCustomTitle({ ctx, bot, params }: MethodCall): true {
  const userId = requiredUserId(params);
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  if (chat.type !== 'supergroup') throw BotApiError.badRequest('method is available only for supergroups');
  const who = memberUser(ctx.world, userId);
  const title = params.string('custom_title') ?? '';
  const before = chat.members.get(userId);
  // The Bot API server judges the member first; a bot that may not promote can edit no
  // administrator (`can_be_edited` is false for every one), so it meets the last refusal.
  if (before?.status === 'creator') throw BotApiError.badRequest('only creator can edit their custom title');
  if (before?.status !== 'administrator') throw BotApiError.badRequest('user is not an administrator');
  if (before.promotedBy !== bot.id || !rightsOf(chat, chat.members.get(bot.id))?.can_promote_members) {
    throw BotApiError.badRequest('not enough rights to change custom title of the user');
  }
  if (emoji.test(title)) throw BotApiError.badRequest('ADMIN_RANK_EMOJI_NOT_ALLOWED');
  if ([...title].length > maxTitleLength) throw BotApiError.badRequest('ADMIN_RANK_INVALID');
  const { customTitle: _old, ...rest } = before;
  const after: MemberRecord = title ? { ...rest, customTitle: title } : rest;
  chat.members.set(userId, after);
  if (before.customTitle !== after.customTitle) {
    announceMemberChange(ctx, chat, who, before, after, botUserObject(bot));
    ctx.log.record({ type: 'world.changed', change: 'member.titled', chatId: chat.id, userId });
  }
  return true;
}

export const promotionMethods: MethodTable = {
  promoteChatMember,
  setChatAdministratorCustomTitle,
};
