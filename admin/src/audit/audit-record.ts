import type { RaRecord } from 'react-admin';

/** One row of the audit trail, as GET /api/audit answers it. */
export interface AuditRecord extends RaRecord {
  id: string;
  adminId: string;
  adminUsername: string;
  address: string | null;
  action: string;
  entity: string;
  entityId: string;
  operation: 'insert' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: string;
}

/** The resources the API audits, named as the panel names them. */
export const auditEntityChoices = [
  { id: 'players', name: 'Players' },
  { id: 'task_submissions', name: 'Task submissions' },
  { id: 'payouts', name: 'Payouts' },
  { id: 'sync_events', name: 'Sync events' },
  { id: 'ranks', name: 'Ranks' },
  { id: 'achievements', name: 'Achievements' },
  { id: 'settings', name: 'Earning rules' },
  { id: 'menu_buttons', name: 'Menu buttons' },
  { id: 'scenarios', name: 'Scenarios' },
  { id: 'tasks', name: 'Tasks' },
  { id: 'admins', name: 'Admins' },
];

export const auditActionChoices = [
  'create',
  'update',
  'delete',
  'rename',
  'adjust',
  'approve',
  'reject',
  'decline',
  'retry',
  'save',
].map((id) => ({ id, name: id }));

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * The fields an update changed, in the row's order. A created row lists every field with nothing
 * before it, a deleted one every field with nothing after it.
 */
export function changedFields(record: Pick<AuditRecord, 'before' | 'after'>): FieldChange[] {
  const before = record.before ?? {};
  const after = record.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}
