import type { AdminRole } from '../api/records.ts';

/**
 * Who may do what in the panel, mirroring the API's role guard: admins may do everything; operators
 * read everything except the admin accounts and the audit trail, and act on queues (retry sync events). The API checks the
 * role on every write anyway: hiding a button only spares a person a refusal.
 */
const readActions = new Set(['list', 'show', 'read', 'export']);

/** Actions operators may take beyond reading, per resource. */
const operatorActions: Record<string, ReadonlySet<string>> = {
  sync_events: new Set(['retry']),
  // A full reconcile audit: queue work, as a retry is.
  reconcile: new Set(['audit']),
};

export function roleCanAccess(role: AdminRole | undefined, action: string, resource: string): boolean {
  if (role === 'admin') return true;
  if (role !== 'operator') return false;
  // The audit trail shows every account's actions: admins only, like the accounts themselves.
  if (resource === 'admins' || resource === 'audit') return false;
  if (readActions.has(action)) return true;
  return operatorActions[resource]?.has(action) ?? false;
}
