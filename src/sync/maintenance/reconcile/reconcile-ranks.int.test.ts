import { describe, expect, it } from 'vitest';
import { restore, useReconcileWorld } from '../../../../test/support/reconcile-world.ts';
import { reconcile } from './reconcile.ts';

const world = useReconcileWorld();
const { openCommunity, linkedPlayer, findingsOf } = world;

describe('reconcile: ranks', () => {
  it('records the rank change a player missed, through the normal queue', async () => {
    const { discord, telegram, ranks } = await openCommunity();
    const playerId = await linkedPlayer('1001', ranks[1]!.minXp + 10);
    await world.tandem.settle();
    expect(discord.rolesOf('1001')).toEqual(['901']);
    // As if the rank change of the last event had been lost.
    await world.tandem.db.pool.query('UPDATE sync_states SET last_rank_id = $2 WHERE player_id = $1', [
      playerId,
      ranks[0]!.id,
    ]);

    const report = await reconcile(world.tandem, restore);
    expect(report).toMatchObject({ ranksRederived: 1, roleDrifts: 0, errors: 0 });
    expect(await findingsOf(report.runId)).toEqual([
      { kind: 'rank', playerId, expectedRankId: ranks[1]!.id, actualRankId: ranks[0]!.id },
    ]);
    await world.tandem.settle();
    const state = await world.tandem.db.prisma.syncState.findUniqueOrThrow({ where: { playerId } });
    expect(state.lastRankId).toBe(ranks[1]!.id);
    expect(discord.rolesOf('1001')).toEqual(['901']);
    const event = await world.tandem.db.prisma.syncEvent.findFirstOrThrow({
      where: { type: 'rank_change', idempotencyKey: { startsWith: 'sys-rank-' }, status: 'completed' },
      orderBy: { createdAt: 'desc' },
    });
    expect(event.payload).toMatchObject({
      fromRankId: ranks[0]!.id,
      toRankId: ranks[1]!.id,
      direction: 'up',
    });
    expect(telegram.messages.filter((m) => m.text.includes(`now ${ranks[1]!.name}`))).toHaveLength(1);
  });
});
