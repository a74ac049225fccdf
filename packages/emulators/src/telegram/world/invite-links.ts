import { randomBytes } from 'node:crypto';
import type * as Tg from '../types.ts';
import type { ChatRecord, InviteLinkRecord } from './records.ts';

/** A fresh link in Telegram's shape: `https://t.me/+` and 16 URL-safe characters. */
export function newInviteUrl(): string {
  return `https://t.me/+${randomBytes(12).toString('base64url')}`;
}

export function linksOf(chat: ChatRecord): Map<string, InviteLinkRecord> {
  chat.inviteLinks ??= new Map();
  return chat.inviteLinks;
}

/**
 * The link as `viewerId` sees it: Telegram hides the second half of a link another administrator
 * created behind "…", so only its creator can hand it out.
 */
export function inviteLinkObject(
  chat: ChatRecord,
  link: InviteLinkRecord,
  creator: Tg.User,
  viewerId: number,
): Tg.ChatInviteLink {
  const hidden = link.creatorId !== viewerId;
  const pending = link.createsJoinRequest
    ? [...(chat.joinRequests?.values() ?? [])].filter((request) => request.inviteLink === link.url).length
    : undefined;
  return {
    invite_link: hidden ? `${link.url.slice(0, link.url.length - 8)}…` : link.url,
    creator,
    creates_join_request: link.createsJoinRequest,
    is_primary: link.isPrimary,
    is_revoked: link.isRevoked,
    ...(link.name !== undefined ? { name: link.name } : {}),
    ...(link.expireDate !== undefined ? { expire_date: link.expireDate } : {}),
    ...(link.memberLimit !== undefined ? { member_limit: link.memberLimit } : {}),
    ...(pending !== undefined ? { pending_join_request_count: pending } : {}),
  };
}

/** Why a link admits no one now, or undefined when it still works. */
export function unusableReason(link: InviteLinkRecord, now: number): string | undefined {
  if (link.isRevoked) return 'was revoked';
  if (link.expireDate !== undefined && link.expireDate <= now) return 'has expired';
  if (link.memberLimit !== undefined && link.joinedCount >= link.memberLimit)
    return 'reached its member limit';
  return undefined;
}
