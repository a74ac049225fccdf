import { memberPayload } from '../payloads/guild.ts';
import { discordTimestamp } from '../payloads/timestamp.ts';
import type { GuildRecord, MemberRecord, RoleChangeRecord } from '../world/types.ts';
import { type AuditLogEntryInput, AuditLogEvent, recordAuditEntry } from './audit-log.ts';
import type { EmulatorContext } from './context.ts';

export interface MemberChange {
  addRoles?: readonly string[];
  removeRoles?: readonly string[];
  /** The whole role list at once (PATCH member `roles`); wins over add/remove. */
  roles?: readonly string[];
  nick?: string | null;
  mute?: boolean;
  deaf?: boolean;
  communicationDisabledUntil?: number | null;
}

/** Who changed a member, for the role-change record (Discord's audit log). */
export interface ChangeActor {
  userId: string | null;
  kind: 'bot' | 'moderator';
  reason: string | null;
}

export interface MemberUpdateResult {
  member: MemberRecord;
  added: string[];
  removed: string[];
  changed: boolean;
}

/**
 * Applies a change to a member and, when anything changed, dispatches GUILD_MEMBER_UPDATE to
 * the guild's bots (Discord echoes REST role edits this way). Roles must exist; permission
 * checks are the caller's (a moderator through the control API is not checked).
 */
export function updateMember(
  ctx: EmulatorContext,
  guild: GuildRecord,
  userId: string,
  change: MemberChange,
  actor: ChangeActor,
): MemberUpdateResult {
  const member = ctx.world.requireMember(guild, userId);
  const user = ctx.world.requireUser(userId);
  for (const roleId of [...(change.roles ?? []), ...(change.addRoles ?? []), ...(change.removeRoles ?? [])]) {
    ctx.world.requireRole(guild, roleId);
  }
  const before = new Set(member.roles);
  const fieldsBefore = memberAuditView(member);
  let after: string[];
  if (change.roles) after = [...new Set(change.roles)].filter((id) => id !== guild.id);
  else {
    const remove = new Set(change.removeRoles ?? []);
    after = [...member.roles, ...(change.addRoles ?? [])].filter(
      (id, i, all) => all.indexOf(id) === i && !remove.has(id),
    );
  }
  const added = after.filter((id) => !before.has(id));
  const removed = [...before].filter((id) => !after.includes(id));

  let changed = added.length > 0 || removed.length > 0;
  member.roles = after;
  if (change.nick !== undefined && change.nick !== member.nick) {
    member.nick = change.nick;
    changed = true;
  }
  if (change.mute !== undefined && change.mute !== member.mute) {
    member.mute = change.mute;
    changed = true;
  }
  if (change.deaf !== undefined && change.deaf !== member.deaf) {
    member.deaf = change.deaf;
    changed = true;
  }
  if (
    change.communicationDisabledUntil !== undefined &&
    change.communicationDisabledUntil !== member.communicationDisabledUntil
  ) {
    member.communicationDisabledUntil = change.communicationDisabledUntil;
    changed = true;
  }

  const at = ctx.now();
  const records: RoleChangeRecord[] = [
    ...added.map((roleId) => ({ roleId, action: 'add' as const })),
    ...removed.map((roleId) => ({ roleId, action: 'remove' as const })),
  ].map(({ roleId, action }) => ({
    id: ctx.ids.next(),
    guildId: guild.id,
    userId,
    roleId,
    action,
    actorId: actor.userId,
    actorKind: actor.kind,
    reason: actor.reason,
    at,
  }));
  ctx.world.roleChanges.push(...records);
  for (const record of records) ctx.events.record('member.role', { change: roleChangeView(record) });

  for (const entry of auditEntries(guild, userId, added, removed, fieldsBefore, memberAuditView(member)))
    recordAuditEntry(ctx, guild, entry, actor);

  if (changed) {
    ctx.events.dispatch({
      event: 'GUILD_MEMBER_UPDATE',
      audience: { guildId: guild.id },
      data: { guild_id: guild.id, ...memberPayload(member, user) },
    });
    ctx.events.record('member.updated', { guildId: guild.id, member: memberPayload(member, user), actor });
  }
  return { member, added, removed, changed };
}

export function roleChangeView(record: RoleChangeRecord): Record<string, unknown> {
  return { ...record, at: new Date(record.at).toISOString() };
}

/** The member fields MEMBER_UPDATE audit entries track. */
function memberAuditView(member: MemberRecord): Record<string, unknown> {
  return {
    nick: member.nick,
    mute: member.mute,
    deaf: member.deaf,
    communication_disabled_until:
      member.communicationDisabledUntil === null ? null : discordTimestamp(member.communicationDisabledUntil),
  };
}

/**
 * What the audit log shows for a member change: MEMBER_ROLE_UPDATE with `$add` / `$remove`
 * (partial roles), and MEMBER_UPDATE for nickname, voice mute/deafen and timeout.
 */
function auditEntries(
  guild: GuildRecord,
  userId: string,
  added: string[],
  removed: string[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): AuditLogEntryInput[] {
  const entries: AuditLogEntryInput[] = [];
  const partial = (ids: string[]) => ids.map((id) => ({ id, name: guild.roles.get(id)?.name ?? '' }));
  if (added.length > 0 || removed.length > 0) {
    entries.push({
      actionType: AuditLogEvent.MemberRoleUpdate,
      targetId: userId,
      changes: [
        ...(added.length > 0 ? [{ key: '$add', new_value: partial(added) }] : []),
        ...(removed.length > 0 ? [{ key: '$remove', new_value: partial(removed) }] : []),
      ],
    });
  }
  const changes = Object.keys(after)
    .filter((key) => before[key] !== after[key])
    .map((key) => ({ key, old_value: before[key], new_value: after[key] }));
  if (changes.length > 0) entries.push({ actionType: AuditLogEvent.MemberUpdate, targetId: userId, changes });
  return entries;
}
