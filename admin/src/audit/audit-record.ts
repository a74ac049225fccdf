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
  { id: 'players', name: 'tandem.choices.auditEntity.players' },
  { id: 'task_submissions', name: 'tandem.choices.auditEntity.task_submissions' },
  { id: 'payouts', name: 'tandem.choices.auditEntity.payouts' },
  { id: 'sync_events', name: 'tandem.choices.auditEntity.sync_events' },
  { id: 'ranks', name: 'tandem.choices.auditEntity.ranks' },
  { id: 'achievements', name: 'tandem.choices.auditEntity.achievements' },
  { id: 'settings', name: 'tandem.choices.auditEntity.settings' },
  { id: 'menu_buttons', name: 'tandem.choices.auditEntity.menu_buttons' },
  { id: 'scenarios', name: 'tandem.choices.auditEntity.scenarios' },
  { id: 'tasks', name: 'tandem.choices.auditEntity.tasks' },
  { id: 'admins', name: 'tandem.choices.auditEntity.admins' },
  { id: 'text_overrides', name: 'tandem.choices.auditEntity.text_overrides' },
  { id: 'boosts', name: 'tandem.choices.auditEntity.boosts' },
  { id: 'seasons', name: 'tandem.choices.auditEntity.seasons' },
  { id: 'season_results', name: 'tandem.choices.auditEntity.season_results' },
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
  'reset',
].map((id) => ({ id, name: `tandem.choices.auditAction.${id}` }));

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
