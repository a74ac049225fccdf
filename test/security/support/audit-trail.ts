import { expect } from 'vitest';
import { type AdminApiWorld, json } from '../../support/admin-api-world.ts';

export interface AuditRow {
  id: string;
  adminId: string;
  adminUsername: string;
  address: string | null;
  action: string;
  entity: string;
  entityId: string;
  operation: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: string;
}

/** Writes and audit reads of the audit tests, on the world opened for the file and as admin `alice`. */
export function auditTrail(current: () => { world: AdminApiWorld; alice: string }) {
  /** Sends a write as `cookie` and expects it to succeed. */
  async function write(cookie: string, method: string, path: string, body: unknown = {}) {
    const response = await current().world.call(path, { method, cookie, body });
    const answer = await json(response);
    expect(response.status, `${method} ${path}: ${JSON.stringify(answer)}`).toBeLessThan(300);
    return answer;
  }

  /** The audit rows of one entity record, oldest first, as the API lists them. */
  async function auditOf(entity: string, entityId: string | number): Promise<AuditRow[]> {
    const filter = encodeURIComponent(JSON.stringify({ entity, entityId: String(entityId) }));
    const response = await current().world.call(
      `/api/audit?filter=${filter}&sort=${encodeURIComponent('["id","ASC"]')}`,
      {
        cookie: current().alice,
      },
    );
    expect(response.status).toBe(200);
    return json(response);
  }

  async function auditCount(): Promise<number> {
    const { rows } = await current().world.tandem.db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM admin_audit',
    );
    return rows[0]!.n;
  }

  return { write, auditOf, auditCount };
}
