import { UnrecoverableError, Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../../../test/support/fake-ports.ts';
import { restore, useReconcileWorld } from '../../../../test/support/reconcile-world.ts';
import { economyChangeSchema } from '../../../ledger/event-schemas.ts';
import { recordLedgerChange } from '../../../ledger/record-ledger-change.ts';
import { queueNames } from '../../queues.ts';
import { reconcile } from './reconcile.ts';

const world = useReconcileWorld();
const { openCommunity, findingsOf } = world;

describe('reconcile: stuck events', () => {
  it('hands back events left processing, whether their job is gone or failed, and they complete once', async () => {
    await openCommunity(new FakeDiscord(), { workers: false });
    const playerId = await world.tandem.createPlayer();
    const change = (n: number) =>
      economyChangeSchema.parse({
        key: `tg-game-${n}-${playerId}`,
        playerId,
        type: 'reward_grant',
        source: 'telegram',
        xpDelta: 10,
        coinDelta: 5,
        reason: 'game_win',
      });
    // 1: recorded, then the process died before enqueueing it and after marking it processing.
    const lost = await recordLedgerChange(world.tandem.db.pool, change(1));
    // 2: its job failed in BullMQ (a worker that died on it twice) without the event being told.
    const failed = await world.tandem.engine.record(change(2));
    const doomed = new Worker(
      queueNames.economy,
      async () => {
        throw new UnrecoverableError('job stalled more than allowable limit');
      },
      { connection: world.tandem.workerRedis, prefix: world.tandem.prefix },
    );
    await new Promise((resolve) => doomed.on('failed', resolve));
    await doomed.close();
    expect(await (await world.tandem.queues.economy.getJob(failed.key))!.getState()).toBe('failed');
    await world.tandem.db.pool.query(
      `UPDATE sync_events SET status = 'processing', updated_at = now() - interval '1 hour' WHERE id = ANY($1::uuid[])`,
      [[lost.eventId, failed.eventId]],
    );
    // 3: queued a moment ago: not stuck, left to its job.
    const fresh = await world.tandem.engine.record(change(3));

    const report = await reconcile(world.tandem, { ...restore, stuckAfterMs: 60_000 });

    expect(report).toMatchObject({ eventsRequeued: 2, errors: 0 });
    const stuck = (await findingsOf(report.runId)).filter((f) => f.kind === 'stuck');
    expect(stuck).toEqual(
      expect.arrayContaining([
        { kind: 'stuck', eventId: lost.eventId, key: lost.key, status: 'processing', action: 'enqueued' },
        { kind: 'stuck', eventId: failed.eventId, key: failed.key, status: 'processing', action: 'retried' },
      ]),
    );
    expect(stuck).toHaveLength(2);

    world.tandem.startWorkers();
    await world.tandem.settle();
    const events = await world.tandem.db.prisma.syncEvent.findMany({
      where: { id: { in: [lost.eventId, failed.eventId, fresh.eventId] } },
    });
    for (const event of events) expect(event).toMatchObject({ status: 'completed', attempts: 1 });
    // Each change applied once (the first game also unlocked an achievement and its reward).
    expect(
      await world.tandem.db.prisma.ledgerEntry.count({
        where: { idempotencyKey: { startsWith: 'tg-game-' } },
      }),
    ).toBe(3);
    expect(await reconcile(world.tandem, { ...restore, stuckAfterMs: 60_000 })).toMatchObject({
      eventsRequeued: 0,
      totalsFixed: 0,
    });
  });
});
