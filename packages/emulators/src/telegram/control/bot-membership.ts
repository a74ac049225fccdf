import type { EmulatorContext } from '../context.ts';
import { ControlError } from '../errors.ts';
import { adminRights, defaultAdminRights, grantsAnything } from '../world/admin-rights.ts';
import type { ChatRecord, MemberRecord } from '../world/records.ts';
import { actorFor, announceMemberChange, memberObject, postServiceMessage } from './member-changes.ts';
import { requireGroup } from './places.ts';
import {
  demoteMemberSchema,
  migrateGroupSchema,
  parseInput,
  promoteMemberSchema,
  renameGroupSchema,
} from './schemas.ts';
import { describeGroup } from './world-control.ts';

/**
 * What administrators do to a chat and its members after it exists: promote and demote (the bot
 * hears about its own rank in `my_chat_member`), rename (a `new_chat_title` service message) and
 * upgrade a basic group to a supergroup (`migrate_to_chat_id` / `migrate_from_chat_id`).
 */

export function promoteMember(ctx: EmulatorContext, chatId: number, memberId: number, raw: unknown) {
  const input = parseInput(promoteMemberSchema, raw);
  const chat = requireGroup(ctx, chatId);
  const before = presentMember(chat, memberId);
  if (before.status === 'creator') throw ControlError.conflict(`${memberId} owns group ${chatId}`);
  const rights = input.rights ? adminRights(chat.type, input.rights) : defaultAdminRights(chat.type);
  if (!grantsAnything(rights)) {
    throw ControlError.invalid('Grant at least one right, or demote the administrator instead');
  }
  // A title survives a change of rights; the promoter is now a person, so no bot may edit them.
  const after: MemberRecord = {
    status: 'administrator',
    isBot: before.isBot,
    rights,
    ...(before.status === 'administrator' && before.customTitle ? { customTitle: before.customTitle } : {}),
  };
  chat.members.set(memberId, after);
  announceMemberChange(ctx, chat, memberObject(ctx, memberId), before, after, input.by);
  ctx.log.record({ type: 'world.changed', change: 'member.promoted', chatId: chat.id, userId: memberId });
  return describeGroup(ctx, chat);
}

export function demoteMember(ctx: EmulatorContext, chatId: number, memberId: number, raw: unknown) {
  const input = parseInput(demoteMemberSchema, raw);
  const chat = requireGroup(ctx, chatId);
  const before = presentMember(chat, memberId);
  if (before.status !== 'administrator') {
    throw ControlError.conflict(`${memberId} is not an administrator of group ${chatId}`);
  }
  const after: MemberRecord = { status: 'member', isBot: before.isBot };
  chat.members.set(memberId, after);
  announceMemberChange(ctx, chat, memberObject(ctx, memberId), before, after, input.by);
  ctx.log.record({ type: 'world.changed', change: 'member.demoted', chatId: chat.id, userId: memberId });
  return describeGroup(ctx, chat);
}

/** A new title; groups show it as a service message, channels change silently (no channel posts here). */
export function renameGroup(ctx: EmulatorContext, chatId: number, raw: unknown) {
  const input = parseInput(renameGroupSchema, raw);
  const chat = requireGroup(ctx, chatId);
  chat.title = input.title;
  const message =
    chat.type === 'channel'
      ? undefined
      : postServiceMessage(ctx, chat, actor(ctx, chat, input.by), {
          new_chat_title: input.title,
        });
  ctx.log.record({ type: 'world.changed', change: 'group.renamed', chatId: chat.id });
  return { group: describeGroup(ctx, chat), message };
}

/**
 * Telegram's upgrade of a basic group: a new supergroup (new id) takes the title and members; the
 * old group says `migrate_to_chat_id`, the new one `migrate_from_chat_id`, and calls to the old id
 * fail with "group chat was upgraded to a supergroup chat".
 */
export function migrateGroup(ctx: EmulatorContext, chatId: number, raw: unknown) {
  const input = parseInput(migrateGroupSchema, raw);
  const group = requireGroup(ctx, chatId);
  if (group.type !== 'group')
    throw ControlError.conflict(`Only basic groups are upgraded; ${chatId} is a ${group.type}`);
  if (group.migratedTo !== undefined)
    throw ControlError.conflict(`Group ${chatId} was upgraded already, to ${group.migratedTo}`);
  const from = actor(ctx, group, input.by);
  const supergroup = ctx.world.addGroup({ title: group.title ?? 'Supergroup', type: 'supergroup' });
  postServiceMessage(ctx, group, from, { migrate_to_chat_id: supergroup.id });
  for (const [id, member] of group.members) supergroup.members.set(id, { ...member });
  group.migratedTo = supergroup.id;
  postServiceMessage(ctx, supergroup, from, { migrate_from_chat_id: group.id });
  ctx.log.record({ type: 'world.changed', change: 'group.migrated', chatId: group.id });
  return { group: describeGroup(ctx, group), supergroup: describeGroup(ctx, supergroup) };
}

function presentMember(chat: ChatRecord, memberId: number): MemberRecord {
  const member = chat.members.get(memberId);
  if (!member || member.status === 'left' || member.status === 'kicked') {
    throw ControlError.conflict(`${memberId} is not a member of group ${chat.id}; add them first`);
  }
  return member;
}

/** Who renames or upgrades: `by`, else the first human administrator; a group without one cannot. */
function actor(ctx: EmulatorContext, chat: ChatRecord, by: number | undefined) {
  if (by !== undefined) return actorFor(ctx, chat, memberObject(ctx, by), by);
  for (const [id, member] of chat.members) {
    const user = !member.isBot && (member.status === 'administrator' || member.status === 'creator');
    if (user && ctx.world.user(id)) return memberObject(ctx, id);
  }
  throw ControlError.conflict(`Group ${chat.id} has no human administrator; name one with "by"`);
}
