import { auditLogEntryPayload } from '../payloads/audit-log.ts';
import { hasPermission, Permission } from '../world/permissions.ts';
import type { AuditLogChange, AuditLogEntryRecord, GuildRecord } from '../world/types.ts';
import type { EmulatorContext } from './context.ts';

/** Audit log event types recorded here (https://discord.com/developers/docs/resources/audit-log#audit-log-entry-object-audit-log-events). */
export const AuditLogEvent = {
  ChannelCreate: 10,
  ChannelUpdate: 11,
  ChannelDelete: 12,
  MemberKick: 20,
  MemberBanAdd: 22,
  MemberBanRemove: 23,
  MemberUpdate: 24,
  MemberRoleUpdate: 25,
  RoleCreate: 30,
  RoleUpdate: 31,
  RoleDelete: 32,
  WebhookCreate: 50,
  WebhookUpdate: 51,
  WebhookDelete: 52,
  MessagePin: 74,
  MessageUnpin: 75,
  ThreadCreate: 110,
  ThreadUpdate: 111,
  ThreadDelete: 112,
} as const;

/** Who did it, as member-update's ChangeActor names them (declared here so neither file imports the other). */
export interface AuditActor {
  userId: string | null;
  reason: string | null;
}

export interface AuditLogEntryInput {
  actionType: number;
  targetId: string | null;
  changes?: AuditLogChange[];
  options?: Record<string, string>;
}

/**
 * The changes between two views of an object, one entry per key whose value differs (compared
 * as JSON); keys only in `after` are additions, only in `before` removals, as Discord lists them.
 */
export function diffChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditLogChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: AuditLogChange[] = [];
  for (const key of keys) {
    if (key === 'id') continue;
    const oldValue = before?.[key];
    const newValue = after?.[key];
    if (JSON.stringify(oldValue) === JSON.stringify(newValue)) continue;
    changes.push({
      key,
      ...(oldValue !== undefined ? { old_value: oldValue } : {}),
      ...(newValue !== undefined ? { new_value: newValue } : {}),
    });
  }
  return changes;
}

/**
 * Records what `actor` did in the guild (without an actor, a server admin did it in Server
 * Settings: the owner) and sends GUILD_AUDIT_LOG_ENTRY_CREATE to the guild's bots that may view
 * the audit log (Discord sends it only to them, under the GuildModeration intent).
 */
export function recordAuditEntry(
  ctx: EmulatorContext,
  guild: GuildRecord,
  input: AuditLogEntryInput,
  actor?: AuditActor | null,
): AuditLogEntryRecord {
  const entry: AuditLogEntryRecord = {
    id: ctx.ids.next(),
    guildId: guild.id,
    actionType: input.actionType,
    userId: actor ? actor.userId : guild.ownerId,
    targetId: input.targetId,
    changes: input.changes ?? [],
    options: input.options ?? null,
    reason: actor?.reason ?? null,
  };
  ctx.world.auditLog.push(entry);
  for (const member of guild.members.values()) {
    if (!ctx.world.users.get(member.userId)?.bot) continue;
    if (!hasPermission(guild, member.userId, Permission.ViewAuditLog)) continue;
    ctx.events.dispatch({
      event: 'GUILD_AUDIT_LOG_ENTRY_CREATE',
      audience: { botUserId: member.userId, guildId: guild.id },
      data: { ...auditLogEntryPayload(entry), guild_id: guild.id },
    });
  }
  return entry;
}
