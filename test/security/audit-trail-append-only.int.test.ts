// The audit trail records only writes an admin made and that went through, and it can never be
// changed, through the API (any method) or in SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, json, openAdminApiWorld } from '../support/admin-api-world.ts';
import { type AuditRow, auditTrail } from './support/audit-trail.ts';
import { databaseFingerprint } from './support/database-fingerprint.ts';

let world: AdminApiWorld;
let alice: string;
let operator: string;

beforeAll(async () => {
  world = await openAdminApiWorld();
  await world.createAdmin('alice', 'admin');
  await world.createAdmin('carol', 'admin');
  await world.createAdmin('oscar', 'operator');
  alice = await world.signIn('alice');
  await world.signIn('carol');
  operator = await world.signIn('oscar');
});
afterAll(async () => {
  await world?.stop();
});

const { write, auditCount } = auditTrail(() => ({ world, alice }));

describe('the audit trail', () => {
  it('records nothing for writes without an admin, nor for refused writes', async () => {
    const before = await auditCount();
    const zed = await world.tandem.createPlayer('Zed');
    await world.tandem.engine.record({
      key: `tg-game-audit-${zed}`,
      playerId: zed,
      type: 'xp_change',
      source: 'telegram',
      xpDelta: 10,
      reason: 'game',
    });
    const scenario = await write(alice, 'POST', '/api/scenarios', { slug: 'faq', title: 'FAQ', text: 'Ask' });
    await write(alice, 'POST', '/api/menu_buttons', { label: 'FAQ', scenarioId: scenario.id });
    const counted = await auditCount();
    expect(counted).toBe(before + 2);

    const stale = await world.call(`/api/scenarios/${scenario.id}`, {
      method: 'PUT',
      cookie: alice,
      body: { title: 'Old', version: 7 },
    });
    expect(stale.status).toBe(409);
    // Refused by the foreign key: the reason still names the button, and nothing is recorded.
    const inUse = await world.call(`/api/scenarios/${scenario.id}`, { method: 'DELETE', cookie: alice });
    expect(inUse.status).toBe(409);
    expect((await json(inUse)).message).toContain('FAQ');
    expect(await auditCount()).toBe(counted);
  });

  it('cannot be changed or deleted through the API, by any method', async () => {
    const [latest] = (await json(
      await world.call('/api/audit?range=[0,0]', { cookie: alice }),
    )) as AuditRow[];
    const fingerprint = await databaseFingerprint(world.tandem.db.pool);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const path of ['/api/audit', `/api/audit/${latest!.id}`, '/api/audit/1/anything']) {
        for (const cookie of [alice, operator]) {
          const response = await world.call(path, {
            method,
            cookie,
            body: { action: 'forged', before: null },
          });
          expect([403, 405], `${method} ${path}`).toContain(response.status);
          expect((await json(response)).message).toMatch(/read-only|needs the admin role/);
        }
        const asAdmin = await world.call(path, { method, cookie: alice, body: {} });
        expect(asAdmin.status).toBe(405);
        expect(asAdmin.headers.get('allow')).toBe('GET, HEAD');
      }
    }
    expect(await databaseFingerprint(world.tandem.db.pool)).toEqual(fingerprint);
  });

  it('cannot be changed, deleted or truncated in SQL', async () => {
    const { pool } = world.tandem.db;
    await expect(pool.query(`UPDATE admin_audit SET admin_username = 'nobody'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(pool.query('DELETE FROM admin_audit')).rejects.toThrow(/append-only/);
    await expect(pool.query('TRUNCATE admin_audit')).rejects.toThrow(/append-only/);
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM admin_audit WHERE admin_username = 'nobody'`,
    );
    expect(rows[0]!.n).toBe(0);
  });
});
