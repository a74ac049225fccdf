import type { EmulatorContext } from '../../context.ts';
import { admitMember } from '../../control/join-by-link.ts';
import { memberObject } from '../../control/member-changes.ts';
import { BotApiError } from '../../errors.ts';
import type * as Tg from '../../types.ts';
import { inviteLinkObject, linksOf, newInviteUrl } from '../../world/invite-links.ts';
import { isPresent } from '../../world/objects.ts';
import type { BotRecord, ChatRecord, InviteLinkRecord } from '../../world/records.ts';
import { unixNow } from '../../world/world.ts';
import { chatForBot } from '../chat-access.ts';
import { requiredUserId, rightsOf } from '../member-target.ts';
import type { Params } from '../params.ts';
import type { MethodCall, MethodTable } from './method.ts';

/** Telegram's bounds: link names up to 32 characters, 1-99999 members per link. */
const maxNameLength = 32;
const maxMemberLimit = 99_999;

/** A new primary link; the previous primary link stops working. Answers the link as a string. */
function exportChatInviteLink({ ctx, bot, params }: MethodCall): string {
  const chat = chatWhereBotInvites(ctx, bot, params);
  const link = newPrimaryLink(chat, bot.id);
  ctx.log.record({ type: 'world.changed', change: 'group.invite-link', chatId: chat.id, botId: bot.id });
  return link.url;
}

function createChatInviteLink({ ctx, bot, params }: MethodCall): Tg.ChatInviteLink {
  const chat = chatWhereBotInvites(ctx, bot, params);
  const link: InviteLinkRecord = {
    url: newInviteUrl(),
    creatorId: bot.id,
    isPrimary: false,
    isRevoked: false,
    joinedCount: 0,
    ...readLinkSettings(params),
  };
  linksOf(chat).set(link.url, link);
  ctx.log.record({ type: 'world.changed', change: 'group.invite-link', chatId: chat.id, botId: bot.id });
  return viewOf(ctx, chat, link, bot.id);
}

/** Replaces a non-primary link's settings (any left out are cleared), for links the bot created. */
function editChatInviteLink({ ctx, bot, params }: MethodCall): Tg.ChatInviteLink {
  const chat = chatWhereBotInvites(ctx, bot, params);
  // TDLib weighs the new settings before it looks for the link.
  const settings = readLinkSettings(params);
  const link = ownLink(chat, bot, params);
  const { joinedCount, url, creatorId, isPrimary, isRevoked } = link;
  const edited: InviteLinkRecord = { url, creatorId, isPrimary, isRevoked, joinedCount, ...settings };
  linksOf(chat).set(url, edited);
  ctx.log.record({ type: 'world.changed', change: 'group.invite-link', chatId: chat.id, botId: bot.id });
  return viewOf(ctx, chat, edited, bot.id);
}

/** Revokes a link; revoking the primary link makes a new primary one, as Telegram does. */
function revokeChatInviteLink({ ctx, bot, params }: MethodCall): Tg.ChatInviteLink {
  const chat = chatWhereBotInvites(ctx, bot, params);
  const link = ownLink(chat, bot, params);
  link.isRevoked = true;
  if (link.isPrimary) newPrimaryLink(chat, bot.id);
  ctx.log.record({ type: 'world.changed', change: 'group.invite-link', chatId: chat.id, botId: bot.id });
  return viewOf(ctx, chat, link, bot.id);
}

function approveChatJoinRequest({ ctx, bot, params }: MethodCall): true {
  const { chat, userId, request } = joinRequestFor(ctx, bot, params);
  if (isPresent(chat.members.get(userId))) throw BotApiError.badRequest('USER_ALREADY_PARTICIPANT');
  chat.joinRequests?.delete(userId);
  const link = request.inviteLink ? chat.inviteLinks?.get(request.inviteLink) : undefined;
  admitMember(ctx, chat, userId, link);
  return true;
}

function declineChatJoinRequest({ ctx, bot, params }: MethodCall): true {
  const { chat, userId } = joinRequestFor(ctx, bot, params);
  chat.joinRequests?.delete(userId);
  ctx.log.record({ type: 'world.changed', change: 'member.join-declined', chatId: chat.id, userId });
  return true;
}

