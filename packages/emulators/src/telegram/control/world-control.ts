import type { EmulatorContext } from '../context.ts';
import { ControlError } from '../errors.ts';
import type * as Tg from '../types.ts';
import { adminRights, defaultAdminRights } from '../world/admin-rights.ts';
import { botUserObject, chatMemberObject, chatView, getMeObject, userObject } from '../world/objects.ts';
import type { BotRecord, ChatRecord, MemberRecord, UserRecord } from '../world/records.ts';
import { unixNow } from '../world/world.ts';
import { announceMemberChange, memberObject, postServiceMessage } from './member-changes.ts';
import { requireBot, requireGroup, requireUser } from './places.ts';
import {
  addMemberSchema,
  blockSchema,
  createBotSchema,
  createGroupSchema,
  createUserSchema,
  parseInput,
  removeMemberSchema,
  updateBotSchema,
  updateUserSchema,
} from './schemas.ts';

export function describeBot(bot: BotRecord) {
  return { ...getMeObject(bot), token: bot.token, inlineFeedback: bot.inlineFeedback ?? true };
}

export function describeUser(user: UserRecord) {
  return {
    ...userObject(user),
    startedBots: [...user.startedBots],
    blockedBots: [...user.blockedBots],
  };
}

export function describeGroup(ctx: EmulatorContext, chat: ChatRecord) {
  return {
    ...chatView(ctx.world, chat),
    ...(chat.migratedTo !== undefined ? { migratedTo: chat.migratedTo } : {}),
    members: [...chat.members.entries()].map(([id, member]) => ({
      id,
      status: member.status,
      isBot: member.isBot,
      ...(member.rights ? { rights: member.rights } : {}),
      ...(member.customTitle ? { customTitle: member.customTitle } : {}),
      ...(member.promotedBy !== undefined ? { promotedBy: member.promotedBy } : {}),
      ...(member.permissions ? { permissions: member.permissions } : {}),
      ...(member.untilDate !== undefined ? { untilDate: member.untilDate } : {}),
      ...(member.isMember !== undefined ? { isMember: member.isMember } : {}),
    })),
    ...(chat.permissions ? { permissions: chat.permissions } : {}),
    ...(chat.inviteLinks ? { inviteLinks: [...chat.inviteLinks.values()] } : {}),
    ...(chat.joinRequests?.size ? { joinRequests: [...chat.joinRequests.values()] } : {}),
  };
}

export function createBot(ctx: EmulatorContext, raw: unknown) {
  const bot = ctx.world.addBot(parseInput(createBotSchema, raw));
  ctx.log.record({ type: 'world.changed', change: 'bot.created', botId: bot.id });
  return describeBot(bot);
}

/** What BotFather changes on an existing bot: inline mode, inline feedback, privacy mode. */
export function updateBot(ctx: EmulatorContext, ref: number | string, raw: unknown) {
  const input = parseInput(updateBotSchema, raw);
  const bot = requireBot(ctx, ref);
  if (input.canReadAllGroupMessages !== undefined)
    bot.canReadAllGroupMessages = input.canReadAllGroupMessages;
  if (input.supportsInlineQueries !== undefined) bot.inlineMode = input.supportsInlineQueries;
  if (input.inlineFeedback !== undefined) bot.inlineFeedback = input.inlineFeedback;
  ctx.log.record({ type: 'world.changed', change: 'bot.settings', botId: bot.id });
  return describeBot(bot);
}

export function createUser(ctx: EmulatorContext, raw: unknown) {
  const user = ctx.world.addUser(parseInput(createUserSchema, raw));
  ctx.log.record({ type: 'world.changed', change: 'user.created', userId: user.id });
  return describeUser(user);
}

/**
 * The user changes their name or their app's language: later updates carry the new `from`. Telegram
 * tells bots nothing at the moment of the change.
 */
export function updateUser(ctx: EmulatorContext, userId: number, raw: unknown) {
  const input = parseInput(updateUserSchema, raw);
  const user = requireUser(ctx, userId);
  if (input.firstName !== undefined) user.firstName = input.firstName;
  if (input.lastName !== undefined) user.lastName = input.lastName ?? undefined;
  if (input.languageCode !== undefined) user.languageCode = input.languageCode ?? undefined;
  ctx.log.record({ type: 'world.changed', change: 'user.updated', userId: user.id });
  return describeUser(user);
}

