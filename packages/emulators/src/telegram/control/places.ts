import type { EmulatorContext } from '../context.ts';
import { ControlError } from '../errors.ts';
import type * as Tg from '../types.ts';
import { defaultChatPermissions } from '../world/chat-permissions.ts';
import { isAdmin, isPresent } from '../world/objects.ts';
import type { BotRecord, ChatRecord, UserRecord } from '../world/records.ts';

export function requireBot(ctx: EmulatorContext, ref: number | string | undefined): BotRecord {
  if (ref === undefined) {
    const first = ctx.world.allBots()[0];
    if (!first) throw ControlError.notFound('There is no bot; create one with POST /control/bots');
    return first;
  }
  const bot = ctx.world.botByRef(ref);
  if (!bot) throw ControlError.notFound(`No bot ${JSON.stringify(ref)}: give a bot id or username`);
  return bot;
}

export function requireUser(ctx: EmulatorContext, id: number): UserRecord {
  const user = ctx.world.user(id);
  if (!user) throw ControlError.notFound(`No user ${id}; create one with POST /control/users`);
  return user;
}

export function requireGroup(ctx: EmulatorContext, id: number): ChatRecord {
  const group = ctx.world.group(id);
  if (!group) throw ControlError.notFound(`No group ${id}; create one with POST /control/groups`);
  return group;
}

/**
 * A chat as the control API names it: a group id, or a user id plus the bot whose private chat with
 * that user is meant (private chat ids repeat across bots).
 */
export function requireChat(ctx: EmulatorContext, chatId: number, botRef?: number | string): ChatRecord {
  if (chatId < 0) return requireGroup(ctx, chatId);
  const bot = requireBot(ctx, botRef);
  const chat = ctx.world.findPrivateChat(bot.id, chatId);
  if (!chat) throw ControlError.notFound(`User ${chatId} has no chat with @${bot.username} yet`);
  return chat;
}

export interface UserPlace {
  user: UserRecord;
  chat: ChatRecord;
  /** Private chats: the bot on the other side. */
  bot?: BotRecord;
}

/** Where a user acts: the private chat with a bot (opening it, as pressing Start does) or a group they are in. */
export function placeOfUser(
  ctx: EmulatorContext,
  input: { from: number; chatId?: number; bot?: number | string },
): UserPlace {
  const user = requireUser(ctx, input.from);
  if (input.chatId === undefined || input.chatId > 0) {
    if (input.chatId !== undefined && input.chatId !== user.id) {
      throw ControlError.invalid(`User ${user.id} cannot post in the private chat of user ${input.chatId}`);
    }
    const bot = requireBot(ctx, input.bot);
    if (user.blockedBots.has(bot.id)) {
      throw ControlError.conflict(`User ${user.id} has blocked @${bot.username}; unblock first`);
    }
    user.startedBots.add(bot.id);
    return { user, chat: ctx.world.privateChat(bot, user), bot };
  }
  const chat = requireGroup(ctx, input.chatId);
  if (!isPresent(chat.members.get(user.id))) {
    throw ControlError.conflict(`User ${user.id} is not a member of group ${chat.id}; add them first`);
  }
  return { user, chat };
}

/**
 * A restricted member, or any non-administrator of a group whose permissions forbid it, cannot post
 * that kind of message (the Telegram app greys the field out).
 */
export function assertMaySend(chat: ChatRecord, userId: number, permission: keyof Tg.ChatPermissions): void {
  if (chat.type === 'private') return;
  const member = chat.members.get(userId);
  if (isAdmin(member)) return;
  const permissions =
    member?.status === 'restricted' ? member.permissions : (chat.permissions ?? defaultChatPermissions());
  if (permissions?.[permission] !== true) {
    throw ControlError.conflict(
      `User ${userId} may not post this in group ${chat.id} (${permission} is off)`,
    );
  }
}
