import type { EmulatorContext } from '../context.ts';
import { ControlError } from '../errors.ts';
import type * as Tg from '../types.ts';
import { inviteLinkObject, unusableReason } from '../world/invite-links.ts';
import { chatView, isPresent, userObject } from '../world/objects.ts';
import type { ChatRecord, InviteLinkRecord, MemberRecord } from '../world/records.ts';
import { unixNow } from '../world/world.ts';
import { announceMemberChange, memberObject, postServiceMessage } from './member-changes.ts';
import { requireUser } from './places.ts';
import { joinByLinkSchema, parseInput } from './schemas.ts';
import { describeGroup } from './world-control.ts';

/**
 * A user opens an invite link. A link that creates join requests files one (`chat_join_request` to
 * the administrator bots allowed to invite); any other link lets them in (`chat_member` with
 * `invite_link`, and a `new_chat_members` service message).
 */
export function joinByLink(ctx: EmulatorContext, raw: unknown) {
  const input = parseInput(joinByLinkSchema, raw);
  const user = requireUser(ctx, input.user);
  const found = findLink(ctx, input.link);
  if (!found) throw ControlError.notFound(`No invite link ${input.link}`);
  const { chat, link } = found;
  const reason = unusableReason(link, unixNow());
  if (reason) throw ControlError.conflict(`The invite link ${reason}`);
  const member = chat.members.get(user.id);
  if (member?.status === 'kicked')
    throw ControlError.conflict(`User ${user.id} is banned from group ${chat.id}`);
  if (isPresent(member)) throw ControlError.conflict(`User ${user.id} is already in group ${chat.id}`);
  if (!link.createsJoinRequest) {
    const message = admitMember(ctx, chat, user.id, link);
    return { joined: true, group: describeGroup(ctx, chat), message };
  }
  chat.joinRequests ??= new Map();
  const request = { userId: user.id, date: unixNow(), inviteLink: link.url };
  chat.joinRequests.set(user.id, request);
  for (const [botId, admin] of chat.members) {
    const mayInvite = admin.isBot && (admin.status === 'creator' || canInvite(admin));
    if (!mayInvite) continue;
    const joinRequest: Tg.ChatJoinRequest = {
      chat: chatView(ctx.world, chat),
      from: userObject(user),
      user_chat_id: user.id,
      date: request.date,
      invite_link: inviteLinkObject(chat, link, memberObject(ctx, link.creatorId), botId),
    };
    ctx.channels.enqueue(botId, { chat_join_request: joinRequest });
  }
  ctx.log.record({
    type: 'world.changed',
    change: 'member.join-requested',
    chatId: chat.id,
    userId: user.id,
  });
  return { joined: false, group: describeGroup(ctx, chat) };
}

/** Lets a user in by a link (theirs, or the one their approved request came through). */
export function admitMember(
  ctx: EmulatorContext,
  chat: ChatRecord,
  userId: number,
  link: InviteLinkRecord | undefined,
) {
  const who = memberObject(ctx, userId);
  const before = chat.members.get(userId);
  // A restriction outlives leaving: a restricted user comes back restricted.
  const after: MemberRecord =
    before?.status === 'restricted' ? { ...before, isMember: true } : { status: 'member', isBot: who.is_bot };
  chat.members.set(userId, after);
  if (link) link.joinedCount += 1;
  announceMemberChange(ctx, chat, who, before, after, who, link);
  const message =
    chat.type === 'channel' ? undefined : postServiceMessage(ctx, chat, who, { new_chat_members: [who] });
  ctx.log.record({ type: 'world.changed', change: 'member.added', chatId: chat.id, userId });
  return message;
}

function canInvite(member: MemberRecord): boolean {
  return member.status === 'administrator' && (member.rights?.can_invite_users ?? true);
}

function findLink(
  ctx: EmulatorContext,
  url: string,
): { chat: ChatRecord; link: InviteLinkRecord } | undefined {
  for (const chat of ctx.world.allGroups()) {
    const link = chat.inviteLinks?.get(url);
    if (link) return { chat, link };
  }
  return undefined;
}