function joinRequestFor(ctx: EmulatorContext, bot: BotRecord, params: Params) {
  const chat = chatWhereBotInvites(ctx, bot, params);
  const userId = requiredUserId(params);
  const request = chat.joinRequests?.get(userId);
  if (!request) throw BotApiError.badRequest('HIDE_REQUESTER_MISSING');
  return { chat, userId, request };
}

/** A group or channel where the bot is an administrator allowed to invite users. */
function chatWhereBotInvites(ctx: EmulatorContext, bot: BotRecord, params: Params): ChatRecord {
  const chat = chatForBot(ctx.world, bot, params.chatId(), 'read');
  if (chat.type === 'private') throw BotApiError.badRequest('method is not available for private chats');
  if (!rightsOf(chat, chat.members.get(bot.id))?.can_invite_users) {
    throw BotApiError.badRequest('not enough rights to manage chat invite link');
  }
  return chat;
}

/** The link `invite_link` names: unknown or revoked links are expired to Telegram; others' links need their creator. */
function ownLink(chat: ChatRecord, bot: BotRecord, params: Params): InviteLinkRecord {
  const url = params.string('invite_link');
  if (!url) throw BotApiError.badRequest('invite link must be non-empty');
  const link = chat.inviteLinks?.get(url);
  if (!link || link.isRevoked) throw BotApiError.badRequest('INVITE_HASH_EXPIRED');
  if (link.creatorId !== bot.id) throw BotApiError.badRequest('CHAT_ADMIN_REQUIRED');
  return link;
}

function newPrimaryLink(chat: ChatRecord, creatorId: number): InviteLinkRecord {
  const links = linksOf(chat);
  for (const link of links.values()) if (link.isPrimary) link.isRevoked = true;
  const link: InviteLinkRecord = {
    url: newInviteUrl(),
    creatorId,
    createsJoinRequest: false,
    isPrimary: true,
    isRevoked: false,
    joinedCount: 0,
  };
  links.set(link.url, link);
  return link;
}

type LinkSettings = Pick<InviteLinkRecord, 'createsJoinRequest' | 'name' | 'expireDate' | 'memberLimit'>;

/**
 * A link's settings as the Bot API server and TDLib read them: a longer name is cut to 32
 * characters, `expire_date` and `member_limit` are integers clamped at 0 (no expiry, no limit) and
 * 100000, and Telegram refuses a past expiry or a limit over 99999.
 */
function readLinkSettings(params: Params): LinkSettings {
  const name = [...(params.string('name') ?? '')].slice(0, maxNameLength).join('');
  const expireDate = params.clampedInt('expire_date', { fallback: 0, min: 0, max: 2 ** 31 - 1 });
  const memberLimit = params.clampedInt('member_limit', { fallback: 0, min: 0, max: 100_000 });
  const createsJoinRequest = params.bool('creates_join_request') === true;
  if (createsJoinRequest && memberLimit) {
    throw BotApiError.badRequest(
      "member limit can't be specified for links requiring administrator approval",
    );
  }
  if (expireDate !== 0 && expireDate <= unixNow()) throw BotApiError.badRequest('EXPIRE_DATE_INVALID');
  if (memberLimit > maxMemberLimit) throw BotApiError.badRequest('USAGE_LIMIT_INVALID');
  return {
    createsJoinRequest,
    ...(name ? { name } : {}),
    ...(expireDate ? { expireDate } : {}),
    ...(memberLimit ? { memberLimit } : {}),
  };
}

function viewOf(ctx: EmulatorContext, chat: ChatRecord, link: InviteLinkRecord, viewerId: number) {
  return inviteLinkObject(chat, link, memberObject(ctx, link.creatorId), viewerId);
}

export const inviteLinkMethods: MethodTable = {
  exportChatInviteLink,
  createChatInviteLink,
  editChatInviteLink,
  revokeChatInviteLink,
  approveChatJoinRequest,
  declineChatJoinRequest,
};
