import { afterEach, describe, expect, it } from 'vitest';
import { type AdminApiWorld, openAdminApiWorld } from '../../test/support/admin-api-world.ts';
import { nameAuditActor } from '../audit/audit-actor.ts';
import { inTransaction } from '../db/in-transaction.ts';

let world: AdminApiWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

type AuditRow = {
  admin_id: string;
  action: string;
  operation: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

async function auditOf(w: AdminApiWorld, entity: string): Promise<AuditRow[]> {
  const { rows } = await w.tandem.db.pool.query<AuditRow>(
    `SELECT admin_id, action, operation, entity_id, before, after FROM admin_audit
      WHERE entity = $1 ORDER BY id`,
    [entity],
  );
  return rows;
}

describe('the audit trail of seasons', () => {
  it("records an admin's creation, edit and deletion of a season, as it was and as it became", async () => {
    world = await openAdminApiWorld();
    const bossId = await world.createAdmin('boss');
    const cookie = await world.signIn('boss');
    const created = await world.call('/api/seasons', {
      method: 'POST',
      cookie,
      body: { name: 'Week', startsAt: '2026-12-07T00:00:00Z', recurrence: 'weekly' },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const renamed = await world.call(`/api/seasons/${id}`, {
      method: 'PUT',
      cookie,
      body: { name: 'Week one', version: 1 },
    });
    expect(renamed.status).toBe(200);
    const removed = await world.call(`/api/seasons/${id}?version=2`, { method: 'DELETE', cookie });
    expect(removed.status).toBeLessThan(300);

    const rows = await auditOf(world, 'seasons');
    expect(rows.map((r) => [r.action, r.operation, r.entity_id, r.admin_id])).toEqual([
      ['create', 'insert', String(id), bossId],
      ['update', 'update', String(id), bossId],
      ['delete', 'delete', String(id), bossId],
    ]);
    expect(rows[0]!.after).toMatchObject({ name: 'Week', recurrence: 'weekly' });
    expect(rows[1]!.before).toMatchObject({ name: 'Week', version: 1 });
    expect(rows[1]!.after).toMatchObject({ name: 'Week one', version: 2 });
    expect(rows[2]!.after).toBeNull();
  });

  it("records an admin's change of a season's results under the season, and not the close's own writes", async () => {
    world = await openAdminApiWorld();
    const bossId = await world.createAdmin('boss');
    const t = world.tandem;
    const player = await t.createPlayer('Winner');
    const season = await t.db.prisma.season.create({
      data: { name: 'Past', startsAt: new Date('2026-11-01'), endsAt: new Date('2026-11-08') },
    });
    // Written as a close writes it (a worker, no admin): not audited.
    await t.db.pool.query(
      `INSERT INTO season_results (season_id, place, player_id, xp_gained, role_refused_at, role_refusal)
       VALUES ($1, 1, $2, 40, now(), 'the member left')`,
      [season.id, player],
    );
    expect(await auditOf(world, 'season_results')).toEqual([]);
    expect(await auditOf(world, 'seasons')).toEqual([]);

    await inTransaction(t.db.pool, async (client) => {
      await nameAuditActor(client, { adminId: bossId, username: 'boss', action: 'retry' });
      await client.query(
        'UPDATE season_results SET role_refused_at = NULL, role_refusal = NULL WHERE season_id = $1',
        [season.id],
      );
    });
    const rows = await auditOf(world, 'season_results');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'retry', operation: 'update', entity_id: String(season.id) });
    expect(rows[0]!.before).toMatchObject({ place: 1, role_refusal: 'the member left' });
    expect(rows[0]!.after).toMatchObject({ place: 1, role_refusal: null });
  });
});
