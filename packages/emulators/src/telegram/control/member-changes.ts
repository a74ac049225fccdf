import type { EmulatorContext } from '../context.ts';
import type * as Tg from '../types.ts';
import { inviteLinkObject } from '../world/invite-links.ts';
import { botUserObject, chatMemberObject, chatView, isAdmin, userObject } from '../world/objects.ts';
import type { ChatRecord, InviteLinkRecord, MemberRecord } from '../world/records.ts';
import { unixNow } from '../world/world.ts';
import { requireUser } from './places.ts';
import { postUserMessage } from './user-messages.ts';

/** How changes to a chat's members reach the bots: membership updates and service messages. */

export function memberObject(ctx: EmulatorContext, id: number): Tg.User {
  const bot = ctx.world.bot(id);
  if (bot) return botUserObject(bot);
  return userObject(requireUser(ctx, id));
}

/**
 * `my_chat_member` to a bot whose own membership changed; `chat_member` (opt-in) to admin bots
 * otherwise, each seeing `can_be_edited` as it applies to itself. `by` is a user's id (the control
 * API's scripts) or the user object of whoever acted (a bot calling the Bot API).
 */
export function announceMemberChange(
  ctx: EmulatorContext,
  chat: ChatRecord,
  who: Tg.User,
  before: MemberRecord | undefined,
  after: MemberRecord,
  by?: number | Tg.User,
  inviteLink?: InviteLinkRecord,
): void {
  const from = typeof by === 'object' ? by : actorFor(ctx, chat, who, by);
  const changeFor = (viewerId: number): Tg.ChatMemberUpdated => ({
    chat: chatView(ctx.world, chat),
    from,
    date: unixNow(),
    old_chat_member: chatMemberObject(before, who, chat.type, viewerId),
    new_chat_member: chatMemberObject(after, who, chat.type, viewerId),
    ...(inviteLink
      ? {
          invite_link: inviteLinkObject(chat, inviteLink, memberObject(ctx, inviteLink.creatorId), viewerId),
        }
      : {}),
  });
  if (who.is_bot) {
    ctx.channels.enqueue(who.id, { my_chat_member: changeFor(who.id) });
    return;
  }
  for (const [id, member] of chat.members) {
    if (member.isBot && isAdmin(member)) ctx.channels.enqueue(id, { chat_member: changeFor(id) });
  }
}

/**
 * Who made the change: `by` when the script names them, else the member themselves for users
 * (joined, left) and the first human administrator for bots.
 */
export function actorFor(ctx: EmulatorContext, chat: ChatRecord, who: Tg.User, by?: number): Tg.User {
  if (by !== undefined) return userObject(requireUser(ctx, by));
  if (!who.is_bot) return who;
  for (const [id, member] of chat.members) {
    const user = isAdmin(member) && !member.isBot ? ctx.world.user(id) : undefined;
    if (user) return userObject(user);
  }
  return who;
}

export function postServiceMessage(
  ctx: EmulatorContext,
  chat: ChatRecord,
  who: Tg.User,
  content: Partial<Tg.Message>,
  by?: number,
) {
  return postUserMessage(ctx, chat, actorFor(ctx, chat, who, by), content);
}
