import type { AuditLogEntryRecord } from '../world/types.ts';

/** An audit log entry object as GET /guilds/:id/audit-logs and the gateway carry it. */
export function auditLogEntryPayload(entry: AuditLogEntryRecord): Record<string, unknown> {
  return {
    id: entry.id,
    action_type: entry.actionType,
    user_id: entry.userId,
    target_id: entry.targetId,
    ...(entry.changes.length > 0 ? { changes: entry.changes } : {}),
    ...(entry.options ? { options: entry.options } : {}),
    ...(entry.reason !== null ? { reason: entry.reason } : {}),
  };
}
