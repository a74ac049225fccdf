import { describe, expect, it } from 'vitest';
import { restore, useReconcileWorld } from '../../../../test/support/reconcile-world.ts';
import { openResourcesTestApp } from '../../../../test/support/resources-test-app.ts';
import { openTestTandem } from '../../../../test/support/services.ts';
import { waitFor } from '../../../../test/support/wait-for.ts';
import { operatorMay } from '../../../admin-api/auth/require-role.ts';
import { AuditRunningError, auditNextPage, latestAudit, resumeQuietAudit, startAudit } from './audit.ts';
import { reconcile } from './reconcile.ts';

const world = useReconcileWorld();

/** Players with one message row each, in id order. */
async function players(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const playerId = await world.tandem.createPlayer(`P${i}`);
    await world.tandem.engine.record({
      key: `dc-msg-1-${playerId}`,
      playerId,
      type: 'xp_change',
      source: 'discord',
      xpDelta: 10 + i,
      reason: 'message',
    });
    ids.push(playerId);
  }
  return ids.sort();
}

describe('reconcile: full audit', () => {
  it('walks every player in pages, survives losing its job after a page, and finds drift on the last page', async () => {
    world.tandem = await openTestTandem();
    const ids = await players(5);
    // Checked and checkpointed: the scheduled run would not look at them again.
    await reconcile(world.tandem, restore);
    // The last player's totals drift with no change at all; the incremental run cannot see it.
    const last = ids.at(-1)!;
    const { xp } = await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: last } });
    for (const table of ['players', 'reconcile_checkpoints']) {
      await world.tandem.db.pool.query(
        `UPDATE ${table} SET xp = xp + 100, balance = 5 WHERE ${table === 'players' ? 'id' : 'player_id'} = $1`,
        [last],
      );
    }
    expect(await reconcile(world.tandem, restore)).toMatchObject({ totalsChecked: 0, totalsFixed: 0 });

    const started = await startAudit(world.tandem, { requestedBy: 'alice', pageSize: 2 });
    expect(started).toMatchObject({ pages: 0, afterPlayerId: null, finishedAt: null, requestedBy: 'alice' });
    await expect(startAudit(world.tandem, { requestedBy: 'bob' })).rejects.toBeInstanceOf(AuditRunningError);

    const first = await auditNextPage(world.tandem);
    expect(first).toMatchObject({ pages: 1, playersChecked: 2, afterPlayerId: ids[1], finishedAt: null });
    // The process dies here: its queued jobs are lost with Redis.
    await world.tandem.queues.maintenance.drain(true);
    expect(await resumeQuietAudit(world.tandem, 60_000)).toBe(false);
    expect(await resumeQuietAudit(world.tandem, 0)).toBe(true);
    world.tandem.startWorkers();
    await waitFor(
      async () => (await latestAudit(world.tandem.db.pool))?.finishedAt != null,
      'audit finished',
    );

    const audit = await latestAudit(world.tandem.db.pool);
    expect(audit).toMatchObject({
      id: started.id,
      pages: 3,
      playersChecked: 5,
      totalsFixed: 1,
      chainBreaks: 0,
      errors: 0,
      found: 1,
      afterPlayerId: last,
      findings: [
        {
          kind: 'totals',
          playerId: last,
          expected: { xp, balance: 0 },
          actual: { xp: xp + 100, balance: 5 },
        },
      ],
    });
    const player = await world.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: last } });
    expect(player).toMatchObject({ xp, balance: 0 });
    const checkpoint = await world.tandem.db.prisma.reconcileCheckpoint.findUniqueOrThrow({
      where: { playerId: last },
    });
    expect(checkpoint).toMatchObject({ xp, balance: 0, ownMessages: 1, messages: 1 });
    // Finished: a later page job finds nothing to do, and a new audit may start.
    expect(await auditNextPage(world.tandem)).toBeNull();
    expect((await startAudit(world.tandem, { requestedBy: 'bob' })).id).toBe(started.id + 1);
  });

  it('is started and watched through the admin API; operators may start it', async () => {
    const api = await openResourcesTestApp({ role: 'operator' });
    try {
      world.tandem = api.tandem;
      await players(3);
      expect((await api.request('GET', '/reconcile/audit')).body).toEqual({ data: null });
      const bad = await api.request<{ errors: Record<string, string> }>('POST', '/reconcile/audit', {
        pageSize: 'lots',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.pageSize).toBe('must be a number of players');
      expect((await api.request('POST', '/reconcile/audit', { pageSize: 0 })).status).toBe(400);

      const started = await api.request<{ data: { id: number; pageSize: number } }>(
        'POST',
        '/reconcile/audit',
        { pageSize: 2 },
      );
      expect(started.status).toBe(202);
      expect(started.body.data).toMatchObject({ pageSize: 2, requestedBy: 'alice', pages: 0 });
      expect((await api.request('POST', '/reconcile/audit', {})).status).toBe(409);

      api.tandem.startWorkers();
      await waitFor(async () => {
        const answer = await api.request<{ data: { finishedAt: string | null } }>('GET', '/reconcile/audit');
        return answer.body.data.finishedAt !== null;
      }, 'audit finished');
      const done = await api.request('GET', '/reconcile/audit');
      expect(done.body).toMatchObject({
        data: {
          id: started.body.data.id,
          pages: 2,
          playersChecked: 3,
          totalsFixed: 0,
          found: 0,
          findings: [],
        },
      });
      expect(operatorMay({ method: 'POST', path: '/reconcile/audit' })).toBe(true);
      expect(operatorMay({ method: 'DELETE', path: '/reconcile/audit' })).toBe(false);
    } finally {
      world.tandem = undefined as never;
      await api.close();
    }
  });
});