/** A group with its first members, set up silently (no join messages), as if it had always existed. */
export function createGroup(ctx: EmulatorContext, raw: unknown) {
  const input = parseInput(createGroupSchema, raw);
  const bots = input.bots ? input.bots.map((ref) => requireBot(ctx, ref)) : ctx.world.allBots();
  for (const id of [...input.members, ...input.admins]) {
    if (!ctx.world.user(id) && !ctx.world.bot(id)) throw ControlError.notFound(`No user or bot ${id}`);
  }
  const chat = ctx.world.addGroup({ title: input.title, type: input.type, username: input.username });
  for (const id of input.members) chat.members.set(id, { status: 'member', isBot: false });
  for (const bot of bots) chat.members.set(bot.id, { status: 'member', isBot: true });
  for (const id of input.admins) {
    chat.members.set(id, {
      status: 'administrator',
      isBot: !!ctx.world.bot(id),
      rights: defaultAdminRights(chat.type),
    });
  }
  ctx.log.record({ type: 'world.changed', change: 'group.created', chatId: chat.id });
  return describeGroup(ctx, chat);
}

/** Someone joins (or changes rank in) a group: a join message, and member updates for the bots. */
export function addMember(ctx: EmulatorContext, chatId: number, raw: unknown) {
  const input = parseInput(addMemberSchema, raw);
  const chat = requireGroup(ctx, chatId);
  const who = memberObject(ctx, input.userId);
  const before = chat.members.get(input.userId);
  const after: MemberRecord = { status: input.status, isBot: who.is_bot };
  if (input.status === 'administrator') {
    after.rights = input.rights ? adminRights(chat.type, input.rights) : defaultAdminRights(chat.type);
  }
  chat.members.set(input.userId, after);
  const joined = before === undefined || before.status === 'left' || before.status === 'kicked';
  announceMemberChange(ctx, chat, who, before, after, input.by);
  // Channels show no "joined" line to anyone, bots included.
  const serviceMessage =
    joined && chat.type !== 'channel'
      ? postServiceMessage(ctx, chat, who, { new_chat_members: [who] }, input.by)
      : undefined;
  ctx.log.record({ type: 'world.changed', change: 'member.added', chatId: chat.id, userId: input.userId });
  return { group: describeGroup(ctx, chat), message: serviceMessage };
}

export function removeMember(ctx: EmulatorContext, chatId: number, memberId: number, raw: unknown) {
  const input = parseInput(removeMemberSchema, raw);
  const chat = requireGroup(ctx, chatId);
  const who = memberObject(ctx, memberId);
  const before = chat.members.get(memberId);
  if (!before || before.status === 'left' || before.status === 'kicked') {
    throw ControlError.conflict(`${memberId} is not a member of group ${chatId}`);
  }
  const after: MemberRecord = { status: input.ban ? 'kicked' : 'left', isBot: who.is_bot };
  chat.members.set(memberId, after);
  const message =
    chat.type === 'channel'
      ? undefined
      : postServiceMessage(ctx, chat, who, { left_chat_member: who }, input.by);
  announceMemberChange(ctx, chat, who, before, after, input.by);
  ctx.log.record({ type: 'world.changed', change: 'member.removed', chatId: chat.id, userId: memberId });
  return { group: describeGroup(ctx, chat), message };
}

/** The user blocks (or unblocks) a bot: the bot gets `my_chat_member`, and its messages to the user fail with 403. */
export function setBlocked(ctx: EmulatorContext, userId: number, raw: unknown, blocked: boolean) {
  const input = parseInput(blockSchema, raw);
  const user = requireUser(ctx, userId);
  const bot = requireBot(ctx, input.bot);
  if (user.blockedBots.has(bot.id) === blocked) return describeUser(user);
  if (blocked) user.blockedBots.add(bot.id);
  else user.blockedBots.delete(bot.id);
  if (user.startedBots.has(bot.id)) {
    const chat = ctx.world.privateChat(bot, user);
    const member = (status: Tg.ChatMemberStatus) =>
      chatMemberObject({ status, isBot: true }, botUserObject(bot), 'private');
    ctx.channels.enqueue(bot.id, {
      my_chat_member: {
        chat: chatView(ctx.world, chat),
        from: userObject(user),
        date: unixNow(),
        old_chat_member: member(blocked ? 'member' : 'kicked'),
        new_chat_member: member(blocked ? 'kicked' : 'member'),
      },
    });
  }
  ctx.log.record({
    type: 'world.changed',
    change: blocked ? 'bot.blocked' : 'bot.unblocked',
    userId,
    botId: bot.id,
  });
  return describeUser(user);
}

export function worldSnapshot(ctx: EmulatorContext) {
  return {
    bots: ctx.world.allBots().map(describeBot),
    users: ctx.world.allUsers().map(describeUser),
    groups: ctx.world.allGroups().map((chat) => describeGroup(ctx, chat)),
  };
}
